"""The seventeenth pricing round's set (#18): price position per category, who undercut us this week, the price
index against the market, MAP violations, what a price change did to sales, typos of pricing words.

Run with ``BENCH_SET=32 .venv/bin/python bench/pricing_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the warehouse's competitor, sales and product rows; the products asked about are picked
from the stored catalogue by a rule (``bench/catalogue_picks.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import Picks, first_changed, market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import SHOP, metric_index
from bench.pricing_phrasings_13 import last_change, list_prices, price_changes
from bench.pricing_phrasings_19 import index_by_sku, said_index
from bench.pricing_phrasings_30 import category_said
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

#: Days either side of a price change whose daily units are set against each other.
EFFECT_DAYS = 28


def category_ends(m: Market) -> tuple[set[str], set[str]]:
    """The categories with the highest and the lowest index: the latest day's median, or the metrics layer's mean."""
    latest = m.category_index()
    metric = metric_index(m, m.products["category"])
    return {str(latest.index[0]), str(metric.index[0])}, {str(latest.index[-1]), str(metric.index[-1])}


def names_any(names: set[str]) -> Check:
    """The first sentence names one of ``names``."""
    return lambda a, r: any(n in first_sentence(a) for n in names)


_CATEGORIES = ("Apparel", "Electronics", "Home", "Kitchen", "Outdoor")


def category_first(names: set[str]) -> Check:
    """The first sentence speaks of the price index (or the market) and the first category it names is one of
    ``names`` (a revenue ranking by category, or the dearest category first when the cheapest is asked, is not it)."""

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        said = sorted((f.find(c), c) for c in _CATEGORIES if c in f)
        market = any(w in f.lower() for w in ("index", "competitor", "market"))
        return market and bool(said) and said[0][1] in names

    return check


def week_undercutters(m: Market) -> set[str]:
    """The competitor most often below our price over the last 7 days, and over this calendar week to date."""
    out = set()
    for start in (m.end - timedelta(days=6), m.end - timedelta(days=m.end.weekday())):
        w = m.obs[m.obs["date"] >= pd.Timestamp(start)]
        share = (w["price"] < w["our"] - 0.005).groupby(w["competitor"]).mean().sort_values(ascending=False)
        out.add(str(share.index[0]))
    return out


def map_count(m: Market) -> Check:
    """States how many listings (product and competitor) are below MAP, or how many competitors or products."""
    under = m.below_map()
    ns = (len(under), int(under["competitor"].nunique()), int(under["sku"].nunique()))
    return lambda a, r: "MAP" in first_sentence(a) and any(states(first_sentence(a), n, 0.5) for n in ns)


def map_on(m: Market, sku: str) -> Check:
    """Names the product and says whether a competitor is below its MAP (names one when there is)."""
    under = m.below_map()
    rivals = set(under.loc[under["sku"] == sku, "competitor"].astype(str))

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        if not named_by(m, sku)(a, r) or "MAP" not in f:
            return False
        return any(c in f for c in rivals) if rivals else any(w in f.lower() for w in ("no ", "none", "not "))

    return check


def effect_pick(m: Market, changes: pd.DataFrame) -> str:
    """A catalogue product whose last list-price change has a full 28 days of sales days before and after it."""
    last = changes.sort_values("first").groupby("sku").tail(1)
    end = m.sales["date"].max().date()
    ok = last[(last["first"] + timedelta(days=EFFECT_DAYS) <= end) & last["sku"].isin(m.products.index)]
    return str(sorted(ok["sku"])[0])


def effect_said(m: Market, changes: pd.DataFrame, sku: str) -> Check:
    """Names the product, dates its last price change, and states its units a day (or in all) in the 28 days after
    against the 28 days before (within 10%)."""
    last, dated = last_change(changes, m, sku)
    first = pd.Timestamp(last["first"])
    s = m.sales[m.sales["sku"] == sku]
    before = float(s[(s["date"] < first) & (s["date"] >= first - pd.Timedelta(days=EFFECT_DAYS))]["units"].sum())
    after = float(s[(s["date"] >= first) & (s["date"] < first + pd.Timedelta(days=EFFECT_DAYS))]["units"].sum())

    def says(f: str, v: float) -> bool:
        return states(f, v, max(0.05, 0.1 * v))

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        per_day = says(f, before / EFFECT_DAYS) and says(f, after / EFFECT_DAYS)
        return dated(a, r) and (per_day or (says(f, before) and says(f, after)))

    return check


@dataclass(frozen=True)
class RoundTruths:
    """What the seventeenth round's sets (32 and 33) ask about: the picked products and the truths they share."""

    picks: Picks
    high: set[str]
    low: set[str]
    undercut: set[str]
    index_of: Callable[..., Check]
    changes: pd.DataFrame
    eff: str


