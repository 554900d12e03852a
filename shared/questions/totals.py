"""Orders asked of sales data that are totals per day or week (Favorita, M5, Breakfast at the Frat), not orders.

Their lines are flagged at ingest and the orders metrics count no orders from them (``docs/metrics.md``, *total
lines*), so such a question comes back with no value. "There were no orders" would be false: the answer says the
data are totals, not orders, and gives what they hold for the period (units and revenue), read by one more query
of the same scope (:func:`totals_query`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.models.records import DataKind
from shared.store.metrics.catalog import METRICS
from shared.store.metrics.model import MetricQuery

#: Metrics counted from orders: none from lines that are totals.
ORDER_METRICS = frozenset(
    {
        "orders",
        "aov",
        "units_per_order",
        "promo_orders",
        "promo_order_share",
        "discounted_orders",
        "returns_made",
        "discounted_order_share",
        "multi_item_orders",
        "multi_item_order_share",
    }
)


#: Metrics read from units: none from revenue totals that give no units (Walmart, Rossmann).
UNIT_METRICS = frozenset({"units", "asp", "units_per_order"})


def totals_query(query: MetricQuery) -> MetricQuery | None:
    """The units, revenue and total lines in ``query``'s scope (period and filters), for an orders or units metric.

    And for a question by product: revenue totals may give no units or no products (:func:`missing_from_totals`).
    Only a sales metric's: reviews by product ("which has more 1-star reviews, A or B?" when neither has one) are
    no sales lines, and their filters (stars) are none of the sales' (the query was refused, the agents answered).
    """
    if METRICS[query.metrics[0]].source != DataKind.SALES:
        return None
    by_product = bool({"sku", "product"} & set(query.dimensions))
    if query.metrics[0] not in ORDER_METRICS | UNIT_METRICS and not by_product:
        return None
    return MetricQuery(
        tenant_id=query.tenant_id,
        time_range=query.time_range,
        filters=query.filters,
        metrics=[
            "orders",
            "units",
            "revenue",
            "total_lines",
            "weekly_total_lines",
            "monthly_total_lines",
            "unitless_lines",
            "productless_lines",
        ],
    )


def missing_from_totals(row: Mapping[str, Any] | None, metric: str, dimensions: list[str]) -> str | None:
    """``"units"`` or ``"products"`` when a question found nothing for want of them, else None.

    Its scope's lines are then revenue totals that give none (flagged at ingest: ``shared.ingest.headers``).
    """
    if not row:
        return None
    if {"sku", "product"} & set(dimensions) and row.get("productless_lines"):
        return "products"
    if metric in UNIT_METRICS and row.get("unitless_lines"):
        return "units"
    return None


def totals_only(row: Mapping[str, Any] | None) -> str | None:
    """``"week"``, ``"month"``, ``"day"`` or ``"day or week"`` when every sales line in ``row``'s scope is a total."""
    if not row or not row.get("total_lines") or row.get("orders") is not None:
        return None
    total, weekly = int(row["total_lines"]), int(row.get("weekly_total_lines") or 0)
    if int(row.get("monthly_total_lines") or 0) == total:
        return "month"
    return "week" if weekly == total else "day" if weekly == 0 else "day or week"
