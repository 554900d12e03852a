"""The ninth pricing round's set (#18): position by category, undercut by how much, price moves, promotions, stock-outs.

Run with ``BENCH_SET=17 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths (pandas over the
warehouse's competitor, sales and product rows). Written and measured on the code before the round's fixes, in styles
no set uses: imperatives and report requests ("break down ...", "give me the figure for ..."), a topic fronted before
a colon ("Kitchen: are we dearer than the market?"), "TL;DR" and "bottom line" openers, British and trade words
("the lot of them", "knock off", "mark-up"), and second questions after a dash. Topics: our position against the
market by category, by how much a named rival undercuts us, price changes over time (ours and the competitors'),
competitor promotions, competitors out of stock, what-ifs with the elasticity and its interval, margin and markup,
and round eight's leftovers (markup on a SKU, the lowest rival price and its seller, our dearest count).
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import first_changed, market_picks, name_of
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import _NO_COMPETITORS, NOCOMP, SHOP, metric_index, moves
from bench.pricing_phrasings_13 import _CENT, _NEGATION, last_change, list_prices, price_changes
from bench.pricing_phrasings_15 import extreme_seller, lowest_of_one, markup, promoted
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

#: An elasticity's interval said: "between -1.9 and -0.4", "(-1.9 to -0.4)", "90% interval".
_INTERVAL = re.compile(r"interval|between -?\d|-?\d+(?:\.\d+)? to -?\d|±|\+/-|range", re.I)
_ELASTIC = re.compile(r"elastic", re.I)


def versus_mean_gap(m: Market, rival: str) -> float:
    """The versus answer's documented gap: per product the rival prices in the window, its latest price against our
    price that day (our / theirs - 1, in %), averaged over the products."""
    w = m.window()
    last = w[w["competitor"] == rival].sort_values("date").groupby("sku").tail(1).dropna(subset=["our"])
    return float((100 * (last["our"].astype(float) / last["price"].astype(float) - 1)).mean())


def markups(m: Market) -> pd.Series:
    """Markup on cost (%) of every catalogue product with a price and a cost."""
    price = pd.to_numeric(m.products["price"], errors="coerce")
    cost = pd.to_numeric(m.products["cost"], errors="coerce")
    return (100 * (price / cost - 1)).dropna().sort_values()


def out_at_rivals(m: Market, oos: pd.DataFrame, sku: str) -> Check:
    """Names ``sku`` and every competitor out of stock on it, or says none is."""
    who = oos[oos["sku"] == sku]["competitor"]
    return lambda a, r: (
        named_by(m, sku)(a, r)
        and (all(c in first_sentence(a) for c in who) if len(who) else _NEGATION.search(first_sentence(a)) is not None)
    )


def ninth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the ninth round's set."""
    out, add = pricing_cases(SHOP)
    first, names = first_sentence, partial(named_by, m)
    picks = market_picks(m.products, t.rv, m.window())
    k, x, y, lamp = picks.solo.sku, picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    kettle, toaster, lamp_noun = picks.solo.noun, picks.mapped.name, picks.solo2.noun
    end = m.end

    # 1. our position against the market by category
    cat, by_cat = m.category_index(), metric_index(m, m.products["category"])
    cats = m.latest.index.map(m.products["category"].to_dict())
    above = m.above()
    above_in = {c: int((above.index.map(m.products["category"].to_dict()) == c).sum()) for c in set(cats)}

    def in_category(c: str) -> Check:
        return lambda a, r: (
            c in first(a)
            and (
                states(first(a), float(cat[c]), 0.15)
                or states(first(a), float(by_cat[c]), 0.15)
                or states(first(a), above_in[c], 0.5)
            )
        )

    add(
        "category",
        "break down our price position by category",
        lambda a, r: str(cat.index[0]) in first(a) or str(by_cat.index[0]) in first(a),
    )
    add("category", "Kitchen: are we dearer than the market?", in_category("Kitchen"))
    add("category", "TL;DR on our pricing vs competitors for Home", in_category("Home"))
    add(
        "category",
        "which category carries the smallest premium over rivals?",
        lambda a, r: str(cat.index[-1]) in first(a) or str(by_cat.index[-1]) in first(a),
    )
    add(
        "category",
        "in Apparel, how many lines sit above the market?",
        lambda a, r: "Apparel" in first(a) and states(first(a), above_in["Apparel"], 0.5),
    )
    add(
        "category",
        "give me the price index for Electronics",
        lambda a, r: (
            "Electronics" in first(a)
            and (
                states(first(a), float(cat["Electronics"]), 0.15)
                or states(first(a), float(by_cat["Electronics"]), 0.15)
            )
        ),
    )

    # 2. by how much a named rival undercuts us
    for rival, q in (
        ("MegaMart", "by how much does MegaMart undercut us?"),
        ("BargainBarn", "how big is BargainBarn's price advantage over us, in %?"),
        ("PrimeGoods", "bottom line: how far below us is PrimeGoods on price?"),
    ):
        gap = versus_mean_gap(m, rival)
        add("undercut", q, lambda a, r, rival=rival, gap=gap: rival in first(a) and states(first(a), abs(gap), 0.15))
    add(
        "undercut",
        "by how much does MegaMart undercut us?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )

    # 3. price changes over time: ours, then the competitors'
    changes = price_changes(list_prices())
    changed = first_changed(changes, x, lamp, k, y)
    _, toaster_last = last_change(changes, m, changed[0])
    one, two = (name_of(str(m.products.loc[s, "title"])) for s in changed[:2])
    add("changes", f"when did we last touch the price of the {one}?", toaster_last)
    _, lamp_last = last_change(changes, m, changed[1])
    add("changes", f"give me the date of our latest price change on the {two}", lamp_last)
    month = moves(m, end.replace(day=1))
    last30 = moves(m, end - timedelta(days=29))
    add("changes", "which rival hiked prices the most this month?", lambda a, r: str(month.index[0]) in first(a)[:80])
    add(
        "changes",
        "who has been slashing prices over the past 30 days?",
        lambda a, r: str(last30.index[-1]) in first(a)[:80],
    )
    add("changes", "how have ShopRival's prices moved over the last 30 days?", lambda a, r: "ShopRival" in first(a))

    # 4. competitor promotions
    week_start = end - timedelta(days=6)
    promos = promoted(m, None, week_start, end)
    rivals = sorted(set(promos["competitor"]))
    add(
        "promo",
        "which rivals were running promos in the last 7 days?",
        lambda a, r: all(c in a for c in rivals) if rivals else _NEGATION.search(first(a)) is not None,
    )
    for rival in ("ShopRival", "MegaMart"):
        n = int(promoted(m, rival, week_start, end)["sku"].nunique())
        add(
            "promo",
            f"has {rival} been discounting anything in the last 7 days?",
            lambda a, r, rival=rival, n=n: (
                rival in first(a) and (states(first(a), n, 0.5) if n else _NEGATION.search(first(a)) is not None)
            ),
        )
    add(
        "promo",
        "any competitor promotions in the last 7 days?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )

    # 5. competitors out of stock
    oos = m.out_of_stock()
    per_rival = oos.groupby("competitor")["sku"].nunique().sort_values(ascending=False)
    add(
        "stock",
        "how many products is MegaMart out of stock on right now?",
        lambda a, r: "MegaMart" in first(a) and states(first(a), int(per_rival.get("MegaMart", 0)), 0.5),
    )
    add("stock", "which competitor has the most stock-outs?", lambda a, r: str(per_rival.index[0]) in first(a))
    add("stock", "tell me where rivals have run dry", lambda a, r: states(first(a), int(oos["sku"].nunique()), 0.5))
    add("stock", f"is the {kettle} out of stock at any competitor?", out_at_rivals(m, oos, k))

    # 6. what-ifs with the elasticity and its interval
    add(
        "whatif",
        f"what would a 12% price rise on the {kettle} do to demand?",
        lambda a, r: names(k)(a, r) and re.search(r"\b12(?:\.0)?%", a) is not None,
    )
    add(
        "whatif",
        f"if we knock 20% off the {toaster}, how many more units - and how sure are we?",
        lambda a, r: names(x)(a, r) and re.search(r"\b20(?:\.0)?%", a) is not None and _INTERVAL.search(a) is not None,
    )
    add(
        "whatif",
        f"what's the price elasticity of the {lamp_noun}, with its confidence interval?",
        lambda a, r: names(lamp)(a, r) and _ELASTIC.search(first(a)) is not None and _INTERVAL.search(a) is not None,
    )
    add(
        "whatif",
        "how responsive is Outdoor demand to price?",
        lambda a, r: "Outdoor" in a and _ELASTIC.search(first(a)) is not None,
    )
    add("whatif", f"simulate a price of $40 on {y}", lambda a, r: names(y)(a, r) and states(a, 40.0, _CENT))

    # 7. margin and markup
    mk = markups(m)
    add("markup", f"what's our markup on {x}?", markup(m, x))
    add("markup", f"mark-up % on the {lamp_noun}", markup(m, lamp))
    add("markup", f"gross margin per unit on {y}", markup(m, y))
    add(
        "markup",
        "which products carry the thinnest markup?",
        lambda a, r: str(mk.index[0]) in first(a) or str(m.products.loc[mk.index[0], "title"]) in first(a),
    )
    add(
        "markup",
        "what's the typical markup across the catalogue?",
        lambda a, r: (
            "markup" in first(a).lower()
            and (states(first(a), float(mk.median()), 0.6) or states(first(a), float(mk.mean()), 0.6))
        ),
    )

    # 8. the lowest rival price and its seller, and our dearest count (round eight's leftovers)
    add("seller", f"what do rivals charge at the lowest for the {toaster}?", lowest_of_one(m, x))
    add("seller", f"where can the {lamp_noun} be bought for the least?", extreme_seller(m, lamp, dearest=False))
    add("seller", f"who offers the {kettle} at the lowest price, and at what?", extreme_seller(m, k, dearest=False))
    w = m.window().sort_values("date").groupby(["sku", "competitor"]).tail(1)
    ours = m.latest["our"].astype(float)
    hi = w.groupby("sku")["price"].max().reindex(ours.index)
    add(
        "seller",
        "on how many SKUs are we the most expensive seller?",
        lambda a, r: states(first(a), int((ours >= hi - 0.005).sum()), 0.5),
    )
    add(
        "seller",
        "count the products where nobody charges more than us",
        lambda a, r: states(first(a), int((ours >= hi - 0.005).sum()), 0.5),
    )
    add(
        "seller",
        f"where can the {kettle} be bought for the least?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )
    return out
