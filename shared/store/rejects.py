"""Rejected rows (the ``rejects`` table): what ingestion refused, per file, read back for merchants."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from sqlglot import exp

from shared.models.records import DataKind
from shared.ports import Warehouse
from shared.store.statements import col, ordered, param, read, tenant_predicate

if TYPE_CHECKING:
    import pandas as pd

TABLE = "rejects"


def store_rejects(warehouse: Warehouse, rows: pd.DataFrame) -> int:
    """Append reject rows (each carries its ``tenant_id``)."""
    return warehouse.insert(TABLE, rows)


@cache
def _row_numbers_statement() -> exp.Select:
    return (exp.select(col("row_number")).distinct().from_(TABLE)
            .where(tenant_predicate(), col("kind").eq(param("kind")), col("file_checksum").eq(param("checksum")),
                   col("ingestion_id").neq(param("ingestion"))))


def rejected_row_numbers(warehouse: Warehouse, tenant_id: str, kind: DataKind, file_checksum: str,
                         ingestion_id: str) -> set[int]:
    """Row numbers of this file (by checksum) already rejected by an earlier ingestion of the same tenant."""
    found = read(warehouse, _row_numbers_statement(), tenant_id, kind=kind.value, checksum=file_checksum,
                 ingestion=ingestion_id)
    return {int(v) for v in found["row_number"].tolist()} if not found.empty else set()


@cache
def _ingestion_statement() -> exp.Select:
    return (exp.select(col("row_number"), col("column"), col("reason"), col("raw")).from_(TABLE)
            .where(tenant_predicate(), col("ingestion_id").eq(param("ingestion")))
            .order_by(*ordered("row_number")))


def ingestion_rejects(warehouse: Warehouse, tenant_id: str, ingestion_id: str) -> pd.DataFrame:
    """Row number, column, reason and raw text of one ingestion's rejects, in file order."""
    return read(warehouse, _ingestion_statement(), tenant_id, ingestion=ingestion_id)


@cache
def _kind_statement() -> exp.Select:
    return (exp.select("*").from_(TABLE).where(tenant_predicate(), col("kind").eq(param("kind")))
            .order_by(*ordered("rejected_at", "ingestion_id", "row_number")))


def kind_rejects(warehouse: Warehouse, tenant_id: str, kind: DataKind) -> pd.DataFrame:
    """Every reject of ``kind`` for the tenant, oldest first (the rejects export)."""
    return read(warehouse, _kind_statement(), tenant_id, kind=kind.value)
