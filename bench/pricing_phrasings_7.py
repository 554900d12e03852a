"""The held-out set of the fourth pricing round (#18), written after the fixes of ``bench/pricing_phrasings_6.py``.

Run with ``BENCH_SET=7 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths; the styles of set 6
(phone typing, numbers in words, negations, thresholds, two named products, named rivals, categories and brands,
"why are sales down", what the data lacks) in wordings none of the sets use, measured once before any change.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

SHOP, NOCOMP = "shop", "nocomp"
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)


def seventh_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the held-out set."""
    out, add = pricing_cases(SHOP)
    first = first_sentence

    def counts(*ns: int) -> Check:
        return lambda a, r: any(states(first(a), n, 0.5) for n in ns)

    latest = m.latest
    idx = latest["index"]
    n_all = len(latest)
    picks = market_picks(m.products, t.rv, m.window())
    x = picks.mapped.sku
    y = str(latest[latest["n"] >= 3].index[0])
    tx, ty = str(m.products.loc[x, "title"]), str(m.products.loc[y, "title"])
    above, below = m.above(), m.below()
    order = m.undercut_order()

    add("pricing", "how many items r we more expensive on than the competiton", counts(len(above)))
    add("pricing", "which skus are priced fifteen percent or more above competitors?", counts(int((idx >= 115).sum()),
                                                                                             int((idx > 115).sum())))
    add("pricing", "list products that are NOT cheaper than the market", counts(n_all - len(below),
                                                                                n_all - int((idx < 100).sum())))
    add("pricing", "which products aren't priced below competitors?", counts(n_all - len(below),
                                                                             n_all - int((idx < 100).sum())))
    add("pricing", f"what happens if i drop {x} by twenty percent", lambda a, r: "20%" in first(a) and x in first(a))
    add("pricing", f"who's cheapest on the {ty.lower()}", lambda a, r: y in first(a))
    add("pricing", f"is the {tx} pricier than the {ty}?", lambda a, r: x in a and y in a)
    add("pricing", "does BargainBarn beat us on Outdoor prices?", lambda a, r: "BargainBarn" in first(a)
        and "Outdoor" in a)
    add("pricing", "which Apparel items are more than 10% above the market?", lambda a, r: "Apparel" in first(a))
    add("pricing", "how do Brightline products compare on price with competitors?", lambda a, r: "Brightline"
        in first(a) and re.search(r"index|above|below|cheaper|dearer", first(a)) is not None)
    add("pricing", f"why have sales of {x} dropped off?", lambda a, r: x in first(a))
    add("pricing", f"why are we not selling many {tx}s?", lambda a, r: x in first(a))
    add("pricing", "who undercuts us most often on Kitchen items?", lambda a, r: any(first(a).startswith(c)
                                                                                    for c in order))
    add("pricing", "how many products are we within five percent of the market on?", counts(
        int(((idx - 100).abs() <= 5).sum())))
    add("pricing", "what delivery fees do competitors charge?", lambda a, r: _NEGATION.search(first(a)) is not None)
    add("pricing", "are we cheaper than MegaMart on more than half our products?", lambda a, r: "MegaMart" in first(a))
    add("pricing", "which products are not above the market?", lambda a, r: "no competitor prices" in first(a).lower(),
        NOCOMP)
    add("pricing", f"y r sales of {x} falling", lambda a, r: x in first(a), NOCOMP)
    add("pricing", "r we more expensive than ShopRival", lambda a, r: "ShopRival" in first(a))
    add("pricing", "products priced under the competition by more than ten percent", counts(int((idx < 90).sum())))
    return out
