"""Held-out set of the seventh pricing round (written after its fixes, measured before any change made for it).

Products counted in a catalogue price band or the ladder in other words than the sixth round's, and a product
named with a possessive (f"the {kettle}'s ...").
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import counts, named_by
from bench.review_phrasings import states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

SHOP = "shop"


def twelfth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the seventh round's held-out set."""
    out, add = pricing_cases(SHOP)
    names = partial(named_by, m)
    picks = market_picks(m.products, t.rv, m.window())
    k, kettle = picks.solo.sku, picks.solo.noun  # the only one of its kind
    price = pd.to_numeric(m.products["price"], errors="coerce").dropna()
    kitchen = price[m.products["category"].reindex(price.index) == "Kitchen"]
    add("bands", "how many items cost less than $30?", counts(int((price < 30).sum())))
    add("bands", "number of products priced above $75", counts(int((price > 75).sum())))
    add("bands", "products priced between $40 and $80", counts(int(((price >= 40) & (price <= 80)).sum())))
    add("bands", "how many Kitchen products are priced under $25?", counts(int((kitchen < 25).sum())))
    add("bands", "what are our price tiers?", lambda a, r: states(a, float(price.min()), 0.006)
        and states(a, float(price.max()), 0.006))
    add("possessive", f"how does the {kettle}'s price compare with competitors?", names(k))
    add("possessive", f"is the {kettle}'s price above the market?", names(k))
    return out
