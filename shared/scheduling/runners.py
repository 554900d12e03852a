"""What each scheduled job does for one tenant (called by the thin job functions)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from shared.agents.registry import get_runner
from shared.deps import Deps
from shared.models.agents import AgentName, AgentRequest
from shared.models.records import DataKind
from shared.observability.logs import get_logger, log_event
from shared.store.documents.schedules import REFRESH_STATE_DOC, refresh_collection, refresh_results_collection
from shared.store.records import changed_skus

_log = get_logger(__name__)
REFRESH_BATCH = 100
REFRESH_AGENTS: tuple[AgentName, ...] = ("forecast", "sentiment", "pricing")

#: The rows whose arrival means an agent's cached answers are stale.
CHANGED_BY: dict[AgentName, DataKind] = {
    "forecast": DataKind.SALES, "sentiment": DataKind.REVIEWS, "pricing": DataKind.COMPETITOR_PRICES,
}


def _now(payload: dict[str, Any]) -> datetime:
    raw = payload.get("now")
    return datetime.fromisoformat(raw) if isinstance(raw, str) else datetime.now(UTC)


def run_alerts(deps: Deps, tenant: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Evaluate alert rules and queue deliveries for the alerts fired (within the daily cap)."""
    from shared.alerts.engine import evaluate_alerts
    from shared.delivery.dispatch import enqueue

    fired = evaluate_alerts(deps, tenant, now=_now(payload))
    queued = [d for a in fired if a.notified for d in enqueue(deps, tenant, "alert", a.alert_id)]
    return {"fired": [a.alert_id for a in fired], "deliveries": queued}


def run_digest(deps: Deps, tenant: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Build this period's digest (once) and queue its deliveries."""
    from shared.delivery.dispatch import enqueue
    from shared.delivery.settings import load_notifications
    from shared.digest.build import build_digest

    frequency = str(payload.get("frequency") or load_notifications(deps.documents, tenant).digest_frequency)
    if frequency == "off":
        return {"digest": None, "reason": "digests are off for this tenant"}
    digest = build_digest(deps, tenant, frequency=frequency, today=_now(payload).date())
    if digest is None:
        return {"digest": None, "reason": "already sent for this period"}
    return {"digest": digest["digest_id"], "deliveries": enqueue(deps, tenant, "digest", digest["digest_id"])}


def run_retention(deps: Deps, tenant: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Apply the tenant's retention policy."""
    from shared.retention.enforce import enforce_retention

    result = enforce_retention(deps, tenant, now=_now(payload))
    return {"deleted": result.deleted, "held": result.held}


def run_refresh(deps: Deps, tenant: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Nightly refresh of what changed.

    Without ``agent``: find SKUs whose data changed since the last refresh and fan out batches per agent.
    With ``agent`` and ``skus``: run that agent on the batch and keep its result as the latest.
    """
    agent = payload.get("agent")
    state_doc = refresh_collection(tenant)
    if not agent:
        state = deps.documents.get(state_doc, REFRESH_STATE_DOC) or {}
        started = _now(payload)
        batches = 0
        for name in REFRESH_AGENTS:
            since = state.get(name, "1970-01-01T00:00:00+00:00")
            skus = changed_skus(deps.warehouse, tenant, CHANGED_BY[name], datetime.fromisoformat(since))
            for i in range(0, len(skus), REFRESH_BATCH):
                batch = skus[i:i + REFRESH_BATCH]
                deps.bus.publish("refresh-requested", json.dumps({"tenant_id": tenant, "agent": name, "skus": batch,
                                                                  "batch": i // REFRESH_BATCH}).encode(),
                                 {"tenant_id": tenant, "agent": name})
                batches += 1
            state[name] = started.isoformat()
        deps.documents.set(state_doc, REFRESH_STATE_DOC, state)
        return {"batches": batches}
    skus = [str(s) for s in payload.get("skus") or []]
    as_of = payload.get("as_of")
    request = AgentRequest(tenant_id=tenant, skus=skus, as_of=date.fromisoformat(as_of) if as_of else None)
    result = get_runner(agent)(deps, request)
    key = f"{agent}-{payload.get('batch', 0)}"
    deps.documents.set(refresh_results_collection(tenant), key, {
        "agent": agent, "skus": skus, "status": result.status, "generated_at": result.generated_at.isoformat(),
        "summary": result.summary, "confidence": result.confidence.score, "findings": len(result.findings),
        "result": result.model_dump(mode="json"),
    })
    log_event(_log, "refresh batch done", tenant=tenant, agent=agent, skus=len(skus), status=result.status)
    return {"agent": agent, "skus": len(skus), "status": result.status}
