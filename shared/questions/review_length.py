"""Review length asked beyond its mean: which figure, and the word count a band names.

"Reviews under 20 words", "longer than 30 words", "median review length", "the longest review", "do longer reviews
rate lower?", "are negative reviews longer than positive ones?", "average length of 1-star reviews". The plain
average ("average review length", "words per review") stays the metrics layer's ``review_words``. The sentiment agent
answers the others from the review texts (``review_length``, ``shared/sentiment/length_answers.py``).
"""

from __future__ import annotations

from shared import regex as re
from shared.questions.reviews import star_levels

_REVIEW = re.compile(r"\breviews?\b", re.I)
_BELOW = re.compile(r"\b(?:under|fewer than|less than|below|shorter than|at most)\s+(\d{1,4})\s+words?\b", re.I)
_ABOVE = re.compile(r"\b(?:over|more than|longer than|above|at least)\s+(\d{1,4})\s+words?\b", re.I)
_MEDIAN = re.compile(
    r"\b(?:median|typical)\s+(?:review\s+)?(?:length|number of words|word count)\b|"
    r"\btypical length of an? review\b",
    re.I,
)
_LONGEST = re.compile(r"\b(?:longest|shortest)\s+reviews?\b", re.I)
_BY_RATING = re.compile(
    r"\b(?:longer|shorter|long|short)\s+reviews?\s+(?:rate|give|score|get|have)\w*\b|"
    r"\b(?:rating|stars?)\s+by\s+(?:review\s+)?length\b|\blength\s+(?:vs\.?|versus|and)\s+rating",
    re.I,
)
_BY_STARS = re.compile(
    r"\b(?:negative|positive|bad|good|critical)\s+reviews?\s+(?:are\s+|get\s+)?(?:longer|shorter)\b", re.I
)
_LENGTH = re.compile(r"\b(?:length|long|words?)\b", re.I)


def read_review_length(question: str) -> tuple[str, int | None] | None:
    """``(ask, words)`` of a review-length question beyond the plain average, else ``None``."""
    if not _REVIEW.search(question):
        return None
    if m := _BELOW.search(question):
        return "below", int(m.group(1))
    if m := _ABOVE.search(question):
        return "above", int(m.group(1))
    for ask, rx in (("median", _MEDIAN), ("longest", _LONGEST), ("by_rating", _BY_RATING), ("by_stars", _BY_STARS)):
        if rx.search(question):
            return ask, None
    if star_levels(question) is not None and re.search(r"\blength\b", question, re.I) and _LENGTH.search(question):
        return "mean", None  # "average length of 1-star reviews": the words of those reviews
    return None
