"""The twelfth pricing round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=24 .venv/bin/python bench/pricing_phrasings.py``. The topics of set 23 (a named rival with no
price for the product, a price index "today" on a stale day, typos and short forms) in other words; truths from
the warehouse rows, products picked by the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks, name_of
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_15 import lowest_of_one
from bench.pricing_phrasings_19 import cheapest_skus
from bench.pricing_phrasings_21 import where_cheapest
from bench.pricing_phrasings_23 import index_dated, lacking_rival, others_said, stale_pick
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def twelfth_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the twelfth round's held-out set."""
    out, add = pricing_cases(SHOP)
    first = first_sentence
    picks = market_picks(m.products, t.rv, m.window())
    k, x, toaster = picks.solo.sku, picks.mapped.sku, picks.mapped.name
    cheap, order = cheapest_skus(m), m.undercut_order()

    sku, rival = lacking_rival(m, k)
    name = name_of(str(m.products.loc[sku, "title"]))
    add("lacking", f"is {rival} undercutting us on the {name}?", others_said(m, sku, rival))
    add("lacking", f"are we cheaper than {rival} on {sku}?", others_said(m, sku, rival))
    stale = stale_pick(m)
    stale_name = name_of(str(m.products.loc[stale, "title"]))
    add("today", f"{stale}'s price index today?", index_dated(m, stale))
    add("today", f"today's price index for the {stale_name}", index_dated(m, stale))
    add("typos", "cheapest price where?", where_cheapest(m))
    add("typos", f"r we cheapr than the rivals on the {toaster}", lowest_of_one(m, x))
    add("typos", "how many products r we the cheapest on", lambda a, r: states(first(a), len(cheap), 0.5))
    add("typos", "which competitor undrcuts us the most oftn", lambda a, r: order[0] in first(a)[:60])
    return out
