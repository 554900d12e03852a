"""What an order is when the export has no order ids, said in the answer of an orders question.

Ingest keys such a file's orders itself (``docs/ingest.md`` rule 8 and the pubq17 rules): a customer's purchases on
one day are one order (``customer-...``), a purchase stamped with its time of day is one (``at-...``), and a line
naming neither an order nor a customer is an order of its own. The count of orders, the average order value and the
units per order all rest on that choice, so their first sentence says which it counted ("counting each customer's
purchases on one day as one order, since the file has no order ids"), and the average order value gives the value
per line beside it: two cars sold to one customer on one day are one order by the customer's day, two by the line.
Pure: the counts of :func:`order_keys_query` in, a clause out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from shared.store.metrics.model import MetricName, MetricQuery

#: The metrics whose value rests on what an order is (their sentence says so when the file had no ids).
ORDER_KEYED = frozenset({"orders", "aov", "units_per_order"})

#: The counts the clause is read from (``shared.store.metrics.catalog``).
_KEY_COUNTS: list[MetricName] = [
    "orders",
    "customer_day_orders",
    "moment_orders",
    "idless_order_lines",
    "value_per_line",
]

#: Each way ingest keys an order without an id, as the answer says it.
_COUNTED_AS = {
    "customer_day_orders": "counting each customer's purchases on one day as one order",
    "moment_orders": "counting each purchase's date and time of day as one order",
    "idless_order_lines": "counting each sales line as one order",
}


def order_keys_query(query: MetricQuery) -> MetricQuery | None:
    """The order-key counts of ``query``'s scope (period and filters), for a value of an order-keyed metric."""
    if query.metrics[0] not in ORDER_KEYED or query.dimensions or query.compare:
        return None
    return MetricQuery(
        tenant_id=query.tenant_id, time_range=query.time_range, filters=query.filters, metrics=list(_KEY_COUNTS)
    )


def order_key_clause(row: Mapping[str, Any] | None, metric: str, money: Callable[[float], str]) -> str:
    """What the sentence of an orders value says an order was, or "" when every order of the scope has its own id.

    ", counting each customer's purchases on one day as one order, since the file has no order ids", and for an
    average order value the value per line beside it. ``money`` formats an amount as the answer does.
    """
    if not row or not row.get("orders"):
        return ""
    made = {key: int(row.get(key) or 0) for key in _COUNTED_AS}
    key = max(made, key=lambda k: made[k])
    if not made[key]:
        return ""
    why = (
        "since the file has no order ids"
        if sum(made.values()) >= int(row["orders"])
        else "for the lines without an order id"
    )
    clause = f", {_COUNTED_AS[key]}, {why}"
    per_line = row.get("value_per_line")
    if metric == "aov" and key != "idless_order_lines" and per_line is not None:
        clause += f" (each line counted as its own order: {money(per_line)})"
    return clause
