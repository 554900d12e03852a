"""The sixteenth review round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=26 .venv/bin/python bench/review_phrasings.py``. The topics of set 25 (shipping damage, a
rating's trend since launch, what 1-star reviews say, two products' reviews compared) in other words; truths from
the generated review rows the ingest accepted, products picked by the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings_25 import better_of, damage_said, pair_compared, since_launch, star_theme

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def sixteenth_held_out(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the sixteenth round's held-out set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, y, k, lamp = picks.mapped.sku, picks.top_markup.sku, picks.solo.sku, picks.solo2.sku
    kettle, toaster, lamp_noun = picks.solo.noun, picks.mapped.name, picks.solo2.noun
    falling = falling_pick(t.products, t.falling, picks.mapped)

    add("damage", "do any reviews say the product came damaged?", damage_said(t))
    add("damage", "count of reviews about damaged deliveries", damage_said(t))
    add("damage", "what are customers saying about damaged parcels?", damage_said(t))
    add("launch", f"how have ratings for {falling.sku} trended since it was released?", since_launch(t, falling.sku))
    add("launch", f"is {falling.sku} rated lower now than when it launched?", since_launch(t, falling.sku))
    add("one star", f"main themes in one-star reviews of the {kettle}?", star_theme(t, (1,), k))
    add("one star", f"1* reviews for {y}: what's the problem?", star_theme(t, (1,), y))
    add("pair", f"{toaster} vs {lamp_noun}: how do their reviews compare?", pair_compared(t, x, lamp))
    add("pair", f"do customers rate {y} better than {k}?", better_of(t, y, k))
    add("pair", f"which has the better rating, {x} or {y}?", better_of(t, x, y))
    add("pair", f"how do the ratings of the {kettle} measure up against {x}?", pair_compared(t, k, x))
    add("typos", "any revews saying it arived damaged?", damage_said(t))
    return out
