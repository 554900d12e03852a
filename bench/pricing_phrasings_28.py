"""The fifteenth pricing round's set (#18): what-ifs in percent and in money, whether to raise a price, where we are
undercut, which rival is most often the cheapest, a price gap in dollars or in percent, rivals out of stock, typos.

Run with ``BENCH_SET=28 .venv/bin/python bench/pricing_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the warehouse's competitor, sales and product rows; the products asked about are picked
from the stored catalogue by a rule (``bench/catalogue_picks.py``).
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_13 import _CENT
from bench.pricing_phrasings_17 import out_at_rivals
from bench.pricing_phrasings_19 import what_if_said
from bench.pricing_phrasings_21 import rival_out
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

#: Advice on a price said: raise, lower, hold, keep, leave.
_ADVICE = re.compile(r"\b(?:lower|raise|rais|hold|keep|leave|increase|cut|room)", re.I)
_SIDE = {
    True: re.compile(r"above|dearer|more expensive|premium|over", re.I),
    False: re.compile(r"below|cheaper|under", re.I),
}


def catalogue_price(m: Market, sku: str) -> float:
    """The product's catalogue price."""
    return float(pd.to_numeric(m.products["price"], errors="coerce")[sku])


def our_price(m: Market, sku: str) -> float:
    """Our selling price on the product's latest day with competitor prices."""
    return float(m.latest["our"].astype(float).to_dict()[sku])


def undercut_skus(m: Market) -> list[str]:
    """The SKUs at least one competitor's latest price in the window is below ours (our latest selling price)."""
    w = m.window().sort_values("date").groupby(["sku", "competitor"]).tail(1)
    low = w.groupby("sku")["price"].min()
    ours = m.latest["our"].astype(float).reindex(low.index)
    return sorted(str(s) for s in low.index[(low < ours - 0.005).to_numpy()])


def undercut_said(m: Market) -> Check:
    """The first sentence counts the products some competitor undercuts (from our selling or our catalogue price), or
    those priced above the market (the older sets' documented reading, ``pricing_phrasings_3``)."""
    n = len(undercut_skus(m))
    w = m.window().sort_values("date").groupby(["sku", "competitor"]).tail(1)
    low = w.groupby("sku")["price"].min()
    cat = pd.to_numeric(m.products["price"], errors="coerce").reindex(low.index)
    ns = (n, int((low < cat - 0.005).sum()), len(m.above()))
    return lambda a, r: any(states(first_sentence(a), v, 0.5) for v in ns)


def most_often_lowest(m: Market) -> set[str]:
    """The competitors (ties kept) holding the lowest competitor price on the most products (latest in the window)."""
    w = m.window().sort_values("date").groupby(["sku", "competitor"]).tail(1)
    low = w.groupby("sku")["price"].transform("min")
    holders = w[w["price"] <= low + 0.005].groupby("competitor")["sku"].nunique()
    return {str(c) for c in holders[holders == holders.max()].index}


def lowest_most_often(m: Market) -> Check:
    """The first sentence's first 60 characters name the competitor most often the cheapest seller, or the one most
    often below our price (the older sets' reading of "cheapest most often", ``pricing_phrasings.py`` set 1)."""
    who = most_often_lowest(m) | {m.undercut_order()[0]}
    return lambda a, r: any(c in first_sentence(a)[:60] for c in who)


def gap_in(m: Market, sku: str, *, money: bool, to_lowest: bool = False) -> Check:
    """Names ``sku``, its side, and the gap to the median (or the lowest) competitor in money (within a cent) or in
    percent (within 0.15 points), from our selling price or the catalogue price."""
    row = {k: float(v) for k, v in m.latest.loc[sku, ["median", "our"]].to_dict().items()}
    ref = m.lowest_latest(sku) if to_lowest else row["median"]
    ours = (row["our"], catalogue_price(m, sku))
    gaps = [abs(o - ref) for o in ours] if money else [abs(100 * (o / ref - 1)) for o in ours]
    side = _SIDE[ours[0] > ref]
    tol = _CENT if money else 0.15
    return lambda a, r: (
        named_by(m, sku)(a, r)
        and side.search(first_sentence(a)) is not None
        and any(states(first_sentence(a), g, tol) for g in gaps)
    )


