"""Read models over a tenant's ingestions, rejects and final tables, as the console's pages show them.

Every function takes the tenant from the caller (the verified principal) and puts it in each document path
or warehouse predicate; nothing here accepts a tenant from a request body.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from shared import regex as re
from shared.deps import Deps
from shared.errors import InvalidInput, NotFound
from shared.ingest.export import records
from shared.models.records import DataKind
from shared.ports import Filter
from shared.store.documents.ingestions import IngestionRecords
from shared.store.documents.sync import sources_collection, sync_runs_collection
from shared.store.extent import undated_rows
from shared.store.records import kind_extent
from shared.store.rejects import ingestion_rejects as ingestion_rejects_frame

INGESTION_ID = re.compile(r"^ing_[a-f0-9]{24}$")
UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
#: Date column of each final table (products have none: their load time stands in).
DATE_COLUMN: dict[DataKind, str] = {
    DataKind.SALES: "date",
    DataKind.REVIEWS: "date",
    DataKind.INVENTORY: "date",
    DataKind.COMPETITOR_PRICES: "date",
    DataKind.PRODUCTS: "ingested_at",
}


class IngestionListItem(BaseModel):
    """One ingestion as a merchant sees it: the file, the counts, the status."""

    ingestion_id: str
    kind: str | None = None
    status: str
    source: str = "upload"
    upload_id: str | None = None
    original_filename: str | None = None
    #: The workbook sheet the file was written from (a workbook's own ingestion has none; its note says each).
    sheet: str | None = None
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    skipped: int = 0
    note: str | None = None
    #: The ingestions written for this one (a workbook's sheets, a multi-file dataset's joined rows).
    derived: list[str] = Field(default_factory=list)
    error: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    currency: str | None = Field(
        default=None,
        description="The currency the upload stated for its rows that name none (ISO 4217); none when it stated none.",
    )


class IngestionPage(BaseModel):
    """Ingestions, newest first."""

    items: list[IngestionListItem]


class RejectView(BaseModel):
    """One refused row: where it was and why."""

    row_number: int | None = None
    column: str | None = None
    reason: str
    raw: str | None = None


class RejectPage(BaseModel):
    """The first rejects of one ingestion and how many there are in all."""

    ingestion_id: str
    items: list[RejectView]
    total: int


class StoredRows(BaseModel):
    """Every stored row of one kind (or its rejects), as ``ecomintel export`` prints them."""

    kind: DataKind
    rejects: bool = False
    rows: list[dict[str, Any]]


class KindSummary(BaseModel):
    """What is stored of one kind."""

    kind: str
    rows: int = 0
    first: str | None = Field(default=None, description="Earliest date (products: first load).")
    last: str | None = Field(default=None, description="Latest date (products: last load).")
    undated: int = Field(
        default=0,
        description="Rows of ``rows`` without a date (reviews only: some review sets "
        "publish none); counted in all-time figures, in no period.",
    )
    last_ingestion: IngestionListItem | None = None


class SyncView(BaseModel):
    """A configured source and its last run (never its configuration: it may name accounts or endpoints)."""

    source: str
    enabled: bool = False
    last_status: str | None = None
    consecutive_failures: int = 0
    last_started_at: datetime | None = None
    last_finished_at: datetime | None = None
    last_rows: int = 0
    last_errors: list[str] = Field(default_factory=list)


class DatasetSummary(BaseModel):
    """Per kind: rows, date range and the latest ingestion; per connector source: its last sync."""

    kinds: list[KindSummary]
    syncs: list[SyncView] = Field(default_factory=list)


def _view(doc: dict[str, Any]) -> IngestionListItem:
    return IngestionListItem.model_validate({k: v for k, v in doc.items() if k in IngestionListItem.model_fields})


def list_ingestions(
    deps: Deps, tenant_id: str, *, upload_id: str | None = None, kind: str | None = None, limit: int = 50
) -> IngestionPage:
    """The tenant's ingestions, newest first; ``upload_id`` finds the one an upload started."""
    filters: list[Filter] = []
    if upload_id is not None:
        if not UPLOAD_ID.match(upload_id):
            raise InvalidInput("upload_id is malformed", details={"field": "upload_id"})
        filters.append(Filter("upload_id", "==", upload_id))
    if kind is not None:
        try:
            filters.append(Filter("kind", "==", DataKind(kind).value))
        except ValueError as exc:
            raise InvalidInput(f"unknown kind {kind!r}", details={"field": "kind"}) from exc
    docs = IngestionRecords(deps.documents, tenant_id).query(filters)
    # running ingestions (no finish yet) first, then by when they finished or started
    docs.sort(key=lambda d: str(d.get("finished_at") or d.get("started_at") or "~"), reverse=True)
    return IngestionPage(items=[_view(d) for d in docs[:limit]])


