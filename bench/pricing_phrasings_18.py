"""Held-out set of the ninth pricing round (written after its fixes, measured before any change made for it).

Run with ``BENCH_SET=18 .venv/bin/python bench/pricing_phrasings.py``. The topics of set 17 (position by category, a
rival's gap to us, our last price change and the competitors' moves, promotions, stock-outs, what-ifs and elasticity
with its interval, markups, the cheapest and dearest seller, our dearest count) in wordings no set uses.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import first_changed, market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import _NO_COMPETITORS, NOCOMP, SHOP, metric_index, moves
from bench.pricing_phrasings_13 import _CENT, _NEGATION, last_change, list_prices, price_changes
from bench.pricing_phrasings_15 import extreme_seller, markup, promoted
from bench.pricing_phrasings_17 import _ELASTIC, _INTERVAL, markups, out_at_rivals, versus_mean_gap
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def ninth_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the ninth round's held-out set."""
    out, add = pricing_cases(SHOP)
    first, names = first_sentence, partial(named_by, m)
    picks = market_picks(m.products, t.rv, m.window())
    k, x, y, lamp = picks.solo.sku, picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    kettle, toaster, lamp_noun = picks.solo.noun, picks.mapped.name, picks.solo2.noun
    end = m.end

    cat, by_cat = m.category_index(), metric_index(m, m.products["category"])
    above = m.above()
    above_in = {
        c: int((above.index.map(m.products["category"].to_dict()) == c).sum()) for c in set(m.products["category"])
    }
    add(
        "category",
        "Outdoor - where do we sit vs the market on price?",
        lambda a, r: (
            "Outdoor" in first(a)
            and (
                states(first(a), float(cat["Outdoor"]), 0.15)
                or states(first(a), float(by_cat["Outdoor"]), 0.15)
                or states(first(a), above_in["Outdoor"], 0.5)
            )
        ),
    )
    add(
        "category",
        "which category are we cheapest in relative to competitors?",
        lambda a, r: str(cat.index[-1]) in first(a) or str(by_cat.index[-1]) in first(a),
    )
    add(
        "category",
        "how many Electronics SKUs are overpriced against rivals?",
        lambda a, r: "Electronics" in a and states(first(a), above_in["Electronics"], 0.5),
    )
    for rival, q in (
        ("ShopRival", "what's the average gap between us and ShopRival?"),
        ("BargainBarn", "how much cheaper than us is BargainBarn on average?"),
    ):
        gap = versus_mean_gap(m, rival)
        add("undercut", q, lambda a, r, rival=rival, gap=gap: rival in first(a) and states(first(a), abs(gap), 0.15))

    changes = price_changes(list_prices())
    changed = first_changed(changes, y, x, lamp, k)[0]
    _, dated = last_change(changes, m, changed)
    add("changes", f"date of the most recent price change for {changed}", dated)
    month = moves(m, end.replace(day=1))
    add(
        "changes",
        "which competitor dropped prices the most this month?",
        lambda a, r: str(month.index[-1]) in first(a)[:80],
    )

    week_start = end - timedelta(days=6)
    for rival, q in (
        ("PrimeGoods", "any promotions from PrimeGoods in the last 7 days?"),
        ("BargainBarn", "did BargainBarn run any deals in the last 7 days?"),
    ):
        n = int(promoted(m, rival, week_start, end)["sku"].nunique())
        add(
            "promo",
            q,
            lambda a, r, rival=rival, n=n: (
                rival in first(a) and (states(first(a), n, 0.5) if n else _NEGATION.search(first(a)) is not None)
            ),
        )

    oos = m.out_of_stock()
    per_rival = oos.groupby("competitor")["sku"].nunique()
    add(
        "stock",
        "which of our products are unavailable at MegaMart?",
        lambda a, r: "MegaMart" in first(a) and states(first(a), int(per_rival.get("MegaMart", 0)), 0.5),
    )
    add("stock", f"who's out of stock on the {lamp_noun}?", out_at_rivals(m, oos, lamp))

    add(
        "whatif",
        f"price elasticity for the {kettle} - how sure is that estimate?",
        lambda a, r: names(k)(a, r) and _ELASTIC.search(first(a)) is not None and _INTERVAL.search(a) is not None,
    )
    add(
        "whatif",
        f"what happens to {picks.mapped.noun} {x} sales if we go up 7%?",
        lambda a, r: names(x)(a, r) and re.search(r"\b7(?:\.0)?%", a) is not None,
    )
    target = float(
        round(0.88 * float(pd.to_numeric(m.products["price"], errors="coerce")[x]))
    )  # a 12% cut, said as a price
    add(
        "whatif",
        f"model a ${target:.0f} price on the {toaster}",
        lambda a, r: names(x)(a, r) and states(a, target, _CENT),
    )

    mk = markups(m)
    add("markup", f"markup on the {picks.top_markup.noun} {y}?", markup(m, y))
    add("markup", f"what margin do we earn on each {kettle} we sell?", markup(m, k))
    add(
        "markup",
        "which products have the fattest markups?",
        lambda a, r: str(mk.index[-1]) in first(a) or str(m.products.loc[mk.index[-1], "title"]) in first(a),
    )

    add("seller", f"cheapest competitor offer for the {lamp_noun} right now", extreme_seller(m, lamp, dearest=False))
    add("seller", f"who charges the most for the {kettle}?", extreme_seller(m, k, dearest=True))
    w = m.window().sort_values("date").groupby(["sku", "competitor"]).tail(1)
    ours = m.latest["our"].astype(float)
    hi = w.groupby("sku")["price"].max().reindex(ours.index)
    add(
        "seller",
        "in how many products is our price the highest in the market?",
        lambda a, r: states(first(a), int((ours >= hi - 0.005).sum()), 0.5),
    )
    add(
        "category",
        "which category are we cheapest in relative to competitors?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )
    return out
