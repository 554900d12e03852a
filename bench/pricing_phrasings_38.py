"""The twentieth pricing round's set (#18): a brand, vendor or category set against the market in comparative price
idioms ("stack up on price against rivals", "dearer than what competitors charge", "where does X sit on price vs the
market", "price-wise", "measure up"), beside who undercuts us, where we could raise prices, price gaps in money and
percent, rivals out of stock, over- and underpriced, UK and US English, typos.

Run with ``BENCH_SET=38 .venv/bin/python bench/pricing_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the warehouse's competitor, sales and product rows; products picked by rule
(``bench/catalogue_picks.py``). A brand check wants the brand's full name in the answer's first sentence and its
products' median index, or how many of them are above the market of how many (set 36's ``brand_taken``); brand and
category checks also want the first sentence to speak of the index, the competitors or the market (a slice's revenue
passed set 30's category check when a date's day was the count).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings import NOCOMP, refuses_market
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_19 import index_by_sku, said_index
from bench.pricing_phrasings_21 import room_to_raise
from bench.pricing_phrasings_25 import how_far
from bench.pricing_phrasings_28 import gap_in
from bench.pricing_phrasings_30 import category_said, rivals_out
from bench.pricing_phrasings_34 import undercut_top
from bench.pricing_phrasings_36 import brand_taken
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def on_the_market(check: Check) -> Check:
    """``check``, and the first sentence speaks of the price index, the competitors or the market: a slice's revenue
    with a date whose day is the count ("Revenue in the Kitchen category ... (8 Dec 2024 - ...)") is no position."""
    words = ("index", "competitor", "market")
    return lambda a, r: any(w in first_sentence(a).lower() for w in words) and check(a, r)


def brand_priced(m: Market, first_word: str, full: str) -> Check:
    """Set 36's brand check, said against the market."""
    return on_the_market(brand_taken(m, first_word, full))


def category_priced(m: Market, category: str) -> Check:
    """Set 30's category check, said against the market."""
    return on_the_market(category_said(m, category))


def product_priced(m: Market, sku: str) -> Check:
    """Names the product and says how far it is from the median competitor and on which side, or its price index."""
    far, index = how_far(m, sku), said_index(m, index_by_sku(m), sku)
    return lambda a, r: far(a, r) or index(a, r)


def catalogue_above(m: Market) -> Check:
    """How many of the catalogue's compared products are more than 5% above the median competitor, of how many."""
    above, n = len(m.above()), len(m.latest)
    return lambda a, r: states(first_sentence(a), above, 0.5) and states(first_sentence(a), n, 0.5)


def catalogue_below(m: Market) -> Check:
    """How many of the catalogue's compared products are more than 5% below the median competitor ("below" said)."""
    below = len(m.below())
    return lambda a, r: states(first_sentence(a), below, 0.5) and "below" in first_sentence(a)


def twentieth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the twentieth round's set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    x, k, lamp = picks.mapped.sku, picks.solo.sku, picks.solo2.sku
    kettle, lamp_noun = picks.solo.noun, picks.solo2.noun

    # 1. a brand (or vendor) set against the market in comparative idioms
    add("brand", "how do Fenwick prices stack up against the competition?", brand_priced(m, "Fenwick", "Fenwick"))
    add(
        "brand",
        "where does Brightline sit on price relative to competitors?",
        brand_priced(m, "Brightline", "Brightline"),
    )
    add("brand", "are Northwind products pricier than what rivals charge?", brand_priced(m, "Northwind", "Northwind"))
    add("brand", "Kestrel vendor: how do our prices measure up against rivals?", brand_priced(m, "Kestrel", "Kestrel"))
    add("brand", "how does Urbanist compare price-wise with competitors?", brand_priced(m, "Urbanist", "Urbanist"))
    add("brand", "where do Trailhead prices land vs the market?", brand_priced(m, "Trailhead", "Trailhead"))
    add("brand", "is Acme dearer than the going rate at competitors?", brand_priced(m, "Acme", "Acme Home"))

    # 2. a category the same way
    add("category", "how do Kitchen prices stack up against the market?", category_priced(m, "Kitchen"))
    add("category", "is our Apparel range dearer than competitors' prices?", category_priced(m, "Apparel"))
    add("category", "where does Electronics sit on price vs rivals?", category_priced(m, "Electronics"))

    # 3. one product the same way, and a shop without competitor prices
    add("product", f"how does the {kettle} stack up on price against rivals?", product_priced(m, k))
    add("product", f"is {x} dearer than what competitors charge?", product_priced(m, x))
    add("product", f"where does the {lamp_noun} sit on price vs the market?", product_priced(m, lamp))
    add("no prices", "how does Fenwick stack up on price against rivals?", refuses_market, tenant=NOCOMP)

    # 4. the other asks of the same breath
    add("undercut", "who's undercutting us the most?", undercut_top(m))
    add("raise", "which products could we raise the price on?", room_to_raise(m))
    add("gap", f"how many dollars dearer than the market is the {kettle}?", gap_in(m, k, money=True))
    add("gap", f"by what percentage is {x} above or below competitors?", gap_in(m, x, money=False))
    add("rival stock", "which competitors have run out of stock on our lines?", rivals_out(m, m.out_of_stock()))
    add("idioms", "are we overpriced against rivals?", catalogue_above(m))
    add("idioms", "which of our items are underpriced compared to the competition?", catalogue_below(m))

    # 5. typos and casual wording
    add("typos", "how dos fenwick stack up on prise vs rivals", brand_priced(m, "Fenwick", "Fenwick"))
    add("typos", "r brightline prods dearer than compettitors?", brand_priced(m, "Brightline", "Brightline"))
    add("typos", "wher does kitchen sit on price vs the market", category_priced(m, "Kitchen"))
    return out
