"""Scheduled fan-out: one message per tenant that has a source enabled, so tenants never wait on each other."""

from __future__ import annotations

import json

from shared.deps import Deps
from shared.ports import Filter

SYNC_TOPIC = "sync-requested"


def request_sync(deps: Deps, source: str, tenant: str) -> str:
    """Queue one sync of ``source`` for ``tenant``; returns the message id (which names the run)."""
    return deps.bus.publish(
        SYNC_TOPIC,
        json.dumps({"source": source, "tenant_id": tenant}).encode(),
        {"source": source, "tenant_id": tenant},
    )


def fan_out(deps: Deps, source: str) -> list[str]:
    """Queue a sync for every tenant with ``source`` enabled; returns the tenants."""
    tenants = sorted(
        {
            d["tenant_id"]
            for d in deps.documents.query(
                "source_registry", [Filter("source", "==", source), Filter("enabled", "==", True)]
            )
        }
    )
    for tenant in tenants:
        request_sync(deps, source, tenant)
    return tenants


def run_id_for(source: str, message_id: str) -> str:
    """The run id of the sync triggered by message ``message_id`` (redelivery maps to the same run)."""
    return f"{source}-{message_id}"
