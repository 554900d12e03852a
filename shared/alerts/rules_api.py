"""Reading and replacing a tenant's alert rules over HTTP (``GET/PUT /v1/alert-rules``, the console's Alerts page)."""

from __future__ import annotations

from pydantic import ConfigDict, field_validator

from shared.alerts.rules import RULE_NAMES, AlertRules, load_rules
from shared.audit.log import record_audit
from shared.deps import Deps


class AlertRulesIn(AlertRules):
    """The rules as an admin sends them: every field known, only known rule names enabled."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("enabled")
    @classmethod
    def _known(cls, names: list[str]) -> list[str]:
        unknown = sorted(set(names) - set(RULE_NAMES))
        if unknown:
            raise ValueError(f"unknown rules {unknown}; known: {', '.join(RULE_NAMES)}")
        return [n for n in RULE_NAMES if n in names]


def rules_view(deps: Deps, tenant_id: str) -> AlertRules:
    """The tenant's rules (the defaults until an admin changes them)."""
    return load_rules(deps.documents, tenant_id)


def replace_rules(deps: Deps, tenant_id: str, actor: str, body: AlertRulesIn) -> AlertRules:
    """Store ``body`` as the tenant's rules (read by the next alerts run) and audit what changed."""
    before = load_rules(deps.documents, tenant_id).model_dump()
    after = AlertRules.model_validate(body.model_dump())
    deps.documents.set(f"tenants/{tenant_id}/settings", "alerts", after.model_dump())
    changed = {k: {"from": v, "to": after.model_dump()[k]} for k, v in before.items() if after.model_dump()[k] != v}
    record_audit(deps, tenant_id, actor, "settings.alert_rules_updated", "alert_rules", changed)
    return after
