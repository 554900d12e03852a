"""Orders by their size in units.

"how many orders had 3 or more items", "what share of orders were single-item", "biggest order last month by units".

The metrics layer counts the orders whose sold lines add up to at least N units, and at most M ("exactly 3 items",
"fewer than 3 units"): ``multi_item_orders`` with ``MetricQuery.order_units_at_least``/``order_units_at_most``; and
the most units in one order (``largest_order_units``); single-unit orders are all orders less those of two or more.
Pure: the question in, the metrics and the bounds out; the answer's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from shared import regex as re
from shared.store.metrics.model import MetricName

_N = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_NUM = r"(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)"
_ITEMS = r"(?:items?|units?|products?|pieces?|things)"
_ORDERS = r"(?:orders?|baskets?|purchases?|transactions?|checkouts?)"
#: The words before the count that bound it: below ("at least 3"), on both sides ("exactly 3"), above ("at most 3"),
#: and above, the count itself left out ("fewer than 3").
_LOWER = r"at\s+least|more\s+than|over|above"
_EXACT = r"exactly|just|only|precisely"
_UPPER = r"at\s+most|no\s+more\s+than|up\s+to"
_BELOW = r"fewer\s+than|less\s+than|under|below"
#: "orders with 3 or more items", "orders that had at least 4 units", "baskets of 5+ items", "orders over 3 items";
#: "orders with exactly 3 items", "orders of at most 2 units", "orders with fewer than 3 items", "3 items or fewer".
_COUNTED = re.compile(
    rf"\b{_ORDERS}\b[^?.!]{{0,30}}?\b(?:(?P<op>{_LOWER}|{_EXACT}|{_UPPER}|{_BELOW})\s+)?{_NUM}\s*"
    rf"(?P<more>\+|or\s+more|and\s+(?:up|over|above)|plus)?\s*{_ITEMS}\b"
    rf"(?:\s+or\s+(?:(?P<more_after>more|over|above)|(?P<fewer>fewer|less|under)))?",
    re.I,
)
#: "single-item orders", "orders with one item", "one-unit baskets".
_SINGLE = re.compile(
    rf"(?<!than\s)(?<!least\s)(?<!over\s)(?<!above\s)\b(?:single|one|1)[-\s](?:item|unit|product)"
    rf"(?:\s+{_ORDERS})?\b|\b{_ORDERS}\s+(?:with|of|that\s+had|having|containing)\s+(?:just\s+|only\s+)?"
    rf"(?:one|1|a\s+single)\s+{_ITEMS}\b",
    re.I,
)
#: "biggest order by units", "most items in one order", "largest basket in units".
_LARGEST = re.compile(
    rf"\b(?:biggest|largest|most)\s+{_ORDERS}\s+(?:\w+\s+){{0,4}}?(?:by|in)\s+(?:units|items)\b"
    rf"|\bmost\s+(?:units|items)\s+(?:in|on)\s+(?:a|one|any|a\s+single)\s+{_ORDERS}\b",
    re.I,
)
_SHARE = re.compile(r"\b(?:share|percent\w*|per cent|proportion|fraction|ratio|rate)\b|%", re.I)


@dataclass(frozen=True)
class OrderSizeAsk:
    """What an order-size question asks: orders of N units or more (up to M), single-unit orders, or the largest."""

    kind: Literal["at_least", "single", "largest"]
    at_least: int = 2
    share: bool = False
    span: tuple[int, int] = (0, 0)  # the words that asked it ("single-item", "3 or more items"): no product names
    at_most: int | None = None  # "exactly 3 items" (3 to 3), "at most 2 units" (1 to 2)

    @property
    def metrics(self) -> list[MetricName]:
        """What the metrics layer is asked for."""
        if self.kind == "largest":
            return ["largest_order_units"]
        return ["multi_item_orders", "orders"]


def order_size_ask(question: str) -> OrderSizeAsk | None:
    """The order-size ask of ``question``, or ``None`` when it asks none."""
    share = bool(_SHARE.search(question))
    if (largest := _LARGEST.search(question)) is not None:
        return OrderSizeAsk("largest", span=largest.span())
    if (single := _SINGLE.search(question)) is not None:
        return OrderSizeAsk("single", 2, share, single.span())
    m = _COUNTED.search(question)
    if m is None:
        return None
    n = int(m.group("n")) if m.group("n").isdigit() else _N[m.group("n").lower()]
    op = re.sub(r"\s+", " ", (m.group("op") or "").lower())
    low, high = _bounds(op, n, bool(m.group("more") or m.group("more_after")), bool(m.group("fewer")))
    if high is None:
        # two or more: the attach rate's reading (``multi_item_order_share``) already says it
        return OrderSizeAsk("at_least", low, share, m.span()) if low > 2 else None
    if high < 1:
        return None  # "orders with fewer than 1 item": no order
    if high == 1:
        return OrderSizeAsk("single", 2, share, m.span())  # "exactly one item", "fewer than 2 units"
    return OrderSizeAsk("at_least", low, share, m.span(), at_most=high)


def _bounds(op: str, n: int, more: bool, fewer: bool) -> tuple[int, int | None]:
    """The units an order needs, at least and at most (``None``: no upper bound), for the count's words."""
    if more or re.fullmatch(_LOWER, op):
        return (n + 1 if op in ("more than", "over", "above") else n), None
    if fewer or re.fullmatch(_UPPER, op):
        return 1, n
    if re.fullmatch(_BELOW, op):
        return 1, n - 1
    return n, n  # "orders with 3 items", "exactly 3 items": that many


