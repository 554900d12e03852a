"""The one ingestion state machine, used by ingest (staging) and processing (merging).

```
(none) ──claim_staging──▶ staging ──finish_staging──▶ staged ──claim_processing──▶ processing ──▶ processed
                             └──────────────▶ failed                                   (a redo converges)
```

Each working state (``staging``, ``processing``) is held under a lease: the owner (``host:pid``) and a
deadline. Another delivery finds a live lease ``busy`` (retry later, never a second concurrent run); a
lease past its deadline, or one whose owner was a process of this host that is gone (a ``kill -9``ed CLI),
is abandoned and the next claim takes it over (the staging take-over first deletes what the abandoned
attempt wrote). A finished ingestion is never moved backwards, and a write by an owner that lost its lease
is dropped. Every transition is one document transaction.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Literal

from shared.ports import DocumentStore
from shared.store.documents.ingestions import IngestionRecords


class IngestionStatus(StrEnum):
    """Lifecycle of an ingestion: ``staging`` -> ``staged`` -> ``processing`` -> ``processed``, or ``failed``."""

    STAGING = "staging"
    STAGED = "staged"
    PROCESSING = "processing"
    PROCESSED = "processed"
    FAILED = "failed"


#: Statuses whose staged rows are committed (count as stored data for duplicate checks).
COMMITTED = frozenset({IngestionStatus.STAGED, IngestionStatus.PROCESSING, IngestionStatus.PROCESSED})
#: Fields of the record only the transitions write.
STATE_FIELDS = frozenset({"status", "attempts", "processing_attempts", "lease_owner", "lease_until"})
#: How long a claim holds an ingestion without finishing it before another delivery may take it over.
DEFAULT_LEASE_SECONDS = 900

StagingAction = Literal["run", "publish", "done", "busy"]
ProcessingAction = Literal["run", "already", "not_staged", "busy", "invalid"]


def current_owner() -> str:
    """This process as a lease owner: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _owner_gone(owner: str | None) -> bool:
    """Whether ``owner`` was a process of this host that no longer exists (its lease can be taken at once)."""
    if not owner or ":" not in owner:
        return False
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, someone else's
        return False
    return False


def _parse_time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def is_abandoned(doc: Mapping[str, Any], now: datetime | None = None) -> bool:
    """Whether a working ingestion's lease can be taken over (deadline passed, or its owner process is gone)."""
    if doc.get("status") not in (IngestionStatus.STAGING, IngestionStatus.PROCESSING):
        return False
    deadline = _parse_time(doc.get("lease_until"))
    if deadline is None or deadline <= (now or datetime.now(UTC)):
        return True
    return _owner_gone(doc.get("lease_owner"))


def in_flight(
    documents: DocumentStore, tenant: str, kind: str, lease_seconds: int, now: datetime | None = None
) -> list[str]:
    """Ids of ``tenant``'s ingestions of ``kind`` still on their way to ``processed``.

    That is a live staging or processing attempt, or one staged within ``lease_seconds`` (its process delivery is
    due). An abandoned one is not waited for.
    """
    now = now or datetime.now(UTC)
    working = (IngestionStatus.STAGING, IngestionStatus.STAGED, IngestionStatus.PROCESSING)
    ids = []
    for doc in IngestionRecords(documents, tenant).with_status(working):
        if doc.get("kind") != kind:
            continue
        if doc.get("status") == IngestionStatus.STAGED:
            since = _parse_time(doc.get("published_at") or doc.get("started_at"))
            live = since is not None and now - since < timedelta(seconds=lease_seconds)
        else:
            live = not is_abandoned(doc, now)
        if live:
            ids.append(str(doc["_id"]))
    return sorted(ids)


@dataclass(frozen=True)
class Claim:
    """What a delivery was allowed to do, and the document as the claim left it."""

    action: str
    doc: dict[str, Any]


