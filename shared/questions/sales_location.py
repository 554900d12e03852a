"""Where a tenant's sales keep the place a line was sold at ("revenue by location", "which branch sold the most").

A shop's location is the channel where the export names it (Square's Location, Maven's store_location, a store's
name): "Downtown" and "Riverside" are places. Channels that are ways of selling (the web store, Amazon, eBay, the point
of sale, wholesale) are no places: "revenue by location" of such a shop is not revenue by channel. Then a region the
file stored (a Location or City column), a state or a country is the place; else the sales keep none, and the
question is refused as such (``location``, which sales lack).
Pure: the tenant's channel and place names in, a dimension out.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared import regex as re
from shared.store.metrics.model import DimensionName

#: Channel names that say how a line was sold, not where: stores online, marketplaces, the till, trade, apps.
_WAY_OF_SELLING = re.compile(
    r"\b(?:web|website|web\s*(?:shop|store)|online|e-?commerce|e-?shop|internet|site|amazon|ebay|etsy|walmart|"
    r"shopify|woo(?:commerce)?|bigcommerce|magento|wix|squarespace|tiktok|instagram|facebook|meta|google|"
    r"marketplace|market\s*place|pos|point\s+of\s+sale|in[-\s]?store|retail|wholesale|b2b|b2c|trade|dtc|d2c|"
    r"direct|app|mobile|phone|telephone|mail(?:\s+order)?|catalog(?:ue)?|social|affiliate|subscription|"
    r"zalando|otto|bol|cdiscount|rakuten|mercado\s*libre|flipkart|noon|allegro|kaufland|target|wayfair|"
    r"(?:fb|ig)\s+shop)\b",
    re.I,
)


def place_needed(channels: Sequence[str]) -> str:
    """What a question "by location" needs when the sales keep no place (said in the refusal)."""
    ways = f"; your channels ({', '.join(channels[:4])}) are ways of selling, not places" if channels else ""
    return f"a store or location column in your sales data (a shop, region, city, state or country per line{ways})"


def channels_are_places(channels: Sequence[str]) -> bool:
    """Whether the tenant's channels name shops (places) rather than ways of selling: none is a way of selling."""
    return bool(channels) and not any(_WAY_OF_SELLING.search(c) for c in channels)


def _within_regions(channels: Sequence[str], regions: Sequence[str]) -> bool:
    """Whether most channels are named after a region they sit in: places within places.

    Vending Machine Sales' machine "EB Public Library x1380" stands at the Location "EB Public Library".
    """
    lowered = [r.lower() for r in regions if len(r) >= 3]
    inside = sum(any(r in c.lower() and r != c.lower() for r in lowered) for c in channels)
    return inside * 2 > len(channels)


def sales_location(
    channels: Sequence[str],
    regions: Sequence[str],
    states: Sequence[str],
    countries: Sequence[str],
    *,
    site_asked: bool = False,
) -> DimensionName:
    """The dimension the sales keep the place a line was sold at in; ``location`` (which sales lack) when none.

    ``site_asked``: the question says "location", not the channel's own word (machine, branch, kiosk): where
    the channels are places within the regions (machines at a site), the site is the region.
    """
    if channels_are_places(channels):
        if site_asked and regions and _within_regions(channels, regions):
            return "region"
        return "channel"
    if regions:
        return "region"
    if states:
        return "state"
    return "country" if countries else "location"


#: The words a merchant names a place of sale by, where the sales keep it as a channel, region, state or country
#: (or the stock as its location): the answer groups by the word asked ("revenue by branch: ...", not "by channel").
_PLACE_WORD = re.compile(
    r"\b(?P<word>vending machine|machine|kiosk|branch|warehouse|outlet|depot|location|stockroom|"
    r"fulfil?ment cent(?:er|re))(?:e?s)?\b",
    re.I,
)
_PLACE_DIMENSIONS = frozenset({"channel", "region", "state", "country", "location"})


def place_word(question: str, dimension: str) -> tuple[str, str] | None:
    """The place-of-sale word ``question`` groups ``dimension`` by, singular and plural ("branch", "branches").

    None when the dimension is no place or the question names none of these words.
    """
    if dimension not in _PLACE_DIMENSIONS or not (found := _PLACE_WORD.search(question)):
        return None
    word = found.group("word").lower()
    return word, word + ("es" if word.endswith(("ch", "sh", "x", "s")) else "s")
