"""The sixth pricing round's set (#18): gaps in money, landed prices, index, competitors' moves, tiers, coverage.

Run with ``BENCH_SET=10 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths (pandas over the
warehouse's competitor, sales and product rows). Styles no earlier set uses: price gaps in money ("$5 or more above
the cheapest competitor", "how many dollars above the market"), landed prices with the competitors' shipping (the
rows carry it), the price index against the market (100 = market), price position by brand and category, which
competitors changed or raised prices in a period, the catalogue's price ladder and tiers, how many competitors
carry each product, where we are the only seller, "should we discount it?" after a product answer (``earlier >>
question``, asked in one session) and the merchant without competitor prices.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import counts, named_by
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

SHOP, NOCOMP = "shop", "nocomp"
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b|\bonly\b", re.I)
_NO_COMPETITORS = re.compile(r"no competitor prices", re.I)
_ADVICE = re.compile(r"\b(?:lower|raise|hold|keep|match|cut|discount)", re.I)
_SHIPPING = re.compile(r"shipping|delivery|landed", re.I)


def money_gaps(m: Market) -> pd.DataFrame:
    """Per SKU on its latest date: our price, the lowest and the median competitor price, and the gaps in money."""
    lat = m.latest.copy()
    lat["low"] = [m.lowest_latest(str(s)) for s in lat.index]
    lat["gap_low"] = lat["our"].astype(float) - lat["low"]
    lat["gap_median"] = lat["our"].astype(float) - lat["median"].astype(float)
    return lat


def landed_index(m: Market) -> pd.Series:
    """Per SKU on its latest date: 100 x our price / the median competitor price with its shipping (ours: none held)."""
    obs = m.obs.assign(landed=m.obs["price"] + m.obs["shipping"].fillna(0.0))
    per_day = obs.groupby(["sku", "date"]).agg(median=("landed", "median"), our=("our", "first")).reset_index()
    latest = per_day.sort_values("date").groupby("sku").tail(1).set_index("sku")
    return 100 * latest["our"] / latest["median"]


def metric_index(m: Market, by: pd.Series) -> pd.Series:
    """The metrics layer's documented price index by a product attribute: the mean over SKU-days in the last 30 days
    of 100 x the catalogue price / the median competitor price that day (``docs/metrics.md``), highest first."""
    daily = m.window().groupby(["sku", "date"])["price"].median().reset_index()
    daily["index"] = 100 * daily["sku"].map(pd.to_numeric(m.products["price"], errors="coerce")) / daily["price"]
    return daily["index"].groupby(daily["sku"].map(by)).mean().sort_values(ascending=False)


def moves(m: Market, start: date) -> pd.Series:
    """Per competitor, the average change (%) from first to latest price per product from ``start`` on."""
    w = m.obs[m.obs["date"] >= pd.Timestamp(start)].sort_values("date")
    g = w.groupby(["competitor", "sku"])["price"]
    change = 100 * (g.last() / g.first() - 1)
    return change.groupby(level=0).mean().sort_values(ascending=False)


def tenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the sixth round's set."""
    out, add = pricing_cases(SHOP)
    first, names = first_sentence, partial(named_by, m)
    latest = m.latest
    idx = latest["index"]
    picks = market_picks(m.products, t.rv, m.window())
    x, k, kettle = picks.mapped.sku, picks.solo.sku, picks.solo.noun  # the product with a MAP, the only one of its kind
    gaps = money_gaps(m)
    gap_low, gap_median = gaps["gap_low"].astype(float).to_dict(), gaps["gap_median"].astype(float).to_dict()
    gap5 = int((gaps["gap_low"] >= 5).sum())
    gap5_strict = int((gaps["gap_low"] > 5).sum())
    gap10 = int((gaps["gap_low"] > 10).sum())
    over20_median = int((gaps["gap_median"] > 20).sum())
    landed = landed_index(m)
    n_landed_above = int((landed > 105).sum())
    cat = latest.index.map(m.products["category"].to_dict())
    cat_idx = idx.groupby(cat).median().sort_values(ascending=False)
    brands = latest.index.map(t.products["brand"].to_dict())
    brand_idx = idx.groupby(brands).median().sort_values(ascending=False)
    # the agents' median of each SKU's latest index, or the metrics layer's documented mean over SKU-days
    cat_metric, brand_metric = metric_index(m, m.products["category"]), metric_index(m, t.products["brand"])
    # "this week" and "this month" are the calendar's to date; "the last 30 days" thirty days to the last one
    week, month, last30 = (moves(m, m.end - timedelta(days=m.end.weekday())), moves(m, m.end.replace(day=1)),
                           moves(m, m.end - timedelta(days=29)))
    carriers = m.window().groupby("sku")["competitor"].nunique()
    catalogue = set(m.products.index)
    alone = sorted(catalogue - set(carriers.index))
    one_rival = int((carriers == 1).sum())
    price = pd.to_numeric(m.products["price"], errors="coerce")
    kitchen = price[m.products["category"] == "Kitchen"].sort_values()

    # 1. gaps in money
    add("money", "which products are $5 or more above the cheapest competitor?", counts(gap5, gap5_strict))
    add("money", "how many skus are we more than $5 above the cheapest competitor on?", counts(gap5_strict, gap5))
    add("money", "where are we over $10 dearer than the cheapest rival?", counts(gap10))
    add("money", f"how many dollars above the market are we on the {kettle}?", lambda a, r: names(k)(a, r)
        and states(first(a), abs(gap_median[k]), 0.011))
    add("money", f"what's the dollar gap to the cheapest competitor on {x}?", lambda a, r: names(x)(a, r)
        and states(first(a), abs(gap_low[x]), 0.011))
    add("money", "products priced more than $20 above the market", counts(over20_median))
    add("money", f"by how much in $ is the {kettle} above the cheapest offer?", lambda a, r: names(k)(a, r)
        and states(first(a), abs(gap_low[k]), 0.011))
    # 2. landed prices: the competitor rows carry shipping
    add("landed", "how do our landed prices incl. shipping compare with competitors?", lambda a, r: _SHIPPING.search(
        first(a)) is not None and (states(first(a), float(landed.median()), 0.15)
                                   or states(first(a), n_landed_above, 0.5)))
    add("landed", "price position including delivery costs", lambda a, r: _SHIPPING.search(first(a)) is not None
        and (states(first(a), float(landed.median()), 0.15) or states(first(a), n_landed_above, 0.5)))
    add("landed", f"with shipping added, how does the {kettle} compare?", lambda a, r: names(k)(a, r)
        and _SHIPPING.search(first(a)) is not None and states(first(a), abs(float(landed[k]) - 100), 0.15))
    add("landed", "landed price comparison vs competitors", lambda a, r: _NO_COMPETITORS.search(first(a))
        is not None, NOCOMP)
    # 3. the price index (100 = market), by brand and category
    add("index", "what's our price index against the market?", lambda a, r: "index" in first(a).lower()
        and "100" in first(a))
    add("index", "price index by category", lambda a, r: str(cat_idx.index[0]) in first(a)
        or str(cat_metric.index[0]) in first(a))
    add("index", "which brand do we price highest relative to competitors?", lambda a, r: str(brand_idx.index[0])
        in first(a) or str(brand_metric.index[0]) in first(a))
    add("index", "which brand are we cheapest on vs the market?", lambda a, r: str(brand_idx.index[-1]) in first(a)
        or str(brand_metric.index[-1]) in first(a))
    add("index", "are Northwind products priced above the market?", lambda a, r: "Northwind" in first(a))
    add("index", "how are we positioned on price in Outdoor?", lambda a, r: "Outdoor" in first(a))
    add("index", "in which category is our price index lowest?", lambda a, r: str(cat_idx.index[-1]) in first(a)
        or str(cat_metric.index[-1]) in first(a))
    # the truth of the seventh round (set 13 asks the same words): the latest day's index (the day's selling price or
    # the catalogue price) said as the latest day's, or the metrics layer's 30-day mean said as such; this set's first
    # truth wanted the latest day's alone, which the house's documented index (the 30-day mean) never said
    from bench.pricing_phrasings_13 import says_index

    cat_day = 100 * float(pd.to_numeric(m.products["price"], errors="coerce")[k]) / float(latest["median"][k])
    per_sku = metric_index(m, pd.Series(m.products.index, index=m.products.index))
    add("index", f"the {kettle}'s price index", lambda a, r: names(k)(a, r)
        and says_index((float(idx[k]), cat_day), float(per_sku[k]))(a, r))
    # 4. competitors' price moves
    add("moves", "who changed prices this week?", lambda a, r: all(c in a for c in week.index))
    add("moves", "which competitor raised prices the most this month?", lambda a, r: first(a).startswith(
        str(month.index[0])) or str(month.index[0]) in first(a)[:60])
    add("moves", "who cut prices the most in the last 30 days?", lambda a, r: first(a).startswith(
        str(last30.index[-1])) or str(last30.index[-1]) in first(a)[:60])
    add("moves", "did anyone drop prices in the last 7 days?", lambda a, r: any(c in first(a) for c in last30.index))
    add("moves", "how have MegaMart's prices moved this month?", lambda a, r: "MegaMart" in first(a))
    add("moves", "any competitor price increases this week?", lambda a, r: any(c in first(a) for c in week.index))
    add("moves", "who has been raising prices lately?", lambda a, r: any(c in first(a) for c in month.index))
    # 5. the price ladder and tiers
    add("ladder", "show our price ladder in Kitchen", lambda a, r: "Kitchen" in first(a)
        and states(a, float(kitchen.iloc[0]), 0.006) and states(a, float(kitchen.iloc[-1]), 0.006))
    add("ladder", "how many products do we sell under $20?", counts(int((price < 20).sum())))
    add("ladder", "how many products are priced over $100?", counts(int((price > 100).sum())))
    add("ladder", "what's our cheapest Kitchen product?", names(str(kitchen.index[0])))
    add("ladder", "most expensive item in the catalogue", names(str(price.idxmax())))
    # 6. how many competitors carry each product
    add("coverage", f"how many competitors sell the {kettle}?", lambda a, r: names(k)(a, r)
        and states(first(a), int(carriers.get(k, 0)), 0.5))
    add("coverage", f"how many rivals carry {x}?", lambda a, r: names(x)(a, r)
        and states(first(a), int(carriers.get(x, 0)), 0.5))
    add("coverage", "which products have the most competitors?", lambda a, r: any(
        str(s) in first(a) for s in carriers[carriers == carriers.max()].index))
    add("coverage", "how many products does only one competitor carry?", counts(one_rival))
    add("coverage", "which products are carried by every competitor?", counts(int((carriers == carriers.max()).sum())))
    # 7. where we are the only seller
    add("alone", "where are we the only seller?", counts(len(alone)))
    add("alone", "which products have no competitors?", counts(len(alone)))
    add("alone", "products nobody else sells", counts(len(alone)))
    add("alone", "how many of our items have no competitor price at all?", counts(len(alone)))
    # 8. after a product answer
    add("followup", f"how is the {kettle} priced? >> should we discount it?", lambda a, r: names(k)(a, r)
        and _ADVICE.search(first(a)) is not None)
    add("followup", f"how is {x} priced vs competitors? >> should we discount it?", lambda a, r: names(x)(a, r)
        and _ADVICE.search(first(a)) is not None)
    add("followup", f"is the {kettle} competitive? >> how many dollars is that?", lambda a, r: names(k)(a, r)
        and states(first(a), abs(gap_median[k]), 0.011))
    # 9. the merchant without competitor prices
    for q in ("which products are $5 or more above the cheapest competitor?", "who changed prices this week?",
              "where are we the only seller?", f"how many competitors sell the {kettle}?",
              "what's our price index against the market?"):
        add("refusal", q, lambda a, r: _NO_COMPETITORS.search(first(a)) is not None, NOCOMP)
    return out
