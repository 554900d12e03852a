"""A rating asked "since launch": from the first review on, and which way it went first (#18).

"Rating trend for X since launch", "how has X's rating changed since it launched?", "has X been rated worse since
it came out?" ask how the rating moved over the product's whole life. The data hold no launch date, so the first
review stands for it (its reviews start there, whatever the catalogue's first review): the reader reads the rating
by month from the reviews' first day (no month trimmed away, :data:`SINCE_LAUNCH_LABEL`), and the answer leads with
the direction (:func:`rating_direction`): risen, fallen or held steady, from the average of its first months to the
average of its latest ones, then the monthly highs and lows.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shared import regex as re

#: The label of the period read: the answer names it from the first month that holds a review.
SINCE_LAUNCH_LABEL = "since the first review"
#: "since launch", "since its release", "since it came out", "since the kettle was launched", "since day one",
#: "than when it launched", "at launch".
_SINCE_LAUNCH = re.compile(
    r"\b(?:since|from|at)\s+(?:(?:its|the|their|our)\s+)?(?:launch|release|debut|introduction|first\s+listing)\b|"
    # "since the kettle came out", "rated lower now than when it launched"
    r"\b(?:since|when)\s+(?:[\w'-]+\s+){1,6}?(?:first\s+)?(?:launched|came\s+out|debuted|arrived|went\s+(?:on\s+sale|live)|"
    r"(?:was|were|got)\s+(?:first\s+)?(?:launched|released|introduced|listed))\b|"
    r"\b(?:since|from)\s+day\s+(?:one|1)\b|\bsince\s+(?:we|i)\s+(?:started\s+selling|began\s+selling)\b",
    re.I,
)
#: A question about the rating (not "sales since launch", which the sales grammar reads).
_RATING_WORDS = re.compile(r"\b(?:ratings?|rated|stars?|reviews?|reviewed|sentiment|scores?)\b", re.I)
#: How far apart (in stars) the first and the latest months' averages must be for the rating to have moved.
STEADY_STARS = 0.2


def asks_since_launch(question: str) -> bool:
    """Whether ``question`` asks about the rating over a product's (or the shop's) whole life since launch."""
    return bool(_SINCE_LAUNCH.search(question)) and bool(_RATING_WORDS.search(question))


def _counts(rows: Sequence[Mapping[str, Any]]) -> list[float] | None:
    """Each row's review count, or ``None`` when a row lacks one (the months then weigh alike)."""
    counts = [r.get("review_count") for r in rows]
    return (
        [float(n) for n in counts if isinstance(n, int | float) and n > 0]
        if all(isinstance(n, int | float) and n > 0 for n in counts)
        else None
    )


def _weighted(rows: Sequence[Mapping[str, Any]], metric: str) -> float:
    """The rows' average rating over their reviews (``review_count``), or of the rows when a count is missing."""
    counts = _counts(rows)
    if counts is None:
        return sum(float(r[metric]) for r in rows) / len(rows)
    return sum(float(r[metric]) * n for r, n in zip(rows, counts, strict=True)) / sum(counts)


def _third(rows: Sequence[Mapping[str, Any]]) -> int:
    """How many of ``rows`` (from the start) hold a third of the reviews (a third of the rows without counts)."""
    counts = _counts(rows)
    if counts is None:
        return max(1, len(rows) // 3)
    total, seen = sum(counts), 0.0
    for i, n in enumerate(counts, start=1):
        seen += n
        if seen * 3 >= total:
            return min(i, max(1, len(rows) // 2))
    return 1


def rating_direction(
    valued: Sequence[Mapping[str, Any]],
    metric: str,
    value: Callable[[Mapping[str, Any]], str],
    name: Callable[[Mapping[str, Any]], str],
) -> tuple[str, str]:
    """(the direction's verb, its from/to) over ``valued`` months, oldest first (two at least).

    The months holding the first third of the reviews are set against those holding the latest third (a month of
    one review weighs one review: a lone 1-star month is no trend), each side the average of its reviews: "fallen",
    "from 3.64 out of 5 (Jan 2025 - Aug 2025) to 2.91 out of 5 (Dec 2025 - Oct 2026)". Without review counts,
    the first and the latest third of the months, each month alike.
    """
    early, late = valued[: _third(valued)], valued[len(valued) - _third(list(reversed(valued))) :]
    a, b = _weighted(early, metric), _weighted(late, metric)
    verb = "risen" if b - a >= STEADY_STARS else "fallen" if a - b >= STEADY_STARS else "held steady"

    def span(rows: Sequence[Mapping[str, Any]]) -> str:
        return name(rows[0]) if len(rows) == 1 else f"{name(rows[0])} - {name(rows[-1])}"

    counted = _counts(valued) is not None
    basis = "each side the average of its reviews" if counted else "each side the average of its months' ratings"
    return verb, f"from {value({metric: a})} ({span(early)}) to {value({metric: b})} ({span(late)}), {basis}"
