"""The tenant's data version: bumped by every ``data-updated`` event so cached answers go stale at once.

Document ``tenants/{t}/meta/data_version``: ``{"version": int, "kinds": {kind: {"version", "updated_at",
"ingestion_id", "rows"}}, "seen": [ingestion ids]}``. Bumps are idempotent per (kind, ingestion id).
"""

from __future__ import annotations

import time
from typing import Any

from pydantic import BaseModel, Field

from shared.ports import DocumentStore
from shared.store.documents.caches import DATA_VERSION_DOC, meta_collection
from shared.store.tenant import TENANT_ID_PATTERN

_SEEN_LIMIT = 500


class DataUpdated(BaseModel):
    """Payload of the ``data-updated`` topic."""

    tenant_id: str = Field(pattern=TENANT_ID_PATTERN)
    kind: str = Field(min_length=1, max_length=64)
    ingestion_id: str = Field(min_length=1, max_length=256)
    rows: int = Field(default=0, ge=0)


def data_version(documents: DocumentStore, tenant_id: str) -> int:
    """Current data version of ``tenant_id`` (0 before any update)."""
    doc = documents.get(meta_collection(tenant_id), DATA_VERSION_DOC)
    return int(doc.get("version", 0)) if doc else 0


def bump_version(documents: DocumentStore, event: DataUpdated) -> int:
    """Record an update; returns the new version (unchanged for a duplicate delivery)."""
    key = f"{event.kind}:{event.ingestion_id}"

    def update(doc: dict[str, Any] | None) -> int:
        assert doc is not None  # the store passes {} for a new document
        seen: list[str] = list(doc.get("seen", []))
        if key in seen:
            return int(doc.get("version", 0))
        version = int(doc.get("version", 0)) + 1
        kinds = dict(doc.get("kinds", {}))
        kinds[event.kind] = {"version": version, "updated_at": time.time(), "ingestion_id": event.ingestion_id,
                             "rows": event.rows}
        doc.update({"version": version, "kinds": kinds, "seen": (seen + [key])[-_SEEN_LIMIT:]})
        return version

    return documents.transact(meta_collection(event.tenant_id), DATA_VERSION_DOC, update)
