"""The fourteenth pricing round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=27 .venv/bin/python bench/pricing_phrasings.py``. The kinds of set 26's misses in other words: the
products no competitor prices, asked with a negated verb, "lack"/"missing" or another word for a competitor's price
(the count checked against the catalogue's own products), and buying a product for less somewhere else with any
modal and buying verb (the lowest competitor price). Truths from the warehouse rows, products picked by rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_15 import lowest_of_one
from bench.pricing_phrasings_25 import unpriced_said

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def fourteenth_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the fourteenth round's held-out set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    k, x, lamp = picks.solo.sku, picks.mapped.sku, picks.solo2.sku
    toaster, kettle, lamp_noun = picks.mapped.name, picks.solo.noun, picks.solo2.noun
    unpriced = unpriced_said(m)

    add("unpriced", "which of my SKUs aren't priced by any competitor?", unpriced)
    add("unpriced", "list the items that have no rival pricing", unpriced)
    add("unpriced", "products missing competitor prices?", unpriced)
    add("unpriced", "which listings haven't had a single competitor price?", unpriced)
    add("unpriced", "how many products do we have with zero competitor prices?", unpriced)
    add("anyrival", f"would a customer find the {kettle} for less at another shop?", lowest_of_one(m, k))
    add("anyrival", f"can shoppers buy {x} at a lower price somewhere else?", lowest_of_one(m, x))
    add("anyrival", f"might people get the {lamp_noun} cheaper elsewhere?", lowest_of_one(m, lamp))
    add("anyrival", f"is the {toaster} sold for less anywhere else?", lowest_of_one(m, x))
    return out
