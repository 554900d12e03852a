"""The twelfth review round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=20 .venv/bin/python bench/review_phrasings.py``. The topics of set 19 (products ranked by one
aspect's complaints, a complaint's trend "these days", raw v adjusted) in other words; truths from the generated
review rows the ingest accepted, products picked by the same rules.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings_17 import raw_and_adjusted
from bench.review_phrasings_19 import compared, ranked_by

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def twelfth_held_out(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the twelfth round's held-out set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, y = picks.mapped.sku, picks.top_markup.sku
    adjusted = partial(raw_and_adjusted, t)
    add("most", "which products get the most complaints about quality?", ranked_by(t, "quality"))
    add("most", "which SKU do customers complain about delivery the most?", ranked_by(t, "shipping"))
    add("most", "most complained-about item for packaging?", ranked_by(t, "packaging"))
    add("trend", "are people moaning more about delivery these days?", compared(r"shipping|delivery"))
    add("trend", "is packaging getting complained about less nowadays?", compared(r"packaging"))
    add("trend", "shipping complaints lately vs before?", compared(r"shipping|delivery"))
    add("typos", f"{y} raw vs adjusted?", adjusted(y))
    add("typos", f"adj v raw rating {x}", adjusted(x))
    return out
