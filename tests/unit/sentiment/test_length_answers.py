"""``review_length``: review length beyond its mean, from the review texts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from shared.sentiment.length_answers import length_answer

FRAME = pd.DataFrame(
    {
        "date": pd.to_datetime(["2026-01-05", "2026-02-01", "2026-03-01", "2026-04-01"]),
        "rating": [5, 4, 2, 1],
        "text": ["great", "works well enough", "broke after a week of use", "it cracked and leaked all over the table"],
    }
)
START, END = date(2016, 1, 1), date(2026, 4, 30)


@pytest.mark.parametrize(
    ("ask", "words", "start"),
    [
        ("below", 4, "2 of 4 reviews between 2026-01-05 and 2026-04-30 (50%) are under 4 words (median 4.5 words)"),
        ("above", 5, "2 of 4 reviews between 2026-01-05 and 2026-04-30 (50%) are over 5 words"),
        ("median", None, "The median review length is 4.5 words over 4 reviews"),
        ("longest", None, "The longest review has 8 words and the shortest 1"),
        (
            "by_rating",
            None,
            "Longer reviews rate lower: the 2 reviews of 4.5 words or more average 1.50 stars against "
            "4.50 for the 2 shorter ones",
        ),
        ("by_stars", None, "Negative reviews (1-2 stars) are longer: 7 words on average against 2 for positive ones"),
    ],
)
def test_each_length_figure_is_said_over_the_reviews_read(ask: str, words: int | None, start: str) -> None:
    out = length_answer(FRAME, ask, words, start=START, end=END)  # type: ignore[arg-type]
    assert out.text.startswith(start), out.text


def test_the_reviews_of_some_stars_are_measured_as_such() -> None:
    out = length_answer(FRAME[FRAME["rating"] == 1], "mean", None, start=START, end=END, stars=(1,))
    assert out.text == "1-star reviews between 2026-04-01 and 2026-04-30 average 8 words (1 reviews)."
