"""Held-out set of the eighth pricing round (written after its fixes, measured before any change made for it).

Run with ``BENCH_SET=16 .venv/bin/python bench/pricing_phrasings.py``. The styles of set 15 (a product noun narrowed
by its SKU, markup from the catalogue cost, our repricing counted over catalogue products, a competitor's promotion
around a day, a product's cheapest and dearest seller, MAP, what-ifs to a price, our position counted) in wordings no
set uses.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import highest_markup, market_picks, noun_of
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import _NO_COMPETITORS, NOCOMP, SHOP
from bench.pricing_phrasings_13 import _CENT, _NEGATION, list_prices, price_changes
from bench.pricing_phrasings_15 import black_friday, extreme_seller, lowest_of_one, markup, promoted, repriced
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def sixteenth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the eighth round's held-out set."""
    out, add = pricing_cases(SHOP)
    first, names = first_sentence, partial(named_by, m)
    picks = market_picks(m.products, t.rv, m.window())
    k, x = picks.solo.sku, picks.mapped.sku
    y = highest_markup(m.products, k, x)
    kettle, toaster, toaster_noun = picks.solo.noun, picks.mapped.name, picks.mapped.noun

    add(
        "named",
        f"what do rivals charge at the lowest for the {toaster_noun} {x}?",
        lowest_of_one(m, x),
    )
    add("named", f"{toaster_noun} {x} - who's the priciest competitor?", extreme_seller(m, x, dearest=True))
    add("markup", f"what's our markup on {x}?", markup(m, x))
    board = noun_of(str(m.products.loc[y, "title"])).lower()
    add("markup", f"how healthy is the margin on the {board} {y}?", markup(m, y))
    add("markup", f"profit per unit on the {kettle}", markup(m, k))
    changes = price_changes(list_prices())
    catalogue = set(m.products.index.astype(str))
    sold = int(m.sales["sku"].nunique())
    end = m.end
    add(
        "repriced",
        "how many items have we repriced since the start of October?",
        repriced(
            changes,
            catalogue,
            end.replace(month=10, day=1) if end.month >= 10 else end.replace(year=end.year - 1, month=10, day=1),
            end,
            sold,
        ),
    )
    add(
        "repriced",
        "list the price changes we made in the past 30 days",
        repriced(changes, catalogue, end - timedelta(days=29), end, sold),
    )
    bf = black_friday(end.year if end >= black_friday(end.year) else end.year - 1)

    def promo(rival: str, lo_days: int, hi_days: int) -> Check:
        n = int(promoted(m, rival, bf + timedelta(days=lo_days), bf + timedelta(days=hi_days))["sku"].nunique())
        return lambda a, r: (
            rival in first(a) and (states(first(a), n, 0.5) if n else _NEGATION.search(first(a)) is not None)
        )

    add("promo", "did ShopRival have a Black Friday sale?", promo("ShopRival", 0, 0))
    add("promo", "was PrimeGoods running promotions on Black Friday?", promo("PrimeGoods", 0, 0))
    add("promo", "any MegaMart deals on Black Friday?", promo("MegaMart", 0, 0))
    add(
        "promo",
        "did ShopRival have a Black Friday sale?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )
    add("seller", f"which retailer has the cheapest price on {y}?", extreme_seller(m, y, dearest=False))
    add("seller", f"where can the {kettle} be bought for the least?", extreme_seller(m, k, dearest=False))
    add("seller", f"who has the highest price for the {toaster}?", extreme_seller(m, x, dearest=True))
    bm = m.below_map()
    add(
        "map",
        "which competitors break our minimum advertised prices?",
        lambda a, r: all(c in first(a) for c in set(bm["competitor"])),
    )
    add(
        "whatif", f"if we cut {y} to $95 what happens to sales?", lambda a, r: names(y)(a, r) and states(a, 95.0, _CENT)
    )
    add(
        "whatif",
        f"raise the {kettle} 8% - impact on units?",
        lambda a, r: names(k)(a, r) and re.search(r"\b8(?:\.0)?%", a) is not None,
    )
    w = m.window().sort_values("date").groupby(["sku", "competitor"]).tail(1)
    ours = m.latest["our"].astype(float)
    lo = w.groupby("sku")["price"].min().reindex(ours.index)
    add(
        "position",
        "on how many SKUs do we have the lowest price?",
        lambda a, r: states(first(a), int((ours <= lo + 0.005).sum()), 0.5),
    )
    add(
        "position",
        "how many products are priced more than 5% over the market?",
        lambda a, r: states(first(a), len(m.above()), 0.5),
    )
    add(
        "position",
        f"which competitor is cheapest for the {kettle}?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )
    return out
