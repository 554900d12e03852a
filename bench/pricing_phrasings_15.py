"""The eighth pricing round's set (#18): named SKUs, markups, our repricing, competitor promotions, per-product sellers.

Run with ``BENCH_SET=15 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths (pandas over the
warehouse's competitor, sales and product rows). Styles no earlier set uses, or leftovers of the seventh round: a
product noun narrowed by its SKU ("the toaster KIT-0046's cheapest rival price"), markup and margin in money and
percent from the catalogue cost, how many catalogue products we repriced (a SKU code seen only in sales is no
catalogue product), a competitor's promotion around a day ("did MegaMart run a promotion on Black Friday?": its
prices that day at least 10% under its own median of the 28 days before), the cheapest and dearest competitor of one
product, MAP breaches, what-ifs and elasticity in new words, our position counted, and the merchant without
competitor prices.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import highest_markup, market_picks, namesakes
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import _NO_COMPETITORS, NOCOMP, SHOP, metric_index
from bench.pricing_phrasings_13 import _CENT, _NEGATION, list_prices, price_changes
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

#: A competitor's price this far under its own median of the 28 days before is a promotion.
PROMO_CUT = 0.10
BASELINE_DAYS = 28


def black_friday(year: int) -> date:
    """The day after the fourth Thursday of November."""
    first = date(year, 11, 1)
    thursday = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return thursday + timedelta(days=1)


def promoted(m: Market, rival: str | None, start: date, end: date) -> pd.DataFrame:
    """(sku, competitor) observations from ``start`` to ``end`` at least 10% under that pair's median of the 28 days
    before ``start``."""
    obs = m.obs if rival is None else m.obs[m.obs["competitor"] == rival]
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    base = obs[(obs["date"] < lo) & (obs["date"] >= lo - pd.Timedelta(days=BASELINE_DAYS))]
    usual = base.groupby(["sku", "competitor"])["price"].median()
    seen = obs[(obs["date"] >= lo) & (obs["date"] <= hi)]
    ref = pd.Series(
        [usual.get((s, c)) for s, c in zip(seen["sku"], seen["competitor"], strict=True)], index=seen.index, dtype=float
    )
    return seen[seen["price"] <= ref * (1 - PROMO_CUT)]


def latest_sellers(m: Market, sku: str) -> pd.Series:
    """Each competitor's latest price for ``sku`` in the window."""
    w = m.window()
    last = w[w["sku"] == sku].sort_values("date").groupby("competitor").tail(1)
    return last.set_index("competitor")["price"].astype(float)


def extreme_seller(m: Market, sku: str, *, dearest: bool) -> Check:
    """The first sentence names the competitor with the lowest (highest) latest price for ``sku`` and that price."""
    prices = latest_sellers(m, sku)
    who = str(prices.idxmax() if dearest else prices.idxmin())
    value = float(prices.max() if dearest else prices.min())
    return lambda a, r: who in first_sentence(a) and states(first_sentence(a), value, _CENT)


def markup(m: Market, sku: str) -> Check:
    """Names the product and states its markup or margin: price less cost, markup % on cost or margin % of price."""
    price = float(pd.to_numeric(m.products["price"], errors="coerce")[sku])
    cost = float(pd.to_numeric(m.products["cost"], errors="coerce")[sku])
    return lambda a, r: (
        named_by(m, sku)(a, r)
        and (
            states(a, price - cost, 0.011)
            or states(a, 100 * (price / cost - 1), 0.6)
            or states(a, 100 * (1 - cost / price), 0.6)
        )
    )


def repriced(changes: pd.DataFrame, catalogue: set[str], start: date, end: date, sold: int) -> Check:
    """The first sentence counts the catalogue products whose list price changed in the period, and does not count
    them among the SKU codes seen in sales (``sold``) when those differ."""
    inside = changes[(changes["first"] >= start) & (changes["first"] <= end) & changes["sku"].isin(catalogue)]
    n = int(inside["sku"].nunique())

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        said = states(f, n, 0.5) or (n == 0 and _NEGATION.search(f) is not None)
        return said and not re.search(rf"\bof {sold}\b", f)

    return check


