"""Reading and replacing a tenant's alert rules over HTTP (``GET/PUT /v1/alert-rules``, the console's Alerts page)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import ConfigDict, Field, field_validator

from shared.alerts.rules import RULE_NAMES, AlertRules, load_rules
from shared.audit.log import changed_fields, record_audit
from shared.deps import Deps
from shared.store.documents.settings import SettingsDoc, write_settings

RuleName = Literal[
    "competitor_undercut", "competitor_price_move", "map_violation", "stockout_risk", "overstock",
    "sentiment_drop", "fake_review_spike", "ingestion_failing", "forecast_drift", "competitor_out_of_stock",
]


class AlertRulesIn(AlertRules):
    """The rules as an admin sends them: every field known, only known rule names enabled."""

    model_config = ConfigDict(extra="forbid", strict=True)  # JSON types must match: no false for 0

    enabled: list[RuleName] = Field(  # type: ignore[assignment]
        default_factory=lambda: list(get_args(RuleName)), max_length=20)

    @field_validator("enabled")
    @classmethod
    def _ordered(cls, names: list[str]) -> list[str]:
        return [n for n in RULE_NAMES if n in names]


def rules_view(deps: Deps, tenant_id: str) -> AlertRules:
    """The tenant's rules (the defaults until an admin changes them)."""
    return load_rules(deps.documents, tenant_id)


def replace_rules(deps: Deps, tenant_id: str, actor: str, body: AlertRulesIn) -> AlertRules:
    """Store ``body`` as the tenant's rules (read by the next alerts run) and audit what changed."""
    before = load_rules(deps.documents, tenant_id).model_dump()
    after = AlertRules.model_validate(body.model_dump())
    new = after.model_dump()
    write_settings(deps.documents, tenant_id, SettingsDoc.ALERT_RULES, new)
    record_audit(deps, tenant_id, actor, "settings.alert_rules_updated", "alert_rules", changed_fields(before, new))
    return after
