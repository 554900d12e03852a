"""The eighteenth pricing round's set (#18): what our price changes of a period did to sales (several products at
once), price position per category and brand, competitors out of stock, the rival that undercuts us most often, our
margin at the market's price, typos.

Run with ``BENCH_SET=34 .venv/bin/python bench/pricing_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the warehouse's competitor, sales and product rows (our list prices from the sold lines
off promotion, ``bench/pricing_phrasings_13.py``); the products asked about are picked from the stored catalogue by a
rule (``bench/catalogue_picks.py``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_13 import list_prices, price_changes
from bench.pricing_phrasings_17 import out_at_rivals
from bench.pricing_phrasings_21 import rival_out
from bench.pricing_phrasings_30 import brand_of, brand_said, category_said, oos_pick, rivals_out
from bench.pricing_phrasings_32 import EFFECT_DAYS, category_ends, category_first
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def last_month(end: date) -> tuple[date, date]:
    """The calendar month before the data's last day's month."""
    first_this = end.replace(day=1)
    last_prev = first_this - timedelta(days=1)
    return last_prev.replace(day=1), last_prev


def changes_between(changes: pd.DataFrame, m: Market, start: date, end: date, direction: str | None) -> pd.DataFrame:
    """The catalogue's list-price changes whose first day at the new price falls in [start, end]; ``direction`` "down"
    keeps the cuts, "up" the raises."""
    c = changes[(changes["first"] >= start) & (changes["first"] <= end) & changes["sku"].isin(m.products.index)]
    if direction == "down":
        c = c[c["new"] < c["old"]]
    elif direction == "up":
        c = c[c["new"] > c["old"]]
    return c.sort_values("first").groupby("sku").tail(1)  # a product changed twice: its last change of the period


def rates(m: Market, rows: pd.DataFrame) -> tuple[float, float]:
    """Summed over the changed products: units a day in the 28 days before each one's change and in the (up to) 28
    days from it to the data's last day."""
    end = m.sales["date"].max()
    before = after = 0.0
    for _, c in rows.iterrows():
        first = pd.Timestamp(c["first"])
        s = m.sales[m.sales["sku"] == c["sku"]]
        b = s[(s["date"] < first) & (s["date"] >= first - pd.Timedelta(days=EFFECT_DAYS))]["units"].sum()
        stop = min(first + pd.Timedelta(days=EFFECT_DAYS - 1), end)
        days = max((stop - first).days + 1, 1)
        a = s[(s["date"] >= first) & (s["date"] <= stop)]["units"].sum()
        before += float(b) / EFFECT_DAYS
        after += float(a) / days
    return before, after


def changes_said(m: Market, rows: pd.DataFrame) -> Check:
    """States how many products changed price in the period and, when any did, their summed units a day before and
    after (within 10%); with none, says so."""
    n = int(rows["sku"].nunique())
    before, after = rates(m, rows)

    def says(f: str, v: float) -> bool:
        return states(f, v, max(0.05, 0.1 * v))

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        if n == 0:
            return any(w in f.lower() for w in ("no ", "none", "not ", "0 "))
        return states(f, n, 0.5) and says(a, before) and says(a, after)

    return check


def pair_said(m: Market, changes: pd.DataFrame, skus: list[str]) -> Check:
    """Names each product and states its units a day before and after its last change (within 10%)."""
    lasts = changes[changes["sku"].isin(skus)].sort_values("first").groupby("sku").tail(1)
    per = {str(c["sku"]): rates(m, lasts[lasts["sku"] == c["sku"]]) for _, c in lasts.iterrows()}

    def check(a: str, r: object) -> bool:
        return all(
            named_by(m, s)(a, r) and states(a, b, max(0.05, 0.1 * b)) and states(a, v, max(0.05, 0.1 * v))
            for s, (b, v) in per.items()
        )

    return check


