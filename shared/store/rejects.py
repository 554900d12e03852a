"""Rejected rows (the ``rejects`` table): what ingestion refused, per file, read back for merchants."""

from __future__ import annotations

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


def rejected_row_numbers(warehouse: Warehouse, tenant_id: str, kind: DataKind, file_checksum: str,
                         ingestion_id: str) -> set[int]:
    """Row numbers of this file (by checksum) already rejected by an earlier ingestion of the same tenant."""
    statement = (exp.select(col("row_number")).distinct().from_(TABLE)
                 .where(tenant_predicate(), col("kind").eq(param("kind")),
                        col("file_checksum").eq(param("checksum")),
                        col("ingestion_id").neq(param("ingestion"))))
    found = read(warehouse, statement, tenant_id, kind=kind.value, checksum=file_checksum, ingestion=ingestion_id)
    return {int(v) for v in found["row_number"].tolist()} if not found.empty else set()


def ingestion_rejects(warehouse: Warehouse, tenant_id: str, ingestion_id: str) -> pd.DataFrame:
    """Row number, column, reason and raw text of one ingestion's rejects, in file order."""
    statement = (exp.select(col("row_number"), col("column"), col("reason"), col("raw")).from_(TABLE)
                 .where(tenant_predicate(), col("ingestion_id").eq(param("ingestion")))
                 .order_by(*ordered("row_number")))
    return read(warehouse, statement, tenant_id, ingestion=ingestion_id)


def kind_rejects(warehouse: Warehouse, tenant_id: str, kind: DataKind) -> pd.DataFrame:
    """Every reject of ``kind`` for the tenant, oldest first (the rejects export)."""
    statement = (exp.select("*").from_(TABLE).where(tenant_predicate(), col("kind").eq(param("kind")))
                 .order_by(*ordered("rejected_at", "ingestion_id", "row_number")))
    return read(warehouse, statement, tenant_id, kind=kind.value)
