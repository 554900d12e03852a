"""A tenant's stored rows of each kind (the final tables), as processing, exports and dataset views read them.

Table and column names come from ``DataKind`` and the table registry (never from input); every statement
carries the tenant predicate and binds its values.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlglot import exp

from shared.models.records import DataKind
from shared.models.tables import all_tables
from shared.ports import Warehouse
from shared.store.statements import col, fn, latest_first, ordered, param, read, tenant_predicate

if TYPE_CHECKING:
    import pandas as pd


def _has_column(table: str, column: str) -> None:
    if column not in all_tables()[table].column_names:
        raise ValueError(f"{table} has no column {column!r}")


def stored_rows(warehouse: Warehouse, tenant_id: str, kind: DataKind) -> pd.DataFrame:
    """Every row of the final table ``kind`` for the tenant, by record key then version (the export)."""
    statement = (exp.select("*").from_(kind.value).where(tenant_predicate())
                 .order_by(*ordered("record_key", "ingested_at")))
    return read(warehouse, statement, tenant_id)


def existing_versions(warehouse: Warehouse, tenant_id: str, kind: DataKind, keys: Sequence[str]) -> pd.DataFrame:
    """``record_key`` and ``ingested_at`` of the tenant's final rows whose key is one of ``keys``."""
    if not keys:
        import pandas as pd

        return pd.DataFrame({"record_key": [], "ingested_at": []})
    keys_table = exp.Unnest(expressions=[param("keys")], alias=exp.TableAlias(columns=[exp.to_identifier("k")]))
    statement = (exp.select(col("record_key", "f"), col("ingested_at", "f"))
                 .from_(exp.to_table(kind.value).as_("f"))
                 .join(keys_table, on=col("record_key", "f").eq(col("k")))
                 .where(tenant_predicate("f")))
    return read(warehouse, statement, tenant_id, keys=list(keys))


def catalogue_identifiers(warehouse: Warehouse, tenant_id: str) -> pd.DataFrame:
    """SKU, ASIN, GTIN and list price of every product of the tenant."""
    return read(warehouse, exp.select("sku", "asin", "gtin", "price").from_("products").where(tenant_predicate()),
                tenant_id)


def latest_by_sku(warehouse: Warehouse, tenant_id: str, table: Literal["sales", "inventory"],
                  column: str) -> dict[str, Any]:
    """Per SKU, the latest non-null ``column`` of ``table`` (by date, then the latest ingestion)."""
    _has_column(table, column)
    statement = (exp.select(col("sku"), col(column).as_("value")).from_(table)
                 .where(tenant_predicate(), col(column).is_(exp.null()).not_())
                 .qualify(latest_first(["sku"], "date", "ingested_at").eq(1)))
    frame = read(warehouse, statement, tenant_id)
    return dict(zip(frame["sku"], frame["value"], strict=True))


def other_reviews(warehouse: Warehouse, tenant_id: str, exclude_ingestion: str) -> pd.DataFrame:
    """The tenant's processed reviews from other ingestions (duplicate and burst detection context)."""
    statement = (exp.select("review_id", "sku", "date", "text", "title", "rating", "verified").from_("reviews")
                 .where(tenant_predicate(), col("ingestion_id").neq(param("ingestion"))))
    return read(warehouse, statement, tenant_id, ingestion=exclude_ingestion)


def kind_extent(warehouse: Warehouse, tenant_id: str, kind: DataKind, column: str) -> pd.DataFrame:
    """One row: how many rows of ``kind`` the tenant has, and the first and last ``column`` value as text."""
    _has_column(kind.value, column)
    as_text = exp.DataType.build("STRING", dialect="bigquery")
    statement = (exp.select(fn("COUNT", exp.Star()).as_("n"),
                            exp.cast(fn("MIN", col(column)), as_text).as_("first"),
                            exp.cast(fn("MAX", col(column)), as_text).as_("last"))
                 .from_(kind.value).where(tenant_predicate()))
    return read(warehouse, statement, tenant_id)


def changed_skus(warehouse: Warehouse, tenant_id: str, kind: DataKind, since: datetime) -> list[str]:
    """SKUs with rows of ``kind`` ingested after ``since``, sorted."""
    statement = (exp.select(col("sku")).distinct().from_(kind.value)
                 .where(tenant_predicate(), col("ingested_at") > param("since")).order_by(*ordered("sku")))
    return [str(s) for s in read(warehouse, statement, tenant_id, since=since)["sku"].tolist()]
