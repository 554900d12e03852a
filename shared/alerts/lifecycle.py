"""An alert's life after it fired: where alerts live, acknowledge, resolve (idempotent transactions).

Apart from ``engine`` (which reads the warehouse with pandas to evaluate rules) so the ``alerts`` HTTP
function, which only lists and updates alerts, does not load the evaluation stack.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from shared.alerts.models import Alert
from shared.store.documents.alerts import alerts_collection

if TYPE_CHECKING:
    from shared.deps import Deps


def _lifecycle(deps: Deps, tenant: str, alert_id: str, update: Callable[[dict[str, Any]], None]) -> Alert | None:
    def apply(doc: dict[str, Any]) -> bool:
        if not doc:
            return False
        update(doc)
        return True

    if not deps.documents.transact(alerts_collection(tenant), alert_id, apply):
        return None
    return Alert.model_validate(deps.documents.get(alerts_collection(tenant), alert_id))


def acknowledge_alert(
    deps: Deps, tenant: str, alert_id: str, *, actor: str, now: datetime | None = None
) -> Alert | None:
    """Mark an alert acknowledged (idempotent); records time to acknowledge."""
    now = now or datetime.now(UTC)

    def update(doc: dict[str, Any]) -> None:
        if doc.get("status") == "open":
            created = datetime.fromisoformat(doc["created_at"])
            doc.update({"status": "acknowledged", "acknowledged_at": now.isoformat(), "acknowledged_by": actor,
                        "time_to_acknowledge_s": (now - created).total_seconds()})

    return _lifecycle(deps, tenant, alert_id, update)


def resolve_alert(
    deps: Deps, tenant: str, alert_id: str, *, actor: str, now: datetime | None = None
) -> Alert | None:
    """Mark an alert resolved (idempotent); records time to resolve."""
    now = now or datetime.now(UTC)

    def update(doc: dict[str, Any]) -> None:
        if doc.get("status") != "resolved":
            created = datetime.fromisoformat(doc["created_at"])
            doc.update({"status": "resolved", "resolved_at": now.isoformat(), "resolved_by": actor,
                        "time_to_resolve_s": (now - created).total_seconds()})

    return _lifecycle(deps, tenant, alert_id, update)
