"""Questions about the catalogue's prices and size: "what is our most expensive product?", "our cheapest item".

Also "the average price of our products" and "which category has the most products?". The catalogue's current
price per SKU (``catalogue_price``) answers them; without a catalogue, the average price each product sold at
over all the sales data (``asp``) does, and the answer's period says so. Not the competitor questions ("are we
the cheapest?", "cheaper than MegaMart"): those name the market or a rival.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from shared import regex as re
from shared.models.records import DataKind
from shared.questions.timephrase import make_range
from shared.store.metrics.model import DimensionName, MetricName, MetricQuery, TimeRange

_THINGS = r"(?:products?|items?|skus?|articles?|listings?|lines?|goods|things?|pieces?)"
_DEAR = r"(?:most expensive|priciest|dearest|highest[- ]priced|most costly|highest price[ds]?)"
_CHEAP = r"(?:cheapest|least expensive|lowest[- ]priced|lowest price[ds]?|least costly)"
_N = r"(?:(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+)?"
_EXTREME = re.compile(rf"\b(?:(?:top|the|our|my)\s+)?{_N}(?P<way>{_DEAR}|{_CHEAP})\s+(?:\w+\s+){{0,2}}?"
                      rf"(?P<things>{_THINGS}|categor(?:y|ies))\b", re.I)
_KIND_OF_PRICE = r"(?:product|item|catalogue|catalog|list|retail|selling)"
#: "which product is the most expensive?", "what items are cheapest": the thing first, then how dear.
_EXTREME_AFTER = re.compile(rf"\b(?:which|what)\s+{_N}(?P<things>{_THINGS}|categor(?:y|ies))\s+(?:is|are|was|were|"
                            rf"has|have)\s+(?:the\s+)?(?:\w+\s+)?(?P<way>{_DEAR}|{_CHEAP})\b", re.I)
_AVERAGE = re.compile(rf"\b(?:average|mean|typical|median)\s+(?:{_KIND_OF_PRICE}\s+)?"
                      rf"price\s+(?:of|for|across)\s+(?:(?:all|each|every)\s+)?(?:(?:our|my|the)\s+)?(?:\w+\s+)?"
                      rf"{_THINGS}\b|\b(?:average|mean|typical)\s+(?:product|item|catalogue|catalog|list)\s+price\b",
                      re.I)
_MOST_PRODUCTS = re.compile(r"\b(?:which|what)\s+categor(?:y|ies)\s+(?:has|have|had|carries|holds|contains?)\s+"
                            r"(?:the\s+)?(?P<way>most|fewest|least|biggest number of|largest number of)\s+"
                            rf"(?:different\s+)?{_THINGS}\b|\b(?:how many|number of)\s+{_THINGS}\s+"
                            r"(?:are\s+there\s+|are\s+(?:listed\s+)?|do\s+we\s+(?:have|carry|sell|stock)\s+)?"
                            r"(?:per|in each|by|for each)\s+category\b",
                            re.I)
#: The market's or a rival's prices: the pricing agent's and the competitor metrics' questions ("the highest price
#: index" is ours against the market's, not the dearest catalogue price).
_MARKET = re.compile(r"\b(?:competitors?|market|than|vs\.?|versus|rivals?|megamart|undercut|cheaper|dearer|"
                     r"price[- ]ind(?:ex|ices|exes))\b",
                     re.I)
_BY_CATEGORY = re.compile(r"\b(?:by|per|in each|for each|across)\s+categor(?:y|ies)\b|\bwhich\s+categor", re.I)
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "twenty": 20}


@dataclass(frozen=True)
class CatalogueAsk:
    """A catalogue question read: its query, its shape and how many a ranking shows."""

    query: MetricQuery | None
    shape: Literal["value", "breakdown", "ranking"]
    show: int | None = None
    needed: str | None = None  # what the data lacks to answer it (then there is no query)


#: What a question by category needs when the tenant's products have none.
NO_CATEGORIES = "a category for your products (a category column in your products or sales file)"


def read_catalogue_price(question: str, tenant_id: str, extents: Mapping[DataKind, tuple[date, date]], *,
                         catalogue: bool, categories: bool = True,
                         period: TimeRange | None = None) -> CatalogueAsk | None:
    """The catalogue question ``question`` asks, or ``None`` when it asks none (or names the market).

    ``catalogue``: the tenant's catalogue has prices (else the prices products sold at answer); ``categories``:
    its products have categories (else a question by category says what it needs). ``period``: the period the
    question names ("the average price of our products in 2017"): the catalogue holds today's prices only, so the
    prices products sold at over that period answer (``asp``), never the current list prices.
    """
    if _MARKET.search(question):
        return None
    if not categories and (_MOST_PRODUCTS.search(question) or (
            _BY_CATEGORY.search(question) and (_EXTREME.search(question) or _EXTREME_AFTER.search(question)
                                               or _AVERAGE.search(question)))):
        return CatalogueAsk(None, "value", needed=NO_CATEGORIES)
    sales = extents.get(DataKind.SALES)
    if (m := _MOST_PRODUCTS.search(question)) is not None:
        # products counted per category: the catalogue's, priced or not when nothing was sold (Instacart's products
        # come without prices, its orders without dates)
        if not catalogue and sales is not None:
            return None
        fewest = (m.group("way") or "").lower() in ("fewest", "least")
        q = MetricQuery(tenant_id=tenant_id, metrics=["catalogue_products"], dimensions=["category"],
                        order_by="catalogue_products", descending=not fewest, limit=4 if m.group("way") else None)
        return CatalogueAsk(q, "ranking" if m.group("way") else "breakdown", 1 if m.group("way") else None)
    if period is not None and sales is not None:
        catalogue = False  # a past period: what products sold at then, not the catalogue's current prices
    metric: MetricName = "catalogue_price" if catalogue else "asp"
    if not catalogue and sales is None:
        return None
    if period is None:
        period = None if catalogue or sales is None else make_range(sales[0], sales[1], "all your sales data")
    if (m := _EXTREME.search(question) or _EXTREME_AFTER.search(question)) is not None:
        count = m.group("n")
        n = int(count) if count and count.isdigit() else _WORDS.get((count or "").lower(), 0)
        plural = m.group("things").lower().endswith(("s", "ies"))
        show = max(1, n) if n else (5 if plural else 1)
        by_category = m.group("things").lower().startswith("categor") or re.search(r"\bwhich\s+categor", question,
                                                                                  re.I) is not None
        dims: list[DimensionName] = ["category"] if by_category else ["sku"]
        show = 1 if by_category and not n else show  # "which category has the most expensive products": one
        dear = re.fullmatch(_DEAR, m.group("way"), re.I) is not None
        q = MetricQuery(tenant_id=tenant_id, metrics=[metric], dimensions=dims, time_range=period,
                        order_by=metric, descending=dear, limit=show + 1)
        return CatalogueAsk(q, "ranking", show)
    if _AVERAGE.search(question):
        dims = ["category"] if _BY_CATEGORY.search(question) else []
        q = MetricQuery(tenant_id=tenant_id, metrics=[metric], dimensions=dims, time_range=period)
        return CatalogueAsk(q, "breakdown" if dims else "value")
    return None
