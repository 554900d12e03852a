"""What the join of multi-file datasets keeps: references between files, and rows waiting for their order.

``join_refs`` holds what one file tells the others (an order's date and status, an order's products, a
category's English name); ``held_rows`` the rows that cannot become records yet (Olist items before their
order, reviews before their order's items). Every statement carries the tenant predicate; tables are named
here, never by a caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import pandas as pd
from sqlglot import exp

from shared.ports import Warehouse
from shared.store.statements import change, col, in_array, param, read, tenant_predicate

REFS = "join_refs"
HELD = "held_rows"


def save_refs(warehouse: Warehouse, tenant_id: str, link: str, refs: pd.DataFrame, *, many: bool = False) -> None:
    """Store references of ``link`` (columns ``ref_id``, ``ref_value``, optional ``ref_detail``, lineage).

    A reference replaces the tenant's earlier one with the same id (with ``many``, the same id and value:
    an order has many products).
    """
    if refs.empty:
        return
    keys = ["tenant_id", "link", "ref_id", *(["ref_value"] if many else [])]
    rows = refs.assign(tenant_id=tenant_id, link=link).drop_duplicates(subset=keys[2:], keep="last")
    warehouse.upsert(REFS, rows, keys)


@cache
def _refs_statement(every: bool) -> exp.Select:
    conditions = [tenant_predicate(), col("link").eq(param("link"))]
    if not every:
        conditions.append(in_array(col("ref_id"), "ids"))
    return exp.select(col("ref_id"), col("ref_value"), col("ref_detail")).distinct().from_(REFS).where(*conditions)


def refs(warehouse: Warehouse, tenant_id: str, link: str, ids: Sequence[str] | None = None) -> pd.DataFrame:
    """The tenant's references of ``link`` for ``ids`` (all of them when ``ids`` is ``None``)."""
    if ids is not None and not len(ids):
        return pd.DataFrame(columns=["ref_id", "ref_value", "ref_detail"])
    return read(warehouse, _refs_statement(ids is None), tenant_id, link=link, ids=list(ids or []))


def hold(warehouse: Warehouse, rows: pd.DataFrame) -> int:
    """Keep rows that wait for another file (columns of ``held_rows``, the tenant's id on each)."""
    return warehouse.insert(HELD, rows) if not rows.empty else 0


@cache
def _ready_statement(limit: int | None = None) -> exp.Select:
    """Held rows of ``@part`` whose order has a reference of ``@link``, with that reference's value/detail."""
    held, ref = "h", "r"
    on = exp.and_(col("tenant_id", ref).eq(col("tenant_id", held)), col("link", ref).eq(param("link")),
                  col("ref_id", ref).eq(col("order_id", held)))
    statement = (exp.select(col("row_key", held), col("cells", held), col("held_at", held),
                            col("ref_value", ref), col("ref_detail", ref))
                 .from_(exp.to_table(HELD).as_(held))
                 .join(exp.to_table(REFS).as_(ref), on=on)
                 .where(tenant_predicate(held), col("part", held).eq(param("part"))))
    return statement if limit is None else statement.order_by(col("order_id", held)).limit(limit)


def ready(warehouse: Warehouse, tenant_id: str, part: str, link: str, limit: int | None = None) -> pd.DataFrame:
    """Held rows of ``part`` that the references of ``link`` now complete (one row per reference).

    With ``limit``: at most that many (released in batches, so a large held file is never read at once).
    """
    return read(warehouse, _ready_statement(limit), tenant_id, part=part, link=link)


@cache
def _release_statement() -> exp.Delete:
    return exp.delete(HELD, where=exp.and_(tenant_predicate(), col("part").eq(param("part")),
                                           in_array(col("row_key"), "keys")))


def release(warehouse: Warehouse, tenant_id: str, part: str, row_keys: Sequence[str]) -> None:
    """Forget held rows of ``part`` (every copy of each key) once they are written as records."""
    if len(row_keys):
        change(warehouse, _release_statement(), tenant_id, part=part, keys=list(row_keys))


@cache
def _clear_statement(table: str) -> exp.Delete:
    return exp.delete(table, where=exp.and_(tenant_predicate(), col("ingestion_id").eq(param("ingestion"))))


def clear_held(warehouse: Warehouse, tenant_id: str, ingestion_id: str) -> None:
    """Remove what an interrupted attempt of ``ingestion_id`` held, so a retry never holds a row twice."""
    change(warehouse, _clear_statement(HELD), tenant_id, ingestion=ingestion_id)


@cache
def _titled_statement() -> exp.Select:
    return (exp.select(col("sku"), col("title"), col("category")).from_("products")
            .where(tenant_predicate(), in_array(col("category"), "categories")))


def products_in(warehouse: Warehouse, tenant_id: str, categories: Sequence[str]) -> pd.DataFrame:
    """The tenant's products whose category is one of ``categories``."""
    if not len(categories):
        return pd.DataFrame(columns=["sku", "title", "category"])
    return read(warehouse, _titled_statement(), tenant_id, categories=list(categories))


@cache
def _unattributed_statement() -> exp.Select:
    columns = ("order_id", "sku", "date", "units", "unit_price", "revenue", "currency", "channel")
    return (exp.select(*(col(c) for c in columns)).from_("sales")
            .where(tenant_predicate(), col("channel").eq(param("channel")),
                   exp.Is(this=col("customer_hash"), expression=exp.Null()), in_array(col("order_id"), "orders")))


def sales_without_customer(warehouse: Warehouse, tenant_id: str, channel: str,
                           order_ids: Sequence[str]) -> pd.DataFrame:
    """The tenant's sales lines of ``channel`` and ``order_ids`` that carry no customer yet."""
    if not len(order_ids):
        return pd.DataFrame(columns=["order_id", "sku", "date", "units", "unit_price", "revenue", "currency",
                                     "channel"])
    return read(warehouse, _unattributed_statement(), tenant_id, channel=channel, orders=list(order_ids))


#: The tables whose rows may carry a ``{thing} {id}`` label until the thing's names arrive, and the column: a sale's
#: channel and a stock count's location (a store by id), a product's brand and category (a catalogue by ids).
LABELLED = (("sales", "channel"), ("inventory", "location"), ("products", "brand"), ("products", "category"))


@cache
def _labelled_statement(table: str, column: str, limit: int) -> exp.Select:
    return (exp.select("*").from_(table).where(tenant_predicate(), in_array(col(column), "labels"))
            .order_by(col("record_key")).limit(limit))


def labelled_rows(warehouse: Warehouse, tenant_id: str, table: str, column: str, labels: Sequence[str],
                  limit: int) -> pd.DataFrame:
    """At most ``limit`` of the tenant's rows of ``table`` whose ``column`` is one of ``labels`` (``LABELLED``).

    A page: the caller restates and drops each page before reading the next, so a store's whole history is never
    read at once.
    """
    return read(warehouse, _labelled_statement(table, column, limit), tenant_id, labels=list(labels))


