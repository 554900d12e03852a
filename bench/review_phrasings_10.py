"""Held-out set of the seventh review round (written after its fixes, measured before any change made for it).

Run with ``BENCH_SET=10 .venv/bin/python bench/review_phrasings.py``. The styles of set 9 (review length beyond its
mean, possessive product names, an unquoted word to search, a period from an event, star counts in a period, the
latest negative reviews) in wordings no set uses.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_5 import count
from bench.review_phrasings_7 import mentions, said_count
from bench.review_phrasings_9 import _NEGATION, by_length, latest_first, words

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def tenth_set(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the seventh round's held-out set."""
    out, add = review_cases()
    first = first_sentence
    rv, end = t.rv, t.end
    picks = pick_products(t.products, t.rv)
    falling, lamp = falling_pick(t.products, t.falling, picks.mapped), picks.solo2
    x, noun = falling.sku, falling.noun
    yr = t.agent_year()
    w, wy = words(rv), words(yr)

    def names(sku: str, text: str) -> bool:
        return sku in text or t.title(sku) in text

    add("length", "how many reviews have fewer than 10 words?", said_count((int((w < 10).sum()), int((wy < 10).sum()))))
    add(
        "length",
        "what's the typical length of a review in words?",
        lambda a, r: (
            states(first(a), float(w.median()), 0.5)
            or states(first(a), float(w.mean()), 0.15)
            or states(first(a), float(wy.median()), 0.5)
            or states(first(a), float(wy.mean()), 0.15)
        ),
    )
    add(
        "length",
        "do short reviews give better ratings than long ones?",
        lambda a, r: by_length(rv)(a, r) or by_length(yr)(a, r),
    )
    add("length", "reviews with more than 40 words", said_count((int((w > 40).sum()), int((wy > 40).sum()))))
    xr = rv[rv["sku"] == x]
    add(
        "possessive",
        f"the {noun} {x}'s star rating",
        lambda a, r: (
            names(x, first(a))
            and (states(first(a), t.mean(xr), RTOL) or states(first(a), t.mean(xr[xr["date"] >= t.year_start]), RTOL))
        ),
    )
    add("possessive", f"the {lamp.noun}'s reviews", lambda a, r: lamp.noun in first(a).lower() or lamp.sku in first(a))
    add("possessive", "the hammock's reviews", lambda a, r: "hammock" in first(a).lower())
    add("mention", "how many reviews mention cracked", said_count((*mentions(rv, "cracked"), *mentions(yr, "cracked"))))
    add("mention", "reviews saying returned", said_count((*mentions(rv, "returned"), *mentions(yr, "returned"))))
    add("mention", "count reviews with the word flimsy", said_count((*mentions(rv, "flimsy"), *mentions(yr, "flimsy"))))
    apr = date(end.year if end.month >= 4 else end.year - 1, 4, 1)
    aug = date(end.year if end.month >= 8 else end.year - 1, 8, 1)
    add(
        "since",
        "average rating since we redesigned the packaging in April",
        lambda a, r: states(first(a), t.mean(t.window(apr)), RTOL),
    )
    add("since", "how many reviews since the relaunch in August?", count(len(t.window(aug))))
    add("since", "reviews since the 1st of October", count(len(t.window(date(aug.year, 10, 1)))))
    lm = t.window(*t.last_month())
    add("stars", "number of 2-star reviews last month", count(int((lm["rating"] == 2).sum())))
    ty = t.window(end.replace(month=1, day=1))
    add("stars", "how many 1 star reviews have we had this year?", count(int((ty["rating"] == 1).sum())))
    add(
        "stars",
        "breakdown of ratings last month",
        lambda a, r: all(states(a, int((lm["rating"] == s).sum()), 0.5) for s in (4, 5)),
    )
    negative = rv[rv["rating"] <= 2]
    add("latest", "which 1-star reviews came in most recently?", latest_first(rv[rv["rating"] == 1]))
    add("latest", "show the newest negative reviews", latest_first(negative))
    add("latest", f"what's the latest bad review of the {noun} {x}?", latest_first(negative[negative["sku"] == x]))
    add(
        "latest",
        "any negative reviews in the last 3 days?",
        lambda a, r: (
            states(first(a), len(t.window(end.fromordinal(end.toordinal() - 2), frame=negative)), 0.5)
            or (
                len(t.window(end.fromordinal(end.toordinal() - 2), frame=negative)) == 0
                and _NEGATION.search(first(a)) is not None
            )
        ),
    )
    return out