def lowest_of_one(m: Market, sku: str) -> Check:
    """Names ``sku`` with its lowest latest competitor price, and not another product its noun names (the other
    toaster, KIT-0006, when the set was written)."""
    others = namesakes(m.products, sku)
    return lambda a, r: (
        named_by(m, sku)(a, r)
        and states(first_sentence(a), m.lowest_latest(sku), _CENT)
        and not any(s in first_sentence(a) for s in others)
    )


def fifteenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the eighth round's set."""
    out, add = pricing_cases(SHOP)
    first, names = first_sentence, partial(named_by, m)
    picks = market_picks(m.products, t.rv, m.window())
    k, x = picks.solo.sku, picks.mapped.sku
    y = highest_markup(m.products, k, x)
    kettle, toaster, toaster_noun = picks.solo.noun, picks.mapped.name, picks.mapped.noun

    # 1. a product noun narrowed by its SKU
    add(
        "named",
        f"the {toaster_noun} {x}'s cheapest rival price",
        lowest_of_one(m, x),
    )
    add(
        "named",
        f"lowest competitor price for the {toaster_noun} {x}",
        lowest_of_one(m, x),
    )
    add(
        "named",
        f"how many competitors carry the {toaster_noun} {x}?",
        lambda a, r: (
            names(x)(a, r)
            and states(first(a), len(m.carriers(x)), 0.5)
            and not any(s in first(a) for s in namesakes(m.products, x))
        ),
    )

    # 2. markup and margin from the catalogue cost
    add("markup", f"what markup do we make on the {kettle}?", markup(m, k))
    add("markup", f"is our margin on the {toaster_noun} {x} healthy?", markup(m, x))
    add("markup", f"is the {kettle}'s markup healthy?", markup(m, k))
    add("markup", f"how much do we make per unit on {y}?", markup(m, y))

    # 3. how many catalogue products we repriced
    changes = price_changes(list_prices())
    catalogue = set(m.products.index.astype(str))
    sold = int(m.sales["sku"].nunique())
    end = m.end
    add(
        "repriced",
        "how many products did we reprice in the last 60 days?",
        repriced(changes, catalogue, end - timedelta(days=59), end, sold),
    )
    add(
        "repriced",
        "which products changed price this month?",
        repriced(changes, catalogue, end.replace(day=1), end, sold),
    )
    monday = end - timedelta(days=end.weekday())
    add("repriced", "did we change any prices this week?", repriced(changes, catalogue, monday, end, sold))
    add(
        "repriced",
        "how many of our prices went down in the last 90 days?",
        lambda a, r: states(
            first(a),
            int(
                changes[
                    (changes["first"] >= end - timedelta(days=89))
                    & changes["sku"].isin(catalogue)
                    & (changes["new"] < changes["old"])
                ]["sku"].nunique()
            ),
            0.5,
        ),
    )
    add(
        "repriced",
        "how many products did we reprice in the last 60 days?",
        repriced(changes, catalogue, end - timedelta(days=59), end, sold),
        NOCOMP,
    )

    # 4. a competitor's promotion around a day
    bf = black_friday(end.year if end >= black_friday(end.year) else end.year - 1)
    mm_bf = promoted(m, "MegaMart", bf, bf)
    # "the Black Friday weekend": Friday to Sunday or Monday, or (the house reading of "weekend") Saturday-Sunday
    bb_we = [
        promoted(m, "BargainBarn", a, bf + timedelta(days=b))
        for a, b in ((bf, 2), (bf, 3), (bf + timedelta(days=1), 2))
    ]

    def promo(frames: pd.DataFrame | list[pd.DataFrame], rival: str) -> Check:
        ns = [int(f["sku"].nunique()) for f in (frames if isinstance(frames, list) else [frames])]
        return lambda a, r: (
            rival in first(a)
            and any(states(first(a), n, 0.5) if n else _NEGATION.search(first(a)) is not None for n in ns)
        )

    add("promo", "did MegaMart run a promotion on Black Friday?", promo(mm_bf, "MegaMart"))
    add("promo", "was BargainBarn discounting over the Black Friday weekend?", promo(bb_we, "BargainBarn"))
    add(
        "promo",
        "did PrimeGoods have any sales on Black Friday?",
        promo(promoted(m, "PrimeGoods", bf, bf), "PrimeGoods"),
    )
    add(
        "promo",
        "did MegaMart run a promotion on Black Friday?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )

    # 5. the cheapest and dearest competitor of one product
    add("seller", f"which competitor is cheapest for the {kettle}?", extreme_seller(m, k, dearest=False))
    add("seller", f"who sells {x} for the most?", extreme_seller(m, x, dearest=True))
    add("seller", f"which rival charges the most for the {toaster}?", extreme_seller(m, x, dearest=True))
    add("seller", f"cheapest place to buy {y} apart from us", extreme_seller(m, y, dearest=False))
    add(
        "seller",
        f"who is cheapest on the {toaster_noun} {x}?",
        lambda a, r: (
            extreme_seller(m, x, dearest=False)(a, r) and not any(s in first(a) for s in namesakes(m.products, x))
        ),
    )
    add(
        "seller",
        f"which competitor is cheapest for the {kettle}?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )

    # 6. MAP
    bm = m.below_map()
    add(
        "map",
        "who is violating MAP?",
        lambda a, r: (
            all(c in first(a) for c in set(bm["competitor"]))
            and (states(first(a), len(bm), 0.5) or states(first(a), int(bm["sku"].nunique()), 0.5))
        ),
    )
    bx = bm[bm["sku"] == x]
    add(
        "map",
        f"is anyone advertising {x} below MAP?",
        lambda a, r: (
            names(x)(a, r)
            and (all(c in first(a) for c in bx["competitor"]) if len(bx) else _NEGATION.search(first(a)) is not None)
        ),
    )
    add(
        "map",
        "how many MAP breaches do we have?",
        lambda a, r: states(first(a), len(bm), 0.5) or states(first(a), int(bm["sku"].nunique()), 0.5),
    )
    add("map", "who is violating MAP?", lambda a, r: _NO_COMPETITORS.search(first(a)) is not None, NOCOMP)

    # 7. what-ifs and elasticity in new words
    add("whatif", f"what if we drop the {kettle} to $99?", lambda a, r: names(k)(a, r) and states(a, 99.0, _CENT))
    add(
        "whatif",
        f"what happens to units if we raise {x} by 5%?",
        lambda a, r: names(x)(a, r) and re.search(r"\b5(?:\.0)?%", a) is not None,
    )
    add(
        "whatif",
        f"would a 10% price cut on {y} pay off?",
        lambda a, r: names(y)(a, r) and re.search(r"\b10(?:\.0)?%", a) is not None,
    )
    add(
        "whatif",
        "how elastic is demand in Kitchen?",
        lambda a, r: "Kitchen" in a and re.search(r"elastic", first(a), re.I) is not None,
    )

    # 8. our position counted
    w = m.window().sort_values("date").groupby(["sku", "competitor"]).tail(1)
    ours = m.latest["our"].astype(float)
    lo = w.groupby("sku")["price"].min().reindex(ours.index)
    hi = w.groupby("sku")["price"].max().reindex(ours.index)
    add(
        "position",
        "on how many products are we the cheapest?",
        lambda a, r: states(first(a), int((ours <= lo + 0.005).sum()), 0.5),
    )
    add(
        "position",
        "how many items are we the priciest seller of?",
        lambda a, r: states(first(a), int((ours >= hi - 0.005).sum()), 0.5),
    )
    within = m.latest[(m.latest["index"] - 100).abs() <= 5]
    add(
        "position", "how many SKUs are priced within 5% of the market?", lambda a, r: states(first(a), len(within), 0.5)
    )
    cat, by_cat = m.category_index(), metric_index(m, m.products["category"])
    add(
        "position",
        "price position in Outdoor",
        lambda a, r: (
            "Outdoor" in first(a)
            and (states(first(a), float(cat["Outdoor"]), 0.15) or states(first(a), float(by_cat["Outdoor"]), 0.15))
        ),
    )
    home = m.products.index[m.products["category"] == "Home"]
    add(
        "position",
        "which Home products are overpriced vs competitors?",
        lambda a, r: "Home" in a and states(first(a), int(m.above().index.isin(home).sum()), 0.5),
    )
    return out
