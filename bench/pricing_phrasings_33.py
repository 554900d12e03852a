"""The seventeenth pricing round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=33 .venv/bin/python bench/pricing_phrasings.py``. The topics of set 32 (position per category,
who undercut us this week, the price index, MAP, what a price change did to sales, typos) in other words; truths
from the warehouse rows, products picked by the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import first_changed
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_13 import last_change
from bench.pricing_phrasings_30 import category_said
from bench.pricing_phrasings_32 import (
    category_first,
    effect_said,
    map_count,
    map_on,
    names_any,
    round_truths,
)

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def seventeenth_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the seventeenth round's held-out set."""
    out, add = pricing_cases(SHOP)
    r = round_truths(m, t)
    k, x, y, lamp = r.picks.solo.sku, r.picks.mapped.sku, r.picks.top_markup.sku, r.picks.solo2.sku
    kettle = r.picks.solo.noun
    high, low, undercut, index_of, changes, eff = r.high, r.low, r.undercut, r.index_of, r.changes, r.eff
    changed = first_changed(changes, x, k, lamp, y)

    add("category", "what's our price position in each category vs competitors?", category_first(high))
    add("category", "which department are we the most competitive on price?", category_first(low))
    add("undercut", "did anyone undercut us in the past week?", names_any(undercut))
    add("undercut", "who's been cheaper than us these last 7 days?", names_any(undercut))
    add("index", "overall price index compared to competitors?", index_of())
    add("index", "how far above the market are we, as an index?", index_of())
    add("map", "any MAP breaches right now?", map_count(m))
    add("map", f"who is advertising under MAP on the {kettle}?", map_on(m, k))
    add("effect", f"did sales of {eff} go up or down after we changed its price?", effect_said(m, changes, eff))
    add("effect", f"impact of our most recent price change on {eff} sales", effect_said(m, changes, eff))
    add("typos", f"wen was the pirce of {changed[1]} last changed", last_change(changes, m, changed[1])[1])
    add("typos", "competiter price index for Outdoor", category_said(m, "Outdoor"))
    return out
