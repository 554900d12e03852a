"""The fifteenth review round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=24 .venv/bin/python bench/review_phrasings.py``. The topics of set 23 (reviews by star rating,
period and product, what people love, the spam filter holding back good reviews, quarter against quarter, a falling
rating's cause, complaints, typos) in other words; truths from the generated review rows the ingest accepted,
products picked by the same rules.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import _star_theme
from bench.review_phrasings_15 import praise_said
from bench.review_phrasings_17 import falling_why
from bench.review_phrasings_23 import complaints_of, month_mean, product_mean, quarters, spam_good, stars_counted

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def fifteenth_held_out(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the fifteenth round's held-out set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, y, k, lamp = picks.mapped.sku, picks.top_markup.sku, picks.solo.sku, picks.solo2.sku
    kettle, lamp_noun = picks.solo.noun, picks.solo2.noun
    falling = falling_pick(t.products, t.falling, picks.mapped)
    loved = partial(praise_said, t)
    last_start, last_end = t.last_month()
    prev_month = (t.end.replace(day=1) - timedelta(days=1)).replace(day=1)
    month_frames = [
        t.window(last_start, last_end),
        t.window(t.end - timedelta(days=29)),
        t.window(prev_month, t.end.replace(day=1) - timedelta(days=1)),
    ]

    add("stars", f"what are 2-star reviewers saying about {x}?", _star_theme(t, (2,), x))
    add("stars", "how many 1 star reviews came in last month?", stars_counted(t, (1,), month_frames))
    add("period", "avg rating this quarter compared to the previous quarter", quarters(t))
    add("period", f"what was our average rating in {prev_month.strftime('%B')}?", month_mean(t, prev_month))
    add("product", f"{y} average stars?", product_mean(t, y))
    add("love", f"what do reviewers like best about the {lamp_noun}?", loved(lamp))
    add("love", f"what do fans of the {kettle} love?", loved(k))
    add("spam", "does the spam filter remove any 5-star reviews?", spam_good(t))
    add("spam", "are we losing good reviews to the spam filter?", spam_good(t))
    add("falling", f"what's hurting the {falling.title}'s ratings?", falling_why(t, falling.sku))
    add("falling", f"why is {falling.sku} getting worse reviews?", falling_why(t, falling.sku))
    add("typos", "rating this qtr vs last qtr", quarters(t))
    add("complaints", f"biggest gripes about {y}?", complaints_of(t, y))
    return out
