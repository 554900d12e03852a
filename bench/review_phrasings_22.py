"""The thirteenth review round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=22 .venv/bin/python bench/review_phrasings.py``. The topics of set 21 (ties in a complaint
ranking, passive trends, what people love, this month's complaint against last month's, the spam filter and a
product's rating, reviews per star, reviews mentioning an aspect) in other words; truths from the generated review
rows the ingest accepted, products picked by the same rules.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings_15 import mentioned, praise_said
from bench.review_phrasings_17 import raw_and_adjusted
from bench.review_phrasings_19 import compared
from bench.review_phrasings_21 import month_against_month, per_star, ranked_with_ties, rating_moved

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def thirteenth_held_out(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the thirteenth round's held-out set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, y, k = picks.mapped.sku, picks.top_markup.sku, picks.solo.sku
    toaster, kettle = picks.mapped.name, picks.solo.noun
    adjusted = partial(raw_and_adjusted, t)
    add("tied", "which product gets the most packaging complaints?", ranked_with_ties(t, "packaging"))
    add("tied", "product with the most complaints about shipping?", ranked_with_ties(t, "shipping"))
    add("passive", "have our reviews been getting worse?", rating_moved(t))
    add("passive", "has our rating been dropping?", rating_moved(t))
    add("passive", "is quality being complained about more these days?", compared(r"quality"))
    add("love", f"what do shoppers love about {y}?", praise_said(t, y))
    add("months", "biggest complaint this month vs last month?", month_against_month(t))
    add("spam", f"is spam changing the {toaster}'s rating?", adjusted(x))
    add("spam", f"does the spam filter affect {k}'s rating?", adjusted(k))
    add("stars", f"{kettle} star breakdown", per_star(t, k))
    add("stars", f"how many 1, 2, 3, 4 and 5 star reviews does {x} have?", per_star(t, x))
    add("mention", "how many reviews talk about shipping?", mentioned(t, "shipping"))
    return out
