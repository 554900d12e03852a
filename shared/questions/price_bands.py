"""Products counted by their catalogue price, in a band asked or in each tier of the price ladder.

"How many products do we sell under $20?", "priced over $100", "products priced between $20 and $50", "our price
ladder" (the count in each price tier).

The catalogue's current price per SKU (``catalogue_price`` by SKU) is read and the answer counts the SKUs in the
band asked, or in each tier of the ladder. Not the market's questions ("priced over the market", "$5 above the
cheapest competitor"): those name a rival or the market and are the pricing agent's.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence

from pydantic import BaseModel

from shared import regex as re
from shared.store.metrics.model import MetricQuery

_THINGS = r"(?:products?|items?|skus?|articles?|listings?|lines?|goods|things?|range|catalogue|assortment)"
_MONEY = r"[$€£]\s?(?P<{0}>\d[\d,]*(?:\.\d+)?)"
_BELOW = re.compile(r"\b(?:under|below|less than|cheaper than|up to|at most)\s+" + _MONEY.format("below"), re.I)
_ABOVE = re.compile(r"\b(?:over|above|more than|dearer than|at least|from)\s+" + _MONEY.format("above"), re.I)
_BETWEEN = re.compile(r"\bbetween\s+" + _MONEY.format("low") + r"\s+and\s+" + _MONEY.format("high") + "|"
                      + _MONEY.format("low2") + r"\s*(?:-|to|–)\s*" + _MONEY.format("high2"), re.I)
#: The question counts or lists products at a price, not money (revenue under $20) or orders.
_PRODUCTS_AT_PRICE = re.compile(rf"\b(?:how many|number of|count|which|what|list|show)\b[^?.!]{{0,30}}\b{_THINGS}\b"
                                rf"|\b{_THINGS}\s+(?:are\s+|do we\s+)?(?:priced|cost(?:ing)?|sell(?:ing)?|sold|"
                                r"retail(?:ing)?|listed)\b", re.I)
#: Products followed by a band ("products under $20", "items are over $100"): priced, though no verb says so ...
_BANDED = re.compile(rf"\b{_THINGS}\s+(?:(?:are|is)\s+)?(?:under|below|over|above|between|less than|more than|"
                     r"cheaper than|dearer than|from)\s+[$€£]\s?\d", re.I)
#: ... unless money or orders are measured ("revenue from products under $20")
_MEASURED = re.compile(r"\b(?:revenue|sales|sold|profit|margin|turnover|income|orders?|spend|spent|units)\b", re.I)
_PRICED = re.compile(r"\b(?:priced|price[ds]?|cost(?:s|ing)?|sell|sold|selling|retail\w*|listed)\b", re.I)
_LADDER = re.compile(r"\bprice\s+(?:ladder|tiers?|bands?|brackets?|points?\s+spread|ranges?|architecture)\b|"
                     r"\b(?:ladder|tiers?|bands?|brackets?|distribution|spread)\s+of\s+(?:our\s+)?prices\b|"
                     # the median is the ladder's: "price distribution of our catalogue", "median price in our range"
                     r"\bprice\s+distribution\b|\b(?:our\s+)?prices\s+(?:are\s+)?distributed\b|\bmedian\s+(?:catalogue\s+|list\s+)?price\s+(?:in|of|across)\s+"
                     r"(?:our\s+|the\s+)?(?:catalogue|range|products|assortment)\b", re.I)
#: A rival or the market named: a gap to it, not the catalogue's own prices.
_MARKET = re.compile(r"\b(?:competitors?|market|rivals?|cheapest (?:offer|rival|competitor)|than them|median "
                     r"competitor|megamart|undercut)\b", re.I)
#: The tiers of the ladder when no band is asked: upper bounds, the last tier open.
LADDER_TIERS = (10.0, 25.0, 50.0, 100.0, 250.0)


class PriceBand(BaseModel):
    """A price band asked: SKUs priced at ``low`` or more and below ``high`` (either open); ladder: every tier."""

    low: float | None = None
    high: float | None = None
    ladder: bool = False


def _amount(text: str) -> float:
    return float(text.replace(",", ""))


def read_price_band(question: str) -> PriceBand | None:
    """The price band ``question`` counts products in, or ``None`` (a money band of sales, the market's gap)."""
    if _MARKET.search(question):
        return None
    if _LADDER.search(question):
        return PriceBand(ladder=True)
    priced = _PRODUCTS_AT_PRICE.search(question) is not None and _PRICED.search(question) is not None
    if not priced and (_BANDED.search(question) is None or _MEASURED.search(question) is not None):
        return None
    if (m := _BETWEEN.search(question)) is not None:
        low, high = m.group("low") or m.group("low2"), m.group("high") or m.group("high2")
        return PriceBand(low=_amount(low), high=_amount(high))
    below, above = _BELOW.search(question), _ABOVE.search(question)
    if below is None and above is None:
        return None
    return PriceBand(low=_amount(above.group("above")) if above else None,
                     high=_amount(below.group("below")) if below else None)


def price_band_query(tenant_id: str) -> MetricQuery:
    """Every SKU's catalogue price, cheapest first (the band is counted from them)."""
    return MetricQuery(tenant_id=tenant_id, metrics=["catalogue_price"], dimensions=["sku"],
                       order_by="catalogue_price", descending=False, limit=1000)


def _within(price: float, low: float | None, high: float | None) -> bool:
    return (low is None or price >= low) and (high is None or price <= high)


def _band_name(low: float | None, high: float | None, money: Callable[[float], str]) -> str:
    if low is not None and high is not None:
        return f"between {money(low)} and {money(high)}"
    return f"under {money(high)}" if high is not None else f"over {money(low or 0)}"


def _tier_name(low: float, high: float | None, money: Callable[[float], str]) -> str:
    if high is None:
        return f"at {money(low)} or more"
    return f"under {money(high)}" if low == 0 else f"at {money(low)}-{money(high)}"


def price_band_answer(band: PriceBand, rows: Sequence[Mapping[str, object]], titles: Mapping[str, str],
                      where: str, money: Callable[[float], str]) -> str:
    """How many SKUs are priced in ``band`` (or in each tier of the ladder), with the cheapest and dearest."""
    priced = sorted(((str(r["sku"]), float(p)) for r in rows if isinstance(p := r.get("catalogue_price"), (int, float))
                     and r.get("sku") is not None), key=lambda sp: sp[1])
    if not priced:
        return f"None of your products{where} has a catalogue price."

    def named(sp: tuple[str, float]) -> str:
        return f"{titles.get(sp[0], sp[0])} ({sp[0]}) at {money(sp[1])}"

    prices = [p for _, p in priced]
    if band.ladder:
        tiers, low = [], 0.0
        for high in (*LADDER_TIERS, None):
            n = sum(1 for p in prices if p >= low and (high is None or p < high))
            if n:
                tiers.append(f"{n} {_tier_name(low, high, money)}")
            low = high or low
        return (f"Your price ladder{where}: {len(priced)} products priced from {money(prices[0])} to "
                f"{money(prices[-1])} (median {money(statistics.median(prices))}): {', '.join(tiers)}; cheapest "
                f"{named(priced[0])}, dearest {named(priced[-1])}.")
    inside = [sp for sp in priced if _within(sp[1], band.low, band.high)]
    # "under $20" is strictly below; "over $100" strictly above; "between" includes its bounds
    if band.low is None or band.high is None:
        inside = [sp for sp in inside if sp[1] != band.high and sp[1] != band.low]
    # the share too: "what share of our range is priced below $25?" is the same count
    text = (f"{len(inside)} of your {len(priced)} priced products{where} ({100 * len(inside) / len(priced):.0f}%) "
            f"are priced {_band_name(band.low, band.high, money)}")
    if not inside:
        return text + "."
    ends = f"cheapest {named(inside[0])}" + (f", dearest {named(inside[-1])}" if len(inside) > 1 else "")
    return f"{text}: {ends}."
