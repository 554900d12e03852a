"""The held-out set of the sixth pricing round (#18), written after the fixes of ``bench/pricing_phrasings_10.py``.

Run with ``BENCH_SET=11 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths; the styles of set 10
(gaps in money, landed prices, the price index, competitors' moves, coverage, the only seller, "should we discount
it?" after a product answer) in wordings no set uses, measured once before any change.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import counts, named_by
from bench.pricing_phrasings_10 import (
    _ADVICE,
    _NO_COMPETITORS,
    _SHIPPING,
    NOCOMP,
    SHOP,
    landed_index,
    money_gaps,
    moves,
)
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth



def eleventh_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the held-out set."""
    out, add = pricing_cases(SHOP)
    first, names = first_sentence, partial(named_by, m)

    picks = market_picks(m.products, t.rv, m.window())
    x, k, kettle = picks.mapped.sku, picks.solo.sku, picks.solo.noun
    y = str(m.latest[m.latest["n"] >= 3].index[0])
    gaps = money_gaps(m)
    gap_low, gap_median = gaps["gap_low"].astype(float).to_dict(), gaps["gap_median"].astype(float).to_dict()
    landed = landed_index(m)
    last30 = moves(m, m.end - timedelta(days=29))
    month = moves(m, m.end.replace(day=1))
    carriers = m.window().groupby("sku")["competitor"].nunique()
    skus = set(m.products.index) | set(carriers.index)
    alone = len(skus - set(carriers.index))

    add("pricing", "list items where we're at least $15 more than the lowest competitor price", counts(
        int((gaps["gap_low"] > 15).sum()), int((gaps["gap_low"] >= 15).sum())))
    add("pricing", "skus that are more than $3 cheaper than the market", counts(int((gaps["gap_median"] < -3).sum())))
    add("pricing", f"how much more do we charge than the cheapest rival for {y}, in dollars?", lambda a, r: names(y)(
        a, r) and states(first(a), abs(gap_low[y]), 0.011))
    add("pricing", f"dollar difference between our {kettle} price and the median competitor", lambda a, r: names(k)(
        a, r) and states(first(a), abs(gap_median[k]), 0.011))
    add("pricing", "compare prices including shipping with the competition", lambda a, r: _SHIPPING.search(first(a))
        is not None and states(first(a), float(landed.median()), 0.15))
    add("pricing", f"is {x} still competitive once delivery is included?", lambda a, r: names(x)(a, r)
        and _SHIPPING.search(first(a)) is not None and states(first(a), abs(float(landed[x]) - 100), 0.15))
    add("pricing", "which rival put its prices up the most over the last 30 days?", lambda a, r: first(a).startswith(
        str(last30.index[0])))
    add("pricing", "which competitor has been cutting prices hardest this month?", lambda a, r: first(a).startswith(
        str(month.index[-1])))
    add("pricing", "has anybody changed their prices recently?", lambda a, r: any(c in first(a) for c in last30.index))
    add("pricing", "which of our products does no competitor sell?", counts(alone))
    add("pricing", "products only we carry", counts(alone))
    add("pricing", "how many items are stocked by just one rival?", counts(int((carriers == 1).sum())))
    add("pricing", f"how many competitors carry {x}?", lambda a, r: names(x)(a, r)
        and states(first(a), int(carriers.get(x, 0)), 0.5))
    add("pricing", f"what does the {kettle} cost at competitors? >> should we mark it down?",
        lambda a, r: names(k)(a, r) and _ADVICE.search(first(a)) is not None)
    add("pricing", f"where does {x} sit against the market? >> should we put it on sale?", lambda a, r: names(x)(a, r)
        and _ADVICE.search(first(a)) is not None)
    add("pricing", "our price index compared to competitors", lambda a, r: "index" in first(a).lower()
        and "100" in first(a))
    add("pricing", "which competitor raised prices the most this month?", lambda a, r: _NO_COMPETITORS.search(
        first(a)) is not None, NOCOMP)
    add("pricing", "products priced $10 or more over the cheapest rival", lambda a, r: _NO_COMPETITORS.search(
        first(a)) is not None, NOCOMP)
    add("pricing", "which products does nobody else sell?", lambda a, r: _NO_COMPETITORS.search(first(a))
        is not None, NOCOMP)
    add("pricing", "landed price vs competitors incl. delivery", lambda a, r: _NO_COMPETITORS.search(first(a))
        is not None, NOCOMP)
    return out
