"""The held-out set of the fifth pricing round (#18), written after the fixes of ``bench/pricing_phrasings_8.py``.

Run with ``BENCH_SET=9 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths; the styles of set 8
(Buy Box, MAP, undercut by, price parity, cheapest seller, price drops, price leaders, premiums, revenue-maximising and
ideal prices, matching a rival, break-even and markup, what the data lacks) in wordings no set uses, measured once
before any change.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import counts, named_by
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

SHOP, NOCOMP = "shop", "nocomp"
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)
_PRICE = re.compile(r"\$?\d+\.\d\d")


def ninth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the held-out set."""
    out, add = pricing_cases(SHOP)
    first = first_sentence

    def names(*skus: str) -> Check:
        return named_by(m, *skus)

    latest = m.latest
    idx = latest["index"]
    picks = market_picks(m.products, t.rv, m.window())
    x, k, kettle = picks.mapped.sku, picks.solo.sku, picks.solo.noun
    y = str(latest[latest["n"] >= 3].index[0])
    tx, ty = str(m.products.loc[x, "title"]), str(m.products.loc[y, "title"])
    above, below = m.above(), m.below()
    order = m.undercut_order()
    our = latest["our"].astype(float).to_dict()
    low = {str(s): m.lowest_latest(str(s)) for s in latest.index}
    undercut = sum(lo < our[s] - 0.005 for s, lo in low.items())
    undercut20 = sum(lo * 1.20 < our[s] for s, lo in low.items())
    under_map = m.below_map()
    cost = float(pd.to_numeric(m.products["cost"], errors="coerce")[x])

    add("pricing", f"are we winning the buy box on the {kettle}?", names(k))
    add("pricing", "which listings have we lost the buy box on?", lambda a, r: counts(undercut, len(above))(a, r)
        or ("buy box" in first(a).lower() and _NEGATION.search(first(a)) is not None))
    add("pricing", f"who's the lowest-priced seller of the {tx.lower()}?", names(x))
    add("pricing", f"are we still price competitive on the {ty}?", names(y))
    add("pricing", "items where competitors undercut us by over 20%", counts(undercut20, int((idx > 120).sum())))
    add("pricing", "price parity vs BargainBarn", lambda a, r: "BargainBarn" in first(a))
    add("pricing", "which competitor keeps dropping prices?", lambda a, r: any(c in first(a) for c in order)
        or _NEGATION.search(first(a)) is not None)
    add("pricing", f"has BargainBarn dropped its price on the {kettle}?", lambda a, r: "BargainBarn" in first(a)
        and names(k)(a, r))
    add("pricing", "who's violating our MAP?", lambda a, r: states(first(a), len(under_map), 0.5)
        or states(first(a), int(under_map["competitor"].nunique()), 0.5))
    add("pricing", f"MAP compliance on the {tx}", names(x))
    add("pricing", "are we the price leader in Outdoor?", lambda a, r: "Outdoor" in first(a))
    add("pricing", "five most underpriced items vs the market", lambda a, r: str(below.index[0]) in first(a))
    add("pricing", "how far are we above ShopRival on average?", lambda a, r: "ShopRival" in first(a)
        and "%" in first(a))
    add("pricing", f"what's the revenue-maximising price for the {kettle}?", lambda a, r: k in first(a)
        and _PRICE.search(first(a)) is not None)
    add("pricing", f"ideal price for {x}?", lambda a, r: x in first(a) and _PRICE.search(first(a)) is not None)
    add("pricing", f"do we need to match BargainBarn on the {kettle}?", names(k))
    add("pricing", f"break-even price for the {tx}", lambda a, r: names(x)(a, r) and states(a, cost, 0.006))
    add("pricing", f"markup on the {kettle}", lambda a, r: names(k)(a, r)
        and re.search(r"margin|markup", first(a), re.I) is not None)
    add("pricing", "what share of the buy box do we own?", lambda a, r: "buy box" in first(a).lower()
        and _NEGATION.search(first(a)) is not None)
    add("pricing", f"are we winning the buy box on the {kettle}?",
        lambda a, r: "no competitor prices" in first(a).lower(), NOCOMP)
    return out