def order_size_answer(ask: OrderSizeAsk, row: dict[str, object], when: str, where: str) -> str:
    """The answer's first sentence: the count and share of those orders, or the most units in one."""
    if ask.kind == "largest":
        most = row.get("largest_order_units")
        if most is None:
            return f"No orders{where} {when}."
        return f"The largest order{where} {when} by units had {float(str(most)):,.0f} units."
    orders = float(str(row.get("orders") or 0))
    many = float(str(row.get("multi_item_orders") or 0))
    if not orders:
        return f"No orders{where} {when}."
    if ask.kind == "single":
        single = orders - many
        lead = f"{single / orders * 100:.1f}% of orders{where} {when} were single-unit: {single:,.0f} of {orders:,.0f}"
        count = f"Single-unit orders{where} {when} were {single:,.0f}, {single / orders * 100:.1f}% of {orders:,.0f}"
        return (lead if ask.share else count) + " (orders of one unit, all their lines together)."
    what = f"orders of {units_range(ask.at_least, ask.at_most)}"
    if ask.share:
        return f"{many / orders * 100:.1f}% of orders{where} {when} were {what}: {many:,.0f} of {orders:,.0f}."
    return f"{what[:1].upper()}{what[1:]}{where} {when} were {many:,.0f}, {many / orders * 100:.1f}% of {orders:,.0f}."


def sized_orders_noun(metric: str, at_least: int | None, at_most: int | None) -> str | None:
    """What ``multi_item_orders`` (or its share) counts for the query's units range ("orders of exactly 2 units").

    ``None`` for any other metric. The metric's own noun says two or more, which another range is not.
    """
    if metric not in ("multi_item_orders", "multi_item_order_share"):
        return None
    low = at_least if at_least is not None else 1 if at_most is not None else 2
    what = f"orders of {units_range(low, at_most)}"
    return what if metric == "multi_item_orders" else f"share of {what}"


def units_range(at_least: int, at_most: int | None) -> str:
    """The units an order has, in words: "3 or more units", "exactly 3 units", "at most 2 units", "2 to 4 units"."""
    if at_most is None:
        return f"{at_least} or more units"
    if at_least == at_most:
        return f"exactly {at_most} units"
    return f"at most {at_most} units" if at_least <= 1 else f"{at_least} to {at_most} units"
