"""Orders by their value: "how many orders were above $100", "share of orders under $20", "orders over $50".

An order's value is the revenue of its sold lines (in the period and slice asked), summed by the metrics layer per
order id (``MetricQuery.order_value_above``/``below``): counting lines above an amount would answer another question
(an order of three $40 lines is a $120 order). Pure: the reader passes the amount it found (``reading._threshold``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from shared import regex as re
from shared.store.metrics.model import MetricName

#: The question is about orders (or baskets, purchases, transactions) and their amounts.
ORDER_WORDS = re.compile(r"\b(?:orders?|baskets?|purchases?|transactions?|checkouts?)\b", re.I)
#: "revenue from orders over $50", "how much did orders above $100 bring in": the money of those orders.
_MONEY_OF = re.compile(r"\b(?:revenue|sales|turnover|takings|money|how much|total value|value of)\b(?!\s+order)",
                       re.I)
#: "what share of orders", "what % of baskets": the share leads (a count question leads with the count).
_SHARE = re.compile(r"\b(?:share|percent\w*|per cent|proportion|fraction|ratio)\b|%", re.I)

Op = Literal["above", "below", "at_least"]


_AMOUNT = r"(?P<{c}>[$£€])?\s?(?P<{n}>\d[\d,]*(?:\.\d+)?)\s?(?P<{k}>k\b)?"
#: "between $50 and $100", "from $20 to $50", "$50-$100": two amounts of money, the order values between them.
_BETWEEN = re.compile(r"\b(?:between|from)\s+" + _AMOUNT.format(c="c1", n="a", k="k1") + r"\s*(?:and|to|-)\s*"
                      + _AMOUNT.format(c="c2", n="b", k="k2") + r"\s*(?P<unit>dollars|bucks|pounds|quid|euros)?",
                      re.I)


def amount_range(question: str) -> tuple[float, float] | None:
    """The two amounts of money a question puts values between ("between $50 and $100"), else ``None``."""
    m = _BETWEEN.search(question)
    if m is None or not (m.group("c1") or m.group("c2") or m.group("unit")):
        return None
    low, high = (float(m.group(n).replace(",", "")) * (1000.0 if m.group(k) else 1.0)
                 for n, k in (("a", "k1"), ("b", "k2")))
    return (low, high) if 0 <= low < high else None


def order_value_metrics(question: str, limit: tuple[Op, float, bool] | None) -> tuple[
        list[MetricName], float | None, float | None] | None:
    """The metrics and the value range of an orders-by-value question, or ``None`` when it is not one.

    ``limit``: (above/below/at least, amount, whether it is money). Only amounts of money put orders in a range;
    two of them ("between $50 and $100") bound it on both sides.
    """
    if not ORDER_WORDS.search(question):
        return None
    above: float | None
    below: float | None
    if (between := amount_range(question)) is not None:
        above, below = between
    elif limit is not None and limit[2]:
        op, amount, _ = limit
        above = amount if op != "below" else None
        if op == "at_least":
            above = amount - 0.005  # "at least $100": $100.00 counts
        below = amount if op == "below" else None
    else:
        return None
    before_orders = question[:ORDER_WORDS.search(question).start()]  # type: ignore[union-attr]
    if _MONEY_OF.search(before_orders) and not re.search(r"\b(?:how many|number of|count)\b", question, re.I):
        return ["value_revenue", "revenue"], above, below
    return ["value_order_share", "value_orders", "orders"], above, below


def range_phrase(above: float | None, below: float | None, money: Callable[[float], str]) -> str:
    """"above $100.00", "below $20.00", "between $20.00 and $100.00" (``money`` writes an amount)."""
    if above is not None and below is not None:
        return f"between {money(round(above, 2))} and {money(below)}"
    if above is not None:
        return f"above {money(round(above, 2))}"
    return f"below {money(below or 0.0)}"
