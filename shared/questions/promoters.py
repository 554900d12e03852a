"""Promoters against detractors in one answer, from the reviews' stars (#18).

"Promoters vs detractors", "how many promoters and detractors", "promoters minus detractors": the review set has
no 0-10 survey, so the net-promoter words are read from the stars (as :mod:`shared.questions.review_idioms` reads
each word alone): promoters are the 5-star reviews, detractors the 1-2 star ones. Asked together they are one
answer: both counts, both shares of the rated reviews and their difference in points (the NPS-style figure, said
to be from stars). The reader asks for the star breakdown; :func:`promoters_lead` opens its answer. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from shared import regex as re

_PROMOTERS = r"promoters?(?!\s+score)"
_DETRACTORS = r"detractors?"
_BETWEEN = r"\s+(?:vs\.?|versus|and|or|against|compared\s+(?:to|with)|minus|less|to|v\.?|[-/&])\s+(?:the\s+)?"
#: Promoters and detractors asked together, in either order ("promoters vs detractors", "detractors and promoters").
BOTH = re.compile(rf"(?<!\bnet )\b(?:{_PROMOTERS}{_BETWEEN}{_DETRACTORS}|{_DETRACTORS}{_BETWEEN}{_PROMOTERS})\b",
                  re.I)


def asks_promoters_and_detractors(question: str) -> bool:
    """Whether ``question`` asks for promoters and detractors together."""
    return BOTH.search(question) is not None


def promoters_lead(question: str, rows: Sequence[Mapping[str, Any]], when: str) -> str | None:
    """"Promoters (5-star reviews) ...: 288 (36.5% of the 789 rated); detractors ...; difference +27.0 points. ".

    ``rows`` are the reviews counted per star level (``stars``: "5 stars" ... "1 star", "no rating";
    ``review_count``). ``None`` when the question does not ask for both or no review has a rating.
    """
    if not asks_promoters_and_detractors(question):
        return None
    counts = {str(r.get("stars")): int(r.get("review_count") or 0) for r in rows}
    rated = sum(n for level, n in counts.items() if level != "no rating")
    if rated <= 0:
        return None
    promoters = counts.get("5 stars", 0)
    detractors = counts.get("1 star", 0) + counts.get("2 stars", 0)
    diff = 100.0 * (promoters - detractors) / rated
    return (f"Promoters (5-star reviews) {when}: {promoters:,} ({100.0 * promoters / rated:.1f}% of the {rated:,} "
            f"rated reviews); detractors (1-2 stars): {detractors:,} ({100.0 * detractors / rated:.1f}%); promoters "
            f"minus detractors: {diff:+.1f} points (an NPS-style figure from stars; a real NPS needs a 0-10 "
            "survey). ")
