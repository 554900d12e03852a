"""Orchestration knobs, read from the environment (prefix ``ECOMINTEL_``) next to the shared settings."""

from __future__ import annotations

import os
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class OrchestrationSettings(BaseSettings):
    """Time budgets, deadlines, LLM token budget and cache freshness limits.

    Cached per snapshot of the ``ECOMINTEL_`` environment, so tests that change it get fresh values.
    """

    model_config = SettingsConfigDict(env_prefix="ECOMINTEL_", extra="ignore")

    query_budget_seconds: float = Field(default=8.0, gt=0, description="Quick mode: wall time for all agents.")
    job_deadline_seconds: float = Field(default=300.0, gt=0, description="Deep mode: assemble what is in after.")
    llm_token_budget: int = Field(default=2_000_000, ge=0, description="LLM tokens per tenant per month.")
    llm_budget_warning_ratio: float = Field(default=0.8, gt=0, le=1)
    llm_retry_attempts: int = Field(default=3, ge=1, le=10)
    freshness_prices_seconds: int = 3600
    freshness_reviews_seconds: int = 24 * 3600
    freshness_forecasts_seconds: int = 12 * 3600


def orchestration_settings() -> OrchestrationSettings:
    """Current orchestration settings (rebuilt only when an ``ECOMINTEL_`` variable changed)."""
    snapshot = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("ECOMINTEL_")))
    return _settings_for(snapshot)


@lru_cache(maxsize=8)
def _settings_for(snapshot: tuple[tuple[str, str], ...]) -> OrchestrationSettings:
    return OrchestrationSettings()
