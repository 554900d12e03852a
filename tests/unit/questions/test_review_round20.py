"""Readings of the twentieth review round (#18): a chat-style "-in" for "-ing" ("droppin"), a complaint that eases
("easing off", "got better", "dying down") read as its trend, and the "average star" of a period as its mean rating."""

from __future__ import annotations

import pytest

from shared.questions.reviews import read_review_question
from shared.questions.shorthand import dropped_g, expand_shorthand
from shared.questions.vocabulary import ProductName
from tests.unit.questions.round_stores import read, small_store

# --- a dropped "g" ---


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("y r the Pro Toaster ratins droppin", "why are the Pro Toaster ratings dropping"),
        ("r ppl complainin more abt packaging?", "are people complaining more about packaging?"),
        ("sellin fast?", "selling fast?"),
        ("goin down?", "going down?"),
    ],
)
def test_a_dropped_g_is_written_back(question: str, expected: str) -> None:
    assert expand_shorthand(question) == expected


@pytest.mark.parametrize("word", ["protein", "margin", "cabin", "admin", "main", "join", "skin"])
def test_a_word_that_ends_in_in_is_kept(word: str) -> None:
    assert dropped_g(word) is None
    assert expand_shorthand(f"{word} sales") == f"{word} sales"


# --- a complaint that eases is its trend ---


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("are delivery complaints easing off?", "delivery"),
        ("have quality grumbles got better since last month?", "quality"),
        ("is the delivery issue dying down?", "delivery"),
        ("have packaging complaints eased?", "packaging"),
        ("are the sizing gripes tailing off?", "sizing"),
    ],
)
def test_an_easing_complaint_is_read_as_its_trend(question: str, aspect: str) -> None:
    r = read_review_question(question)
    assert r is not None and r.ask == "complaints" and r.trend and r.aspect == aspect


def test_ease_of_use_is_no_trend() -> None:
    r = read_review_question("what do people say about ease of use?")
    assert r is None or not r.trend


# --- the average star of a period ---


def test_review_count_and_average_star_reads_both() -> None:
    store = small_store([ProductName(sku="KIT-0046", title="Trailhead Pro Toaster", brand="Trailhead")])
    r = read(store, "review count and average star for November")
    assert r.query is not None and {"review_count", "avg_rating"} <= set(r.query.metrics)


def test_a_star_review_is_still_a_count_of_those_stars() -> None:
    store = small_store([ProductName(sku="KIT-0046", title="Trailhead Pro Toaster", brand="Trailhead")])
    r = read(store, "how many 5 star reviews in November?")
    assert r.query is not None and "avg_rating" not in r.query.metrics


# --- a moving theme over a named period ---


def test_a_named_period_is_the_recent_side_of_a_theme_trend() -> None:
    from datetime import date

    from shared.sentiment.agent import named_recent_window

    # "since last month" on 7 Dec: 1 Nov to 7 Dec is the recent side, the 37 days before it the other
    assert named_recent_window(date(2026, 11, 1), date(2026, 12, 7)) == (37, date(2026, 9, 25))
    # a day or two is still a week, a long period at most a year
    assert named_recent_window(date(2026, 12, 6), date(2026, 12, 7))[0] == 7
    assert named_recent_window(date(2020, 1, 1), date(2026, 12, 7))[0] == 365


# --- a fall of the rating named as a noun, its cause asked ---


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "what's behind the drop in ratings on the Trailhead Pro Toaster 4-Slice?",
            "why are the ratings of the Trailhead Pro Toaster 4-Slice falling?",
        ),
        ("why the sudden drop in ratings for KIT-0046", "why are the ratings of KIT-0046 falling"),
        ("why is there a decline in star ratings for the kettle?", "why are the ratings of the kettle falling?"),
        ("what caused the dip in our stars?", "why are our stars falling?"),
    ],
)
def test_the_cause_of_a_drop_in_ratings_is_why_they_fall(question: str, expected: str) -> None:
    from shared.questions.review_idioms import review_idioms

    assert review_idioms(question) == expected


@pytest.mark.parametrize("question", ["why the drop in reviews for KIT-0046", "what is behind the drop in sales?"])
def test_a_drop_in_reviews_or_sales_is_left_as_it_is(question: str) -> None:
    from shared.questions.review_idioms import review_idioms

    assert review_idioms(question) == question
