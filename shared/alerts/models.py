"""Alerts: what fired, why, the numbers, the evidence, and its life cycle."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.models.agents import Evidence, Severity


class Signal(BaseModel):
    """A rule's reading for one key (SKU, SKU x competitor, tenant) at evaluation time.

    ``value`` is compared with ``on`` to fire and with ``off`` to clear (``off`` < ``on``: hysteresis).
    For "lower is worse" rules (days of cover) the engine compares the negated values.
    """

    rule: str
    key: str
    value: float
    on: float
    off: float
    severity: Severity = "medium"
    title: str
    reason: str
    sku: str | None = None
    metrics: dict[str, float | int | str | None] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)
    reference: float | None = Field(default=None, description="Rules that alert on change: the value alerted at.")


class Alert(BaseModel):
    """A fired alert, stored at ``tenants/{t}/alerts/{alert_id}``."""

    alert_id: str
    tenant_id: str
    rule: str
    key: str
    sku: str | None = None
    severity: Severity
    title: str
    reason: str
    metrics: dict[str, float | int | str | None] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)
    link: str
    status: Literal["open", "acknowledged", "resolved"] = "open"
    notified: bool = True
    suppressed_reason: str | None = None
    created_at: datetime
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    resolved_at: datetime | None = None
    time_to_acknowledge_s: float | None = None
    time_to_resolve_s: float | None = None

    def summary(self) -> dict[str, Any]:
        """Compact form for webhook payloads."""
        return {"alert_id": self.alert_id, "rule": self.rule, "severity": self.severity, "title": self.title,
                "reason": self.reason, "sku": self.sku, "metrics": self.metrics, "link": self.link,
                "created_at": self.created_at.isoformat()}


class AlertPage(BaseModel):
    """``GET /v1/alerts``: newest first."""

    items: list[Alert]
