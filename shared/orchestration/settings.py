"""Orchestration knobs, read from the environment (prefix ``ECOMINTEL_``) next to the shared settings."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class OrchestrationSettings(BaseSettings):
    """Time budgets, deadlines, LLM token budget and cache freshness limits.

    Not cached: it is cheap to build and tests change the environment between cases.
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
    """Current orchestration settings."""
    return OrchestrationSettings()
