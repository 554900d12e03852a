"""The fifteenth pricing round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=29 .venv/bin/python bench/pricing_phrasings.py``. The topics of set 28 (what-ifs in percent and
in money, whether to raise a price, where we are undercut, the rival most often the cheapest, a gap in dollars or in
percent, rivals out of stock) in other words; truths from the warehouse rows, products picked by the same rules.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_13 import _CENT
from bench.pricing_phrasings_19 import what_if_said
from bench.pricing_phrasings_28 import (
    advice_on,
    catalogue_price,
    gap_in,
    lowest_most_often,
    our_price,
    to_price,
    undercut_said,
)
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def fifteenth_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the fifteenth round's held-out set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    k, x, y, lamp = picks.solo.sku, picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    kettle, toaster, lamp_noun = picks.solo.noun, picks.mapped.name, picks.solo2.noun
    whatif = partial(what_if_said, m)
    n_oos = int(m.out_of_stock()["sku"].nunique())

    add("whatif", f"how would units move if we hiked {y} 9%?", whatif(y, 9))
    lamp_price = float(int(catalogue_price(m, lamp) * 0.9))
    add("whatif", f"what if the {lamp_noun} cost ${lamp_price:.0f}?", to_price(m, lamp, lamp_price))
    three_off = (catalogue_price(m, x) - 3, our_price(m, x) - 3)
    add(
        "whatif",
        f"what if we shave $3 off {x}?",
        lambda a, r: named_by(m, x)(a, r) and any(states(a, v, _CENT) for v in three_off),
    )
    add("raise", f"would raising the {toaster}'s price be a good move?", advice_on(m, x))
    add("raise", f"could we charge a bit more for {y}?", advice_on(m, y))
    add("undercut", "which of our products are being undercut?", undercut_said(m))
    add("undercut", "how many SKUs is someone cheaper than us on?", undercut_said(m))
    add("lowest", "which competitor is the cheapest most frequently?", lowest_most_often(m))
    add("gap", f"{x} vs market: difference in dollars?", gap_in(m, x, money=True))
    add(
        "gap",
        f"what's the percentage gap between us and the cheapest competitor on the {kettle}?",
        gap_in(m, k, money=False, to_lowest=True),
    )
    add("stock", "how many of our products are sold out at rivals?", lambda a, r: states(first_sentence(a), n_oos, 0.5))
    add("typos", f"wat if we drop {x} 5 percnt", whatif(x, 5))
    return out
