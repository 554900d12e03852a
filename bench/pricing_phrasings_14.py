"""Held-out set of the seventh pricing round (written after its fixes, measured before any change made for it).

Run with ``BENCH_SET=14 .venv/bin/python bench/pricing_phrasings.py``. The styles of set 13 (the catalogue's price
ladder, possessive product names, a product's price index and its window, "should we discount X?" against its stock
cover, a competitor by name, the history of our own prices) in wordings no set uses.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import counts, named_by
from bench.pricing_phrasings_10 import _NO_COMPETITORS, NOCOMP, SHOP
from bench.pricing_phrasings_13 import (
    _CENT,
    _NEGATION,
    _price_on,
    cell,
    discount_advice,
    last_change,
    list_prices,
    price_changes,
    stock_cover,
    versus,
)
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def fourteenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the seventh round's held-out set."""
    out, add = pricing_cases(SHOP)
    first, names = first_sentence, partial(named_by, m)
    picks = market_picks(m.products, t.rv, m.window())
    k, x = picks.solo.sku, picks.mapped.sku
    kettle, toaster_noun = picks.solo.noun, picks.mapped.noun
    price = pd.to_numeric(m.products["price"], errors="coerce").dropna()
    cats = m.products["category"].reindex(price.index)

    add("ladder", "number of items below $15", counts(int((price < 15).sum())))
    add("ladder", "SKUs from $50 to $100", counts(int(((price >= 50) & (price <= 100)).sum())))
    add(
        "ladder",
        "how are our prices distributed?",
        lambda a, r: states(a, float(price.min()), _CENT) and states(a, float(price.max()), _CENT),
    )
    add("ladder", "how many Home products are above $60?", counts(int((price[cats == "Home"] > 60).sum())))
    add(
        "possessive",
        f"the {toaster_noun} {x}'s lowest competitor price",
        lambda a, r: names(x)(a, r) and states(first(a), m.lowest_latest(x), _CENT),
    )
    add(
        "possessive",
        f"what's the {kettle}'s gross margin?",
        lambda a, r: names(k)(a, r) and "margin" in first(a).lower(),
    )
    cover = stock_cover(m)
    sold = cover[cover["rate"] > 0].sort_values("cover")
    short, long_ = str(sold.index[1]), str(sold.index[-2])
    add("cover", f"do you think we should discount {short}?", discount_advice(m, cover, short, long=False))
    add("cover", f"would it make sense to mark down {long_}?", discount_advice(m, cover, long_, long=True))
    add("cover", f"should we run a sale on {long_}?", discount_advice(m, cover, long_, long=True))
    kettle_pg = versus(m, "PrimeGoods", [k])
    add(
        "rivals",
        f"is PrimeGoods cheaper than us on the {kettle}?",
        lambda a, r: (
            "PrimeGoods" in first(a)
            and names(k)(a, r)
            and (k not in kettle_pg or states(first(a), cell(m.latest, k, "our") - kettle_pg[k], _CENT))
        ),
    )
    add(
        "rivals",
        "are we cheaper than Brightline on cushions?",
        lambda a, r: "Brightline" in first(a) and _NEGATION.search(first(a)) is not None,
    )
    add(
        "rivals",
        "how do we compare to ShopRival on Electronics?",
        lambda a, r: "ShopRival" in first(a) and "Electronics" in a,
    )
    changes = price_changes(list_prices())
    # the products of the catalogue (a SKU code seen only in sales is said apart, not counted among them)
    changes = changes[changes["sku"].isin(set(m.products.index.astype(str)))]
    add("history", f"when was the {kettle}'s price last updated?", last_change(changes, m, k)[1])
    add(
        "history",
        f"what did we charge for the {kettle} in January?",
        lambda a, r: states(first(a), _price_on(list_prices(), k, date(m.end.year, 1, 15)), _CENT),
    )
    lm_end = m.end.replace(day=1) - timedelta(days=1)
    lm = changes[(changes["first"] >= lm_end.replace(day=1)) & (changes["first"] <= lm_end)]
    add("history", "how many products did we change the price of last month?", counts(lm["sku"].nunique()))
    cut = changes[(changes["first"] >= m.end.replace(month=1, day=1)) & (changes["new"] < changes["old"])]
    add("history", "have we lowered any prices this year?", counts(cut["sku"].nunique()))
    add(
        "history",
        f"price changes we made on {x}",
        lambda a, r: (
            names(x)(a, r) and all(states(a, float(v), _CENT) for v in changes.loc[changes["sku"] == x, "new"])
        ),
    )
    add(
        "refusal",
        f"is PrimeGoods cheaper than us on the {kettle}?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )
    add(
        "refusal",
        f"what did we charge for the {kettle} in January?",
        lambda a, r: states(first(a), _price_on(list_prices(), k, date(m.end.year, 1, 15)), _CENT),
        NOCOMP,
    )
    add("refusal", f"should we discount the {kettle}?", lambda a, r: names(k)(a, r), NOCOMP)
    return out
