"""The eighteenth review round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=30 .venv/bin/python bench/review_phrasings.py``. The topics of set 29 (a rating by week or by
quarter on a product's few reviews, complaints against last quarter, praise, a rating without spam, shipping
mentions, two products' sentiment, typos) in other words; truths from the generated review rows the ingest accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings_15 import mentioned, praise_said
from bench.review_phrasings_25 import better_of, pair_compared
from bench.review_phrasings_29 import quarter_against_quarter, trend_said, without_spam

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def eighteenth_held_out(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the eighteenth round's held-out set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, k, lamp = picks.mapped.sku, picks.solo.sku, picks.solo2.sku
    kettle, lamp_noun, toaster = picks.solo.noun, picks.solo2.noun, picks.mapped.name

    add("grain", f"rating trend for {x} by week", trend_said(t, x))
    add("grain", f"quarterly star rating for the {lamp_noun}", trend_said(t, lamp))
    add("quarter", "how do this quarter's complaints compare to last quarter's?", quarter_against_quarter(t))
    add("quarter", "complaints this quarter versus the previous quarter", quarter_against_quarter(t))
    add("praise", f"what do reviewers love about the {toaster}?", praise_said(t, x))
    add("praise", f"what are the positives customers mention for {k}?", praise_said(t, k))
    add("spam", f"{x} rating without spam reviews", without_spam(t, x))
    add("spam", f"what would the {lamp_noun}'s rating be without fake reviews?", without_spam(t, lamp))
    add("shipping", "which reviews mention delivery?", mentioned(t, "shipping"))
    add("pair", f"who has better reviews, {k} or {lamp}?", better_of(t, k, lamp))
    add("pair", f"sentiment for the {kettle} vs the {toaster}", pair_compared(t, k, x))
    add("typos", "complaints ths qtr vs last qtr", quarter_against_quarter(t))
    return out
