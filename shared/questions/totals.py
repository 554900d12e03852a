"""Orders asked of sales data that are totals per day or week (Favorita, M5, Breakfast at the Frat), not orders.

Their lines are flagged at ingest and the orders metrics count no orders from them (``docs/metrics.md``, *total
lines*), so such a question comes back with no value. "There were no orders" would be false: the answer says the
data are totals, not orders, and gives what they hold for the period (units and revenue), read by one more query
of the same scope (:func:`totals_query`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.store.metrics.model import MetricQuery

#: Metrics counted from orders: none from lines that are totals.
ORDER_METRICS = frozenset({"orders", "aov", "units_per_order", "promo_orders", "promo_order_share",
                           "multi_item_orders", "multi_item_order_share"})


def totals_query(query: MetricQuery) -> MetricQuery | None:
    """The units, revenue and total lines in ``query``'s scope (period and filters), when it asks an orders metric."""
    if query.metrics[0] not in ORDER_METRICS:
        return None
    return MetricQuery(tenant_id=query.tenant_id, time_range=query.time_range, filters=query.filters,
                       metrics=["orders", "units", "revenue", "total_lines", "weekly_total_lines"])


def totals_only(row: Mapping[str, Any] | None) -> str | None:
    """``"week"``, ``"day"`` or ``"day or week"`` when every sales line of ``row``'s scope is a total, else None."""
    if not row or not row.get("total_lines") or row.get("orders") is not None:
        return None
    total, weekly = int(row["total_lines"]), int(row.get("weekly_total_lines") or 0)
    return "week" if weekly == total else "day" if weekly == 0 else "day or week"
