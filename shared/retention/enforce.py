"""Enforce a tenant's retention policy through the ports, identically on every backend.

Blob storage lifecycle rules and BigQuery partition expiry (Terraform) are the platform's safety net on GCP;
this job applies per-tenant policies and legal holds on top, and records each deletion in the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from shared.audit.log import record_audit
from shared.deps import Deps
from shared.models.records import DataKind
from shared.models.tables import all_tables
from shared.ports import Filter
from shared.retention.policy import load_policy
from shared.store.documents.retention import report_class_collections, reports_collection
from shared.store.retention import count_older, delete_older

ACTOR = "system:retention"


@dataclass
class RetentionResult:
    """What one run deleted, by class."""

    tenant_id: str
    deleted: dict[str, int] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)


def _blob_prefixes(tenant: str) -> Iterable[tuple[str, str]]:
    yield "raw", f"raw/{tenant}/"
    yield "raw", f"payloads/{tenant}/"


def _table_cutoffs(cutoff: date) -> list[tuple[str, str, date | datetime]]:
    """(table, column, cutoff value) for every processed-class table of the warehouse."""
    tables = all_tables()
    plan: list[tuple[str, str, date | datetime]] = []
    for kind in DataKind:
        for name in (kind.value, f"stg_{kind.value}"):
            spec = tables[name]
            if name == kind.value and "date" in spec.column_names:
                plan.append((name, "date", cutoff))
            else:
                plan.append((name, "ingested_at", datetime.combine(cutoff, datetime.min.time(), UTC)))
    plan.append(("rejects", "rejected_at", datetime.combine(cutoff, datetime.min.time(), UTC)))
    # what ingestion's join of multi-file datasets keeps (shared.ingest.tables): references and held rows
    plan.append(("join_refs", "loaded_at", datetime.combine(cutoff, datetime.min.time(), UTC)))
    plan.append(("held_rows", "held_at", datetime.combine(cutoff, datetime.min.time(), UTC)))
    # review texts' readings and accurate scores kept by the sentiment scorer (shared.sentiment.tables): a text still
    # held is read again
    plan.append(("review_scores", "scored_at", datetime.combine(cutoff, datetime.min.time(), UTC)))
    plan.append(("review_accurate_scores", "scored_at", datetime.combine(cutoff, datetime.min.time(), UTC)))
    return plan


def enforce_retention(deps: Deps, tenant: str, *, now: datetime | None = None) -> RetentionResult:
    """Delete exactly the tenant's data older than its policy allows (unless held); audit every deletion."""
    now = now or datetime.now(UTC)
    policy = load_policy(deps.documents, tenant)
    result = RetentionResult(tenant_id=tenant)

    if policy.held("raw"):
        result.held.append("raw")
    else:
        cutoff = now - timedelta(days=policy.raw_days)
        bucket = deps.settings.bucket_name("raw")
        count = 0
        for _, prefix in _blob_prefixes(tenant):
            for blob in list(deps.blobs.list(bucket, prefix)):
                if blob.updated is not None and blob.updated < cutoff:
                    deps.blobs.delete(bucket, blob.name)
                    count += 1
        result.deleted["raw_files"] = count
        if count:
            record_audit(deps, tenant, ACTOR, "retention.deleted", f"gs://{bucket}/raw/{tenant}/",
                         {"class": "raw", "objects": count, "older_than": cutoff.isoformat()})

    if policy.held("processed"):
        result.held.append("processed")
    else:
        cutoff_day = (now - timedelta(days=policy.processed_days)).date()
        total = 0
        for table, column, value in _table_cutoffs(cutoff_day):
            n = count_older(deps.warehouse, tenant, table, column, value)
            if n:
                delete_older(deps.warehouse, tenant, table, column, value)
                record_audit(deps, tenant, ACTOR, "retention.deleted", f"table:{table}",
                             {"class": "processed", "rows": n, "column": column, "older_than": str(value)})
                total += n
        result.deleted["processed_rows"] = total

    if policy.held("reports"):
        result.held.append("reports")
    else:
        cutoff = now - timedelta(days=policy.reports_days)
        count = 0
        for collection, ts_field in report_class_collections(tenant):
            # timestamps are stored as UTC ISO-8601 strings, which order like the instants they name
            for doc in deps.documents.query(collection, [Filter(ts_field, "<", cutoff.isoformat())]):
                deps.documents.delete(collection, doc["_id"])
                count += 1
        result.deleted["reports"] = count
        if count:
            record_audit(deps, tenant, ACTOR, "retention.deleted", reports_collection(tenant),
                         {"class": "reports", "documents": count, "older_than": cutoff.isoformat()})
    return result