def round_truths(m: Market, t: Truth) -> RoundTruths:
    """The seventeenth round's picks and truths: categories at either end of the index, this week's undercutters,
    the price index per product, our list-price changes and the product whose change is weighed against its sales."""
    changes = price_changes(list_prices())
    high, low = category_ends(m)
    return RoundTruths(
        picks=market_picks(m.products, t.rv, m.window()),
        high=high,
        low=low,
        undercut=week_undercutters(m),
        index_of=partial(said_index, m, index_by_sku(m)),
        changes=changes,
        eff=effect_pick(m, changes),
    )


def seventeenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the seventeenth round's set."""
    out, add = pricing_cases(SHOP)
    r = round_truths(m, t)
    k, x, y, lamp = r.picks.solo.sku, r.picks.mapped.sku, r.picks.top_markup.sku, r.picks.solo2.sku
    kettle, toaster = r.picks.solo.noun, r.picks.mapped.name
    high, low, undercut, index_of, changes, eff = r.high, r.low, r.undercut, r.index_of, r.changes, r.eff
    changed = first_changed(changes, k, x, lamp, y)

    # 1. price position per category
    add("category", "how are we positioned on price in each category?", category_first(high))
    add("category", "which category are we most expensive in compared with competitors?", category_first(high))
    add("category", "in what category are we the cheapest relative to the market?", category_first(low))
    add("category", "are we priced above or below the market in Electronics?", category_said(m, "Electronics"))
    add("category", "Kitchen: our prices vs the market", category_said(m, "Kitchen"))

    # 2. who undercut us this week
    add("undercut", "who undercut us this week?", names_any(undercut))
    add("undercut", "which competitor has been cheaper than us most this week?", names_any(undercut))
    add("undercut", "which rivals beat our prices over the last 7 days?", names_any(undercut))

    # 3. the price index against the market
    add("index", "what's our price index vs the market?", index_of())
    add("index", "are we above or below 100 on price index?", index_of())
    add("index", f"price index of the {kettle} against the market", index_of(k))

    # 4. MAP
    add("map", "is anyone selling below MAP?", map_count(m))
    add("map", "how many MAP violations do we have right now?", map_count(m))
    add("map", f"is any competitor under MAP on {x}?", map_on(m, x))
    add("map", "which retailers are breaking our minimum advertised price?", map_count(m))

    # 5. what a price change did to sales
    add("effect", f"did our last price change on {eff} affect sales?", effect_said(m, changes, eff))
    add("effect", f"how did units of {eff} change after we repriced it?", effect_said(m, changes, eff))
    add("effect", f"what happened to {eff} sales after the last price change?", effect_said(m, changes, eff))

    # 6. typos and casual wording
    add("typos", f"wen did we last chnage the price of {changed[0]}", last_change(changes, m, changed[0])[1])
    add("typos", "which competiter undercut us this week", names_any(undercut))
    add("typos", "map violatons?", map_count(m))
    add("typos", f"pricing for the {toaster} vs competiters?", named_by(m, x))
    add("typos", "prise index by categroy", category_first(high))
    return out
