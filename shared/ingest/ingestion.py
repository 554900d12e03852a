"""The ingestion record: one per raw object generation, kept at ``tenants/{tenant}/ingestions/{id}``."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from shared.ingest.lifecycle import IngestionStatus

__all__ = ["Ingestion", "IngestionStatus", "IngestionSummary", "ingestion_id_for"]


def ingestion_id_for(bucket: str, name: str, generation: str) -> str:
    """Deterministic id of the ingestion of one object generation (a redelivered event maps to the same id)."""
    digest = hashlib.sha256(f"{bucket}\n{name}\n{generation}".encode()).hexdigest()
    return f"ing_{digest[:24]}"


class Ingestion(BaseModel):
    """What happened to one raw file; ``rows_read == accepted + rejected + duplicates + held + skipped`` holds.

    ``held`` and ``skipped`` are for files of a multi-file public dataset (``shared.ingest.join``): rows waiting
    for the file that completes them, and rows of a file that carries nothing ecomintel stores.
    """

    ingestion_id: str
    tenant_id: str
    kind: str | None = None
    source: str = "upload"
    source_uri: str
    bucket: str
    object: str
    generation: str
    upload_id: str | None = None
    original_filename: str | None = None
    #: The workbook sheet the file was written from (its ``original_filename`` is ``{workbook}:{sheet}``).
    sheet: str | None = None
    #: Where a synced file came from (``sync_run_id``, ``raw_payload_prefix``): lineage to the raw payloads.
    source_lineage: dict[str, str] = Field(default_factory=dict)
    #: The currency the upload stated for its rows that name none (ISO 4217).
    currency: str | None = None
    file_checksum: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    date_order: str | None = None
    column_mapping: dict[str, str | None] = Field(default_factory=dict)
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    held: int = 0
    skipped: int = 0
    #: What the file was recognised as (a file of a multi-file dataset), and what was done with it.
    note: str | None = None
    #: Ingestions of the files of records written for this one (a multi-file dataset's joined rows).
    derived: list[str] = Field(default_factory=list)
    status: IngestionStatus = IngestionStatus.STAGING
    error: str | None = None
    attempts: int = 0
    started_at: datetime | None = None
    finished_at: datetime | None = None
    published_at: datetime | None = None

    def to_document(self) -> dict[str, Any]:
        """JSON-ready document body."""
        return self.model_dump(mode="json")


class IngestionSummary(BaseModel):
    """What the CLI and ``ecomintel demo`` report about one ingested file."""

    ingestion_id: str
    tenant_id: str
    kind: str | None
    status: str
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    held: int = 0
    skipped: int = 0
    note: str | None = None
    derived: list[str] = Field(default_factory=list)
    error: str | None = None
    object: str | None = None
    #: The workbook sheet the file was written from (``shared.ingest.sheets``).
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    #: Unfinished ingestions of the tenant (left by a crash) that this run finished first.
    resumed: list[IngestionSummary] = Field(default_factory=list)
    #: The ingestions of the files of records this one was joined into (``derived``), as they ended.
    joined: list[IngestionSummary] = Field(default_factory=list)

    @classmethod
    def from_document(cls, doc: dict[str, Any]) -> IngestionSummary:
        """Summary of an ingestion document."""
        return cls.model_validate({k: v for k, v in doc.items() if k in cls.model_fields})
