"""The eleventh pricing round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=22 .venv/bin/python bench/pricing_phrasings.py``. The topics of set 21 (cheaper than everyone,
who undercuts us most, a rival out of stock on what we sell, what-ifs with their interval, room to raise a price,
typos and very short forms) in other words; truths from the warehouse rows, products picked from the stored
catalogue by a rule (``bench/catalogue_picks.py``).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_10 import _NO_COMPETITORS, NOCOMP, SHOP
from bench.pricing_phrasings_15 import lowest_of_one
from bench.pricing_phrasings_19 import cheapest_skus, what_if_said
from bench.pricing_phrasings_21 import rival_out, room_to_raise, where_cheapest
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def eleventh_held_out(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:
    """(group, tenant, question, check) of the eleventh round's held-out set."""
    out, add = pricing_cases(SHOP)
    first = first_sentence
    picks = market_picks(m.products, t.rv, m.window())
    k, x, y, lamp = picks.solo.sku, picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    kettle, toaster, lamp_noun = picks.solo.noun, picks.mapped.name, picks.solo2.noun
    cheap, cheapest_said = cheapest_skus(m), where_cheapest(m)
    count_cheap: Check = lambda a, r: states(first(a), len(cheap), 0.5)  # noqa: E731 - the count of the cheapest
    order = m.undercut_order()
    whatif = partial(what_if_said, m)

    add("cheapest", f"is our {lamp_noun} cheaper than every competitor's?", lowest_of_one(m, lamp))
    add("cheapest", f"do we undercut everybody on the {toaster}?", lowest_of_one(m, x))
    add("cheapest", "number of SKUs where we're cheaper than all the rivals", count_cheap)
    add("cheapest", "where do we offer the lowest price?", cheapest_said)
    add("undercut", "which rival undercuts us the most often?", lambda a, r: order[0] in first(a)[:60])
    add("undercut", "who's most often cheaper than we are?", lambda a, r: order[0] in first(a)[:60])
    add("stock", "has BargainBarn run out of any of our products?", rival_out(m, "BargainBarn"))
    add("stock", "anything we sell that PrimeGoods has out of stock?", rival_out(m, "PrimeGoods"))
    add("whatif", f"if the {lamp_noun} goes up 5%, what happens to units sold?", whatif(lamp, 5))
    add("whatif", f"units if we lift {y} by 5 percent?", whatif(y, 5))
    add("raise", "what could we put the price up on?", room_to_raise(m))
    add("raise", "which SKUs have room for a price increase?", room_to_raise(m))
    add("typos", f"r we cheapr than evry1 on the {kettle}", lowest_of_one(m, k))
    add("typos", f"{x} +5% units?", whatif(x, 5))
    add("typos", "hw many skus r we cheapest on", count_cheap)
    add("typos", "who undrcuts us most oftn", lambda a, r: order[0] in first(a)[:60])
    add(
        "typos",
        "r we cheaper than evry rival anywhere?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )
    return out