def to_price(m: Market, sku: str, price: float) -> Check:
    """A what-if to an absolute price: names ``sku`` and the new price, with the change in percent."""
    ours = (catalogue_price(m, sku), our_price(m, sku))
    pcts = [abs(100 * (price / o - 1)) for o in ours]
    return lambda a, r: (
        named_by(m, sku)(a, r) and states(a, price, _CENT) and any(states(first_sentence(a), p, 0.6) for p in pcts)
    )


def advice_on(m: Market, sku: str) -> Check:
    """Names ``sku`` and advises on its price (raise, lower, hold) in the first sentence."""
    return lambda a, r: named_by(m, sku)(a, r) and _ADVICE.search(first_sentence(a)) is not None


def fifteenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the fifteenth round's set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    k, x, y, lamp = picks.solo.sku, picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    kettle, toaster, lamp_noun = picks.solo.noun, picks.mapped.name, picks.solo2.noun
    whatif = partial(what_if_said, m)
    oos = m.out_of_stock()

    # 1. what-ifs in percent and to a price in money
    add("whatif", f"what if I raise the price of the {kettle} by 7 percent?", whatif(k, 7))
    add("whatif", f"what would happen to sales if {y} went up 12%?", whatif(y, 12))
    low_x = float(int(catalogue_price(m, x) * 0.9))
    add("whatif", f"what happens if we sell {x} at ${low_x:.0f}?", to_price(m, x, low_x))
    high_lamp = float(int(catalogue_price(m, lamp) * 1.1) + 1)
    add(
        "whatif",
        f"if I priced the {lamp_noun} at ${high_lamp:.0f} how would units change?",
        to_price(m, lamp, high_lamp),
    )
    five_off = (catalogue_price(m, k) - 5, our_price(m, k) - 5)
    add(
        "whatif",
        f"what if we knock $5 off the {kettle}?",
        lambda a, r: named_by(m, k)(a, r) and any(states(a, v, _CENT) for v in five_off),
    )

    # 2. should I raise the price of X
    add("raise", f"should I raise the price of the {kettle}?", advice_on(m, k))
    add("raise", f"is it worth increasing the price on {y}?", advice_on(m, y))
    add("raise", f"can we get away with charging more for the {toaster}?", advice_on(m, x))

    # 3. where we are undercut
    add("undercut", "where are we undercut?", undercut_said(m))
    add("undercut", "which products are we being undercut on?", undercut_said(m))
    add("undercut", "on how many items does a competitor beat our price?", undercut_said(m))

    # 4. which competitor is most often the cheapest
    add("lowest", "which rival most often has the lowest price?", lowest_most_often(m))
    add("lowest", "who's usually the cheapest seller?", lowest_most_often(m))
    add("lowest", "which competitor has the lowest price on the most products?", lowest_most_often(m))

    # 5. a price gap in dollars or in percent
    add("gap", f"what's the price gap on {x} in dollars?", gap_in(m, x, money=True))
    add("gap", f"how big is our gap to the market on the {kettle}, in percent?", gap_in(m, k, money=False))
    add(
        "gap",
        f"price difference in $ between us and the cheapest rival for {y}",
        gap_in(m, y, money=True, to_lowest=True),
    )

    # 6. rivals out of stock
    n_oos = int(oos["sku"].nunique())
    add(
        "stock",
        "which of our products are out of stock at competitors?",
        lambda a, r: states(first_sentence(a), n_oos, 0.5),
    )
    add("stock", "is BargainBarn sold out of anything?", rival_out(m, "BargainBarn"))
    add("stock", f"is the {lamp_noun} sold out anywhere?", out_at_rivals(m, oos, lamp))

    # 7. typos and casual wording
    add("typos", "whos cheapest most oftn", lowest_most_often(m))
    add("typos", f"shld we put {x}'s price up", advice_on(m, x))
    add("typos", f"hw far off the market r we on {y} in $", gap_in(m, y, money=True))
    add("typos", f"wat happens if i bump the {kettle} 10 pct", whatif(k, 10))
    return out
