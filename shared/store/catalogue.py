"""Questions about a tenant's catalogue: which products a descriptor names, which SKU sells most."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from sqlglot import exp

from shared.ports import Warehouse
from shared.store.statements import col, fn, in_array, ordered, param, read, tenant_predicate


def skus_described_as(warehouse: Warehouse, tenant_id: str, descriptor: str, *, skus: Sequence[str] = (),
                      categories: Sequence[str] = ()) -> list[str]:
    """SKUs whose title mentions ``descriptor`` (case-insensitive), among ``skus``/``categories`` when given."""
    found = read(warehouse, _described_statement(bool(skus), bool(categories)), tenant_id,
                 pattern=f"%{descriptor.lower()}%", skus=list(skus), categories=[c.lower() for c in categories])
    return [str(s) for s in found["sku"].tolist()]


@cache
def _described_statement(skus: bool, categories: bool) -> exp.Select:
    conditions: list[exp.Expr] = [tenant_predicate(), exp.Like(this=fn("LOWER", col("title")),
                                                                     expression=param("pattern"))]
    if skus:
        conditions.append(in_array(col("sku"), "skus"))
    if categories:
        conditions.append(in_array(fn("LOWER", col("category")), "categories"))
    return exp.select(col("sku")).distinct().from_("products").where(*conditions).order_by(*ordered("sku"))


@cache
def _top_sku_statement() -> exp.Select:
    return (exp.select(col("sku"), fn("SUM", col("units")).as_("units")).from_("sales")
            .where(tenant_predicate()).group_by("sku")
            .order_by(*ordered("units", desc=True), *ordered("sku")).limit(1))


def top_sku(warehouse: Warehouse, tenant_id: str) -> str | None:
    """The tenant's best-selling SKU of all time (ties by SKU); ``None`` without sales."""
    found = read(warehouse, _top_sku_statement(), tenant_id)
    return str(found["sku"].iloc[0]) if len(found) else None


@cache
def _catalogued_statement() -> exp.Select:
    return exp.select(col("sku")).distinct().from_("products").where(tenant_predicate())


def catalogued_skus(warehouse: Warehouse, tenant_id: str) -> set[str]:
    """SKUs ``tenant_id`` already has a product row for (a sales file's names never replace them)."""
    return {str(s) for s in read(warehouse, _catalogued_statement(), tenant_id)["sku"].dropna()}


@cache
def _categories_statement() -> exp.Select:
    return (exp.select(col("sku"), col("category")).distinct().from_("products")
            .where(tenant_predicate(), exp.Not(this=exp.Is(this=col("category"), expression=exp.Null())))
            .order_by(*ordered("sku")))


def sku_categories(warehouse: Warehouse, tenant_id: str) -> dict[str, str]:
    """Each catalogued SKU's category (the first when a SKU has several rows); SKUs without one are left out."""
    found = read(warehouse, _categories_statement(), tenant_id)
    out: dict[str, str] = {}
    for sku, category in zip(found["sku"], found["category"], strict=True):
        if str(category).strip():
            out.setdefault(str(sku), str(category))
    return out
