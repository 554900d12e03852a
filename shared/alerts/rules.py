"""Per-tenant alert rules (``tenants/{t}/settings/alerts``), with defaults a merchant would expect."""

from __future__ import annotations

from pydantic import BaseModel, Field

from shared.ports import DocumentStore
from shared.store.documents.settings import SettingsDoc, read_settings

RULE_NAMES = (
    "competitor_undercut", "competitor_price_move", "map_violation", "stockout_risk", "overstock",
    "sentiment_drop", "fake_review_spike", "ingestion_failing", "forecast_drift", "competitor_out_of_stock",
)


class AlertRules(BaseModel):
    """Thresholds; every "on" threshold has an "off" band below it (hysteresis) so values near it do not flap."""

    enabled: list[str] = Field(default_factory=lambda: list(RULE_NAMES))
    undercut_pct: float = Field(5.0, gt=0, description="Competitor cheaper than us by more than this (%).")
    price_move_pct: float = Field(5.0, gt=0, description="Competitor price moved by more than this (%).")
    oos_confirm_observations: int = Field(  # competitor_out_of_stock
        2, ge=1, description="Consecutive out-of-stock (in-stock) observations to fire (clear) the rule.")
    hysteresis_ratio: float = Field(0.6, gt=0, lt=1, description="Clear when the value falls below on x ratio.")
    default_lead_time_days: int = Field(14, ge=0)
    overstock_days: float = Field(180.0, gt=0)
    sales_window_days: int = Field(28, ge=7)
    sentiment_drop_stars: float = Field(0.5, gt=0)
    sentiment_min_reviews: int = Field(5, ge=1)
    fake_review_score: float = Field(0.7, gt=0, le=1)
    fake_spike_min: int = Field(3, ge=1)
    fake_spike_ratio: float = Field(3.0, gt=1)
    ingestion_failures: int = Field(3, ge=1)
    forecast_drift_pct: float = Field(10.0, gt=0)
    daily_cap_per_rule: int = Field(20, ge=1, description="Notifications per rule per day; more are kept, not sent.")


def load_rules(documents: DocumentStore, tenant: str) -> AlertRules:
    """The tenant's rules, or the defaults."""
    doc = read_settings(documents, tenant, SettingsDoc.ALERT_RULES)
    return AlertRules() if doc is None else AlertRules.model_validate(doc)
