"""One sync run of one source for one tenant, recorded, with its raw payloads kept.

Documents:
- ``tenants/{t}/sources/{source}``: ``{enabled, config, state, consecutive_failures, last_run_id}``
- ``source_registry/{source}:{t}``: index for the scheduled fan-out across tenants
- ``tenants/{t}/sync_runs/{run_id}``: ``{source, status, started_at, finished_at, rows, files, errors,
  watermark, payload_prefix}``

Rows become CSV files under ``raw/{t}/{kind}/...`` in the raw bucket (so the ordinary ingest -> process path
takes over, with its validation, rejects and lineage); raw payloads are stored under
``payloads/{t}/{source}/{run_id}/`` and each CSV's metadata points at that prefix.
"""

from __future__ import annotations

import csv
import io
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from shared.connectors.base import MissingSecret, SyncBatch, SyncContext, env_secret
from shared.connectors.sources import get_source
from shared.deps import Deps
from shared.observability.logs import get_logger, log_event
from shared.observability.metrics import SYNC_FAILURE_ALERTS, SYNC_RUNS
from shared.store.documents.sync import (
    SOURCE_REGISTRY,
    source_registry_id,
    sources_collection,
    sync_runs_collection,
)

_log = get_logger(__name__)
FAILURE_ALERT_THRESHOLD = 3


class SyncRun(BaseModel):
    """The record of one run."""

    run_id: str
    tenant_id: str
    source: str
    status: str = "running"
    started_at: datetime
    finished_at: datetime | None = None
    rows: dict[str, int] = Field(default_factory=dict)
    files: list[str] = Field(default_factory=list)
    payloads: int = 0
    errors: list[str] = Field(default_factory=list)
    problems: list[dict[str, Any]] = Field(default_factory=list)
    watermark: dict[str, Any] = Field(default_factory=dict)
    payload_prefix: str = ""
    consecutive_failures: int = 0


def configure_source(deps: Deps, tenant: str, source: str, config: Mapping[str, Any], *, enabled: bool = True) -> None:
    """Create or update a tenant's source config (state and failure count are kept)."""
    get_source(source)  # unknown sources fail here, not at 3 am
    deps.documents.set(sources_collection(tenant), source, {"enabled": enabled, "config": dict(config)}, merge=True)
    deps.documents.set(
        SOURCE_REGISTRY, source_registry_id(source, tenant), {"source": source, "tenant_id": tenant, "enabled": enabled}
    )


def _rows_to_csv(rows: list[dict[str, Any]]) -> bytes:
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return out.getvalue().encode()


def run_sync(
    deps: Deps,
    source: str,
    tenant: str,
    *,
    run_id: str | None = None,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
    secret: Callable[[str], str] = env_secret,
) -> SyncRun:
    """Run ``source`` for ``tenant``; idempotent on ``run_id`` (a finished run is returned, not repeated)."""
    now = now or datetime.now(UTC)
    run_id = run_id or f"{source}-{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    runs = sync_runs_collection(tenant)
    run = SyncRun(run_id=run_id, tenant_id=tenant, source=source, started_at=now)
    if not deps.documents.create(runs, run_id, run.model_dump(mode="json")):
        existing = SyncRun.model_validate(deps.documents.get(runs, run_id))
        if existing.status in ("succeeded", "failed"):
            return existing
    source_doc = deps.documents.get(sources_collection(tenant), source) or {}
    if not source_doc.get("enabled", False):
        run.status, run.errors = "failed", [f"source {source!r} is not configured or not enabled for this tenant"]
        run.finished_at = datetime.now(UTC)
        deps.documents.set(runs, run_id, run.model_dump(mode="json"))
        return run

    bucket = deps.settings.bucket_name("raw")
    run.payload_prefix = f"payloads/{tenant}/{source}/{run_id}/"
    state: dict[str, Any] = dict(source_doc.get("state") or {})
    ctx = SyncContext(
        tenant_id=tenant, config=source_doc.get("config") or {}, state=state, now=now, secret=secret, sleep=sleep
    )
    stored_payloads: set[str] = set()
    try:
        plugin = get_source(source)
        for n, batch in enumerate(plugin.sync(ctx)):
            _store_batch(deps, bucket, run, batch, n, stored_payloads)
        run.status = "succeeded"
        run.watermark = {k: v for k, v in state.items() if k not in ("last_problems", "skipped_keys")}
        run.problems = list(state.pop("last_problems", []) or [])
        failures = 0
    except MissingSecret as exc:
        run.status, failures = "failed", int(source_doc.get("consecutive_failures", 0)) + 1
        run.errors.append(str(exc))
    except Exception as exc:  # a failing source is recorded; other sources and tenants carry on
        run.status, failures = "failed", int(source_doc.get("consecutive_failures", 0)) + 1
        run.errors.append(f"{type(exc).__name__}: {exc}")
    run.finished_at = datetime.now(UTC)
    run.consecutive_failures = failures
    SYNC_RUNS.labels(source=source, status=run.status).inc()
    update: dict[str, Any] = {"consecutive_failures": failures, "last_run_id": run_id, "last_status": run.status}
    if run.status == "succeeded":
        update["state"] = state  # the watermark only moves when every batch landed
    deps.documents.set(sources_collection(tenant), source, update, merge=True)
    deps.documents.set(runs, run_id, run.model_dump(mode="json"))
    if failures >= FAILURE_ALERT_THRESHOLD:
        SYNC_FAILURE_ALERTS.labels(source=source).inc()
        log_event(
            _log,
            "source failing repeatedly",
            severity="ERROR",
            alert="sync_failing",
            tenant=tenant,
            source=source,
            consecutive_failures=failures,
            last_error=run.errors[-1:],
        )
    else:
        log_event(_log, "sync run finished", tenant=tenant, source=source, status=run.status, rows=run.rows)
    return run


def _store_batch(deps: Deps, bucket: str, run: SyncRun, batch: SyncBatch, n: int, stored: set[str]) -> None:
    for payload in batch.payloads:
        name = run.payload_prefix + payload.name
        if name not in stored:
            deps.blobs.write(
                bucket,
                name,
                payload.body,
                content_type=payload.content_type,
                metadata={
                    "tenant_id": run.tenant_id,
                    "source": f"sync:{run.source}",
                    "sync_run_id": run.run_id,
                    "fetched_at": run.started_at.isoformat(),
                },
            )
            stored.add(name)
            run.payloads += 1
    if batch.file is None and not batch.rows:
        return
    day = run.started_at
    body = batch.file.body if batch.file is not None else _rows_to_csv(batch.rows)
    filename = batch.file.name if batch.file is not None else f"{run.source}-{batch.kind.value}-{n:04d}.csv"
    name = f"raw/{run.tenant_id}/{batch.kind.value}/{day:%Y/%m/%d}/{run.run_id}/{n:04d}-{filename}"
    deps.blobs.write(
        bucket,
        name,
        body,
        content_type="text/csv",
        metadata={
            "tenant_id": run.tenant_id,
            "kind": batch.kind.value,
            "source": f"sync:{run.source}",
            "sync_run_id": run.run_id,
            "raw_payload_prefix": f"{bucket}/{run.payload_prefix}",
            "original_filename": filename,
        },
    )
    run.files.append(name)
    run.rows[batch.kind.value] = run.rows.get(batch.kind.value, 0) + len(batch.rows)
