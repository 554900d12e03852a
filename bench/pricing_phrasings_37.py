"""The nineteenth pricing round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=37 .venv/bin/python bench/pricing_phrasings.py``. The topics of set 36 (a brand said by a short
name or with a word for its range, beside position per category, undercutting, margin at the market price, typos)
in other words; truths from the warehouse rows, products picked by the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_30 import category_said
from bench.pricing_phrasings_34 import market_margin, undercut_top
from bench.pricing_phrasings_36 import brand_taken

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def nineteenth_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the nineteenth round's held-out set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    acme = brand_taken(m, "Acme", "Acme Home")

    add("brand", "are Acme goods dearer than what competitors charge?", acme)
    add("brand", "where does Acme sit on price vs the market?", acme)
    add("brand", "Acme: how many products are priced above competitors?", acme)
    add("brand", "how are the Coastal products priced against the competition?", brand_taken(m, "Coastal", "Coastal"))
    add("brand", "is Urbanist stuff more expensive than rivals?", brand_taken(m, "Urbanist", "Urbanist"))
    add("brand", "Northwind range price index", brand_taken(m, "Northwind", "Northwind"))
    add("position", "how do our Outdoor prices compare to competitors?", category_said(m, "Outdoor"))
    add("undercut", "who undercuts us the most often?", undercut_top(m))
    add(
        "margin",
        f"what would our margin on {picks.top_markup.sku} be at the market price?",
        market_margin(m, picks.top_markup.sku),
    )
    add("typos", "acme pricng vs compettitors", acme)
    add("typos", "r coastal prods overpriced", brand_taken(m, "Coastal", "Coastal"))
    return out
