"""Time-of-day phrases: the hours a question keeps, the measure of "busiest", and how an answer says them."""

from __future__ import annotations

import pytest

from shared.questions.chatter import without_chatter
from shared.questions.time_of_day import clock_phrase, hour_metric, hours_asked, span_label


def _hours(first: int, last: int) -> list[str]:
    return [f"{h % 24:02d}:00" for h in range(first, last if last > first else last + 24)]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How much did we make before noon?", _hours(0, 12)),
        ("revenue before 10am", _hours(0, 10)),
        ("How many coffees did we sell after 6pm?", _hours(18, 24)),
        ("sales from 18:00", _hours(18, 24)),
        ("How much revenue did we make between 12pm and 2pm?", _hours(12, 14)),
        ("revenue from 9 to 11am", _hours(9, 11)),
        ("orders 9am-11am", _hours(9, 11)),
        ("How many pizzas did we sell in the evening?", _hours(17, 22)),
        ("sales in the morning", _hours(5, 12)),
        ("revenue at lunchtime", _hours(12, 14)),
        ("revenue at night", _hours(22, 5)),
        ("sales after 2021", None),  # a year, not a clock
        ("revenue before 5", None),  # no clock said
        ("revenue in March 2025", None),
    ],
)
def test_the_hours_a_question_keeps(question: str, expected: list[str] | None) -> None:
    assert hours_asked(question) == expected


def test_busiest_counts_sales_and_what_sells_counts_units() -> None:
    assert hour_metric("What is our busiest hour?") == "orders"
    assert hour_metric("When in the day do we sell the most coffee?") == "units"


def test_hours_are_said_as_spans_of_the_clock() -> None:
    assert span_label("10:00") == "10:00-11:00"
    assert span_label("23:00") == "23:00-00:00"
    assert clock_phrase(_hours(0, 12)) == "between 00:00 and 12:00"
    assert clock_phrase(_hours(22, 5)) == "between 22:00 and 05:00"
    assert clock_phrase(["10:00"]) == "at 10:00-11:00"


def test_a_clock_time_after_what_sold_is_the_question_not_an_aside() -> None:
    assert without_chatter("How many units did we sell after 6pm?") == "How many units did we sell after 6pm?"
    assert without_chatter("Revenue last month before my 3pm") == "Revenue last month"
    assert without_chatter("revenue by 5:30 pm please") == "revenue please"
