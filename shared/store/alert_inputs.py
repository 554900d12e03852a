"""What the alert rules read: recent competitor prices, stock cover, rating windows, spam, forecast drift.

Each read returns the rows with the statement as run, so an alert cites the exact query as evidence. Each
statement is built once (``functools.cache``).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from sqlglot import exp

from shared.ports import Warehouse
from shared.store.statements import (
    TenantRead,
    col,
    fn,
    latest_first,
    ordered,
    param,
    read_with_evidence,
    tenant_predicate,
)


def _days(start: str, end: str, column: exp.Expr | None = None) -> exp.Expr:
    """``column > @start AND column <= @end`` (``date`` by default)."""
    column = column if column is not None else col("date")
    return exp.and_(column > param(start), column.copy() <= param(end))


@cache
def _competitor_statement() -> exp.Select:
    same_product = exp.and_(col("tenant_id", "p").eq(col("tenant_id", "c")), col("sku", "p").eq(col("sku", "c")))
    statement = (exp.select(*(col(c, "c") for c in ("sku", "competitor", "date", "price", "shipping", "in_stock")),
                            col("price", "p").as_("our_price"), col("map_price", "p"), col("title", "p"))
                 .from_(exp.to_table("competitor_prices").as_("c"))
                 .join(exp.to_table("products").as_("p"), on=same_product, join_type="left")
                 .where(tenant_predicate("c"), col("date", "c").between(param("since"), param("today")))
                 .order_by(*ordered("sku", "competitor", "date", table="c")))
    return statement


def competitor_prices(warehouse: Warehouse, tenant_id: str, today: date, days: int = 14) -> TenantRead:
    """Competitor observations of the last ``days`` days with our price, MAP and title."""
    return read_with_evidence(warehouse, _competitor_statement(), tenant_id, since=today - timedelta(days=days),
                              today=today)


@cache
def _cover_statement() -> exp.Select:
    per_day = (exp.select(col("sku"), col("date"), fn("SUM", col("on_hand")).as_("on_hand"),
                          fn("MAX", col("lead_time_days")).as_("lead_time_days"))
               .from_("inventory").where(tenant_predicate(), col("date") <= param("today")).group_by("sku", "date"))
    latest = (exp.select("sku", "on_hand", "lead_time_days", latest_first(["sku"], "date").as_("rn"))
              .from_(per_day.subquery()))
    rate = (exp.select(col("sku"), fn("SUM", col("units")).as_("units")).from_("sales")
            .where(tenant_predicate(), _days("since", "today")).group_by("sku"))
    statement = (exp.select(col("sku", "l"), col("on_hand", "l"), col("lead_time_days", "l"),
                            fn("COALESCE", col("units", "r"), exp.Literal.number(0)).as_("units_in_window"))
                 .with_("latest", as_=latest).with_("rate", as_=rate)
                 .from_(exp.to_table("latest").as_("l"))
                 .join(exp.to_table("rate").as_("r"), on=col("sku", "r").eq(col("sku", "l")), join_type="left")
                 .where(col("rn", "l").eq(1)))
    return statement


def stock_cover(warehouse: Warehouse, tenant_id: str, today: date, window_days: int) -> TenantRead:
    """Latest stock per SKU (summed over locations) with units sold in the trailing window."""
    return read_with_evidence(warehouse, _cover_statement(), tenant_id, since=today - timedelta(days=window_days),
                              today=today)


@cache
def _ratings_statement() -> exp.Select:
    rated = col("rating").is_(exp.null()).not_()
    recent = col("date") > param("recent_since")
    base = _days("base_since", "recent_since")

    def avg_if(cond: exp.Expr) -> exp.Expr:
        return fn("AVG", exp.If(this=cond, true=col("rating"), false=exp.null()))

    statement = (exp.select(col("sku"), avg_if(recent).as_("recent_avg"),
                            exp.CountIf(this=exp.and_(recent.copy(), rated)).as_("recent_n"),
                            avg_if(base).as_("base_avg"),
                            exp.CountIf(this=exp.and_(base.copy(), rated.copy())).as_("base_n"))
                 .from_("reviews").where(tenant_predicate(), _days("base_since", "today")).group_by("sku"))
    return statement


def rating_windows(warehouse: Warehouse, tenant_id: str, today: date, recent_days: int = 30,
                   base_days: int = 120) -> TenantRead:
    """Average rating and rating count per SKU in the recent window and in the window before it."""
    return read_with_evidence(warehouse, _ratings_statement(), tenant_id, today=today,
                              recent_since=today - timedelta(days=recent_days),
                              base_since=today - timedelta(days=base_days))


@cache
def _spam_statement() -> exp.Select:
    statement = (exp.select(col("date"), exp.CountIf(this=col("spam_score") >= param("threshold")).as_("suspected"),
                            fn("COUNT", exp.Star()).as_("reviews"))
                 .from_("reviews").where(tenant_predicate(), _days("since", "today")).group_by("date"))
    return statement


def spam_by_day(warehouse: Warehouse, tenant_id: str, today: date, threshold: float, days: int = 63) -> TenantRead:
    """Reviews and suspected fake reviews (``spam_score >= threshold``) per day over the last ``days`` days."""
    return read_with_evidence(warehouse, _spam_statement(), tenant_id, since=today - timedelta(days=days), today=today,
                              threshold=threshold)


@cache
def _drift_statement() -> exp.Select:
    return (exp.select("sku", "live_mase", "expected_mase", "ratio", "periods", "run_id", "measured_at")
            .from_("forecast_accuracy").where(tenant_predicate()).qualify(latest_first(["sku"], "measured_at").eq(1)))


def forecast_drift(warehouse: Warehouse, tenant_id: str) -> TenantRead:
    """The latest live-vs-backtest forecast error measurement per SKU (written by the forecast agent)."""
    return read_with_evidence(warehouse, _drift_statement(), tenant_id)
