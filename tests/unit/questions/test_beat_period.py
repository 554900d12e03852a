"""Will the running month beat a past one: the periods and measure read from the question."""

from datetime import date

import pytest

from shared.questions.beat_period import beat_ask

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    "question",
    [
        "will we beat last month?",
        "are we on track to beat November?",
        "will this month be better than last month",
        "is December going to beat November?",
        "are we going to beat last month's revenue?",
        "will we outsell the previous month",
    ],
)
def test_this_month_against_last(question: str) -> None:
    got = beat_ask(question, TODAY)
    assert got is not None
    assert (got.start, got.end) == (date(2026, 12, 1), date(2026, 12, 31))
    assert (got.against_start, got.against_end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert got.measure == "revenue"


def test_units_and_longer_periods() -> None:
    units = beat_ask("will we sell more units this month than last month?", TODAY)
    assert units is not None and units.measure == "units"
    quarter = beat_ask("are we on track to beat last quarter", TODAY)
    assert quarter is not None and (quarter.against_start, quarter.against_end) == (date(2026, 7, 1), date(2026, 9, 30))
    year = beat_ask("will this year beat last year?", TODAY)
    assert year is not None and year.against_start == date(2025, 1, 1) and year.end == date(2026, 12, 31)


def test_a_named_month_is_the_latest_one_before_this_one() -> None:
    got = beat_ask("are we going to beat October?", TODAY)
    assert got is not None and got.against_start == date(2026, 10, 1)
    january = beat_ask("will we beat january?", date(2026, 3, 10))
    assert january is not None and january.against_start == date(2026, 1, 1)
    december = beat_ask("will we beat december?", date(2026, 3, 10))
    assert december is not None and december.against_start == date(2025, 12, 1)


@pytest.mark.parametrize(
    "question",
    [
        "did we beat last month?",  # the past: the metrics layer's
        "will revenue in january 2027 beat december?",  # a month to come: the forecast's own comparison
        "Will next quarter beat this quarter?",
        "revenue last month",
        "will we beat our target?",
    ],
)
def test_not_this_question(question: str) -> None:
    assert beat_ask(question, TODAY) is None


def test_nothing_left_to_forecast() -> None:
    assert beat_ask("will we beat last month?", date(2026, 12, 31)) is None
