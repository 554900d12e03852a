"""The twelfth pricing round's set (#18): the leftovers of the eleventh round.

Run with ``BENCH_SET=23 .venv/bin/python bench/pricing_phrasings.py``. Written and measured on the code before the
round's fixes: "does <rival> beat us on X" when only that rival has no price for X, a product's price index "today"
when its last competitor price is days old, and short forms and typos (cheapr, undrcuts, oftn, "r" for "are", "best
price where?"). Truths from the warehouse rows; products picked by a rule from the stored data.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks, name_of
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_13 import said_dates
from bench.pricing_phrasings_15 import lowest_of_one
from bench.pricing_phrasings_19 import cheapest_skus
from bench.pricing_phrasings_21 import where_cheapest
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

_NO_PRICE = re.compile(r"\bno\b[^.]*\bprice|\bnot\b[^.]*\bpric|n't[^.]*\bpric|\bnone\b", re.I)
_CENT = 0.006


def lacking_rival(m: Market, preferred: str) -> tuple[str, str]:
    """(sku, rival): a product some competitors price in the window but ``rival`` does not; ``preferred`` when it
    qualifies, else the first such product by SKU, its first absent rival by name."""
    w = m.window()
    everyone = sorted(set(w["competitor"]))
    skus = [preferred, *sorted(set(w["sku"]))]
    for sku in skus:
        carriers = set(w.loc[w["sku"] == sku, "competitor"])
        absent = [c for c in everyone if c not in carriers]
        if carriers and absent:
            return sku, absent[0]
    raise LookupError("every rival prices every product")


def others_said(m: Market, sku: str, rival: str) -> Check:
    """Names ``rival`` and ``sku``, says the rival has no price for it and states another seller's latest price."""
    w = m.window()
    last = w[w["sku"] == sku].sort_values("date").groupby("competitor").tail(1)
    prices = [float(p) for p in last["price"]]
    return lambda a, r: (
        rival in first_sentence(a)
        and named_by(m, sku)(a, r)
        and _NO_PRICE.search(first_sentence(a)) is not None
        and any(states(a, p, _CENT) for p in prices)
    )


def stale_pick(m: Market) -> str:
    """The product whose last competitor price is the newest of those older than the data's last day."""
    old = m.latest[m.latest["date"].dt.date < m.end]
    return str(old.sort_values("date").index[-1])


def index_dated(m: Market, sku: str) -> Check:
    """The first sentence states ``sku``'s latest index (the selling or the catalogue price) and dates it."""
    row = m.latest.loc[sku].to_dict()
    cat = 100 * float(m.products["price"].to_dict()[sku]) / float(row["median"])
    day = row["date"].date()
    return lambda a, r: (
        any(states(first_sentence(a), v, 0.15) for v in (float(row["index"]), cat))
        and day in said_dates(first_sentence(a))
    )


def twelfth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the twelfth round's set."""
    out, add = pricing_cases(SHOP)
    first = first_sentence
    picks = market_picks(m.products, t.rv, m.window())
    k, x, kettle = picks.solo.sku, picks.mapped.sku, picks.solo.noun
    cheap, order = cheapest_skus(m), m.undercut_order()
    count_cheap: Check = lambda a, r: states(first(a), len(cheap), 0.5)  # noqa: E731 - the count of the cheapest

    # 1. a rival with no price for a product the others price
    sku, rival = lacking_rival(m, k)
    name = name_of(str(m.products.loc[sku, "title"]))
    add("lacking", f"does {rival} beat us on {sku}?", others_said(m, sku, rival))
    add("lacking", f"is {rival} cheaper than us on the {name}?", others_said(m, sku, rival))
    add("lacking", f"who is cheaper on {sku}, us or {rival}?", others_said(m, sku, rival))

    # 2. a price index "today" when the last competitor price is days old
    stale = stale_pick(m)
    stale_name = name_of(str(m.products.loc[stale, "title"]))
    add("today", f"price index today for {stale}", index_dated(m, stale))
    add("today", f"the {stale_name}'s price index today", index_dated(m, stale))
    add("today", f"what's {stale}'s price index right now?", index_dated(m, stale))

    # 3. typos and short forms
    add("typos", "best price where?", where_cheapest(m))
    add("typos", f"r we cheapr than evry1 on the {kettle}", lowest_of_one(m, k))
    add("typos", "hw many skus r we cheapest on", count_cheap)
    add("typos", "who undrcuts us most oftn", lambda a, r: order[0] in first(a)[:60])
    add("typos", f"is {x} cheapr at any rival?", lowest_of_one(m, x))
    add("typos", "which rival undrcuts us most", lambda a, r: order[0] in first(a)[:60])
    return out
