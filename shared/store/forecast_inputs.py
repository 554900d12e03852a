"""The forecast agent's reads: daily sales, stock snapshots, products, SKUs by volume, earlier forecasts.

Reads the agent cites return the statement as run (``TenantRead``); an empty SKU list means every SKU. Each
statement shape is built once (``functools.cache``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from sqlglot import exp

from shared.ports import Warehouse
from shared.store.metrics.catalog import NO_UNITS_FLAG
from shared.store.statements import (
    TenantRead,
    col,
    fn,
    in_array,
    ordered,
    param,
    read,
    read_with_evidence,
    tenant_predicate,
)

_FORECAST_COLUMNS = ("run_id", "sku", "date", "as_of", "forecast", "backtest_mase", "mase_scale", "created_at")


def _scoped(skus: bool, *conditions: exp.Expr) -> list[exp.Expr]:
    return [tenant_predicate(), *conditions, *([in_array(col("sku"), "skus")] if skus else [])]


def _unitless() -> exp.Expr:
    """A sales line whose units the data do not give (revenue totals: ``shared.store.metrics.catalog``)."""
    return exp.Like(this=fn("COALESCE", col("quality_flags"), exp.Literal.string("")),
                    expression=exp.Literal.string(f'%"{NO_UNITS_FLAG}"%'))


@cache
def _daily_sales_statement(skus: bool, channels: bool = False) -> exp.Select:
    promo = fn("MAX", exp.If(this=col("promo"), true=exp.Literal.number(1), false=exp.Literal.number(0)))
    sold_in = [in_array(col("channel"), "channels")] if channels else []
    return (exp.select(col("sku"), col("date"), fn("SUM", col("units")).as_("units"),
                       fn("AVG", col("unit_price")).as_("price"), promo.as_("promo"))
            .from_("sales").where(*_scoped(skus, col("date") <= param("as_of"), exp.not_(_unitless()), *sold_in))
            .group_by("sku", "date").order_by(*ordered("sku", "date")))


def daily_sales(warehouse: Warehouse, tenant_id: str, as_of: date, skus: Sequence[str],
                channels: Sequence[str] = ()) -> TenantRead:
    """Units, average unit price and whether any row was on promotion, per SKU and day up to ``as_of``.

    Lines whose units the data do not give (revenue totals, stored with 0 units) are left out: no demand is read
    from them (:func:`unitless_lines` counts them, for the answer to say why there is nothing to forecast).
    ``channels``: only the lines sold in those sales channels ("forecast Amazon sales next month").
    """
    extra: dict[str, Any] = {"channels": list(channels)} if channels else {}
    return read_with_evidence(warehouse, _daily_sales_statement(bool(skus), bool(channels)), tenant_id, as_of=as_of,
                              skus=list(skus), **extra)


@cache
def _daily_revenue_statement(channels: bool) -> exp.Select:
    sold_in = [in_array(col("channel"), "channels")] if channels else []
    return (exp.select(col("date"), fn("SUM", col("revenue")).as_("revenue")).from_("sales")
            .where(tenant_predicate(), col("date") <= param("as_of"), _unitless(), *sold_in)
            .group_by("date").order_by(*ordered("date")))


def daily_revenue_totals(warehouse: Warehouse, tenant_id: str, as_of: date, channels: Sequence[str] = ()) -> TenantRead:
    """Revenue per day up to ``as_of`` of the lines that are revenue totals with no units (Walmart, Rossmann).

    What a revenue forecast of such data reads: the units are not given, the money is.
    """
    extra: dict[str, Any] = {"channels": list(channels)} if channels else {}
    return read_with_evidence(warehouse, _daily_revenue_statement(bool(channels)), tenant_id, as_of=as_of, **extra)


@cache
def _unitless_statement() -> exp.Select:
    return (exp.select(fn("COUNT", exp.Star()).as_("lines")).from_("sales")
            .where(tenant_predicate(), col("date") <= param("as_of"), _unitless()))


def unitless_lines(warehouse: Warehouse, tenant_id: str, as_of: date) -> int:
    """How many sales lines up to ``as_of`` are revenue totals that give no units."""
    frame = read(warehouse, _unitless_statement(), tenant_id, as_of=as_of)
    return int(frame["lines"].iloc[0]) if not frame.empty else 0


@cache
def _stock_statement(skus: bool) -> exp.Select:
    return (exp.select("sku", "location", "date", "on_hand", "on_order", "lead_time_days").from_("inventory")
            .where(*_scoped(skus, col("date") <= param("as_of"))).order_by(*ordered("sku", "location", "date")))


def stock_snapshots(warehouse: Warehouse, tenant_id: str, as_of: date, skus: Sequence[str]) -> TenantRead:
    """Every inventory snapshot up to ``as_of`` per SKU and location, oldest first."""
    return read_with_evidence(warehouse, _stock_statement(bool(skus)), tenant_id, as_of=as_of, skus=list(skus))


@cache
def _products_statement(skus: bool) -> exp.Select:
    return exp.select("sku", "title", "price", "cost").from_("products").where(*_scoped(skus))


def product_titles(warehouse: Warehouse, tenant_id: str, skus: Sequence[str]) -> TenantRead:
    """SKU, title, price and cost of the tenant's products (those in ``skus`` when given)."""
    return read_with_evidence(warehouse, _products_statement(bool(skus)), tenant_id, skus=list(skus))


@cache
def _by_units_statement() -> exp.Select:
    return (exp.select(col("sku"), fn("SUM", col("units")).as_("units")).from_("sales")
            .where(tenant_predicate(), col("date") <= param("as_of"), exp.not_(_unitless())).group_by("sku")
            .order_by(*ordered("units", desc=True), *ordered("sku")))


def skus_by_units(warehouse: Warehouse, tenant_id: str, as_of: date) -> list[str]:
    """Every SKU with sales up to ``as_of``, best sellers first (ties by SKU)."""
    return [str(s) for s in read(warehouse, _by_units_statement(), tenant_id, as_of=as_of)["sku"]]


@cache
def _earlier_statement() -> exp.Select:
    return (exp.select(*_FORECAST_COLUMNS).from_("forecasts")
            .where(tenant_predicate(), in_array(col("sku"), "skus"), col("as_of") < param("last_date"),
                   col("date") <= param("last_date"))
            .order_by(*ordered("sku", "created_at", "date")))


def earlier_forecasts(warehouse: Warehouse, tenant_id: str, skus: Sequence[str], last_date: date) -> TenantRead:
    """Forecasts of ``skus`` made before ``last_date``, for the days up to it (drift against the actuals)."""
    return read_with_evidence(warehouse, _earlier_statement(), tenant_id, skus=list(skus), last_date=last_date)
