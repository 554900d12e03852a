"""The held-out set of the third review round (#18), written after the fixes of ``bench/review_phrasings_3.py``.

Run with ``BENCH_SET=4 .venv/bin/python bench/review_phrasings.py``. Same merchant and truths; the styles of set 3
(aspects, volume and replies, star counts, quotes, "what do people love", phone typing, numbers in words,
thresholds, negations, two named products, brands, what the data lacks) in wordings none of the sets use, measured
once before any change.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import review_pair
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, listed, states

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)


def fourth_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the held-out set."""
    out, add = review_cases()
    first = first_sentence

    rv, end = t.rv, t.end
    x, y = review_pair(t.products, t.rv, t.falling)
    tx, ty = t.title(x), t.title(y)
    lm = t.window(*t.last_month())
    this_year = t.window(date(end.year, 1, 1))
    l60 = t.window(end - timedelta(days=59))
    brand = rv.dropna(subset=["rating"]).groupby("brand")["rating"].mean()
    mx, my = t.mean(rv[rv["sku"] == x]), t.mean(rv[rv["sku"] == y])

    add("reviews", "what do reviewers say about how our apparel fits?", lambda a, r: re.search(
        r"size|fit", first(a), re.I) is not None)
    add("reviews", "does anyone complain that it smells?", lambda a, r: "smell" in first(a).lower())
    add("reviews", "how do people rate the flavour?", lambda a, r: re.search(r"flavou?r|taste", first(a), re.I)
        is not None and _NEGATION.search(first(a)) is not None)
    add("reviews", "are the assembly instructions a problem in reviews?", lambda a, r: re.search(
        r"instruction|ease of use|assembl", first(a), re.I) is not None)
    add("reviews", "do reviews say things break after a few months?", lambda a, r: re.search(
        r"durab|quality|break|broke", first(a), re.I) is not None)
    add("reviews", "how many 1 star reviews in the past sixty days", lambda a, r: states(
        first(a), int((l60["rating"] == 1).sum()), 0.5))
    add("reviews", "reviews that weren't five stars last month", lambda a, r: states(
        first(a), int((lm["rating"] < 5).sum()), 0.5))
    add("reviews", "what % of our reviews did we answer?", lambda a, r: re.search(r"repl|respon|answer", first(a),
                                                                                   re.I) is not None
        and _NEGATION.search(first(a)) is not None)
    add("reviews", "read me our newest negative review", lambda a, r: bool(listed(r)))
    add("reviews", f"what's the best thing customers say about the {ty}?", lambda a, r: y in first(a)
        or ty in first(a))
    add("reviews", f"which one do buyers like better, the {tx} or the {ty}?", lambda a, r: states(a, mx, RTOL)
        and states(a, my, RTOL))
    add("reviews", "Kestrel vs Northwind - whose reviews are better?", lambda a, r: states(
        a, float(brand["Kestrel"]), RTOL) and states(a, float(brand["Northwind"]), RTOL))
    add("reviews", "products averaging less than four stars", lambda a, r: "product" in first(a)
        and re.search(r"4\.00|four|4 stars", first(a)) is not None)
    add("reviews", "hw many revs with 2 stars or less this yr", lambda a, r: states(
        first(a), int((this_year["rating"] <= 2).sum()), 0.5))
    add("reviews", "which product gets reviewed the most?", lambda a, r: str(
        rv.groupby("sku").size().sort_values(ascending=False).index[0]) in first(a))
    add("reviews", "how many reviews include a video?", lambda a, r: _NEGATION.search(first(a)) is not None)
    add("reviews", f"why do people give the {tx} low ratings?", lambda a, r: x in first(a))
    add("reviews", "what do customers love most about Kitchen products?", lambda a, r: "Kitchen" in first(a))
    add("reviews", "is our star rating slipping?", lambda a, r: "90 days" in a)
    add("reviews", "how many reviews mention noise?", lambda a, r: "noise" in first(a).lower())
    return out
