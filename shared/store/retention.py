"""Deleting a tenant's warehouse rows older than a cutoff (the retention job's processed class)."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from sqlglot import exp

from shared.models.tables import all_tables
from shared.ports import Warehouse
from shared.store.statements import change, col, fn, param, read, tenant_predicate


def _older(table: str, column: str) -> exp.Expr:
    """Rows of the tenant before ``@cutoff``; a row without a date (an undated review) ages by its ingestion day."""
    spec = all_tables()[table]
    if column not in spec.column_names:  # names come from the registry, never from input
        raise ValueError(f"{table} has no column {column!r}")
    older: exp.Expr = col(column) < param("cutoff")
    optional = {c.name for c in spec.columns if c.mode == "NULLABLE"}
    if column == "date" and column in optional and "ingested_at" in spec.column_names:
        ingested = exp.and_(col(column).is_(exp.null()), exp.cast(col("ingested_at"), "DATE") < param("cutoff"))
        older = exp.paren(exp.or_(older, ingested))
    return exp.and_(tenant_predicate(), older)


@cache
def _count_statement(table: str, column: str) -> exp.Select:
    return exp.select(fn("COUNT", exp.Star()).as_("n")).from_(table).where(_older(table, column))


@cache
def _delete_statement(table: str, column: str) -> exp.Delete:
    return exp.delete(table, where=_older(table, column))


def count_older(warehouse: Warehouse, tenant_id: str, table: str, column: str, cutoff: date | datetime) -> int:
    """How many of the tenant's rows of ``table`` have ``column`` before ``cutoff``."""
    return int(read(warehouse, _count_statement(table, column), tenant_id, cutoff=cutoff)["n"].iloc[0])


def delete_older(warehouse: Warehouse, tenant_id: str, table: str, column: str, cutoff: date | datetime) -> None:
    """Delete the tenant's rows of ``table`` whose ``column`` is before ``cutoff``."""
    change(warehouse, _delete_statement(table, column), tenant_id, cutoff=cutoff)
