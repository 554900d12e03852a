"""A tenant's stored rows of each kind (the final tables), as processing, exports and dataset views read them.

Table and column names come from ``DataKind`` and the table registry (never from input); every statement
carries the tenant predicate and binds its values. Each statement shape is built once (``functools.cache``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from sqlglot import exp

from shared.models.records import DataKind
from shared.models.tables import all_tables
from shared.ports import Warehouse
from shared.store.statements import col, fn, in_array, latest_first, ordered, param, read, tenant_predicate

if TYPE_CHECKING:
    import pandas as pd


def _has_column(table: str, column: str) -> None:
    if column not in all_tables()[table].column_names:
        raise ValueError(f"{table} has no column {column!r}")


@cache
def _stored_rows_statement(kind: DataKind) -> exp.Select:
    return exp.select("*").from_(kind.value).where(tenant_predicate()).order_by(*ordered("record_key", "ingested_at"))


def stored_rows(warehouse: Warehouse, tenant_id: str, kind: DataKind) -> pd.DataFrame:
    """Every row of the final table ``kind`` for the tenant, by record key then version (the export)."""
    return read(warehouse, _stored_rows_statement(kind), tenant_id)


@cache
def _versions_statement(kind: DataKind) -> exp.Select:
    keys = exp.Unnest(expressions=[param("keys")], alias=exp.TableAlias(columns=[exp.to_identifier("k")]))
    return (exp.select(col("record_key", "f"), col("ingested_at", "f"))
            .from_(exp.to_table(kind.value).as_("f"))
            .join(keys, on=col("record_key", "f").eq(col("k")))
            .where(tenant_predicate("f")))


def existing_versions(warehouse: Warehouse, tenant_id: str, kind: DataKind, keys: Sequence[str]) -> pd.DataFrame:
    """``record_key`` and ``ingested_at`` of the tenant's final rows whose key is one of ``keys``."""
    if not keys:
        import pandas as pd

        return pd.DataFrame({"record_key": [], "ingested_at": []})
    return read(warehouse, _versions_statement(kind), tenant_id, keys=list(keys))


@cache
def _identifiers_statement() -> exp.Select:
    return exp.select("sku", "asin", "gtin", "price").from_("products").where(tenant_predicate())


def catalogue_identifiers(warehouse: Warehouse, tenant_id: str) -> pd.DataFrame:
    """SKU, ASIN, GTIN and list price of every product of the tenant."""
    return read(warehouse, _identifiers_statement(), tenant_id)


@cache
def _prices_statement() -> exp.Select:
    return (exp.select("sku", "price").from_("products")
            .where(tenant_predicate(), in_array(col("sku"), "skus"), exp.not_(col("price").is_(exp.null()))))


def catalogue_prices(warehouse: Warehouse, tenant_id: str, skus: Sequence[str]) -> dict[str, float]:
    """The list price of each of ``skus`` the tenant's catalogue gives one (those without a price are left out)."""
    if not skus:
        return {}
    found = read(warehouse, _prices_statement(), tenant_id, skus=list(skus))
    return {str(s): float(p) for s, p in zip(found["sku"], found["price"], strict=True)}


@cache
def _latest_statement(table: str, column: str) -> exp.Select:
    _has_column(table, column)
    return (exp.select(col("sku"), col(column).as_("value")).from_(table)
            .where(tenant_predicate(), col(column).is_(exp.null()).not_())
            .qualify(latest_first(["sku"], "date", "ingested_at").eq(1)))


def latest_by_sku(warehouse: Warehouse, tenant_id: str, table: Literal["sales", "inventory"],
                  column: str) -> dict[str, Any]:
    """Per SKU, the latest non-null ``column`` of ``table`` (by date, then the latest ingestion)."""
    frame = read(warehouse, _latest_statement(table, column), tenant_id)
    return dict(zip(frame["sku"], frame["value"], strict=True))


@cache
def _other_reviews_statement() -> exp.Select:
    return (exp.select("review_id", "sku", "date", "text", "title", "rating", "verified").from_("reviews")
            .where(tenant_predicate(), col("ingestion_id").neq(param("ingestion"))))


def other_reviews(warehouse: Warehouse, tenant_id: str, exclude_ingestion: str) -> pd.DataFrame:
    """The tenant's processed reviews from other ingestions (duplicate and burst detection context)."""
    return read(warehouse, _other_reviews_statement(), tenant_id, ingestion=exclude_ingestion)


@cache
def _extent_statement(kind: DataKind, column: str) -> exp.Select:
    _has_column(kind.value, column)
    as_text = exp.DataType.build("STRING", dialect="bigquery")
    return (exp.select(fn("COUNT", exp.Star()).as_("n"),
                       exp.cast(fn("MIN", col(column)), as_text).as_("first"),
                       exp.cast(fn("MAX", col(column)), as_text).as_("last"))
            .from_(kind.value).where(tenant_predicate()))


def kind_extent(warehouse: Warehouse, tenant_id: str, kind: DataKind, column: str) -> pd.DataFrame:
    """One row: how many rows of ``kind`` the tenant has, and the first and last ``column`` value as text."""
    return read(warehouse, _extent_statement(kind, column), tenant_id)


@cache
def _changed_statement(kind: DataKind) -> exp.Select:
    return (exp.select(col("sku")).distinct().from_(kind.value)
            .where(tenant_predicate(), col("ingested_at") > param("since")).order_by(*ordered("sku")))


def changed_skus(warehouse: Warehouse, tenant_id: str, kind: DataKind, since: datetime) -> list[str]:
    """SKUs with rows of ``kind`` ingested after ``since``, sorted."""
    return [str(s) for s in read(warehouse, _changed_statement(kind), tenant_id, since=since)["sku"].tolist()]
