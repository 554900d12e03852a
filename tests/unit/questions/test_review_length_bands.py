"""Review length beyond its mean is read as the sentiment agent's ``review_length``; the plain average is not."""

from __future__ import annotations

import pytest

from shared.questions.reading import read_question
from shared.questions.review_length import read_review_length
from tests.unit.questions.test_tenth_phrasings import sample_like_store
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("reviews under 20 words", ("below", 20)),
        ("how many reviews are longer than 30 words?", ("above", 30)),
        ("median review length", ("median", None)),
        ("how long is the longest review?", ("longest", None)),
        ("do longer reviews rate lower?", ("by_rating", None)),
        ("average rating by review length", ("by_rating", None)),
        ("are negative reviews longer than positive ones?", ("by_stars", None)),
        ("average length of 1-star reviews", ("mean", None)),
    ],
)
def test_review_length_beyond_the_mean(question: str, read: tuple[str, int | None]) -> None:
    assert read_review_length(question) == read
    r = read_question(question, tenant_id="t", index=sample_like_store(), extents=DEC_EXTENTS)
    assert r.kind == "agent" and r.review_ask == "review_length", r
    assert (r.review_length, r.review_length_words) == read


@pytest.mark.parametrize(
    "question",
    ["what's the average review length?", "average words per review", "how many orders have more than 3 items?"],
)
def test_the_plain_average_and_other_counts_are_not_review_length(question: str) -> None:
    assert read_review_length(question) is None
