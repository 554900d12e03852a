"""The thirteenth pricing round's set (#18): the leftovers of the twelfth round.

Run with ``BENCH_SET=25 .venv/bin/python bench/pricing_phrasings.py``. Written and measured on the code before the
round's fixes: a price index "right now" (the latest day's, dated, as "today"), "the rivals" / "our rivals" as every
competitor, "cheaper at any rival" (the lowest competitor price), the competitor that undercuts us most often, how
far above or below the market a product is, and the products no competitor prices. Truths from the warehouse rows;
products picked by a rule from the stored data.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import market_picks, name_of
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_13 import said_dates
from bench.pricing_phrasings_15 import lowest_of_one
from bench.pricing_phrasings_19 import cheapest_skus
from bench.pricing_phrasings_23 import index_dated, stale_pick
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bevery\b|\ball\b", re.I)
#: The whole a count is said against: "1 of 80 products", "2 of the 76 products in your catalogue".
_OF_WHOLE = re.compile(r"\bof (?:the )?([\d,]+) (?:products|skus|items)\b", re.I)
_SIDE = {True: re.compile(r"above|dearer|more expensive|premium", re.I), False: re.compile(r"below|cheaper", re.I)}


def catalogue_index_on(m: Market, day: object) -> float:
    """The metrics layer's price index of one day: the mean over the SKUs priced that day of 100 x the catalogue price
    / the median competitor price."""
    w = m.obs[m.obs["date"] == pd.Timestamp(str(day))]
    median = w.groupby("sku")["price"].median()
    price = pd.to_numeric(m.products["price"], errors="coerce").reindex(median.index)
    return float((100 * price / median).dropna().mean())


def catalogue_now(m: Market) -> Check:
    """The first sentence states the catalogue's index on the data's last day and dates it."""
    value = catalogue_index_on(m, m.end)
    return lambda a, r: states(first_sentence(a), value, 0.15) and m.end in said_dates(first_sentence(a))


def unpriced(m: Market) -> list[str]:
    """The stored products (with a title) no competitor priced in the window, in SKU order."""
    titled = m.products[m.products["title"].notna() & (m.products["title"].astype(str).str.strip() != "")]
    return sorted(str(s) for s in titled.index if s not in set(m.window()["sku"]))


def unpriced_said(m: Market) -> Check:
    """The first sentence counts the products without a competitor price (or says there are none) and, when they
    are three or fewer, names each; a whole it counts them against ("1 of the 76 products") is the stored catalogue's
    product count, not the SKUs that have sales or competitor prices (a refused catalogue row is no product of it)."""
    skus = unpriced(m)
    stored = len(m.products)

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        counted = states(f, len(skus), 0.5) or (not skus and _NEGATION.search(f) is not None)
        wholes = [int(n.replace(",", "")) for n in _OF_WHOLE.findall(f)]
        return counted and all(n == stored for n in wholes) and (len(skus) > 3 or named_by(m, *skus)(a, r))

    return check


def how_far(m: Market, sku: str) -> Check:
    """Names ``sku``, says its side of the median competitor and how far: the index's gap in % (from the selling or
    the catalogue price, within 0.15 points) or in money (within a cent)."""
    row = {k: float(v) for k, v in m.latest.loc[sku, ["median", "index", "our"]].to_dict().items()}
    price = float(pd.to_numeric(m.products["price"], errors="coerce").to_dict()[sku])
    cat = 100 * price / row["median"]
    gaps = (abs(row["index"] - 100), abs(cat - 100))
    money = (abs(price - row["median"]), abs(row["our"] - row["median"]))
    side = _SIDE[row["index"] > 100]
    return lambda a, r: (
        named_by(m, sku)(a, r)
        and side.search(first_sentence(a)) is not None
        and (
            any(states(first_sentence(a), g, 0.15) for g in gaps)
            or any(states(first_sentence(a), g, 0.006) for g in money)
        )
    )


def stored_sides(m: Market) -> tuple[list[str], list[str]]:
    """The stored products more than 5% above and below the median competitor on their latest day, furthest first."""
    stored = [s for s in m.latest.index if s in m.products.index]
    return [s for s in m.above().index if s in stored], [s for s in m.below().index if s in stored]


def unique_name(m: Market, sku: str) -> str | None:
    """``sku``'s short name ("Essential Running Socks") when no other stored title shares it."""
    names = m.products["title"].dropna().astype(str).map(name_of)
    name = name_of(str(m.products.loc[sku, "title"]))
    return name if int((names == name).sum()) == 1 else None


def thirteenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the thirteenth round's set."""
    out, add = pricing_cases(SHOP)
    first = first_sentence
    picks = market_picks(m.products, t.rv, m.window())
    k, x, toaster, kettle = picks.solo.sku, picks.mapped.sku, picks.mapped.name, picks.solo.noun
    cheap, order = cheapest_skus(m), m.undercut_order()
    above, below = stored_sides(m)
    named_above = next(s for s in above if unique_name(m, s))

    # 1. the price index "right now": the latest day's, dated (as "today")
    stale = stale_pick(m)
    stale_name = name_of(str(m.products.loc[stale, "title"]))
    add("now", "what's our price index right now", catalogue_now(m))
    add("now", "price index right now?", catalogue_now(m))
    add("now", f"what's {stale}'s price index right now?", index_dated(m, stale))
    add("now", f"the {stale_name}'s price index currently", index_dated(m, stale))
    add("now", f"current price index of {x}", index_dated(m, x))

    # 2. "the rivals", "our rivals": every competitor
    add("rivals", f"are we cheaper than the rivals on the {toaster}", lowest_of_one(m, x))
    add("rivals", f"are we cheaper than our rivals on {k}?", lowest_of_one(m, k))
    add("rivals", f"do our rivals beat us on the {kettle}?", lowest_of_one(m, k))
    count_cheap: Check = lambda a, r: states(first(a), len(cheap), 0.5)  # noqa: E731 - the count of the cheapest
    add("rivals", "on how many products are we cheaper than all our rivals?", count_cheap)

    # 3. cheaper at any rival: the lowest competitor price
    add("anyrival", f"is {x} cheapr at any rival?", lowest_of_one(m, x))
    add("anyrival", f"is the {kettle} cheaper at any competitor?", lowest_of_one(m, k))
    add("anyrival", f"can you get {k} cheaper at any of our rivals?", lowest_of_one(m, k))
    add("anyrival", f"is the {toaster} cheaper anywhere else?", lowest_of_one(m, x))

    # 4. the competitor that undercuts us most often
    most_often: Check = lambda a, r: order[0] in first(a)[:60]  # noqa: E731 - the first of the undercut order
    add("undercut", "which competitor undercuts us most often", most_often)
    add("undercut", "which of our rivals undercuts us most often?", most_often)
    add("undercut", "who is cheaper than us most often?", most_often)

    # 5. how far above (below) the market a product is
    add("far", f"how far above the market is {above[0]}?", how_far(m, above[0]))
    add("far", f"how far above the market is the {unique_name(m, named_above)}?", how_far(m, named_above))
    add("far", f"how much dearer than the market is {above[1]}?", how_far(m, above[1]))
    add("far", f"how far below the market is {below[0]}?", how_far(m, below[0]))

    # 6. the products no competitor prices
    add("unpriced", "which products have no competitor price", unpriced_said(m))
    add("unpriced", "how many products are not priced by any competitor?", unpriced_said(m))
    add("unpriced", "products without competitor prices?", unpriced_said(m))
    add("unpriced", "which of our items have no rival prices?", unpriced_said(m))
    return out
