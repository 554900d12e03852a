"""The sixteenth pricing round's set (#18): competitors out of stock, comparisons by category and brand, two rivals
weighed on one product, when we last changed a price, margins, typos.

Run with ``BENCH_SET=30 .venv/bin/python bench/pricing_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the warehouse's competitor, sales and product rows; the products asked about are picked
from the stored catalogue by a rule (``bench/catalogue_picks.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import first_changed, market_picks, name_of
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import SHOP, metric_index
from bench.pricing_phrasings_13 import _CENT, last_change, list_prices, price_changes
from bench.pricing_phrasings_15 import markup
from bench.pricing_phrasings_17 import out_at_rivals
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def oos_pick(m: Market, oos: pd.DataFrame, *taken: str) -> str:
    """A product some competitor is out of stock on at its latest observation in the window (lowest SKU first)."""
    return sorted(str(s) for s in set(oos["sku"]) if str(s) in m.products.index and str(s) not in taken)[0]


def brand_of(m: Market, sku: str) -> str:
    """The brand a generated title starts with ("Northwind Compact Camping Chair" -> "Northwind")."""
    return str(m.products.loc[sku, "title"]).split()[0]


def brand_position(m: Market, brand: str) -> tuple[int, int, float]:
    """The brand's products with a latest market position: how many, how many more than 5% above the median
    competitor, their median index."""
    skus = [s for s in m.latest.index if brand_of(m, str(s)) == brand]
    index = m.latest.loc[skus, "index"].astype(float)
    return len(skus), int((index > 105.0).sum()), float(index.median())


def brand_said(m: Market, brand: str) -> Check:
    """Names the brand and states its products' median index, the metrics layer's price index of the brand (set 17's
    category check accepts that one too), or how many of its products are above the market (of how many)."""
    n, above, median = brand_position(m, brand)
    brands = pd.Series({str(s): brand_of(m, str(s)) for s in m.products.index})
    metric = float(metric_index(m, brands).get(brand, float("nan")))

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        index_said = states(f, median, 0.15) or states(f, metric, 0.15)
        return brand in f and (index_said or (states(f, above, 0.5) and states(f, n, 0.5)))

    return check


def category_said(m: Market, category: str) -> Check:
    """Names the category and states its median index or how many of its products are above the market."""
    cats = m.latest.index.map(m.products["category"].to_dict())
    index = m.latest["index"].astype(float)[cats == category]
    above = int((index > 105.0).sum())

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        return category in f and (states(f, float(index.median()), 0.15) or states(f, above, 0.5))

    return check


def versus_in(m: Market, rival: str, category: str) -> Check:
    """Names the rival and counts the category's products it prices where we are cheaper or dearer (its latest price
    in the window against ours that day)."""
    w = m.window()
    w = w[(w["competitor"] == rival) & w["sku"].map(m.products["category"].to_dict()).eq(category)]
    last = w.sort_values("date").groupby("sku").tail(1)
    cheaper = int((last["our"] < last["price"] - 0.005).sum())
    dearer = int((last["our"] > last["price"] + 0.005).sum())
    return lambda a, r: (
        rival in first_sentence(a)
        and (states(first_sentence(a), cheaper, 0.5) or states(first_sentence(a), dearer, 0.5))
    )


def shared_pick(m: Market, one: str, two: str) -> str:
    """A product both rivals priced in the window at different latest prices (lowest SKU first)."""
    w = m.window()
    last = w[w["competitor"].isin([one, two])].sort_values("date").groupby(["sku", "competitor"]).tail(1)
    wide = last.pivot(index="sku", columns="competitor", values="price").dropna()
    wide = wide[(wide[one] - wide[two]).abs() > 0.01]
    return sorted(str(s) for s in wide.index if str(s) in m.products.index)[0]


def cheaper_of(m: Market, sku: str, one: str, two: str) -> Check:
    """Names the rival with the lower latest price for ``sku`` in the window and states that price."""
    w = m.window()
    last = w[(w["sku"] == sku) & w["competitor"].isin([one, two])].sort_values("date").groupby("competitor").tail(1)
    best = last.sort_values("price").iloc[0]
    return lambda a, r: str(best["competitor"]) in first_sentence(a) and states(a, float(best["price"]), _CENT)


def rivals_out(m: Market, oos: pd.DataFrame) -> Check:
    """States how many of our products competitors are out of stock on."""
    n = int(oos["sku"].nunique())
    return lambda a, r: states(first_sentence(a), n, 0.5) and "stock" in first_sentence(a).lower()


def thinnest(m: Market) -> Check:
    """Names the product with the lowest markup on cost (catalogue price against cost), or the lowest margin share of
    its revenue over all its sales."""
    price = pd.to_numeric(m.products["price"], errors="coerce")
    cost = pd.to_numeric(m.products["cost"], errors="coerce")
    low_markup = str((price / cost).dropna().idxmin())
    s = m.sales.assign(cost=m.sales["sku"].map(cost.to_dict()))
    s = s[s["sku"].isin(m.products.index)].dropna(subset=["cost"])
    by = s.assign(gm=s["revenue"] - s["units"] * s["cost"]).groupby("sku")[["gm", "revenue"]].sum()
    by = by[by["revenue"] > 0]
    low_share = str((by["gm"] / by["revenue"]).idxmin())
    return lambda a, r: named_by(m, low_markup)(a, r) or named_by(m, low_share)(a, r)


def margin_on(m: Market, sku: str) -> Check:
    """Names the product and states its unit markup or margin (``markup``), or its margin over all its sales, net or
    gross (the metrics layer's reading)."""
    unit = markup(m, sku)
    totals = (m.gross_margin(sku), m.net_margin(sku))
    return lambda a, r: (
        unit(a, r)
        or (named_by(m, sku)(a, r) and any(states(first_sentence(a), v, max(2.0, abs(v) * 0.05)) for v in totals))
    )


def sixteenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the sixteenth round's set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    k, x, y, lamp = picks.solo.sku, picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    kettle, toaster, lamp_noun = picks.solo.noun, picks.mapped.name, picks.solo2.noun
    oos = m.out_of_stock()
    gone = oos_pick(m, oos)
    gone2 = oos_pick(m, oos, gone)

    # 1. competitors out of stock (not our own stock)
    add("rival stock", f"is {gone} sold out anywhere?", out_at_rivals(m, oos, gone))
    add("rival stock", f"which competitors are out of stock on {gone2}?", out_at_rivals(m, oos, gone2))
    add("rival stock", "any competitor out of stock?", rivals_out(m, oos))
    add("rival stock", f"which rivals have run out of {gone}?", out_at_rivals(m, oos, gone))
    add("rival stock", f"is the {kettle} available anywhere?", out_at_rivals(m, oos, k))
    add("rival stock", "how many of our lines are competitors out of stock on?", rivals_out(m, oos))

    # 2. comparisons by category and by brand
    add("category", "how do our Kitchen prices compare with competitors?", category_said(m, "Kitchen"))
    add("category", "Outdoor vs the competition: where do we stand?", category_said(m, "Outdoor"))
    add("category", "are we cheaper than MegaMart in Electronics?", versus_in(m, "MegaMart", "Electronics"))
    brand = brand_of(m, x)
    add("brand", f"how do {brand} products compare on price with the competition?", brand_said(m, brand))
    brand2 = brand_of(m, k)
    add("brand", f"are our {brand2} items priced above the market?", brand_said(m, brand2))

    # 3. two rivals weighed on one product
    both = shared_pick(m, "MegaMart", "BargainBarn")
    add(
        "two rivals",
        f"who's cheaper on {both}, MegaMart or BargainBarn?",
        cheaper_of(m, both, "MegaMart", "BargainBarn"),
    )
    add("two rivals", f"{both}: MegaMart vs BargainBarn price?", cheaper_of(m, both, "MegaMart", "BargainBarn"))

    # 4. when we last changed a price
    changes = price_changes(list_prices())
    changed = first_changed(changes, lamp, y, x, k)
    add("history", f"when did we last change the price of {changed[0]}?", last_change(changes, m, changed[0])[1])
    one = name_of(str(m.products.loc[changed[1], "title"]))
    add("history", f"how long ago did we last reprice the {one}?", last_change(changes, m, changed[1])[1])
    add("history", f"latest price change date for {changed[2]}", last_change(changes, m, changed[2])[1])

    # 5. margins (the catalogue holds costs)
    add("margin", f"what's the margin on the {kettle}?", margin_on(m, k))
    add("margin", "which products have the thinnest margins?", thinnest(m))
    add("margin", f"what percent margin do we make on {y}?", markup(m, y))
    add("margin", f"how much do we make per unit on the {lamp_noun}?", markup(m, lamp))

    # 6. typos and casual wording
    add("typos", f"wich competitors r out of stok on {gone}", out_at_rivals(m, oos, gone))
    add("typos", f"wen did we last chnage the price of {changed[0]}", last_change(changes, m, changed[0])[1])
    add("typos", f"margn on the {toaster}?", margin_on(m, x))
    return out
