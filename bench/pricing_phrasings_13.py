"""The seventh pricing round's set (#18): ladders, possessives, the index's window, stock cover, rivals by name.

Run with ``BENCH_SET=13 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths (pandas over the
warehouse's competitor, sales, inventory and product rows). Styles no earlier set uses, or gaps a set left: the
catalogue's price ladder in other words ("price distribution of our catalogue"), possessive product names ("the
kettle's margin"), a product's price index that says whether it is the latest day's or a 30-day mean, "should we
discount X?" weighed against X's stock cover (short cover: no; long cover: yes), comparisons with a competitor by
name on a product or category ("are we cheaper than MegaMart on kettles?", and "Acme", which is a brand of ours and
no competitor), and the history of our own prices ("when did we last change the kettle's price?").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, cast

import pandas as pd

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import counts, named_by
from bench.pricing_phrasings_10 import _NO_COMPETITORS, NOCOMP, SHOP, metric_index
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b|\bhold\b|\bkeep\b", re.I)
_DISCOUNT = re.compile(r"discount|\blower\b|\bcut\b|mark(?:ing)? ?down|clear", re.I)
_COVER = re.compile(r"cover|on hand|in stock|stock", re.I)
_LATEST = re.compile(r"latest|\bon \d|\d{4}-\d{2}-\d{2}|\btoday\b|last day", re.I)
_MEAN = re.compile(r"30 days|mean|average", re.I)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{4}", re.I)
_MONTHS = {
    m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}
#: The ladder's tiers are read off the answer as its lowest and highest prices.
_CENT = 0.006


def _warehouse(query: str) -> pd.DataFrame:
    from shared.deps import get_deps

    return get_deps().warehouse.query(query, {"tenant_id": SHOP})


def list_prices() -> pd.DataFrame:
    """Per SKU and day, our list price: the unit price of the day's sold lines not on promotion (warehouse rows; a
    line of 0 units, a return, shows no price)."""
    s = _warehouse(
        "SELECT sku, date, unit_price FROM sales WHERE tenant_id = @tenant_id AND unit_price IS NOT NULL "
        "AND NOT COALESCE(promo, FALSE) AND units > 0"
    )
    s["date"] = pd.to_datetime(s["date"]).dt.date
    s["unit_price"] = s["unit_price"].astype(float).round(2)
    daily = s.groupby(["sku", "date"], as_index=False)["unit_price"].median()
    return pd.DataFrame(daily).sort_values(by=["sku", "date"])


def cell(frame: pd.DataFrame, row: object, column: str) -> float:
    """One cell as a number (pandas types ``.at`` as any scalar)."""
    return float(cast("float", frame.at[row, column]))


def price_changes(lp: pd.DataFrame) -> pd.DataFrame:
    """Changes of list price: sku, the last day at the old price, the first day at the new one, old, new."""
    rows = []
    for sku, g in lp.groupby("sku"):
        # one odd day between two at the same price (a price the ingest filled from the catalogue) is no change
        p = g["unit_price"]
        g = g[~((p.shift(1) == p.shift(-1)) & (p != p.shift(1)))]
        prev = g.shift(1)
        moved = g["unit_price"].ne(prev["unit_price"]) & prev["unit_price"].notna()
        for i in g.index[moved]:
            rows.append(
                (sku, prev.at[i, "date"], g.at[i, "date"], cell(prev, i, "unit_price"), cell(g, i, "unit_price"))
            )
    return pd.DataFrame(rows, columns=["sku", "before", "first", "old", "new"])


def stock_cover(m: Market) -> pd.DataFrame:
    """Per SKU: on hand at its latest stock count and days of cover at the mean daily units of the last 30 days."""
    inv = _warehouse("SELECT sku, date, on_hand FROM inventory WHERE tenant_id = @tenant_id")
    inv["date"] = pd.to_datetime(inv["date"])
    last = inv.sort_values("date").groupby("sku").tail(1).set_index("sku")
    s = m.sales[m.sales["date"] > pd.Timestamp(m.sales["date"].max()) - pd.Timedelta(days=30)]
    rate = s.groupby("sku")["units"].sum() / 30
    last["rate"] = rate.reindex(last.index).fillna(0.0)
    last["cover"] = last["on_hand"].astype(float) / last["rate"].where(last["rate"] > 0)
    return last


def said_dates(text: str) -> list[date]:
    """Every date the text writes (ISO or "29 Aug 2026")."""
    out = []
    for d in _DATE.findall(text):
        if d[0:4].isdigit():
            out.append(date.fromisoformat(d))
        else:
            day, mon, year = d.split()
            out.append(date(int(year), _MONTHS[mon[:3].lower()], int(day)))
    return out


def dated_within(lo: date, hi: date) -> Check:
    """The answer's first sentence writes a date from ``lo`` to ``hi``."""
    return lambda a, r: any(lo <= d <= hi for d in said_dates(first_sentence(a)))


