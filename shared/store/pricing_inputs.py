"""The pricing agent's reads: products, competitor prices and daily sales of a tenant, narrowed by scope.

Each read returns the rows with the statement as run, so findings cite the exact query as evidence. A
statement's shape depends only on which filters a scope sets; each shape is built once (``functools.cache``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from sqlglot import exp

from shared.ports import Warehouse
from shared.store.categories import stored_categories
from shared.store.statements import TenantRead, col, fn, in_array, ordered, param, read_with_evidence, tenant_predicate


@dataclass(frozen=True)
class PricingScope:
    """What a request narrows the reads to (empty: everything of the tenant)."""

    skus: Sequence[str] = ()
    categories: Sequence[str] = ()
    competitors: Sequence[str] = ()
    start_date: date | None = None
    end_date: date | None = None

    def params(self) -> dict[str, Any]:
        """The values of the filters this scope sets."""
        values: dict[str, Any] = {"skus": list(self.skus), "categories": list(self.categories),
                                  "competitors": list(self.competitors), "start_date": self.start_date,
                                  "end_date": self.end_date}
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True)
class _Shape:
    """Which filters a statement carries."""

    skus: bool
    categories: bool
    competitors: bool
    start: bool
    end: bool

    @classmethod
    def of(cls, scope: PricingScope) -> _Shape:
        return cls(bool(scope.skus), bool(scope.categories), bool(scope.competitors), scope.start_date is not None,
                   scope.end_date is not None)


def _conditions(shape: _Shape, *, dated: bool) -> list[exp.Expr]:
    conditions: list[exp.Expr] = [tenant_predicate()]
    if shape.skus:
        conditions.append(in_array(col("sku"), "skus"))
    if shape.categories:
        in_categories = (exp.select(col("sku", "p")).from_(exp.to_table("products").as_("p"))
                         .where(tenant_predicate("p"), in_array(col("category", "p"), "categories")))
        conditions.append(col("sku").isin(query=in_categories))
    if dated and shape.start:
        conditions.append(col("date") >= param("start_date"))
    if dated and shape.end:
        conditions.append(col("date") <= param("end_date"))
    return conditions


@cache
def _products_statement(shape: _Shape) -> exp.Select:
    return (exp.select("sku", "title", "brand", "category", "price", "cost", "map_price", "msrp", "currency", "gtin",
                       "asin", "size", "record_key")
            .from_("products").where(*_conditions(shape, dated=False)).order_by(*ordered("sku")))


@cache
def _competitor_prices_statement(shape: _Shape) -> exp.Select:
    conditions = _conditions(shape, dated=True)
    if shape.competitors:
        conditions.append(in_array(col("competitor"), "competitors"))
    return (exp.select("sku", "competitor", "date", "price", "shipping", "currency", "in_stock", "competitor_sku",
                       "record_key")
            .from_("competitor_prices").where(*conditions).order_by(*ordered("sku", "competitor", "date")))


@cache
def _daily_sales_statement(shape: _Shape) -> exp.Select:
    revenue = fn("COALESCE", col("revenue"), exp.Mul(this=col("unit_price"), expression=col("units")))
    unpriced = exp.and_(col("revenue").is_(exp.null()), col("unit_price").is_(exp.null()))
    return (exp.select(col("sku"), col("date"), fn("SUM", col("units")).as_("units"), fn("SUM", revenue).as_("revenue"),
                       exp.CountIf(this=unpriced).as_("rows_without_price"))
            .from_("sales").where(*_conditions(shape, dated=True)).group_by("sku", "date")
            .order_by(*ordered("sku", "date")))


@cache
def _list_prices_statement(shape: _Shape) -> exp.Select:
    # promotions are temporary, not a change of our price, and a line that sold nothing (a return) shows no price;
    # every day is read (the price in force before a period)
    promo = exp.Not(this=fn("COALESCE", col("promo"), exp.false()))
    sold = exp.GT(this=col("units"), expression=exp.Literal.number(0))
    return (exp.select(col("sku"), col("date"), fn("MAX", col("unit_price")).as_("list_price"))
            .from_("sales").where(*_conditions(shape, dated=False), col("unit_price").is_(exp.null()).not_(), promo,
                                  sold)
            .group_by("sku", "date").order_by(*ordered("sku", "date")))


def list_prices(warehouse: Warehouse, tenant_id: str, scope: PricingScope) -> TenantRead:
    """Our list price per SKU and day: the dearest unit price of the day's sold lines not on promotion (all days)."""
    scope = with_stored_categories(warehouse, tenant_id, scope)
    shape = _Shape.of(replace(scope, start_date=None, end_date=None, competitors=()))
    return read_with_evidence(warehouse, _list_prices_statement(shape), tenant_id,
                              **PricingScope(scope.skus, scope.categories).params())


def with_stored_categories(warehouse: Warehouse, tenant_id: str, scope: PricingScope) -> PricingScope:
    """``scope`` with its categories as the tenant spells them ("kitchen" -> "Kitchen", "lamps" -> "Lamp").

    Plans carry the question's spelling ("home and kitchen"), the catalogue its own ("Home & Kitchen").
    """
    if not scope.categories:
        return scope
    return replace(scope, categories=tuple(stored_categories(warehouse, tenant_id, scope.categories)))


def products(warehouse: Warehouse, tenant_id: str, scope: PricingScope) -> TenantRead:
    """The tenant's catalogue rows in scope (SKUs, categories), by SKU."""
    scope = with_stored_categories(warehouse, tenant_id, scope)
    return read_with_evidence(warehouse, _products_statement(_Shape.of(scope)), tenant_id, **scope.params())


def competitor_prices(warehouse: Warehouse, tenant_id: str, scope: PricingScope) -> TenantRead:
    """Competitor observations in scope (SKUs, categories, competitors, dates), by SKU, competitor, date."""
    scope = with_stored_categories(warehouse, tenant_id, scope)
    return read_with_evidence(warehouse, _competitor_prices_statement(_Shape.of(scope)), tenant_id, **scope.params())


def daily_sales(warehouse: Warehouse, tenant_id: str, scope: PricingScope) -> TenantRead:
    """Units, revenue (``unit_price * units`` where revenue is missing) and unpriced rows per SKU and day."""
    scope = with_stored_categories(warehouse, tenant_id, scope)
    return read_with_evidence(warehouse, _daily_sales_statement(_Shape.of(scope)), tenant_id, **scope.params())


@cache
def _top_sellers_statement(shape: _Shape) -> exp.Select:
    revenue = fn("COALESCE", col("revenue"), exp.Mul(this=col("unit_price"), expression=col("units")))
    return (exp.select(col("sku"), fn("SUM", revenue).as_("revenue"), fn("SUM", col("units")).as_("units"))
            .from_("sales").where(*_conditions(shape, dated=True)).group_by("sku")
            .order_by(*ordered("revenue", desc=True), *ordered("sku")))


def top_sellers(warehouse: Warehouse, tenant_id: str, scope: PricingScope) -> TenantRead:
    """SKUs in scope by revenue in the scope's dates (``unit_price * units`` where revenue is missing), best first."""
    scope = with_stored_categories(warehouse, tenant_id, scope)
    return read_with_evidence(warehouse, _top_sellers_statement(_Shape.of(scope)), tenant_id, **scope.params())
