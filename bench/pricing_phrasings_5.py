"""A second small held-out set of pricing and review questions (#18), written at the round's end.

Run with ``BENCH_SET=5 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths as the other sets;
wordings none of them use, measured once before any change.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.review_phrasings import RTOL, first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

SHOP, NOCOMP = "shop", "nocomp"
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without", re.I)


def fifth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the second held-out set."""
    out, add = pricing_cases(SHOP)
    first = first_sentence

    picks = market_picks(m.products, t.rv, m.window())
    x = picks.mapped.sku
    tx = str(m.products.loc[x, "title"])
    latest = m.latest
    below = m.below()
    order = m.undercut_order()
    under_map = m.below_map()
    over15 = int((latest["index"] > 115).sum())

    # pricing
    add("pricing", "list items where we're at least 15% pricier than the competition", lambda a, r: states(
        first(a), over15, 0.5))
    add("pricing", "where do we have headroom to put prices up?", lambda a, r: "below" in first(a)
        and states(first(a), len(below), 0.5))
    add("pricing", "who is the cheapest player in the market?", lambda a, r: first(a).startswith(order[0]))
    add("pricing", "which competitors are flouting our MAP?", lambda a, r: states(first(a), len(under_map), 0.5))
    add("pricing", f"what's the elasticity on the {tx}?", lambda a, r: x in first(a) and "elastic" in first(a))
    add("pricing", f"if we knock 15% off the {tx}, what happens to sales?", lambda a, r: "15%" in first(a))
    add("pricing", f"should the {tx} be cheaper?", lambda a, r: x in first(a)
        and re.search(r"\b(?:lower|raise|hold|keep)", first(a), re.I) is not None)
    add("pricing", "has BargainBarn cut prices recently?", lambda a, r: "BargainBarn" in first(a))
    add("pricing", "are competitors undercutting us on Outdoor gear?", lambda a, r: "Outdoor" in a)
    add("pricing", "MAP violations?", lambda a, r: "no competitor prices" in first(a).lower(), NOCOMP)
    # reviews
    rv = t.rv
    brand = rv.dropna(subset=["rating"]).groupby("brand")["rating"].mean()
    lm = t.window(*t.last_month())
    add("reviews", f"what are the top gripes about the {tx}?", lambda a, r: x in first(a))
    add("reviews", "how many reviews bring up customer service?", lambda a, r: "customer service" in first(a))
    add("reviews", "mean star rating for Urbanist", lambda a, r: states(first(a), float(brand["Urbanist"]), RTOL))
    add("reviews", "tell me about last month's 5 star reviews", lambda a, r: states(
        first(a), int((lm["rating"] == 5).sum()), 0.5))
    add("reviews", "are reviews getting better or worse?", lambda a, r: "90 days" in a)
    add("reviews", "any suspicious looking reviews lately?", lambda a, r: re.search(r"spam|fake|suspicious|suspected",
                                                                                    first(a), re.I) is not None)
    add("reviews", f"one-line verdict on the {tx} from reviews", lambda a, r: x in first(a))
    add("reviews", "what's the CSAT?", lambda a, r: re.search(r"CSAT|satisfaction|survey|rating", first(a), re.I)
        is not None)
    add("reviews", "how are people finding the sizing on apparel?", lambda a, r: "size" in first(a).lower())
    add("reviews", "has the new formula improved reviews?", lambda a, r: _NEGATION.search(first(a)) is not None)
    return out
