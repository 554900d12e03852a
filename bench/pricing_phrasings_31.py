"""The sixteenth pricing round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=31 .venv/bin/python bench/pricing_phrasings.py``. The topics of set 30 (competitors out of
stock, comparisons by category and brand, two rivals on one product, our last price change, margins) in other words;
truths from the warehouse rows, products picked by the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import first_changed, market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_13 import last_change, list_prices, price_changes
from bench.pricing_phrasings_15 import markup
from bench.pricing_phrasings_17 import out_at_rivals
from bench.pricing_phrasings_30 import (
    brand_of,
    brand_said,
    category_said,
    cheaper_of,
    margin_on,
    oos_pick,
    rivals_out,
    shared_pick,
    thinnest,
)

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def sixteenth_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the sixteenth round's held-out set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    k, x, y, lamp = picks.solo.sku, picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    lamp_noun = picks.solo2.noun
    oos = m.out_of_stock()
    gone = oos_pick(m, oos)

    add("rival stock", f"can {gone} be found in stock anywhere?", out_at_rivals(m, oos, gone))
    add("rival stock", f"who is sold out of {gone}?", out_at_rivals(m, oos, gone))
    add("rival stock", "are any rivals out of stock right now?", rivals_out(m, oos))
    add("category", "where do we stand on price in Home vs the competition?", category_said(m, "Home"))
    brand = brand_of(m, y)
    add("brand", f"{brand} range vs competitors on price", brand_said(m, brand))
    both = shared_pick(m, "PrimeGoods", "MegaMart")
    add(
        "two rivals",
        f"which is cheaper for {both}: PrimeGoods or MegaMart?",
        cheaper_of(m, both, "PrimeGoods", "MegaMart"),
    )
    changes = price_changes(list_prices())
    changed = first_changed(changes, k, x, lamp, y)
    add("history", f"when was the last time we changed {changed[0]}'s price?", last_change(changes, m, changed[0])[1])
    add("history", f"date of our most recent price change on {changed[1]}", last_change(changes, m, changed[1])[1])
    add("margin", f"margin % on the {lamp_noun}?", markup(m, lamp))
    add("margin", "which items have the slimmest margins?", thinnest(m))
    add("margin", f"how much margin is there on {x}?", margin_on(m, x))
    add("typos", f"any1 out of stok on {gone}?", out_at_rivals(m, oos, gone))
    return out
