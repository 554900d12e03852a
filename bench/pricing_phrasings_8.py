"""The fifth pricing round's set (#18): marketplace sellers' vocabulary, price-setting and margins.

Run with ``BENCH_SET=8 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths (pandas over the
warehouse's competitor, sales and product rows). Styles no earlier set uses: Amazon and Shopify sellers' words
("Buy Box", "MAP", "undercut by", "price parity", "price gap", "cheapest seller", "price war", "a competitor dropped
their price", "are we competitive on X"), gaps in money ("more than $5 above the cheapest"), rankings of the most
over- and under-priced, price position by brand, the price that maximises revenue or profit, margins and markups
from the catalogue's costs, break-even, matching a named rival, and what the data lacks (Buy Box ownership, landed
prices with shipping) and the merchant without competitor prices.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

SHOP, NOCOMP = "shop", "nocomp"
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)
_NO_COMPETITORS = re.compile(r"no competitor prices", re.I)
_ADVICE = re.compile(r"\b(?:lower|raise|hold|keep|match|cut)", re.I)
_PRICE = re.compile(r"\$?\d+\.\d\d")


def counts(*ns: int) -> Check:
    """The first sentence states one of ``ns``."""
    return lambda a, r: any(states(first_sentence(a), n, 0.5) for n in ns)


def named_by(m: Market, *skus: str) -> Check:
    """The first sentence names each product by its SKU or its title (the metrics layer names a filter by its title)."""
    return lambda a, r: all(s in first_sentence(a) or str(m.products.loc[s, "title"]) in first_sentence(a)
                            for s in skus)


def eighth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the fifth round's set."""
    out, add = pricing_cases(SHOP)
    first = first_sentence

    def names(*skus: str) -> Check:
        return named_by(m, *skus)

    latest = m.latest
    idx = latest["index"]
    n_all = len(latest)
    picks = market_picks(m.products, t.rv, m.window())
    x, k, kettle = picks.mapped.sku, picks.solo.sku, picks.solo.noun  # the product with a MAP, the only one of its kind
    tx = str(m.products.loc[x, "title"])
    above, below = m.above(), m.below()
    order = m.undercut_order()
    our = latest["our"].astype(float).to_dict()
    low = {str(s): m.lowest_latest(str(s)) for s in latest.index}
    cheapest = sum(our[s] <= lo + 0.005 for s, lo in low.items())
    cheapest_strict = sum(our[s] < lo - 0.005 for s, lo in low.items())
    undercut = sum(lo < our[s] - 0.005 for s, lo in low.items())
    undercut10 = sum(lo * 1.10 < our[s] for s, lo in low.items())
    over10 = int((idx > 110).sum())
    gap5 = sum(our[s] - lo > 5 for s, lo in low.items())
    under_map = m.below_map()
    map_by = under_map.groupby("competitor").size().sort_values(ascending=False)
    brands = latest.index.map(t.products["brand"].to_dict())
    brand_idx = idx.groupby(brands).median().sort_values(ascending=False)
    gap_abs = (idx - 100).abs().sort_values(ascending=False)
    costs = pd.to_numeric(m.products["cost"], errors="coerce")
    prices = pd.to_numeric(m.products["price"], errors="coerce")
    negative_margin = int((prices < costs).sum())

    # 1. marketplace sellers' words: Buy Box, undercut by, parity, gaps, price wars
    add("seller", f"do we win the Buy Box on the {tx}?", names(x))
    add("seller", "how many products would we win the buy box on, on price alone?", counts(cheapest, cheapest_strict))
    add("seller", "which SKUs are we losing the buy box on?", lambda a, r: counts(undercut, len(above))(a, r)
        or ("buy box" in first(a).lower() and _NEGATION.search(first(a)) is not None))
    add("seller", f"who is cheapest on the {kettle}?", names(k))
    add("seller", f"cheapest seller for the {kettle} right now", names(k))
    add("seller", f"are we competitive on {kettle}s?", names(k))
    add("seller", "where are we undercut by more than 10%?", counts(undercut10, over10))
    add("seller", "are we at price parity with the market?", lambda a, r: "index" in first(a).lower()
        or states(first(a), n_all, 0.5))
    add("seller", "price parity check vs MegaMart", lambda a, r: "MegaMart" in first(a))
    add("seller", f"what's the price gap on the {kettle}?", lambda a, r: k in first(a) and "%" in first(a))
    add("seller", "biggest price gaps vs competitors", lambda a, r: str(gap_abs.index[0]) in first(a)
        or str(above.index[0]) in first(a))
    add("seller", "is there a price war going on in Kitchen?", lambda a, r: "Kitchen" in first(a))
    add("seller", f"did a competitor drop their price on the {kettle}?", names(k))
    add("seller", "which competitors dropped their prices this week?", lambda a, r: any(
        c in first(a) for c in order) or _NEGATION.search(first(a)) is not None)
    add("seller", "who's been undercutting us the most this month?", lambda a, r: any(first(a).startswith(c)
                                                                                      for c in order[:2]))
    add("seller", "how many skus are we more than $5 above the cheapest competitor on?", counts(gap5))
    # 2. MAP
    add("map", "who are the MAP violators?", lambda a, r: states(first(a), len(under_map), 0.5)
        or states(first(a), int(under_map["competitor"].nunique()), 0.5))
    add("map", f"is anyone breaking MAP on the {tx}?", names(x))
    add("map", "which competitor breaks MAP the most?", lambda a, r: first(a).startswith(str(map_by.index[0]))
        or str(map_by.index[0]) in first(a))
    # 3. position by group, rankings
    add("group", "are we competitive on Electronics?", lambda a, r: "Electronics" in first(a))
    add("group", "are we the price leader in Home?", lambda a, r: "Home" in first(a))
    add("group", "price position by brand", lambda a, r: str(brand_idx.index[0]) in first(a))
    add("group", "top 5 most overpriced products", lambda a, r: str(above.index[0]) in first(a))
    add("group", "the 3 products with the biggest discount vs competitors", lambda a, r: str(below.index[0])
        in first(a))
    add("group", "how much cheaper is BargainBarn on average?", lambda a, r: "BargainBarn" in first(a)
        and "%" in first(a))
    add("group", "what's our average premium over MegaMart?", lambda a, r: "MegaMart" in first(a) and "%" in first(a))
    # 4. setting prices: revenue- and profit-maximising, matching, break-even
    add("setting", f"what price maximises revenue for the {tx}?", lambda a, r: x in first(a)
        and _PRICE.search(first(a)) is not None)
    add("setting", f"what's the profit-maximising price for {x}?", lambda a, r: x in first(a)
        and _PRICE.search(first(a)) is not None)
    add("setting", f"what's the optimal price for the {kettle}?", lambda a, r: k in first(a)
        and _PRICE.search(first(a)) is not None)
    add("setting", f"should we match the cheapest competitor on the {tx}?", lambda a, r: x in first(a)
        and _ADVICE.search(first(a)) is not None)
    add("setting", f"what would happen if we matched MegaMart's price on the {kettle}?", names(k))
    add("setting", f"how low can we go on the {tx} without losing money?", lambda a, r: x in first(a)
        and states(a, float(costs[x]), 0.006))
    add("setting", "repricing suggestions for Outdoor", lambda a, r: "Outdoor" in first(a))
    add("setting", f"price elasticity of the {kettle}", lambda a, r: k in first(a) and "elastic" in first(a))
    add("setting", "which products are price inelastic?", lambda a, r: "elastic" in first(a))
    # 5. margins and markups (the catalogue holds costs)
    gm = m.gross_margin(k)
    net = m.net_margin(k)
    add("margin", f"margin on the {kettle}", lambda a, r: "margin" in first(a).lower()
        and (states(first(a), gm, 0.01) or states(first(a), net, 0.01)))
    add("margin", f"what's our markup on the {tx}?", lambda a, r: (x in first(a) or tx in first(a)) and re.search(
        r"margin|markup|mark-up", first(a), re.I) is not None)
    add("margin", "which products have a negative margin?", lambda a, r: states(first(a), negative_margin, 0.5)
        or (negative_margin == 0 and _NEGATION.search(first(a)) is not None))
    add("margin", "which category has the thinnest margins?", lambda a, r: "margin" in first(a).lower())
    # 6. what the data lacks
    add("nodata", "how do our landed prices incl. shipping compare with competitors?", lambda a, r: re.search(
        r"shipping|delivery|landed", first(a), re.I) is not None and _NEGATION.search(first(a)) is not None)
    add("nodata", "what share of the Buy Box do we hold?", lambda a, r: "buy box" in first(a).lower()
        and _NEGATION.search(first(a)) is not None)
    # 7. the merchant without competitor prices
    for q in (f"who is cheapest on the {kettle}?", "price parity check vs MegaMart", "are we in a price war?",
              "which SKUs are we losing the buy box on?", "who are the MAP violators?"):
        add("refusal", q, lambda a, r: _NO_COMPETITORS.search(first(a)) is not None, NOCOMP)
    add("refusal", f"what price maximises revenue for the {kettle}?", lambda a, r: k in first(a), NOCOMP)
    return out
