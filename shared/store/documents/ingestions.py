"""The ingestion record: one per raw object generation, at ``tenants/<tenant>/ingestions/<ingestion_id>``.

:class:`IngestionRecords` is the only way ingestion records are read and written; the transitions
(which statuses may follow which, leases) are ``shared.ingest.lifecycle``'s, expressed as the ``update``
functions it hands to :meth:`IngestionRecords.transact`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from shared.ports import DocumentStore, Filter
from shared.store.documents._paths import tenant_collection

T = TypeVar("T")


def ingestions_collection(tenant: str) -> str:
    """A tenant's ingestion records."""
    return tenant_collection(tenant, "ingestions")


class IngestionRecords:
    """A tenant's ingestion records in the document store."""

    def __init__(self, documents: DocumentStore, tenant: str) -> None:
        self.documents = documents
        self.collection = ingestions_collection(tenant)

    def get(self, ingestion_id: str) -> dict[str, Any] | None:
        """One record as stored, or ``None``."""
        return self.documents.get(self.collection, ingestion_id)

    def query(self, filters: Iterable[Filter] = ()) -> list[dict[str, Any]]:
        """The records matching every filter (each with ``_id``)."""
        return self.documents.query(self.collection, filters)

    def with_status(self, statuses: Iterable[str]) -> list[dict[str, Any]]:
        """The records whose status is one of ``statuses``."""
        wanted = [str(s) for s in statuses]
        return self.query([Filter("status", "==", wanted[0]) if len(wanted) == 1 else Filter("status", "in", wanted)])

    def processed_since(self, kind: str, since: datetime) -> list[str]:
        """Ids of the records of ``kind`` processed at or after ``since``, the most recently processed last.

        Equality filters only (no composite index); the time bound is applied here.
        """
        records = self.query([Filter("kind", "==", kind), Filter("status", "==", "processed")])
        dated = [(str(r.get("processed_at") or ""), str(r["_id"])) for r in records]
        return [ident for at, ident in sorted(dated) if at >= since.isoformat()]

    def transact(self, ingestion_id: str, update: Callable[[dict[str, Any]], T]) -> T:
        """Apply ``update`` to one record in a document transaction (every status change goes through here)."""
        return self.documents.transact(self.collection, ingestion_id, update)

    def merge(self, ingestion_id: str, fields: Mapping[str, Any]) -> None:
        """Merge fields that do not change the status (bookkeeping, publication marks)."""
        self.documents.set(self.collection, ingestion_id, dict(fields), merge=True)