class IngestionLifecycle:
    """The transitions of one ingestion record (ingest and processing both go through here)."""

    def __init__(
        self,
        documents: DocumentStore,
        tenant_id: str,
        ingestion_id: str,
        *,
        lease_seconds: int = DEFAULT_LEASE_SECONDS,
        owner: str | None = None,
    ) -> None:
        self.records = IngestionRecords(documents, tenant_id)
        self.ingestion_id = ingestion_id
        self.lease_seconds = lease_seconds
        self.owner = owner or current_owner()

    def _lease(self, now: datetime) -> dict[str, Any]:
        return {"lease_owner": self.owner, "lease_until": (now + timedelta(seconds=self.lease_seconds)).isoformat()}

    def _holds(self, doc: Mapping[str, Any], status: IngestionStatus) -> bool:
        return doc.get("status") == status and doc.get("lease_owner") in (None, self.owner)

    def get(self) -> dict[str, Any] | None:
        """The record as stored."""
        return self.records.get(self.ingestion_id)

    def claim_staging(self, base: Mapping[str, Any]) -> Claim:
        """Decide what a finalize delivery does.

        ``run`` (a new or abandoned attempt; ``base`` is written), ``publish`` (staged, never announced),
        ``done`` (past staging) or ``busy`` (another live attempt).
        """

        def update(doc: dict[str, Any]) -> Claim:
            status = doc.get("status")
            if status in (IngestionStatus.STAGED, IngestionStatus.PROCESSING, IngestionStatus.PROCESSED):
                return Claim("done" if doc.get("published_at") else "publish", dict(doc))
            if status == IngestionStatus.FAILED:
                return Claim("done", dict(doc))
            now = datetime.now(UTC)
            if (
                status == IngestionStatus.STAGING
                and doc.get("lease_owner") != self.owner
                and not is_abandoned(doc, now)
            ):
                return Claim("busy", dict(doc))
            if status not in (None, IngestionStatus.STAGING):
                raise ValueError(f"ingestion {self.ingestion_id} has unknown status {status!r}")
            attempts = int(doc.get("attempts", 0)) + 1
            doc.clear()
            doc.update(base)
            doc.update(
                {
                    "status": IngestionStatus.STAGING.value,
                    "attempts": attempts,
                    "started_at": now.isoformat(),
                    **self._lease(now),
                }
            )
            return Claim("run", dict(doc))

        return self.records.transact(self.ingestion_id, update)

    def finish_staging(self, fields: Mapping[str, Any], status: IngestionStatus) -> bool:
        """Record the staging outcome (``staged`` or ``failed``); ``False`` if this owner lost the lease."""
        if status not in (IngestionStatus.STAGED, IngestionStatus.FAILED):
            raise ValueError(f"staging cannot finish as {status}")

        def update(doc: dict[str, Any]) -> bool:
            if not self._holds(doc, IngestionStatus.STAGING):
                return False
            attempts = doc.get("attempts", 1)
            doc.update(fields)
            doc.update(
                {
                    "status": status.value,
                    "attempts": attempts,
                    "finished_at": datetime.now(UTC).isoformat(),
                    "lease_owner": None,
                    "lease_until": None,
                }
            )
            return True

        return self.records.transact(self.ingestion_id, update)

    def mark_published(self) -> None:
        """Remember that ``ingestion-staged`` went out."""
        self.records.merge(self.ingestion_id, {"published_at": datetime.now(UTC).isoformat()})

    def claim_processing(self, kind: str) -> Claim:
        """Decide what a staged notice does.

        ``run`` (staged, or abandoned processing), ``already`` (processed), ``not_staged`` (still staging),
        ``busy`` (live processing elsewhere) or ``invalid`` (unknown, failed, or another kind).
        """

        def update(doc: dict[str, Any]) -> Claim:
            status = doc.get("status")
            if not doc:
                return Claim("invalid", {})
            if doc.get("kind") not in (None, kind):
                return Claim("invalid", dict(doc))
            if status == IngestionStatus.PROCESSED:
                return Claim("already", dict(doc))
            if status == IngestionStatus.STAGING:
                return Claim("not_staged", dict(doc))
            now = datetime.now(UTC)
            if (
                status == IngestionStatus.PROCESSING
                and doc.get("lease_owner") != self.owner
                and not is_abandoned(doc, now)
            ):
                return Claim("busy", dict(doc))
            if status not in (IngestionStatus.STAGED, IngestionStatus.PROCESSING):
                return Claim("invalid", dict(doc))
            doc.update(
                {
                    "status": IngestionStatus.PROCESSING.value,
                    "processing_attempts": int(doc.get("processing_attempts") or 0) + 1,
                    **self._lease(now),
                }
            )
            return Claim("run", dict(doc))

        return self.records.transact(self.ingestion_id, update)

    def finish_processing(self, fields: Mapping[str, Any]) -> bool:
        """Record ``processed`` with ``fields``; ``False`` if this owner lost the lease."""

        def update(doc: dict[str, Any]) -> bool:
            if not self._holds(doc, IngestionStatus.PROCESSING):
                return False
            doc.update(fields)
            doc.update({"status": IngestionStatus.PROCESSED.value, "lease_owner": None, "lease_until": None})
            return True

        return self.records.transact(self.ingestion_id, update)

    def record(self, fields: Mapping[str, Any]) -> None:
        """Merge bookkeeping fields that do not change the status (``data_updated_published``, errors).

        The state (status, attempts, lease) moves only through the transitions above: ``ValueError`` otherwise.
        """
        if STATE_FIELDS & fields.keys():
            raise ValueError(f"{sorted(STATE_FIELDS & fields.keys())} change only through a transition")
        self.records.merge(self.ingestion_id, fields)


def unfinished(documents: DocumentStore, tenant_id: str) -> list[dict[str, Any]]:
    """A tenant's ingestions that have not reached ``processed`` or ``failed`` (each with ``_id``)."""
    wanted = (IngestionStatus.STAGING, IngestionStatus.STAGED, IngestionStatus.PROCESSING)
    return IngestionRecords(documents, tenant_id).with_status(wanted)


def uncommitted_ids(documents: DocumentStore, tenant_id: str) -> list[str]:
    """Ids of the tenant's ingestions still ``staging``: their staged rows are not stored data yet."""
    return [str(d["_id"]) for d in IngestionRecords(documents, tenant_id).with_status([IngestionStatus.STAGING])]
