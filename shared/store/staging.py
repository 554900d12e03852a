"""Staged rows: what an ingestion appends to ``stg_<kind>`` before processing merges it, and its clean-up.

Table names come from ``DataKind`` (never from input); every statement carries the tenant predicate. Each
statement shape is built once (``functools.cache``) and never changed afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

import pandas as pd
from sqlglot import exp

from shared.models.records import DataKind
from shared.ports import BulkAppend, Warehouse
from shared.store.statements import change, col, fn, in_array, param, read, tenant_predicate


def staging_table(kind: DataKind) -> str:
    """The staging table of ``kind``."""
    return f"stg_{kind.value}"


def _committed(pending: bool) -> list[exp.Expr]:
    """Staged rows of the ``@pending`` ingestions are not stored data yet (they have not finished staging)."""
    return [exp.Not(this=in_array(col("ingestion_id"), "pending"))] if pending else []


@cache
def has_stored_rows_statement(kind: DataKind, pending: bool) -> exp.Select:
    """Whether committed staged rows or final rows of ``kind`` exist for the tenant."""
    staged = exp.select("1").from_(staging_table(kind)).where(tenant_predicate(), *_committed(pending))
    final = exp.select("1").from_(kind.value).where(tenant_predicate())
    return exp.select(exp.or_(exp.Exists(this=staged), exp.Exists(this=final)).as_("has_rows"))


def has_stored_rows(warehouse: Warehouse, tenant_id: str, kind: DataKind, pending: Sequence[str]) -> bool:
    """Whether the tenant has committed rows of ``kind`` (else no look-ups needed).

    Committed: in the final table, or staged by an ingestion that finished staging; rows staged by the
    ``pending`` ingestions (still staging, or abandoned by a crash) are not.
    """
    found = read(warehouse, has_stored_rows_statement(kind, bool(pending)), tenant_id, pending=list(pending))
    return bool(found["has_rows"].iloc[0])


@cache
def existing_hashes_statement(kind: DataKind, pending: bool) -> exp.Union:
    """``row_hash`` values among ``@hashes`` the tenant already has committed, staged or final."""
    hashed = in_array(col("row_hash"), "hashes")
    staged = exp.select("row_hash").from_(staging_table(kind)).where(tenant_predicate(), hashed,
                                                                      *_committed(pending))
    final = exp.select("row_hash").from_(kind.value).where(tenant_predicate(), hashed.copy())
    return exp.union(staged, final, distinct=True)


def existing_hashes(warehouse: Warehouse, tenant_id: str, kind: DataKind, hashes: Sequence[str],
                    pending: Sequence[str]) -> set[str]:
    """Which of ``hashes`` the tenant already has committed (see ``has_stored_rows``)."""
    if not hashes:
        return set()
    found = read(warehouse, existing_hashes_statement(kind, bool(pending)), tenant_id, hashes=list(hashes),
                 pending=list(pending))
    return set(found["row_hash"].tolist()) if not found.empty else set()


@cache
def _staged_rows_statement(kind: DataKind, some_skus: bool, since: bool = False, before: bool = False) -> exp.Select:
    skus = [in_array(col("sku"), "skus")] if some_skus else []
    days = ([col("date") >= param("since")] if since else []) + ([col("date") < param("before")] if before else [])
    return exp.select("*").from_(staging_table(kind)).where(tenant_predicate(),
                                                            col("ingestion_id").eq(param("ingestion")), *skus, *days)


def staged_rows(warehouse: Warehouse, tenant_id: str, ingestion_id: str, kind: DataKind,
                skus: Sequence[str] | None = None, since: date | None = None,
                before: date | None = None) -> pd.DataFrame:
    """The staged rows of one ingestion, in file order.

    Only those whose ``sku`` is one of ``skus`` when given, and dated on or after ``since`` and before
    ``before`` when given (a SKU too large for one processing part is read in runs of days). Sorted here, not by
    the engine: an ``ORDER BY`` over a whole file's wide rows cost DuckDB 150 MiB of peak memory and half the
    read's time; sorting the frame's row numbers costs neither.
    """
    statement = _staged_rows_statement(kind, skus is not None, since is not None, before is not None)
    params: dict[str, object] = {"skus": list(skus)} if skus is not None else {}
    params.update({name: day for name, day in (("since", since), ("before", before)) if day is not None})
    rows = read(warehouse, statement, tenant_id, ingestion=ingestion_id, **params)
    return rows.sort_values("source_row", kind="stable", na_position="first", ignore_index=True)


@cache
def _staged_skus_statement(kind: DataKind) -> exp.Select:
    return (exp.select(col("sku"), fn("COUNT", exp.Star()).as_("n")).from_(staging_table(kind))
            .where(tenant_predicate(), col("ingestion_id").eq(param("ingestion"))).group_by(col("sku")))


def staged_skus(warehouse: Warehouse, tenant_id: str, ingestion_id: str, kind: DataKind) -> dict[str, int]:
    """Each SKU (as staged) of one ingestion and how many of its rows carry it."""
    found = read(warehouse, _staged_skus_statement(kind), tenant_id, ingestion=ingestion_id)
    return {str(sku): int(n) for sku, n in zip(found["sku"], found["n"], strict=True)}


@cache
def _staged_days_statement(kind: DataKind) -> exp.Select:
    return (exp.select(col("date"), fn("COUNT", exp.Star()).as_("n")).from_(staging_table(kind))
            .where(tenant_predicate(), col("ingestion_id").eq(param("ingestion")), in_array(col("sku"), "skus"))
            .group_by(col("date")))


def staged_days(warehouse: Warehouse, tenant_id: str, ingestion_id: str, kind: DataKind,
                skus: Sequence[str]) -> dict[date, int]:
    """How many staged rows of one ingestion each day holds, for the SKU spellings ``skus``."""
    found = read(warehouse, _staged_days_statement(kind), tenant_id, ingestion=ingestion_id, skus=list(skus))
    return {pd.Timestamp(day).date(): int(n) for day, n in zip(found["date"], found["n"], strict=True)}


@cache
def _clear_statement(table: str) -> exp.Delete:
    return exp.delete(table, where=exp.and_(tenant_predicate(), col("ingestion_id").eq(param("ingestion"))))


def clear_ingestion(warehouse: Warehouse, tenant_id: str, kind: DataKind, ingestion_id: str) -> None:
    """Remove what an interrupted attempt of ``ingestion_id`` staged and rejected, so a retry never doubles."""
    for table in (staging_table(kind), "rejects"):
        change(warehouse, _clear_statement(table), tenant_id, ingestion=ingestion_id)


def open_staging(warehouse: Warehouse, kind: DataKind) -> BulkAppend:
    """An append to ``stg_{kind}`` for one ingestion: batches go in as they come, the load at ``commit``."""
    return warehouse.bulk_append(staging_table(kind))
