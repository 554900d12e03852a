"""A small held-out set of pricing and review questions (#18), written after the third round's fixes.

Run with ``BENCH_SET=4 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths as the other sets
(pandas over the warehouse rows and the generated reviews); wordings none of the earlier sets use, measured once
before any change.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.review_phrasings import RTOL, first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

SHOP, NOCOMP = "shop", "nocomp"
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without", re.I)
_SPAM = re.compile(r"spam|fake|suspicious|suspected", re.I)


def fourth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the held-out set."""
    out, add = pricing_cases(SHOP)
    first = first_sentence

    picks = market_picks(m.products, t.rv, m.window())
    x, y = picks.mapped.sku, str(m.latest[m.latest["n"] >= 3].index[0])
    toaster_noun = picks.mapped.noun
    tx, ty = str(m.products.loc[x, "title"]), str(m.products.loc[y, "title"])
    latest = m.latest
    above = m.above()
    order = m.undercut_order()
    oos = m.out_of_stock()
    over20 = int((latest["index"] > 120).sum())
    under_map = m.below_map()

    def counts(*ns: int) -> Check:
        return lambda a, r: any(states(first(a), n, 0.5) for n in ns)

    # pricing
    add("pricing", "Which of our SKUs carry a premium of more than 20% versus rivals?", counts(over20))
    add("pricing", "who keeps undercutting us?", lambda a, r: first(a).startswith(order[0]))
    add("pricing", "which retailer is the price leader?", lambda a, r: order[0] in first(a))
    add("pricing", f"are we priced right on the {tx}?", lambda a, r: x in first(a))
    add("pricing", f"is anybody selling the {ty} for less than us?", lambda a, r: y in first(a))
    add("pricing", "how many listings break MAP right now?", lambda a, r: states(first(a), len(under_map), 0.5))
    add("pricing", f"what happens to units if the {toaster_noun} price goes up 10%?", lambda a, r: "10%" in first(a))
    add("pricing", f"would dropping {x} by 12% pay off?", lambda a, r: "12%" in first(a) and x in first(a))
    add("pricing", f"where should we price the {tx}?", lambda a, r: x in first(a)
        and re.search(r"\d+\.\d\d", first(a)) is not None)
    add("pricing", "what's out of stock at competitors that we have?", counts(int(oos["sku"].nunique())))
    add("pricing", "we're losing sales on price - which products are we most overpriced on?",
        lambda a, r: str(above.index[0]) in first(a))
    add("pricing", "FYI leadership asked - are we more expensive than the market overall?",
        lambda a, r: re.search(r"index|above|below", first(a)) is not None)
    add("pricing", "how does our pricing look versus competition in Outdoor?", lambda a, r: "Outdoor" in first(a))
    add("pricing", "pls tell price gap vs BargainBarn", lambda a, r: "BargainBarn" in first(a))
    add("pricing", f"are we undercut on the {toaster_noun}?",
        lambda a, r: x in first(a) or toaster_noun.title() in first(a))
    add("pricing", "who is cheaper than us?", lambda a, r: "no competitor prices" in first(a).lower(), NOCOMP)

    # reviews
    rv, end = t.rv, t.end
    lm_s, lm_e = t.last_month()
    lm = t.window(lm_s, lm_e)
    yr = t.agent_year()
    brand = rv.dropna(subset=["rating"]).groupby("brand")["rating"].mean()
    l30 = t.window(end - timedelta(days=29))
    add("reviews", f"what's the main beef customers have with the {tx}?", lambda a, r: x in first(a))
    add("reviews", "what do shoppers rave about?", lambda a, r: re.search(r"prais|like|love|positive", first(a), re.I)
        is not None)
    add("reviews", "How many one star reviews came in last month?",
        lambda a, r: states(first(a), int((lm["rating"] == 1).sum()), 0.5))
    add("reviews", "count of reviews that talk about delivery being slow",
        lambda a, r: re.search(r"shipping|delivery", first(a), re.I) is not None)
    add("reviews", "what's the average rating across Fenwick products?",
        lambda a, r: states(first(a), float(brand["Fenwick"]), RTOL))
    add("reviews", f"how is the {ty} reviewed these days?", lambda a, r: y in first(a) or ty in first(a))
    add("reviews", "do we have any dodgy reviews?", lambda a, r: _SPAM.search(first(a)) is not None)
    add("reviews", "sum up last month's reviews in a sentence",
        lambda a, r: states(first(a), len(lm), 0.5) or states(first(a), t.mean(lm), RTOL))
    add("reviews", "what's our customer satisfaction score?", lambda a, r: states(first(a), t.mean(rv), RTOL)
        or states(first(a), t.mean(yr), RTOL) or re.search(r"NPS|CSAT|survey", first(a)) is not None)
    add("reviews", "reviews in the past 30 days - how many?", lambda a, r: states(first(a), len(l30), 0.5))
    add("reviews", "which product has taken the biggest hit in ratings?", lambda a, r: t.falling in first(a))
    add("reviews", "whats the avg review score on amazon vs web",
        lambda a, r: all(states(a, float(v), RTOL) for v in rv.dropna(subset=["rating"]).groupby("channel")["rating"]
                         .mean()))
    add("reviews", "number of reviews mentioning sizing", lambda a, r: "size" in first(a).lower())
    add("reviews", "is the rating of the umbrella stand going down?", lambda a, r: "umbrella" in first(a).lower()
        and _NEGATION.search(first(a)) is not None)
    return out
