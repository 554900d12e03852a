"""The thirteenth pricing round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=26 .venv/bin/python bench/pricing_phrasings.py``. The topics of set 25 (a price index "right
now", the rivals as every seller, cheaper at any rival, who undercuts us most often, how far from the market, the
products no competitor prices) in other words; truths from the warehouse rows, products picked by the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_15 import lowest_of_one
from bench.pricing_phrasings_23 import index_dated
from bench.pricing_phrasings_25 import catalogue_now, how_far, stored_sides, unpriced_said
from bench.review_phrasings import first_sentence

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def thirteenth_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the thirteenth round's held-out set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    k, x, lamp = picks.solo.sku, picks.mapped.sku, picks.solo2.sku
    toaster, kettle, lamp_noun = picks.mapped.name, picks.solo.noun, picks.solo2.noun
    order = m.undercut_order()
    above, below = stored_sides(m)

    add("now", "what is our price index at the moment?", catalogue_now(m))
    add("now", f"{x}'s current price index?", index_dated(m, x))
    add("now", f"price index for the {kettle} right now", index_dated(m, k))
    add("rivals", f"are we cheaper than our competitors on the {lamp_noun}?", lowest_of_one(m, lamp))
    add("rivals", f"do we beat the rivals on price for {x}?", lowest_of_one(m, x))
    add("anyrival", f"is {k} cheaper at any other store?", lowest_of_one(m, k))
    add("anyrival", f"could I buy the {toaster} for less anywhere else?", lowest_of_one(m, x))
    add("undercut", "which rival is cheaper than us most often?", lambda a, r: order[0] in first_sentence(a)[:60])
    add("far", f"how far over the market is {above[2]}?", how_far(m, above[2]))
    add("far", f"by how much is {below[1]} under the market?", how_far(m, below[1]))
    add("unpriced", "what products don't have any competitor prices?", unpriced_said(m))
    add("unpriced", "how many SKUs lack a competitor price?", unpriced_said(m))
    return out
