"""The eleventh pricing round's set (#18): cheaper than everyone, who undercuts us most, rivals out of stock on what
we sell, what-ifs with their interval, room to raise a price, typos and very short forms.

Run with ``BENCH_SET=21 .venv/bin/python bench/pricing_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the warehouse's competitor, sales and product rows; the products asked about are picked
from the stored catalogue by a rule (``bench/catalogue_picks.py``).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.pricing_phrasings_8 import named_by
from bench.pricing_phrasings_10 import _NO_COMPETITORS, NOCOMP, SHOP
from bench.pricing_phrasings_15 import lowest_of_one
from bench.pricing_phrasings_19 import _NEGATION, cheapest_skus, what_if_said
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth


def rival_out(m: Market, rival: str) -> Check:
    """Names ``rival`` and counts the products it is out of stock on (latest observation in the window), or says
    none."""
    oos = m.out_of_stock()
    n = int(oos.loc[oos["competitor"] == rival, "sku"].nunique())
    return lambda a, r: (
        rival in first_sentence(a)
        and (states(first_sentence(a), n, 0.5) if n else _NEGATION.search(first_sentence(a)) is not None)
    )


def room_to_raise(m: Market) -> Check:
    """The products priced more than 5% below the median competitor (room to raise): their count, or the one furthest
    below named."""
    below = m.below()
    return lambda a, r: (
        bool(len(below)) and (states(first_sentence(a), len(below), 0.5) or named_by(m, str(below.index[0]))(a, r))
    )


def where_cheapest(m: Market) -> Check:
    """The first sentence counts the products we are the cheapest on, or those below the market."""
    cheap, below = cheapest_skus(m), m.below()
    return lambda a, r: states(first_sentence(a), len(cheap), 0.5) or states(first_sentence(a), len(below), 0.5)


def eleventh_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the eleventh round's set."""
    out, add = pricing_cases(SHOP)
    first = first_sentence
    picks = market_picks(m.products, t.rv, m.window())
    k, x, y, lamp = picks.solo.sku, picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    kettle, toaster, lamp_noun = picks.solo.noun, picks.mapped.name, picks.solo2.noun

    # 1. cheaper than everyone
    cheap, cheapest_said = cheapest_skus(m), where_cheapest(m)
    add("cheapest", f"are we cheaper than everyone on the {kettle}?", lowest_of_one(m, k))
    add("cheapest", f"are we cheaper than everyone on {x}?", lowest_of_one(m, x))
    add("cheapest", "how many products do we beat every rival on?", lambda a, r: states(first(a), len(cheap), 0.5))
    add("cheapest", "where do we have the best price?", cheapest_said)
    add(
        "cheapest",
        "on how many items are we cheaper than all competitors?",
        lambda a, r: states(first(a), len(cheap), 0.5),
    )

    # 2. who undercuts us most often
    order = m.undercut_order()
    add("undercut", "which competitor undercuts us most often?", lambda a, r: first(a).startswith(order[0]))
    add("undercut", "who undercuts us the most?", lambda a, r: order[0] in first(a)[:60])
    add("undercut", "which rival is most often cheaper than us?", lambda a, r: order[0] in first(a)[:60])

    # 3. a rival out of stock on what we sell
    add("stock", "is MegaMart out of stock on anything we sell?", rival_out(m, "MegaMart"))
    add("stock", "is PrimeGoods out of stock on any of our products?", rival_out(m, "PrimeGoods"))
    add("stock", "is ShopRival out of stock on anything we sell?", rival_out(m, "ShopRival"))
    add(
        "stock",
        "is MegaMart out of stock on anything we sell?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )

    # 4. what-ifs with their interval
    whatif = partial(what_if_said, m)
    add("whatif", f"what happens to units if we raise the {kettle} by 5%?", whatif(k, 5))
    add("whatif", f"what happens to units if we raise {y} by 5%?", whatif(y, 5))
    add("whatif", f"what happens to units if we raise the {lamp_noun} by 5%?", whatif(lamp, 5))

    # 5. room to raise a price
    add("raise", "which products could take a price rise?", room_to_raise(m))
    add("raise", "where do we have room to put prices up?", room_to_raise(m))
    add(
        "raise",
        "which products could take a price rise?",
        lambda a, r: _NO_COMPETITORS.search(first(a)) is not None,
        NOCOMP,
    )

    # 6. typos and very short forms
    add("typos", f"r we cheapest on the {toaster}?", lowest_of_one(m, x))
    add("typos", "who undercuts us most", lambda a, r: order[0] in first(a)[:60])
    add("typos", "best price where?", cheapest_said)
    add("typos", "is megamart oos on anythng we sell", rival_out(m, "MegaMart"))
    add("typos", f"{kettle} +5% units?", whatif(k, 5))
    add("typos", "wich products cld take a price rise", room_to_raise(m))
    add("typos", "hw many products do we beat evry rival on", lambda a, r: states(first(a), len(cheap), 0.5))
    return out
