"""The seventeenth review round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=28 .venv/bin/python bench/review_phrasings.py``. The topics of set 27 (the top complaint this
month, the most 1-star reviews lately, size and fit, replies, channels, fake reviews, a rating since launch, damage
words that are no product) in other words; truths from the generated review rows the ingest accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings_15 import mentioned
from bench.review_phrasings_25 import damage_said
from bench.review_phrasings_27 import (
    by_channel,
    complaint_of_month,
    direction_since_launch,
    most_one_star,
    no_replies,
    searched_all,
    spam_said,
)

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def seventeenth_held_out(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the seventeenth round's held-out set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    falling = falling_pick(t.products, t.falling, picks.mapped)

    add("month", "what's the most common complaint this month?", complaint_of_month(t))
    add("month", "top issue customers raised in reviews this month", complaint_of_month(t))
    add("one star", "which products got the most 1-star reviews in the last 90 days?", most_one_star(t, 90))
    add("size", "how many reviews say the fit is off?", mentioned(t, "size"))
    add("size", "does the sizing run large according to reviews?", mentioned(t, "size"))
    add("reply", "do we reply to reviews?", no_replies)
    add("channel", "average rating per channel", by_channel(t))
    add("channel", "is sentiment worse on amazon than on web?", by_channel(t))
    add("fake", "are there fake reviews on our products?", spam_said)
    add("launch", f"has {falling.sku}'s rating gone down since launch?", direction_since_launch(t, falling.sku))
    add("damage", "reviews mentioning smashed parcels", searched_all(damage_said(t)))
    add("typos", "raitngs by chanel", by_channel(t))
    return out
