"""Tunable knobs of the pricing analysis, with the defaults documented in ``docs/pricing.md``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class PricingOptions(BaseModel):
    """Thresholds and constraints; callers override them via ``AgentRequest.options`` or CLI flags."""

    model_config = ConfigDict(extra="ignore")

    move_threshold: float = Field(default=0.05, gt=0, lt=1, description="Competitor move that alerts (fraction).")
    promo_min_depth: float = Field(default=0.10, gt=0, lt=1, description="Drop below regular price = promotion.")
    promo_window: int = Field(default=28, ge=3, le=365, description="Observations in the regular-price median.")
    max_step: float = Field(default=0.10, gt=0, le=1, description="Largest price change per step (fraction).")
    margin_floor: float = Field(default=0.10, ge=0, lt=1, description="Minimum gross margin on price.")
    include_shipping: bool = Field(default=False, description="Compare shipping-inclusive prices.")
    our_shipping: float = Field(default=0.0, ge=0, description="Our shipping charge, when shipping-inclusive.")
    target_index: float = Field(default=100.0, gt=0, description="Rule target: price index vs median competitor.")
    hold_band: float = Field(default=0.02, ge=0, lt=1, description="No rule change within this of the target.")
    min_elasticity_obs: int = Field(default=8, ge=3, description="Days of sales needed for an elasticity fit.")
    min_price_cv: float = Field(default=0.02, ge=0, description="Price variation needed for an elasticity fit.")
    interval_level: float = Field(default=0.90, gt=0.5, lt=1, description="Confidence level of intervals.")
    match_review_threshold: float = Field(default=0.80, gt=0, le=1, description="Fuzzy matches below: review.")
    freshness_half_life_days: float = Field(default=14.0, gt=0)
    max_findings: int = Field(default=50, ge=1, le=10_000)
    max_rows: int = Field(default=1000, ge=1, le=1_000_000, description="Rows per table in the result data.")

    @classmethod
    def from_request(cls, options: dict[str, Any]) -> PricingOptions:
        """Options from an ``AgentRequest.options`` dict (unknown keys ignored)."""
        return cls.model_validate(options or {})
