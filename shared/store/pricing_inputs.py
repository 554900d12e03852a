"""The pricing agent's reads: products, competitor prices and daily sales of a tenant, narrowed by scope.

Each read returns the rows with the statement as run, so findings cite the exact query as evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlglot import exp

from shared.ports import Warehouse
from shared.store.statements import TenantRead, col, fn, in_array, ordered, param, read_with_evidence, tenant_predicate


@dataclass(frozen=True)
class PricingScope:
    """What a request narrows the reads to (empty: everything of the tenant)."""

    skus: Sequence[str] = ()
    categories: Sequence[str] = ()
    competitors: Sequence[str] = ()
    start_date: date | None = None
    end_date: date | None = None


def _conditions(scope: PricingScope, *, dated: bool) -> tuple[list[exp.Expr], dict[str, Any]]:
    conditions: list[exp.Expr] = [tenant_predicate()]
    params: dict[str, Any] = {}
    if scope.skus:
        conditions.append(in_array(col("sku"), "skus"))
        params["skus"] = list(scope.skus)
    if scope.categories:
        in_categories = (exp.select(col("sku", "p")).from_(exp.to_table("products").as_("p"))
                         .where(tenant_predicate("p"), in_array(col("category", "p"), "categories")))
        conditions.append(col("sku").isin(query=in_categories))
        params["categories"] = list(scope.categories)
    if dated:
        if scope.start_date is not None:
            conditions.append(col("date") >= param("start_date"))
            params["start_date"] = scope.start_date
        if scope.end_date is not None:
            conditions.append(col("date") <= param("end_date"))
            params["end_date"] = scope.end_date
    return conditions, params


def products(warehouse: Warehouse, tenant_id: str, scope: PricingScope) -> TenantRead:
    """The tenant's catalogue rows in scope (SKUs, categories), by SKU."""
    conditions, params = _conditions(scope, dated=False)
    statement = (exp.select("sku", "title", "brand", "category", "price", "cost", "map_price", "msrp", "currency",
                            "gtin", "asin", "size", "record_key")
                 .from_("products").where(*conditions).order_by(*ordered("sku")))
    return read_with_evidence(warehouse, statement, tenant_id, **params)


def competitor_prices(warehouse: Warehouse, tenant_id: str, scope: PricingScope) -> TenantRead:
    """Competitor observations in scope (SKUs, categories, competitors, dates), by SKU, competitor, date."""
    conditions, params = _conditions(scope, dated=True)
    if scope.competitors:
        conditions.append(in_array(col("competitor"), "competitors"))
        params["competitors"] = list(scope.competitors)
    statement = (exp.select("sku", "competitor", "date", "price", "shipping", "currency", "in_stock",
                            "competitor_sku", "record_key")
                 .from_("competitor_prices").where(*conditions).order_by(*ordered("sku", "competitor", "date")))
    return read_with_evidence(warehouse, statement, tenant_id, **params)


def daily_sales(warehouse: Warehouse, tenant_id: str, scope: PricingScope) -> TenantRead:
    """Units, revenue (``unit_price * units`` where revenue is missing) and unpriced rows per SKU and day."""
    conditions, params = _conditions(scope, dated=True)
    revenue = fn("COALESCE", col("revenue"), exp.Mul(this=col("unit_price"), expression=col("units")))
    unpriced = exp.and_(col("revenue").is_(exp.null()), col("unit_price").is_(exp.null()))
    statement = (exp.select(col("sku"), col("date"), fn("SUM", col("units")).as_("units"),
                            fn("SUM", revenue).as_("revenue"), exp.CountIf(this=unpriced).as_("rows_without_price"))
                 .from_("sales").where(*conditions).group_by("sku", "date").order_by(*ordered("sku", "date")))
    return read_with_evidence(warehouse, statement, tenant_id, **params)
