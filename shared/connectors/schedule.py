"""Scheduled fan-out: one message per tenant that has a source enabled, so tenants never wait on each other."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

from shared.deps import Deps
from shared.ports import Filter
from shared.store.documents.sync import SOURCE_REGISTRY

SYNC_TOPIC = "sync-requested"


class SyncRequest(BaseModel):
    """The ``sync-requested`` message: ``{"source"}`` from Cloud Scheduler fans out; with a tenant, one run."""

    source: str = Field(min_length=1, max_length=64)
    tenant_id: str | None = Field(default=None, max_length=64)

    @field_validator("source")
    @classmethod
    def _known(cls, value: str) -> str:
        from shared.connectors.sources import SOURCES  # the plugins' clients load only when a request is checked

        if value not in SOURCES:
            raise ValueError(f"unknown source {value!r}")
        return value


def request_sync(deps: Deps, source: str, tenant: str) -> str:
    """Queue one sync of ``source`` for ``tenant``; returns the message id (which names the run)."""
    return deps.bus.publish(
        SYNC_TOPIC,
        SyncRequest(source=source, tenant_id=tenant).model_dump_json().encode(),
        {"source": source, "tenant_id": tenant},
    )


def fan_out(deps: Deps, source: str) -> list[str]:
    """Queue a sync for every tenant with ``source`` enabled; returns the tenants."""
    tenants = sorted(
        {
            d["tenant_id"]
            for d in deps.documents.query(
                SOURCE_REGISTRY, [Filter("source", "==", source), Filter("enabled", "==", True)]
            )
        }
    )
    for tenant in tenants:
        request_sync(deps, source, tenant)
    return tenants


def run_id_for(source: str, message_id: str) -> str:
    """The run id of the sync triggered by message ``message_id`` (redelivery maps to the same run)."""
    return f"{source}-{message_id}"
