"""Security events: refused access recorded in the audit log, the logs and a metric, in one call."""

from __future__ import annotations

from typing import Any

from shared.audit.log import SECURITY_PREFIX, record_audit
from shared.observability.logs import get_logger, log_event
from shared.observability.metrics import SECURITY_EVENTS

_log = get_logger(__name__)


def record_security_event(
    deps: Any | None, *, kind: str, tenant: str | None, actor: str, target: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Log (WARNING), count and audit a security event (audit only when the tenant is known)."""
    SECURITY_EVENTS.labels(kind=kind).inc()
    log_event(_log, f"security event: {kind}", severity="WARNING", security_event=kind, actor=actor,
              target=target, event_tenant=tenant, **(details or {}))
    if deps is not None and tenant:
        try:
            record_audit(deps, tenant, actor, SECURITY_PREFIX + kind, target, details)
        except Exception:  # auditing must never turn a refusal into a 500
            _log.exception("could not record security event")
