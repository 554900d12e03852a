"""The twentieth pricing round's held-out set (#18): written before the round's fixes, measured once after them.

Run with ``BENCH_SET=39 .venv/bin/python bench/pricing_phrasings.py``. The topics of set 38 (a brand, category or
product set against the market in comparative idioms, beside undercutting, room to raise, gaps, rivals out of stock,
typos, a shop without competitor prices) in other words and on other slices; truths from the warehouse rows, products
picked by the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings import NOCOMP, refuses_market
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_21 import room_to_raise
from bench.pricing_phrasings_28 import gap_in
from bench.pricing_phrasings_30 import rivals_out
from bench.pricing_phrasings_34 import undercut_top
from bench.pricing_phrasings_38 import brand_priced, category_priced, product_priced

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def twentieth_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the twentieth round's held-out set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    k, y, lamp = picks.solo.sku, picks.top_markup.sku, picks.solo2.sku
    kettle, lamp_noun = picks.solo.noun, picks.solo2.noun

    add("brand", "how do Coastal prices measure up to other retailers?", brand_priced(m, "Coastal", "Coastal"))
    add("brand", "does Acme sit above or below the market on price?", brand_priced(m, "Acme", "Acme Home"))
    add("brand", "is Kestrel stuff pricier than what the competition asks?", brand_priced(m, "Kestrel", "Kestrel"))
    add("category", "Home category: how do we stack up price-wise against competitors?", category_priced(m, "Home"))
    add("category", "where do our Outdoor lines land on price vs rivals?", category_priced(m, "Outdoor"))
    add("product", f"how does {y} fare on price against competitors?", product_priced(m, y))
    add("product", f"is the {kettle} pricier than what other shops charge?", product_priced(m, k))
    add("undercut", "who beats us on price most often?", undercut_top(m))
    add("raise", "where could we charge more?", room_to_raise(m))
    add("gap", f"how far is the {lamp_noun} from the market price, in percent?", gap_in(m, lamp, money=False))
    add("rival stock", "are any rivals sold out of our products right now?", rivals_out(m, m.out_of_stock()))
    add("typos", "hw does urbanist stack up pricewise vs the competiton", brand_priced(m, "Urbanist", "Urbanist"))
    add("no prices", "where does Acme sit on price vs the market?", refuses_market, tenant=NOCOMP)
    return out
