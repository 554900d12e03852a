"""The nineteenth review round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=32 .venv/bin/python bench/review_phrasings.py``. The topics of set 31 (a weekly rating trend on
few reviews, this quarter's complaints, a brand by a short name, typos) in other words; truths from the generated
review rows the ingest accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings_29 import quarter_against_quarter
from bench.review_phrasings_31 import brand_rated, pooled_trend, quarter_top, sparse_pick, too_few

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def nineteenth_held_out(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the nineteenth round's held-out set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    falling = falling_pick(t.products, t.falling, picks.mapped)
    few = sparse_pick(t)

    add("sparse", f"how is {picks.solo.sku}'s rating trending week to week?", pooled_trend(t, picks.solo.sku))
    add("sparse", f"weekly average stars for the {picks.mapped.noun}", pooled_trend(t, picks.mapped.sku))
    add("sparse", f"show the rating for {few} per week", too_few(t, few))
    add("sparse", f"{falling.sku} star rating week by week", pooled_trend(t, falling.sku))
    add("quarter", "what are shoppers unhappy about this quarter?", quarter_top(t))
    add("quarter", "top gripes this quarter vs the last one", quarter_against_quarter(t))
    add("brand", "what do reviewers think of Acme overall?", brand_rated(t, "Acme Home"))
    add("brand", "Coastal range average rating", brand_rated(t, "Coastal"))
    add("brand", "how well rated is the Acme line?", brand_rated(t, "Acme Home"))
    add("typos", "top complaints this qtr", quarter_top(t))
    add("typos", "acme prods avg stars", brand_rated(t, "Acme Home"))
    return out
