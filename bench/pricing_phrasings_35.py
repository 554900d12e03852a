"""The eighteenth pricing round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=35 .venv/bin/python bench/pricing_phrasings.py``. The topics of set 34 (what a period's price
changes did to sales, position per category and brand, rivals out of stock, the rival undercutting us most often, our
margin at the market's price, typos) in other words; truths from the warehouse rows, products picked by the same
rules.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_10 import SHOP
from bench.pricing_phrasings_13 import list_prices, price_changes
from bench.pricing_phrasings_17 import out_at_rivals
from bench.pricing_phrasings_30 import brand_of, brand_said, category_said, oos_pick, rivals_out
from bench.pricing_phrasings_34 import (
    changes_between,
    changes_said,
    effect_pair,
    market_margin,
    pair_said,
    undercut_top,
)

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def quarter_start(day: date) -> date:
    """The first day of ``day``'s calendar quarter."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def eighteenth_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the eighteenth round's held-out set."""
    out, add = pricing_cases(SHOP)
    picks = market_picks(m.products, t.rv, m.window())
    k, y = picks.solo.sku, picks.top_markup.sku
    kettle = picks.solo.noun
    changes = price_changes(list_prices())
    end = m.sales["date"].max().date()
    cuts_quarter = changes_between(changes, m, quarter_start(end), end, "down")
    recent = changes_between(changes, m, end - timedelta(days=89), end, None)
    pair = effect_pair(m, changes)
    oos = m.out_of_stock()
    gone = oos_pick(m, oos)
    gone2 = oos_pick(m, oos, gone)
    brand = brand_of(m, k)

    add("effects", "did the price drops we made this quarter boost sales?", changes_said(m, cuts_quarter))
    add("effects", "what impact did our recent price changes have on units?", changes_said(m, recent))
    add("effects", f"did repricing {pair[0]} and {pair[1]} change how many we sell?", pair_said(m, changes, pair))
    add("position", "how does Outdoor compare with competitors on price?", category_said(m, "Outdoor"))
    add("position", f"are {brand} products more expensive than the competition?", brand_said(m, brand))
    add("rival stock", "how many of our products are competitors out of stock on?", rivals_out(m, oos))
    add("rival stock", f"is anyone out of stock on {gone2}?", out_at_rivals(m, oos, gone2))
    add("undercut", "which competitor most often prices below us?", undercut_top(m))
    add("undercut", "which seller is below our price most often?", undercut_top(m))
    add("margin", f"what margin would we make on {y} at the median competitor price?", market_margin(m, y))
    add("margin", f"{kettle}: our margin if we sold at the market price", market_margin(m, k))
    add("typos", "did our prce cuts this quarter help sales", changes_said(m, cuts_quarter))
    return out
