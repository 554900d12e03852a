"""The twelfth review round's set (#18): the leftovers of the eleventh round.

Run with ``BENCH_SET=19 .venv/bin/python bench/review_phrasings.py``. Written and measured on the code before the
round's fixes: the products ranked by complaints about one aspect (named first, with a count), a complaint's trend
"these days" or "lately" (the recent window against the one before), and "raw v adjusted". Truths from the generated
review rows the ingest accepted; products picked from the stored catalogue by a rule.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import first_sentence
from bench.review_phrasings_13 import named
from bench.review_phrasings_17 import complained_most, raw_and_adjusted, trend

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_BEFORE = re.compile(r"before|earlier|previous|prior", re.I)
_COUNT = re.compile(r"\d")


def ranked_by(t: Truth, aspect: str) -> Check:
    """The first sentence names a product with the most complaints about ``aspect`` and counts them."""
    top = complained_most(t, aspect)
    return lambda a, r: (
        any(named(t, s)(first_sentence(a), r) for s in top) and _COUNT.search(first_sentence(a)) is not None
    )


def compared(words: str) -> Check:
    """The complaint's trend (:func:`trend`) set against the window before."""
    moved = trend(words)
    return lambda a, r: moved(a, r) and _BEFORE.search(first_sentence(a)) is not None


def twelfth_set(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the twelfth round's set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, k, lamp = picks.mapped.sku, picks.solo.sku, picks.solo2.sku
    toaster, kettle, lamp_noun = picks.mapped.name, picks.solo.noun, picks.solo2.noun
    adjusted = partial(raw_and_adjusted, t)

    # 1. products ranked by complaints about one aspect
    add("most", "which product has the most complaints about delivery?", ranked_by(t, "shipping"))
    add("most", "which item do people complain about packaging the most?", ranked_by(t, "packaging"))
    add("most", "what's the most complained-about product for quality?", ranked_by(t, "quality"))
    add("most", "which product do customers complain about shipping most?", ranked_by(t, "shipping"))
    add("most", "the product with the most packaging complaints", ranked_by(t, "packaging"))

    # 2. a complaint's trend "these days" / "lately": the recent window against the one before
    add("trend", "do people complain less about quality these days?", compared(r"quality"))
    add("trend", "are packaging complaints rising these days?", compared(r"packaging"))
    add("trend", "are customers complaining more about delivery lately?", compared(r"shipping|delivery"))
    add("trend", "quality complaints these days vs before?", compared(r"quality"))

    # 3. raw v adjusted
    add("typos", f"{kettle} raw v adjusted", adjusted(k))
    add("typos", f"raw v adjusted rating for the {toaster}", adjusted(x))
    add("typos", f"{lamp_noun} raw v adj", adjusted(lamp))
    return out
