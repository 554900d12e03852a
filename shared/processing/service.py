"""Process one staged ingestion end to end: load, prepare, merge, record, announce.

Idempotent on the ingestion: a processed ingestion is acknowledged without work, and a redelivery
after a crash half-way converges (the upsert replaces rows by key, equal versions are not stale, and
the ``data-updated`` publication is re-sent until the document records it was published).
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from datetime import UTC, datetime
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from shared.deps import Deps
from shared.errors import InvalidInput, NotFound, TransientError
from shared.ingest.crashpoints import crash_point
from shared.ingest.lifecycle import IngestionLifecycle
from shared.ingest.places import place_labelled
from shared.models.records import DataKind
from shared.observability.logs import get_logger, log_event
from shared.processing.loader import (
    load_gap_context,
    load_products,
    load_review_context,
    load_staged,
    load_staged_days,
    load_staged_skus,
)
from shared.processing.merge import prepare_batch
from shared.processing.metrics import PROCESSED_ROWS, PROCESSING_CHANGES
from shared.processing.parts import PARTITIONED_KINDS, Part, plan_parts
from shared.processing.sku import SkuResolver
from shared.sentiment.kept_readings import keep_review_readings
from shared.store import joins

DATA_UPDATED_TOPIC = "data-updated"
_log = get_logger(__name__)


class StagedNotice(BaseModel):
    """The ``ingestion-staged`` message: which ingestion of which tenant staged rows of which kind."""

    model_config = ConfigDict(extra="ignore")

    tenant_id: str = Field(min_length=1, max_length=128)
    ingestion_id: str = Field(min_length=1, max_length=256)
    kind: DataKind


class ProcessingOutcome(BaseModel):
    """What processing did with one ingestion."""

    tenant_id: str
    ingestion_id: str
    kind: DataKind
    status: Literal["processed", "already_processed"]
    rows: int
    changes: dict[str, int] = Field(default_factory=dict)


def _publish_data_updated(deps: Deps, notice: StagedNotice, rows: int) -> None:
    payload = {"tenant_id": notice.tenant_id, "kind": notice.kind.value, "ingestion_id": notice.ingestion_id,
               "rows": rows}
    deps.bus.publish(DATA_UPDATED_TOPIC, json.dumps(payload).encode(),
                     {"tenant_id": notice.tenant_id, "kind": notice.kind.value})
    IngestionLifecycle(deps.documents, notice.tenant_id, notice.ingestion_id).record({"data_updated_published": True})


def process_staged(deps: Deps, notice: StagedNotice, *, part_rows: int | None = None) -> ProcessingOutcome:
    """Merge the staged rows of ``notice``'s ingestion into the final table of its kind.

    A sales, competitor-price or inventory ingestion of more than ``part_rows`` rows (default
    ``ECOMINTEL_PROCESS_PART_ROWS``, 50,000) is processed in parts of whole SKUs (``shared.processing.parts``),
    each merged in its own transaction: the same rows and counts as one batch, in a part's memory. A crash
    between parts leaves the ingestion ``processing``; the redelivery processes every part again and
    converges (rows are replaced by key).

    Raises:
        NotFound: the ingestion document does not exist (permanent).
        InvalidInput: the ingestion cannot be processed (kind mismatch, failed ingestion; permanent).
        TransientError: the ingestion is still being staged (the message is redelivered later).
    """
    lifecycle = IngestionLifecycle(deps.documents, notice.tenant_id, notice.ingestion_id,
                                   lease_seconds=deps.settings.ingest_lease_seconds)
    claim = lifecycle.claim_processing(notice.kind.value)
    doc = claim.doc
    if claim.action == "invalid":
        if not doc:
            raise NotFound(f"unknown ingestion {notice.ingestion_id} for tenant {notice.tenant_id}")
        if doc.get("kind") not in (None, notice.kind.value):
            error = f"ingestion {notice.ingestion_id} is {doc.get('kind')}, message says {notice.kind.value}"
            lifecycle.record({"processing_error": error})
            raise InvalidInput(error)
        raise InvalidInput(f"ingestion {notice.ingestion_id} has status {doc.get('status')!r}; "
                           "only staged data is processed")
    if claim.action == "already":
        rows = int(doc.get("processed_rows") or 0)
        if not doc.get("data_updated_published"):
            _publish_data_updated(deps, notice, rows)
        return ProcessingOutcome(tenant_id=notice.tenant_id, ingestion_id=notice.ingestion_id, kind=notice.kind,
                                 status="already_processed", rows=rows, changes=dict(doc.get("changes") or {}))
    if claim.action == "not_staged":
        raise TransientError(f"ingestion {notice.ingestion_id} is still staging; retry later")
    if claim.action == "busy":
        raise TransientError(f"ingestion {notice.ingestion_id} is being processed by {doc.get('lease_owner')}")
    crash_point("process.claimed")

    tenant, ingestion = notice.tenant_id, notice.ingestion_id
    part_rows = part_rows or deps.settings.process_part_rows
    products = load_products(deps.warehouse, tenant)
    staged_count = 0
    if notice.kind is DataKind.PRODUCTS:  # the staged products feed the resolver: processed whole
        staged = load_staged(deps.warehouse, tenant, ingestion, notice.kind)
        if not staged.empty:
            products = pd.concat([products, staged[["sku", "asin", "gtin", "price"]]], ignore_index=True)
    resolver = SkuResolver.from_products(products.to_dict("records"))
    gaps = load_gap_context(deps.warehouse, deps.documents, tenant, notice.kind, products)
    review_context = (load_review_context(deps.warehouse, tenant, ingestion)
                      if notice.kind is DataKind.REVIEWS else None)

    parts: list[Part | None] = [None]
    accepted = doc.get("accepted")
    if notice.kind in PARTITIONED_KINDS and not (isinstance(accepted, int) and accepted <= part_rows):
        planned = plan_parts(notice.kind, load_staged_skus(deps.warehouse, tenant, ingestion, notice.kind),
                             resolver, part_rows,
                             functools.partial(load_staged_days, deps.warehouse, tenant, ingestion, notice.kind))
        parts = list(planned) if planned else parts
    total: Counter[str] = Counter()
    written = 0
    for part in parts:  # whole canonical SKUs (or runs of a SKU's days) per part: what the whole file gives them
        if notice.kind is not DataKind.PRODUCTS:
            staged = load_staged(deps.warehouse, tenant, ingestion, notice.kind, part)
        if notice.kind is DataKind.SALES:  # lines staged before their places table, processed after it
            staged = place_labelled(staged, functools.partial(joins.refs, deps.warehouse, tenant))
        batch = prepare_batch(notice.kind, staged, resolver, gaps, review_context)
        gaps = gaps.carried(batch.carried)  # a SKU's next run of days fills gaps from this one's last values
        staged_count += len(staged)
        del staged  # the batch holds what is written; a part's staged frame is not kept beside it
        # newest version wins in the engine: a key stored in a strictly newer version keeps it (stale rows)
        merged = deps.warehouse.upsert_unless_newer(notice.kind.value, batch.rows, ["tenant_id", "record_key"],
                                                    "ingested_at")
        written += merged
        if notice.kind is DataKind.REVIEWS:  # each new text read once now, so no question has to read it
            read_now, kept = keep_review_readings(deps.warehouse, tenant, batch.rows)
            log_event(_log, "review readings kept", tenant=tenant, ingestion_id=ingestion, read=read_now, kept=kept)
        total.update(batch.changes)
        if len(batch.rows) > merged:
            total["stale_skipped"] += len(batch.rows) - merged
        del batch
    crash_point("process.merged")

    changes = {k: int(v) for k, v in sorted(total.items())}
    finished = lifecycle.finish_processing({
        "staged_rows": staged_count,
        "processed_rows": written,
        "changes": changes,
        "processed_at": datetime.now(UTC).isoformat(),
        "data_updated_published": False,
    })
    if not finished:  # presumed dead and taken over: the other run records the outcome (same rows, by key)
        raise TransientError(f"ingestion {notice.ingestion_id} was taken over during processing")
    crash_point("process.processed")
    PROCESSED_ROWS.labels(kind=notice.kind.value).inc(written)
    for change, count in changes.items():
        PROCESSING_CHANGES.labels(kind=notice.kind.value, change=change).inc(count)
    log_event(_log, "ingestion processed", kind=notice.kind.value, ingestion_id=notice.ingestion_id,
              staged=staged_count, rows=written, changes=changes)
    _publish_data_updated(deps, notice, written)
    return ProcessingOutcome(tenant_id=notice.tenant_id, ingestion_id=notice.ingestion_id, kind=notice.kind,
                             status="processed", rows=written, changes=changes)
