""""How much stock is left of our bestseller?": the top SKU by units, and its on-hand at the latest count.

"Our bestseller" is the SKU with the most units sold over the sales data's last 90 days (all the sales data
when the question says "of all time", "ever" or "all-time"). One metrics query answers both halves: units
sold and stock on hand by SKU over a range from the window's first day to the later of the last sale and the
last stock count, ranked by units, the first row kept. Stock on hand is each location's latest snapshot of
the SKU in that range (the latest count when the SKU was counted since the window began).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from shared import regex as re
from shared.models.records import DataKind
from shared.questions.lexicon import AGENT_CUES
from shared.questions.market import ONE_BESTSELLER, best_sellers_span, top_sellers
from shared.questions.timephrase import fmt_range
from shared.store.metrics.model import MetricQuery, TimeRange

#: Days of sales "our bestseller" is read over unless the question asks for all time.
BESTSELLER_DAYS = 90
_BESTSELLER = re.compile(r"\b(?:best[- ]?sell(?:er|ing)(?:\s+(?:product|item|sku|line))?|top[- ]?sell(?:er|ing)|"
                         r"(?:most|best) popular (?:product|item|sku)|number one (?:product|item|seller)|"
                         r"#1 (?:product|item|seller))\b", re.I)
_STOCK = re.compile(r"\b(?:stock|inventory|on hand|in the warehouse|(?:units|items|pieces) (?:are |do we have )?"
                    r"(?:left|remaining))\b|\bleft\b", re.I)
_ALL_TIME = re.compile(r"\b(?:of all time|all[- ]time|ever|overall|since (?:we )?(?:started|began|opened))\b", re.I)


def asks_bestseller_stock(question: str) -> bool:
    """Whether the question asks the stock of "our bestseller".

    Not a ranking of best sellers, nor whether it will run out (the agents answer that).
    """
    best = _BESTSELLER.search(question)
    return best is not None and _STOCK.search(question) is not None \
        and not re.search(r"\bbest[- ]?sellers\b|\btop \d+\b", question, re.I) \
        and not any(AGENT_CUES[cue].search(question) for cue in ("inventory", "forecast", "what_if"))




def forecast_sellers(question: str) -> tuple[int, tuple[int, int]] | None:
    """How many best sellers a forecast question is about, and where it names them; ``None`` when it names none.

    "Our best seller" is one product; "our best sellers" and "the top 5 products" are several
    (``market.top_sellers``). The span keeps the phrase from being read as an unknown product's name.
    """
    if (one := ONE_BESTSELLER.search(question)) is not None:
        return 1, one.span()
    if (n := top_sellers(question)) is not None and (span := best_sellers_span(question)) is not None:
        return n, span
    return None


def bestseller_stock_query(question: str, tenant_id: str, extents: Mapping[DataKind, tuple[date, date]],
                           ) -> MetricQuery | None:
    """Units and stock on hand of the top SKU by units (``None`` without sales or stock data)."""
    sales, stock = extents.get(DataKind.SALES), extents.get(DataKind.INVENTORY)
    if sales is None or stock is None:
        return None
    all_time = _ALL_TIME.search(question) is not None
    start = sales[0] if all_time else max(sales[0], sales[1] - timedelta(days=BESTSELLER_DAYS - 1))
    end = max(sales[1], stock[1])
    words = "all your sales" if all_time else f"the last {BESTSELLER_DAYS} days of sales"
    label = f"{words} ({fmt_range(start, sales[1])})"
    return MetricQuery(tenant_id=tenant_id, metrics=["units", "stock_on_hand"], dimensions=["sku"],
                       time_range=TimeRange(start=start, end=end, label=label), order_by="units", limit=1)
