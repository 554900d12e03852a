"""The tenth pricing round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=20 .venv/bin/python bench/pricing_phrasings.py``. The topics of set 19 (rivals out of stock,
where we are the cheapest, the price index, elasticity what-ifs with their interval) in other words; truths from the
warehouse rows, products picked from the stored catalogue by a rule (``bench/catalogue_picks.py``).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import _NO_COMPETITORS, NOCOMP, SHOP, metric_index
from bench.pricing_phrasings_15 import lowest_of_one
from bench.pricing_phrasings_17 import _ELASTIC, out_at_rivals
from bench.pricing_phrasings_19 import cheapest_skus, index_by_sku, said_index, what_if_said
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def tenth_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the tenth round's held-out set."""
    out, add = pricing_cases(SHOP)
    first, names = first_sentence, partial(named_by, m)
    picks = market_picks(m.products, t.rv, m.window())
    k, x, y, lamp = picks.solo.sku, picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    kettle, toaster, lamp_noun = picks.solo.noun, picks.mapped.name, picks.solo2.noun

    oos = m.out_of_stock()
    per_rival = oos.groupby("competitor")["sku"].nunique()
    n_oos = int(oos["sku"].nunique())
    add("stock", f"who's sold out of the {kettle}?", out_at_rivals(m, oos, k))
    add("stock", "list competitor stockouts", lambda a, r: states(first(a), n_oos, 0.5))
    add(
        "stock",
        "is MegaMart out of stock on anything at the moment?",
        lambda a, r: "MegaMart" in first(a) and states(first(a), int(per_rival.get("MegaMart", 0)), 0.5),
    )
    add("stock", f"is the {lamp_noun} unavailable elsewhere?", out_at_rivals(m, oos, lamp))
    add(
        "stock",
        "which competitors have stock-outs?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )

    cheap, below = cheapest_skus(m), m.below()
    cheapest_said: Check = lambda a, r: (  # noqa: E731 - a count of the cheapest, or the list below the market
        states(first(a), len(cheap), 0.5) or states(first(a), len(below), 0.5)
    )
    add("cheapest", "which SKUs are we the lowest-priced seller on?", cheapest_said)
    add(
        "cheapest",
        "count of products where we beat every rival's price",
        lambda a, r: states(first(a), len(cheap), 0.5),
    )
    add("cheapest", f"are we cheaper than everyone on the {toaster}?", lowest_of_one(m, x))
    add("cheapest", "where do we have the best price?", cheapest_said)

    by_sku = index_by_sku(m)
    index_of = partial(said_index, m, by_sku)
    cat, by_cat = m.category_index(), metric_index(m, m.products["category"])
    add("index", "how do our prices index against competitors overall?", index_of())
    add("index", f"what's the price index on {y}?", index_of(y))
    add(
        "index",
        "Home category price index",
        lambda a, r: (
            "Home" in first(a)
            and (states(first(a), float(cat["Home"]), 0.15) or states(first(a), float(by_cat["Home"]), 0.15))
        ),
    )
    above = m.above()
    add(
        "index",
        "show me the top 5 SKUs by price index",
        lambda a, r: any(
            str(s) in first(a) or str(m.products["title"].get(s, s)) in first(a)
            for s in (above.index[0], by_sku.idxmax())
        ),
    )

    whatif = partial(what_if_said, m)
    add("whatif", f"what happens to volume if we increase the {kettle} price by 10 percent?", whatif(k, 10))
    add("whatif", f"if we bump {x} up 6%, how many units do we lose, give or take?", whatif(x, 6))
    add("whatif", f"predict unit sales after a 12% price cut on the {lamp_noun}", whatif(lamp, 12))
    add(
        "whatif",
        f"how price sensitive are buyers of the {toaster}?",
        lambda a, r: names(x)(a, r) and _ELASTIC.search(first(a)) is not None,
    )
    add("whatif", f"10% price rise on {y}: units impact and uncertainty", whatif(y, 10))
    return out
