"""The sixteenth review round's set (#18): shipping damage, a rating's trend since launch, what 1-star reviews say,
two products' reviews compared, typos.

Run with ``BENCH_SET=25 .venv/bin/python bench/review_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the generated review rows the ingest accepted; products picked by rule
(``bench/catalogue_picks.py``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, _star_theme, first_sentence, states
from bench.review_phrasings_11 import word_forms
from bench.review_phrasings_13 import named
from bench.review_phrasings_17 import _FALL

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_DAMAGE = re.compile(r"damag", re.I)


def damage_said(t: Truth) -> Check:
    """Speaks of damage and counts the reviews holding "damaged" (the generator's "Box arrived damaged."): all
    reviews or the agent's year, within 10%."""
    ns = (word_forms(t.rv, "damaged"), word_forms(t.agent_year(), "damaged"))
    return lambda a, r: (
        _DAMAGE.search(first_sentence(a)) is not None
        and any(states(first_sentence(a), n, max(2.0, 0.1 * n)) for n in ns)
    )


def means_of(t: Truth, sku: str) -> tuple[float, float]:
    """``sku``'s mean rating over all its reviews and over the agent's year."""
    rv, yr = t.rv, t.agent_year()
    return t.mean(rv[rv["sku"] == sku]), t.mean(yr[yr["sku"] == sku])


def pair_compared(t: Truth, one: str, two: str) -> Check:
    """Names both products and states both mean ratings (over one and the same span: all reviews or the year)."""
    a_means, b_means = means_of(t, one), means_of(t, two)

    def check(a: str, r: object) -> bool:
        both = named(t, one)(a, r) and named(t, two)(a, r)
        return both and any(
            states(first_sentence(a), a_means[i], RTOL) and states(first_sentence(a), b_means[i], RTOL) for i in (0, 1)
        )

    return check


def better_of(t: Truth, one: str, two: str) -> Check:
    """Names the product with the higher mean rating (all reviews or the year) and states its mean."""
    a_means, b_means = means_of(t, one), means_of(t, two)

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        for i in (0, 1):
            best, value = (one, a_means[i]) if a_means[i] >= b_means[i] else (two, b_means[i])
            if named(t, best)(a, r) and states(f, value, RTOL):
                return True
        return False

    return check


def star_theme(t: Truth, levels: tuple[int, ...], sku: str) -> Check:
    """What reviews of those stars say about ``sku`` (``_star_theme``); when it has none in the agent's year, the
    first sentence names it and says there are none (a check corrected before any fix: the base code's "There are no
    one-star reviews of ELE-0010 ..." was right)."""
    yr = t.agent_year()
    if int(yr[yr["sku"] == sku]["rating"].isin(levels).sum()):
        return _star_theme(t, levels, sku)
    return lambda a, r: named(t, sku)(a, r) and re.search(r"\bno\b|\bnone\b", first_sentence(a), re.I) is not None


def since_launch(t: Truth, sku: str) -> Check:
    """Names the falling product, says its rating fell, and dates or counts from its first review (any figure)."""
    return lambda a, r: named(t, sku)(a, r) and _FALL.search(first_sentence(a)) is not None


def sixteenth_set(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the sixteenth round's set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, y, k, lamp = picks.mapped.sku, picks.top_markup.sku, picks.solo.sku, picks.solo2.sku
    kettle, toaster, lamp_noun = picks.solo.noun, picks.mapped.name, picks.solo2.noun
    falling = falling_pick(t.products, t.falling, picks.mapped)

    # 1. shipping damage
    add("damage", "which reviews mention shipping damage?", damage_said(t))
    add("damage", "how many customers said their order arrived damaged?", damage_said(t))
    add("damage", "any reviews about items damaged in transit?", damage_said(t))
    add("damage", "reviews complaining about damaged boxes", damage_said(t))

    # 2. a rating's trend since launch
    add("launch", f"rating trend for {falling.sku} since launch", since_launch(t, falling.sku))
    add("launch", f"how has the {falling.title}'s rating changed since it launched?", since_launch(t, falling.sku))
    add("launch", f"has {falling.sku} been rated worse since it came out?", since_launch(t, falling.sku))

    # 3. what the 1-star reviews say
    add("one star", f"what do 1-star reviews say about {x}?", star_theme(t, (1,), x))
    add("one star", f"what are the one-star reviewers of the {kettle} complaining about?", star_theme(t, (1,), k))
    add("one star", f"summarise the 1 star reviews for {y}", star_theme(t, (1,), y))
    add("one star", f"what do people who gave the {lamp_noun} one star say?", star_theme(t, (1,), lamp))

    # 4. two products' reviews compared
    add("pair", f"compare the reviews of {x} and {y}", pair_compared(t, x, y))
    add("pair", f"how do reviews for the {kettle} stack up against the {lamp_noun}?", pair_compared(t, k, lamp))
    add("pair", f"which is better reviewed, the {toaster} or the {kettle}?", better_of(t, x, k))
    add("pair", f"{y} vs {lamp}: which do customers rate higher?", better_of(t, y, lamp))
    add("pair", f"ratings of {x} versus {k}", pair_compared(t, x, k))

    # 5. typos and casual wording
    add("typos", "revews mentioning shiping damage", damage_said(t))
    add("typos", f"wat do 1 star revews say abt {x}", star_theme(t, (1,), x))
    add("typos", f"{falling.sku} ratng trend since lanch", since_launch(t, falling.sku))
    add("typos", f"compair reviews {k} vs {lamp}", pair_compared(t, k, lamp))
    return out
