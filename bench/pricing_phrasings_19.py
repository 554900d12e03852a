"""The tenth pricing round's set (#18): rivals out of stock, where we are the cheapest, the price index, what-ifs.

Run with ``BENCH_SET=19 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths (pandas over the
warehouse's competitor, sales and product rows); the products asked about are picked from the stored catalogue by a
rule (``bench/catalogue_picks.py``), so the set runs on any day's data. Written and measured on the code before the
round's fixes. Topics: competitors out of stock (who, on what, how many), where we are the cheapest (count, list,
one product, a category), our price index against the market (catalogue, product, category, the dearest), and
elasticity what-ifs in merchants' words ("if I raise X by 10% what happens to units?") with their interval.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import _NO_COMPETITORS, NOCOMP, SHOP, metric_index
from bench.pricing_phrasings_15 import lowest_of_one
from bench.pricing_phrasings_17 import _ELASTIC, _INTERVAL, out_at_rivals
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)


def cheapest_skus(m: Market) -> pd.Index:
    """SKUs whose price is at or below every competitor's latest price in the window (a tie is the cheapest)."""
    w = m.window().sort_values("date").groupby(["sku", "competitor"]).tail(1)
    lo = w.groupby("sku")["price"].min()
    ours = m.latest["our"].astype(float)
    lo = lo.reindex(ours.index)
    return ours.index[ours <= lo + 0.005]


def percent(n: float) -> Check:
    """The answer says ``n`` % (12, 12.0, +12%)."""
    return lambda a, r: re.search(rf"(?<![\d.]){n:g}(?:\.0)?\s*%", a) is not None


def index_by_sku(m: Market) -> pd.Series:
    """The metrics layer's price index per SKU: the mean over the window's days of 100 x the catalogue price / the
    median competitor price that day."""
    daily = m.window().groupby(["sku", "date"])["price"].median().reset_index()
    daily["index"] = 100 * daily["sku"].map(pd.to_numeric(m.products["price"], errors="coerce")) / daily["price"]
    return daily.groupby("sku")["index"].mean()


def said_index(m: Market, by_sku: pd.Series, sku: str | None = None) -> Check:
    """The first sentence states the price index (of ``sku``, named; else the catalogue's): the latest day's (the
    median over SKUs) or the 30-day mean, within 0.15."""
    window = m.window().groupby(["sku", "date"])["price"].median().reset_index()
    window["index"] = 100 * window["sku"].map(pd.to_numeric(m.products["price"], errors="coerce")) / window["price"]
    latest = float(m.latest["index"].astype(float)[sku]) if sku else float(m.latest["index"].median())
    mean = float(by_sku[sku]) if sku else float(window["index"].mean())
    return lambda a, r: (
        (sku is None or named_by(m, sku)(a, r))
        and (states(first_sentence(a), latest, 0.15) or states(first_sentence(a), mean, 0.15))
    )


def what_if_said(m: Market, sku: str, pct: float, interval: bool = True) -> Check:
    """Names ``sku``, says the change asked (``pct`` %) and, with ``interval``, the elasticity's interval."""
    return lambda a, r: (
        named_by(m, sku)(a, r) and percent(pct)(a, r) and (not interval or _INTERVAL.search(a) is not None)
    )


def tenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the tenth round's set."""
    out, add = pricing_cases(SHOP)
    first, names = first_sentence, partial(named_by, m)
    picks = market_picks(m.products, t.rv, m.window())
    k, x, y, lamp = picks.solo.sku, picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    kettle, toaster, lamp_noun = picks.solo.noun, picks.mapped.name, picks.solo2.noun

    # 1. competitors out of stock
    oos = m.out_of_stock()
    per_rival = oos.groupby("competitor")["sku"].nunique().sort_values(ascending=False)
    n_oos = int(oos["sku"].nunique())
    add(
        "stock",
        "which competitors are out of stock right now?",
        lambda a, r: states(first(a), n_oos, 0.5) or all(c in a for c in per_rival.index),
    )
    add("stock", "what are rivals out of stock on?", lambda a, r: states(first(a), n_oos, 0.5))
    for rival in ("ShopRival", "BargainBarn"):
        n = int(per_rival.get(rival, 0))
        add(
            "stock",
            f"is {rival} out of stock on anything?",
            lambda a, r, rival=rival, n=n: (
                rival in first(a) and (states(first(a), n, 0.5) if n else _NEGATION.search(first(a)) is not None)
            ),
        )
    add("stock", f"is the {kettle} out of stock anywhere else?", out_at_rivals(m, oos, k))
    add("stock", f"any competitor stock-outs on the {lamp_noun}?", out_at_rivals(m, oos, lamp))
    add("stock", "which rival has run out of the most products?", lambda a, r: str(per_rival.index[0]) in first(a))
    add("stock", "competitor OOS count", lambda a, r: states(first(a), n_oos, 0.5))
    add(
        "stock",
        "are any competitors out of stock?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )

    # 2. where we are the cheapest
    cheap = cheapest_skus(m)
    below = m.below()
    cheapest_said: Check = lambda a, r: (  # noqa: E731 - a count of the cheapest, or the list below the market
        states(first(a), len(cheap), 0.5) or states(first(a), len(below), 0.5)
    )
    add("cheapest", "where are we the cheapest?", cheapest_said)
    add("cheapest", "on which products do we have the lowest price in the market?", cheapest_said)
    add("cheapest", "how many items are we the cheapest seller of?", lambda a, r: states(first(a), len(cheap), 0.5))
    add("cheapest", "where do we beat every competitor on price?", cheapest_said)
    add("cheapest", f"are we the cheapest on the {kettle}?", lowest_of_one(m, k))
    add("cheapest", f"is anyone cheaper than us on the {toaster}?", lowest_of_one(m, x))
    cat = m.category_index()
    by_cat = metric_index(m, m.products["category"])
    add(
        "cheapest",
        "in which category are we the cheapest?",
        lambda a, r: str(cat.index[-1]) in first(a) or str(by_cat.index[-1]) in first(a),
    )
    add(
        "cheapest",
        "where are we the cheapest?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )

    # 3. the price index against the market
    by_sku = index_by_sku(m)
    index_of = partial(said_index, m, by_sku)
    add("index", "what's our price index vs the market?", index_of())
    add("index", "price index overall, please", index_of())
    add("index", f"price index for the {kettle}", index_of(k))
    add("index", f"what is {x}'s price index against competitors?", index_of(x))
    add(
        "index",
        "price index by category",
        lambda a, r: str(cat.index[0]) in first(a) or str(by_cat.index[0]) in first(a),
    )
    add(
        "index",
        "Kitchen price index vs market",
        lambda a, r: (
            "Kitchen" in first(a)
            and (states(first(a), float(cat["Kitchen"]), 0.15) or states(first(a), float(by_cat["Kitchen"]), 0.15))
        ),
    )
    above = m.above()
    add(
        "index",
        "which products have the highest price index?",
        # the latest day's index (the pricing agent) or the metrics layer's 30-day mean index, both documented
        lambda a, r: any(
            str(s) in first(a) or str(m.products["title"].get(s, s)) in first(a)
            for s in (above.index[0], by_sku.idxmax())
        ),
    )

    add(
        "index",
        "what's our price index?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )

    # 4. elasticity what-ifs with their interval
    whatif = partial(what_if_said, m)
    add("whatif", f"if I raise the {kettle} by 10% what happens to units?", whatif(k, 10))
    add("whatif", f"if I raise {x} by 10%, what happens to units sold?", whatif(x, 10))
    add("whatif", f"what happens to demand if we put the {toaster} up 5%?", whatif(x, 5))
    add("whatif", f"raise the {lamp_noun} price 15% - impact on units, with the range?", whatif(lamp, 15))
    add("whatif", f"if we cut the {toaster} by 8% how many more units would we sell?", whatif(x, 8))
    add("whatif", f"what does a 10% increase on {y} do to volume?", whatif(y, 10))
    add(
        "whatif",
        f"expected unit change for a 10% price hike on the {kettle}, with confidence interval",
        whatif(k, 10),
    )
    add(
        "whatif",
        f"how elastic is the {toaster}?",
        lambda a, r: names(x)(a, r) and _ELASTIC.search(first(a)) is not None,
    )
    add(
        "whatif",
        f"what's the elasticity of {y}, and how sure are we?",
        lambda a, r: names(y)(a, r) and _ELASTIC.search(a) is not None and _INTERVAL.search(a) is not None,
    )
    add("whatif", f"if I raise prices on the {lamp_noun} by 10% will we lose sales?", whatif(lamp, 10, False))
    add("whatif", f"units impact of a 20% markdown on the {kettle}", whatif(k, 20, False))
    return out