def effect_pair(m: Market, changes: pd.DataFrame) -> list[str]:
    """Two catalogue products whose last change has 28 sales days after it (the lowest SKUs)."""
    last = changes.sort_values("first").groupby("sku").tail(1)
    end = m.sales["date"].max().date()
    ok = last[(last["first"] + timedelta(days=EFFECT_DAYS) <= end) & last["sku"].isin(m.products.index)]
    return [str(s) for s in sorted(ok["sku"])[1:3]]


def market_margin(m: Market, sku: str) -> Check:
    """Names the product and states its margin a unit at the median competitor's latest price in the window (money
    within 2%, or the margin as a share of that price within a point)."""
    w = m.window()
    latest = w[w["sku"] == sku].sort_values("date").groupby("competitor").tail(1)
    median = float(latest["price"].median())
    cost = float(pd.to_numeric(m.products["cost"], errors="coerce")[sku])

    def check(a: str, r: object) -> bool:
        unit = median - cost
        return named_by(m, sku)(a, r) and (
            states(a, unit, max(0.02, 0.02 * abs(unit))) or states(a, 100 * unit / median, 1.0)
        )

    return check


def undercut_top(m: Market) -> Check:
    """The rival most often below our price in the window is named near the start."""
    top = m.undercut_order()[0]
    return lambda a, r: top in first_sentence(a)[:80]


def eighteenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the eighteenth round's set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    k, x, y = picks.solo.sku, picks.mapped.sku, picks.top_markup.sku
    kettle, toaster = picks.solo.noun, picks.mapped.name
    changes = price_changes(list_prices())
    end = m.sales["date"].max().date()
    month = last_month(end)
    cuts_month = changes_between(changes, m, *month, "down")
    all_90 = changes_between(changes, m, end - timedelta(days=89), end, None)
    raises_90 = changes_between(changes, m, end - timedelta(days=89), end, "up")
    pair = effect_pair(m, changes)
    high, _low = category_ends(m)
    oos = m.out_of_stock()
    gone = oos_pick(m, oos)
    brand = brand_of(m, y)

    # 1. what our price changes of a period did to sales, several products at once
    add("effects", "did our price cuts last month help sales?", changes_said(m, cuts_month))
    add(
        "effects",
        "what happened to sales after the price changes we made in the last 90 days?",
        changes_said(m, all_90),
    )
    add("effects", "did the price increases of the last 90 days hurt units?", changes_said(m, raises_90))
    add("effects", "effect of last month's price reductions on sales", changes_said(m, cuts_month))
    add(
        "effects",
        f"how did sales of {pair[0]} and {pair[1]} react after we repriced them?",
        pair_said(m, changes, pair),
    )

    # 2. price position per category and brand
    add("position", "where do we stand on price in Home?", category_said(m, "Home"))
    add("position", "which category are we priciest in vs competitors?", category_first(high))
    add("position", f"is {brand} priced above or below competitors?", brand_said(m, brand))

    # 3. competitors out of stock
    add("rival stock", "which competitors are out of stock right now?", rivals_out(m, oos))
    add("rival stock", f"is {gone} out of stock at any competitor?", out_at_rivals(m, oos, gone))
    add("rival stock", "is BargainBarn out of stock on anything of ours?", rival_out(m, "BargainBarn"))

    # 4. the rival that undercuts us most often
    add("undercut", "who beats our price most frequently?", undercut_top(m))
    add("undercut", "which rival is cheaper than us the most times?", undercut_top(m))
    add("undercut", "top undercutter over the last month?", undercut_top(m))

    # 5. our margin at the market's price
    add("margin", f"what's our margin on the {kettle} at the market price?", market_margin(m, k))
    add("margin", f"margin on {x} if priced at the competitor median", market_margin(m, x))

    # 6. typos and casual wording
    add("typos", "did our pirce cuts last month help sales", changes_said(m, cuts_month))
    add("typos", "which competiters r out of stok", rivals_out(m, oos))
    add("typos", "who undrcuts us most oftn", undercut_top(m))
    add("typos", f"{toaster} margn at market price?", market_margin(m, x))
    return out
