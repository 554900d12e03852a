"""Scheduled jobs: one topic each; a message without a tenant fans out one message per tenant.

Cloud Scheduler publishes ``{}`` (or ``{"frequency": ...}``); the job function re-publishes
``{..., "tenant_id": T}`` per tenant so a large tenant cannot starve the others; each tenant run is
idempotent for its period (hysteresis for alerts, one digest per period, deletions that are already done
do nothing, refresh results keyed by batch).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from shared.deps import Deps
from shared.store.documents.accounts import register_tenant as register_tenant_record
from shared.store.documents.accounts import tenant_records

JobRunner = Callable[[Deps, str, dict[str, Any]], dict[str, Any]]

JOB_TOPICS = {
    "alerts": "alerts-requested",
    "digest": "digest-requested",
    "retention": "retention-requested",
    "refresh": "refresh-requested",
}


def list_tenants(deps: Deps) -> list[str]:
    """Every known tenant (the ``tenants`` collection: sign-up and first ingestion register there)."""
    return sorted(str(d.get("tenant_id") or d["_id"]) for d in tenant_records(deps.documents))


def register_tenant(deps: Deps, tenant: str) -> None:
    """Make ``tenant`` known to scheduled jobs (idempotent)."""
    register_tenant_record(deps.documents, tenant, {"tenant_id": tenant, "name": tenant})


def fan_out(deps: Deps, topic: str, payload: dict[str, Any]) -> list[str]:
    """Publish ``payload`` once per tenant to ``topic``; returns the tenants."""
    tenants = list_tenants(deps)
    for tenant in tenants:
        deps.bus.publish(topic, json.dumps({**payload, "tenant_id": tenant}).encode(), {"tenant_id": tenant})
    return tenants


def handle(deps: Deps, topic: str, payload: dict[str, Any], run: JobRunner) -> dict[str, Any]:
    """Fan out (no tenant) or run for one tenant."""
    tenant = payload.get("tenant_id")
    if not tenant:
        return {"fanned_out": fan_out(deps, topic, payload)}
    return run(deps, str(tenant), payload)