def last_change(changes: pd.DataFrame, m: Market, sku: str) -> tuple[pd.Series, Check]:
    """``sku``'s latest change of list price and the check that the answer dates it (between its two sales days)."""
    last = changes[changes["sku"] == sku].sort_values("first").iloc[-1]
    return (
        last,
        lambda a, r: named_by(m, sku)(a, r) and dated_within(last["before"] + timedelta(days=1), last["first"])(a, r),
    )


def says_index(latest: tuple[float, ...], mean: float) -> Check:
    """The first sentence writes the index and says which it is: the latest day's (either price), or a 30-day mean."""

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        return (any(states(f, v, 0.15) for v in latest) and _LATEST.search(f) is not None) or (
            states(f, mean, 0.15) and _MEAN.search(f) is not None
        )

    return check


def discount_advice(m: Market, cover: pd.DataFrame, sku: str, *, long: bool) -> Check:
    """Names the product, says its stock (on hand or days of cover) and leans to a discount only when cover is long."""
    on_hand, days = cell(cover, sku, "on_hand"), cell(cover, sku, "cover")

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        stock = _COVER.search(a) is not None and (states(a, on_hand, 0.5) or states(a, days, max(1.0, days * 0.25)))
        lean = (
            _DISCOUNT.search(f) is not None and _NEGATION.search(f) is None if long else _NEGATION.search(f) is not None
        )
        return named_by(m, sku)(a, r) and stock and lean

    return check


def versus(m: Market, rival: str, skus: list[str]) -> dict[str, float]:
    """Per SKU carried by ``rival`` in the window: our latest price less the rival's latest price."""
    w = m.window()
    w = w[(w["competitor"] == rival) & w["sku"].isin(skus)].sort_values("date").groupby("sku").tail(1)
    ours = m.latest["our"].astype(float).to_dict()
    return {str(s): ours[str(s)] - float(p) for s, p in zip(w["sku"], w["price"], strict=True) if str(s) in ours}


def thirteenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the seventh round's set."""
    out, add = pricing_cases(SHOP)
    first, names = first_sentence, partial(named_by, m)
    picks = market_picks(m.products, t.rv, m.window())
    k, x = picks.solo.sku, picks.mapped.sku  # the only one of its kind, and a product with a MAP
    kettle, toaster = picks.solo.noun, picks.mapped.name
    price = pd.to_numeric(m.products["price"], errors="coerce").dropna()
    cats = m.products["category"].reindex(price.index)
    outdoor = price[cats == "Outdoor"]

    # 1. the catalogue's price ladder in other words
    add("ladder", "how many products under $20", counts(int((price < 20).sum())))
    add("ladder", "products between $20 and $50", counts(int(((price >= 20) & (price <= 50)).sum())))
    add(
        "ladder",
        "price distribution of our catalogue",
        lambda a, r: states(a, float(price.min()), _CENT) and states(a, float(price.max()), _CENT),
    )
    add("ladder", "how many SKUs do we sell for more than $100?", counts(int((price > 100).sum())))
    add("ladder", "how many Outdoor items are over $100?", counts(int((outdoor > 100).sum())))
    add(
        "ladder",
        "what share of our range is priced below $25?",
        lambda a, r: states(first(a), float((price < 25).mean() * 100), 0.6) or counts(int((price < 25).sum()))(a, r),
    )
    add(
        "ladder",
        "what's the median price in our catalogue?",
        lambda a, r: states(first(a), float(price.median()), _CENT),
    )
    add(
        "ladder",
        "average list price of our Kitchen range",
        lambda a, r: "Kitchen" in first(a) and states(first(a), float(price[cats == "Kitchen"].mean()), 0.011),
    )
    add(
        "ladder",
        "break down our products by price band",
        lambda a, r: states(a, float(price.min()), _CENT) and states(a, float(price.max()), _CENT),
    )

    # 2. possessive product names
    costs = pd.to_numeric(m.products["cost"], errors="coerce")
    add("possessive", f"what's the {kettle}'s margin?", lambda a, r: names(k)(a, r) and "margin" in first(a).lower())
    add(
        "possessive",
        f"the {kettle}'s cheapest competitor",
        lambda a, r: names(k)(a, r) and states(first(a), m.lowest_latest(k), _CENT),
    )
    add(
        "possessive",
        f"how many rivals stock the {kettle}'s equivalent?",
        lambda a, r: names(k)(a, r) and states(first(a), len(m.carriers(k)), 0.5),
    )
    add("possessive", f"the {toaster}'s position against the market", names(x))
    add(
        "possessive",
        f"is the {kettle}'s markup healthy?",
        lambda a, r: (
            names(k)(a, r)
            and (
                states(a, float(price[k] - costs[k]), 0.011)
                or states(a, float(100 * (price[k] / costs[k] - 1)), 0.6)
                or states(a, float(100 * (1 - costs[k] / price[k])), 0.6)
            )
        ),
    )

    # 3. a product's price index: the latest day's or the 30-day mean, said
    # the latest day's index with the day's selling price (the agents') or the catalogue price (the metrics layer's)
    idx = m.latest["index"].astype(float)
    cat_idx = 100 * price.reindex(m.latest.index) / m.latest["median"].astype(float)
    day = {s: (float(idx[s]), float(cat_idx[s])) for s in (k, x)}
    per_sku = metric_index(m, pd.Series(m.products.index, index=m.products.index))
    add("index", f"the {kettle}'s price index", says_index(day[k], float(per_sku[k])))
    add("index", f"price index of {x}", says_index(day[x], float(per_sku[x])))
    add(
        "index",
        f"what's the {kettle}'s price index over the last 30 days?",
        lambda a, r: states(first(a), float(per_sku[k]), 0.15) and _MEAN.search(first(a)) is not None,
    )
    add("index", f"the {kettle}'s price index today", lambda a, r: any(states(first(a), v, 0.15) for v in day[k]))

    # 4. "should we discount X?" weighed against its stock cover
    cover = stock_cover(m)
    # the stock counts may hold a product whose catalogue row the ingest refused that day: asked about by its title
    sold = cover[(cover["rate"] > 0) & cover.index.isin(m.products.index)].sort_values("cover")
    short, long_ = str(sold.index[0]), str(sold.index[-1])
    tshort, tlong = str(m.products.loc[short, "title"]), str(m.products.loc[long_, "title"])
    add("cover", f"should we discount {short}?", discount_advice(m, cover, short, long=False))
    add("cover", f"should we discount {long_}?", discount_advice(m, cover, long_, long=True))
    add("cover", f"is it worth putting the {tshort} on sale?", discount_advice(m, cover, short, long=False))
    add("cover", f"should I mark down the {tlong}?", discount_advice(m, cover, long_, long=True))
    add(
        "cover",
        f"should we discount the {kettle}?",
        lambda a, r: names(k)(a, r) and _COVER.search(a) is not None and states(a, cell(cover, k, "on_hand"), 0.5),
    )

    # 5. a competitor by name, on a product or a category
    kettle_mm = versus(m, "MegaMart", [k])
    kitchen = list(m.products.index[m.products["category"] == "Kitchen"])
    bb = versus(m, "BargainBarn", kitchen)
    add(
        "rivals",
        f"are we cheaper than MegaMart on {kettle}s?",
        lambda a, r: (
            names(k)(a, r)
            and "MegaMart" in first(a)
            and states(first(a), cell(m.latest, k, "our") - kettle_mm[k], _CENT)
            if k in kettle_mm
            else "MegaMart" in first(a)
        ),
    )
    add(
        "rivals",
        f"are we cheaper than Acme on {kettle}s?",
        lambda a, r: "Acme" in first(a) and _NEGATION.search(first(a)) is not None,
    )
    add(
        "rivals",
        "are we cheaper than BargainBarn on Kitchen products?",
        lambda a, r: (
            "BargainBarn" in first(a)
            and "Kitchen" in a
            and (
                counts(sum(v < -0.005 for v in bb.values()))(a, r) or counts(sum(v > 0.005 for v in bb.values()))(a, r)
            )
        ),
    )
    add(
        "rivals",
        "how do our Outdoor prices compare with PrimeGoods?",
        lambda a, r: "PrimeGoods" in first(a) and "Outdoor" in a,
    )
    add("rivals", f"does ShopRival beat us on the {kettle}?", lambda a, r: "ShopRival" in first(a) and names(k)(a, r))
    add(
        "rivals",
        "are we cheaper than MegaMart overall?",
        lambda a, r: "MegaMart" in first(a) and re.search(r"cheaper|dearer|above|below|%", first(a)) is not None,
    )
    add(
        "rivals",
        f"who is cheaper on the {kettle}, us or MegaMart?",
        lambda a, r: "MegaMart" in first(a) and names(k)(a, r),
    )

    # 6. the history of our own prices (the sales lines' list price, promotions aside)
    changes = price_changes(list_prices())
    kc = changes[changes["sku"] == k].sort_values("first")
    last, dated = last_change(changes, m, k)
    add("history", f"when did we last change the {kettle}'s price", dated)
    add(
        "history",
        f"what was the {kettle}'s price in March?",
        lambda a, r: states(
            first(a),
            _price_on(list_prices(), k, date(m.end.year if m.end.month >= 3 else m.end.year - 1, 3, 15)),
            _CENT,
        ),
    )
    year_ago = m.end - timedelta(days=364)
    xc = changes[(changes["sku"] == x) & (changes["first"] >= year_ago)]
    add(
        "history",
        f"how many times did we change the price of {x} in the last year?",
        lambda a, r: names(x)(a, r) and states(first(a), len(xc), 0.5),
    )
    add(
        "history",
        f"our own price history for the {kettle}",
        lambda a, r: names(k)(a, r) and states(a, float(last["new"]), _CENT) and states(a, float(last["old"]), _CENT),
    )
    # the products of the catalogue (a SKU code seen only in sales is said apart, not counted among them)
    changes = changes[changes["sku"].isin(set(m.products.index.astype(str)))]
    recent = changes[changes["first"] >= m.end - timedelta(days=89)]
    add("history", "which products did we reprice in the last 90 days?", counts(recent["sku"].nunique()))
    raised = kc[(kc["first"] >= m.end.replace(month=1, day=1)) & (kc["new"] > kc["old"])]
    add(
        "history",
        f"did we raise the {kettle}'s price this year?",
        lambda a, r: (
            names(k)(a, r)
            and (
                any(states(first(a), float(v), _CENT) for v in raised["new"])
                if len(raised)
                else _NEGATION.search(first(a)) is not None
            )
        ),
    )

    this_year = changes[(changes["first"] >= m.end.replace(month=1, day=1)) & (changes["new"] > changes["old"])]
    add("history", "which of our products went up in price this year?", counts(this_year["sku"].nunique()))
    lm_end = m.end.replace(day=1) - timedelta(days=1)
    lm = changes[(changes["sku"] == x) & (changes["first"] >= lm_end.replace(day=1)) & (changes["first"] <= lm_end)]
    add(
        "history",
        f"did the price of {x} change last month?",
        lambda a, r: (
            names(x)(a, r)
            and (
                (len(lm) == 0 and _NEGATION.search(first(a)) is not None)
                or (len(lm) > 0 and states(first(a), float(lm["new"].iloc[-1]), _CENT))
            )
        ),
    )

    # 7. the merchant without competitor prices
    for q in (
        f"are we cheaper than MegaMart on {kettle}s?",
        f"the {kettle}'s price index",
        "how do our Outdoor prices compare with PrimeGoods?",
    ):
        add("refusal", q, lambda a, r: _NO_COMPETITORS.search(first(a)) is not None, NOCOMP)
    add("refusal", f"when did we last change the {kettle}'s price", dated, NOCOMP)
    return out


def _price_on(lp: pd.DataFrame, sku: str, day: date) -> float:
    """The list price in force on ``day``: that of the SKU's last sales day on or before it."""
    g = lp[(lp["sku"] == sku) & (lp["date"] <= day)]
    return float(g["unit_price"].iloc[-1])
