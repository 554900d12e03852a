"""A rating trend by week (or day) on few reviews: pooled by month, or too few to tell (#18).

A product with a review or two a week makes a weekly trend of single reviews: "fallen from 2.50 (the week of 29 Jun)
to 1.00 (the week of 20 Jul - the week of 19 Oct)" reads a direction out of a handful of stars. When the weeks hold
fewer than :data:`MIN_PER_BUCKET` reviews each on average, the weeks are pooled into calendar months (each month the
average of its reviews) and the answer says so; with fewer than :data:`MIN_REVIEWS` reviews in all, it says there are
too few to tell which way the rating is going.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from shared import regex as re

#: Fewer reviews than this in the whole period: too few to tell a direction.
MIN_REVIEWS = 6
#: Fewer reviews than this a week (or a day), on average over the weeks asked: the weeks are pooled by month.
MIN_PER_BUCKET = 2.0


def review_total(rows: Sequence[Mapping[str, Any]]) -> int | None:
    """The reviews the rows hold (``review_count``), or ``None`` when a row lacks its count."""
    counts = [r.get("review_count") for r in rows]
    if not rows or not all(isinstance(n, int | float) for n in counts):
        return None
    return int(sum(float(n) for n in counts if isinstance(n, int | float)))


def too_sparse(rows: Sequence[Mapping[str, Any]], buckets: int) -> bool:
    """Whether ``rows`` hold fewer than :data:`MIN_PER_BUCKET` reviews per bucket of the ``buckets`` asked.

    ``rows`` are the buckets holding a rating; the empty ones count as asked.
    """
    total = review_total(rows)
    return total is not None and buckets > 0 and total / buckets < MIN_PER_BUCKET


def pooled_by_month(rows: Sequence[Mapping[str, Any]], metric: str) -> list[dict[str, Any]]:
    """The rows pooled into calendar months, oldest first: each month's average over its reviews and its count."""
    months: dict[date, list[float]] = {}
    for r in rows:
        day, value, n = r.get("date"), r.get(metric), r.get("review_count")
        if not isinstance(day, date) or not isinstance(value, int | float) or not isinstance(n, int | float):
            continue
        total = months.setdefault(day.replace(day=1), [0.0, 0.0])
        total[0] += float(value) * float(n)
        total[1] += float(n)
    return [{"date": m, metric: s / n, "review_count": int(n)} for m, (s, n) in sorted(months.items()) if n > 0]


#: A rating asked "week-on-week", "week to week", "WoW": its weekly trend (pooled when the weeks are thin), not last
#: week against the week before, which on a product's few reviews sets one or two reviews against one or two.
_WEEK_ON_WEEK = re.compile(r"\bweek[-\s]+(?:on|to|over)[-\s]+week\b|\bw-?o-?w\b", re.I)
_RATING = re.compile(r"\b(?:ratings?|rated|stars?|review\s+scores?)\b", re.I)


def rating_week_on_week(text: str) -> str:
    """``text`` with a rating's "week-on-week" read as "by week" (a sales figure's stays a comparison)."""
    return _WEEK_ON_WEEK.sub("by week", text) if _RATING.search(text) else text