def _ingestion(deps: Deps, tenant_id: str, ingestion_id: str) -> dict[str, Any]:
    if not INGESTION_ID.match(ingestion_id):
        raise NotFound("ingestion not found")
    doc = IngestionRecords(deps.documents, tenant_id).get(ingestion_id)
    if doc is None:
        raise NotFound("ingestion not found")
    return doc


def ingestion_rejects(deps: Deps, tenant_id: str, ingestion_id: str, *, limit: int | None = 200) -> RejectPage:
    """The rejects of one of the tenant's ingestions, in file order (``limit=None``: all, for the CSV)."""
    _ingestion(deps, tenant_id, ingestion_id)
    frame = ingestion_rejects_frame(deps.warehouse, tenant_id, ingestion_id)
    rows = records(frame)
    shown = rows if limit is None else rows[:limit]
    return RejectPage(ingestion_id=ingestion_id, items=[RejectView.model_validate(r) for r in shown], total=len(rows))


def rejects_frame(deps: Deps, tenant_id: str, ingestion_id: str) -> Any:
    """All rejects of one ingestion as a frame (for the CSV download)."""
    _ingestion(deps, tenant_id, ingestion_id)
    return ingestion_rejects_frame(deps.warehouse, tenant_id, ingestion_id)


def dataset_summary(deps: Deps, tenant_id: str) -> DatasetSummary:
    """Rows, date range and latest ingestion of every kind the tenant can load."""
    latest: dict[str, IngestionListItem] = {}
    for item in list_ingestions(deps, tenant_id, limit=10_000).items:
        if item.kind and item.kind not in latest:
            latest[item.kind] = item
    out = []
    for kind, column in DATE_COLUMN.items():
        frame = kind_extent(deps.warehouse, tenant_id, kind, column)
        row = records(frame)[0] if len(frame) else {}
        rows = int(row.get("n") or 0)
        out.append(
            KindSummary(
                kind=kind.value,
                rows=rows,
                first=row.get("first"),
                last=row.get("last"),
                undated=undated_rows(deps.warehouse, tenant_id, kind) if rows else 0,
                last_ingestion=latest.get(kind.value),
            )
        )
    return DatasetSummary(kinds=out, syncs=source_syncs(deps, tenant_id))


def source_syncs(deps: Deps, tenant_id: str) -> list[SyncView]:
    """The tenant's connector sources with their last run, by source name."""
    runs = sync_runs_collection(tenant_id)
    out = []
    for doc in sorted(deps.documents.query(sources_collection(tenant_id)), key=lambda d: str(d.get("_id"))):
        run = deps.documents.get(runs, str(doc["last_run_id"])) if doc.get("last_run_id") else None
        run = run or {}
        out.append(
            SyncView(
                source=str(doc.get("_id")),
                enabled=bool(doc.get("enabled", False)),
                last_status=doc.get("last_status") or run.get("status"),
                consecutive_failures=int(doc.get("consecutive_failures") or 0),
                last_started_at=run.get("started_at"),
                last_finished_at=run.get("finished_at"),
                last_rows=sum(int(v) for v in (run.get("rows") or {}).values()),
                last_errors=[str(e) for e in (run.get("errors") or [])][:5],
            )
        )
    return out
