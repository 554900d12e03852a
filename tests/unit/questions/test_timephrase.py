"""Time phrases resolve against the data's as-of date, never the wall clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.questions.timephrase import (
    Unit,
    add_months,
    fmt_range,
    last_complete,
    previous_range,
    resolve_time,
    rolling,
)
from shared.store.metrics.model import TimeRange

AS_OF = date(2026, 10, 31)
MID = date(2025, 6, 15)


@pytest.mark.parametrize(("phrase", "as_of", "start", "end"), [
    ("what did we make last month?", AS_OF, date(2026, 10, 1), date(2026, 10, 31)),
    ("what did we make last month?", date(2025, 6, 30), date(2025, 6, 1), date(2025, 6, 30)),
    ("what did we make last month?", MID, date(2025, 5, 1), date(2025, 5, 31)),
    ("revenue in March", MID, date(2025, 3, 1), date(2025, 3, 31)),
    ("revenue in September", MID, date(2024, 9, 1), date(2024, 9, 30)),
    ("revenue in March 2024", MID, date(2024, 3, 1), date(2024, 3, 31)),
    ("sales in mar '24", MID, date(2024, 3, 1), date(2024, 3, 31)),
    ("Q1 revenue", MID, date(2025, 1, 1), date(2025, 3, 31)),
    ("Q3 revenue", MID, date(2024, 7, 1), date(2024, 9, 30)),
    ("revenue in Q2", MID, date(2025, 4, 1), date(2025, 6, 15)),
    ("orders in the second quarter of 2024", MID, date(2024, 4, 1), date(2024, 6, 30)),
    ("2024 Q4 units", MID, date(2024, 10, 1), date(2024, 12, 31)),
    ("in 2024", MID, date(2024, 1, 1), date(2024, 12, 31)),
    ("H2 2024", MID, date(2024, 7, 1), date(2024, 12, 31)),
    ("in the last 30 days", MID, date(2025, 5, 17), date(2025, 6, 15)),
    ("past 2 weeks", MID, date(2025, 6, 2), date(2025, 6, 15)),
    ("over the last three months", AS_OF, date(2026, 8, 1), date(2026, 10, 31)),
    ("in the past year", AS_OF, date(2025, 11, 1), date(2026, 10, 31)),
    ("last week", date(2025, 6, 15), date(2025, 6, 9), date(2025, 6, 15)),  # a Sunday: its week is complete
    ("last week", date(2025, 6, 14), date(2025, 6, 2), date(2025, 6, 8)),
    ("this week", date(2025, 6, 14), date(2025, 6, 9), date(2025, 6, 14)),
    ("last quarter", MID, date(2025, 1, 1), date(2025, 3, 31)),
    ("last year", MID, date(2024, 1, 1), date(2024, 12, 31)),
    ("last year", date(2024, 12, 31), date(2024, 1, 1), date(2024, 12, 31)),
    ("this month", MID, date(2025, 6, 1), date(2025, 6, 15)),
    ("year to date", MID, date(2025, 1, 1), date(2025, 6, 15)),
    ("QTD", MID, date(2025, 4, 1), date(2025, 6, 15)),
    ("month-to-date", MID, date(2025, 6, 1), date(2025, 6, 15)),
    ("since March", MID, date(2025, 3, 1), date(2025, 6, 15)),
    ("since 2024-11-20", MID, date(2024, 11, 20), date(2025, 6, 15)),
    ("between 2025-01-01 and 2025-02-15", MID, date(2025, 1, 1), date(2025, 2, 15)),
    ("from January to March 2024", MID, date(2024, 1, 1), date(2024, 3, 31)),
    ("from November to February", MID, date(2024, 11, 1), date(2025, 2, 28)),
    ("between 3 March and 9 April 2025", MID, date(2025, 3, 3), date(2025, 4, 9)),
    ("on March 5th, 2025", MID, date(2025, 3, 5), date(2025, 3, 5)),
    ("yesterday", MID, MID, MID),
    ("revenue in May", MID, date(2025, 5, 1), date(2025, 5, 31)),
])
def test_phrases(phrase: str, as_of: date, start: date, end: date) -> None:
    r = resolve_time(phrase, as_of).range
    assert r is not None and (r.start, r.end) == (start, end)


def test_labels_state_the_period() -> None:
    r = resolve_time("revenue in Q1 2025", AS_OF).range
    assert r is not None and r.label == "Q1 2025 (1 Jan - 31 Mar 2025)"
    cut = resolve_time("revenue in Q2", MID).range
    assert cut is not None and cut.label == "Q2 2025 to date (1 Apr - 15 Jun 2025)"
    assert fmt_range(date(2024, 11, 1), date(2026, 10, 31)) == "1 Nov 2024 - 31 Oct 2026"


@pytest.mark.parametrize(("phrase", "compare", "start"), [
    ("revenue this year compared to last year", "previous_year", date(2025, 1, 1)),
    ("revenue last month vs the month before", "previous_period", date(2025, 5, 1)),
    ("year over year growth in Q1", "previous_year", date(2025, 1, 1)),
    ("Q1 2025 vs Q4 2024", "previous_period", date(2025, 1, 1)),
    ("compare March 2024 and March 2025", "previous_year", date(2025, 3, 1)),
    ("2024 versus 2023", "previous_year", date(2024, 1, 1)),
    ("revenue yesterday compared to the same day last week", "previous_week", date(2025, 6, 15)),
    ("revenue yesterday vs a week ago", "previous_week", date(2025, 6, 15)),
    ("revenue last week compared to the previous week", "previous_period", date(2025, 6, 9)),
])
def test_comparisons_are_baselines_not_periods(phrase: str, compare: str, start: date) -> None:
    r = resolve_time(phrase, MID)
    assert r.compare == compare and r.range is not None and r.range.start == start


def test_a_period_compared_with_last_of_its_name_is_compared_with_the_one_before() -> None:
    """On 1 Jan, "December" and "last December" both name the December just gone: the baseline is the one before."""
    r = resolve_time("How did December sales compare with last December?", date(2018, 1, 1))
    assert r.range is not None and (r.range.start, r.range.end) == (date(2017, 12, 1), date(2017, 12, 31))
    assert r.compare == "previous_year" and r.baseline is None
    assert previous_range(r.range, "previous_year").start == date(2016, 12, 1)


@pytest.mark.parametrize("phrase", ["how may I help", "what is the revenue", "top 5 products", "SKU-2024 units"])
def test_no_period(phrase: str) -> None:
    r = resolve_time(phrase, MID)
    assert r.range is None and not r.future


def test_weekdays_future_and_all_time() -> None:
    assert resolve_time("revenue on Mondays", MID).weekdays == ["Monday"]
    assert resolve_time("sales at weekends", MID).weekdays == ["Saturday", "Sunday"]
    assert resolve_time("demand next month", MID).future
    assert resolve_time("best month ever", MID).all_time


def test_previous_ranges() -> None:
    q = TimeRange(start=date(2025, 1, 1), end=date(2025, 3, 31))
    assert (previous_range(q, "previous_period").start, previous_range(q, "previous_period").end) == (
        date(2024, 10, 1), date(2024, 12, 31))
    feb = TimeRange(start=date(2024, 2, 1), end=date(2024, 2, 29))
    assert previous_range(feb, "previous_year").end == date(2023, 2, 28)
    days = TimeRange(start=date(2025, 5, 17), end=date(2025, 6, 15))
    prev = previous_range(days, "previous_period")
    assert prev.end == date(2025, 5, 16) and prev.days == 30


dates = st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31))


@given(dates, st.sampled_from(["week", "month", "quarter", "year"]))
def test_last_complete_is_complete_and_latest(as_of: date, unit: Unit) -> None:
    start, end = last_complete(as_of, unit)
    assert end <= as_of < end + {"week": timedelta(days=7), "month": timedelta(days=31),
                                 "quarter": timedelta(days=92), "year": timedelta(days=366)}[unit] + timedelta(days=1)
    nxt = end + timedelta(days=1)
    assert last_complete(nxt, unit)[0] == start or nxt > as_of


@given(dates, st.integers(min_value=1, max_value=60), st.sampled_from(["day", "week", "month"]))
def test_rolling_ends_on_as_of(as_of: date, n: int, unit: Unit) -> None:
    start, end = rolling(as_of, n, unit)
    assert end == as_of and start <= end
    if unit == "day":
        assert (end - start).days + 1 == n
    if unit == "month":
        assert add_months(start - timedelta(days=1), n) == as_of or as_of.day > 28


@given(dates, st.integers(min_value=1, max_value=12), st.integers(min_value=2001, max_value=2098))
def test_named_months_never_pass_as_of(as_of: date, month: int, year: int) -> None:
    names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
    r = resolve_time(f"revenue in {names[month - 1]}", as_of).range
    assert r is not None and r.start.month == month and r.start <= as_of and r.end <= as_of
    assert (as_of - r.start).days < 366
    explicit = resolve_time(f"revenue in {names[month - 1]} {year}", as_of)
    if date(year, month, 1) <= as_of:
        assert explicit.range is not None and explicit.range.start == date(year, month, 1)
    else:
        assert explicit.range is None and explicit.future


@given(st.text(max_size=200), dates)
def test_any_text_is_safe(text: str, as_of: date) -> None:
    r = resolve_time(text, as_of)
    if r.range is not None:
        assert r.range.start <= r.range.end <= as_of


@pytest.mark.parametrize(("phrase", "day"), [
    ("revenue on Black Friday 2024", date(2024, 11, 29)),
    ("cyber monday 2024", date(2024, 12, 2)),
    ("sales on christmas eve", date(2024, 12, 24)),
    ("black friday", date(2024, 11, 29)),  # the latest one on or before the as-of date
])
def test_shopping_days(phrase: str, day: date) -> None:
    r = resolve_time(phrase, MID).range
    assert r is not None and r.start == r.end == day


def test_change_between_two_named_periods_is_a_comparison() -> None:
    r = resolve_time("percentage change in revenue from Q4 2024 to Q1 2025", MID)
    assert r.range is not None and r.range.start == date(2025, 1, 1) and r.compare == "previous_period"
    assert resolve_time("were sales higher in March or April?", MID).compare == "previous_period"


def test_week_of_a_day() -> None:
    r = resolve_time("revenue in the week of 5 March 2025", MID).range  # a Wednesday
    assert r is not None and (r.start, r.end) == (date(2025, 3, 3), date(2025, 3, 9))
    s = resolve_time("orders in the week starting 5 March 2025", MID).range
    assert s is not None and (s.start, s.end) == (date(2025, 3, 5), date(2025, 3, 11))


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("revenue in Q3 last year", date(2024, 7, 1), date(2024, 9, 30)),
    ("March last year", date(2024, 3, 1), date(2024, 3, 31)),
    ("sales in February this year", date(2025, 2, 1), date(2025, 2, 28)),
    ("first half of last year", date(2024, 1, 1), date(2024, 6, 30)),
    ("June of the year before last", date(2023, 6, 1), date(2023, 6, 30)),
])
def test_named_period_of_a_relative_year(phrase: str, start: date, end: date) -> None:
    r = resolve_time(phrase, MID).range
    assert r is not None and (r.start, r.end) == (start, end)


@pytest.mark.parametrize(("phrase", "start"), [
    ("how has revenue changed over the last 6 months?", date(2026, 6, 5)),
    ("how has our rating changed over the last 6 months?", date(2026, 6, 5)),
    ("how did sales change over the last 3 months?", date(2026, 9, 5)),
    ("how much did revenue grow in the past 12 months", date(2025, 12, 5)),
])
def test_a_change_over_the_last_n_months_is_across_them(phrase: str, start: date) -> None:
    # was November against October: "over the last 6 months" read as a baseline ("growth over last month")
    t = resolve_time(phrase, date(2026, 12, 4))
    assert t.range is not None and (t.range.start, t.range.end) == (start, date(2026, 12, 4))
    assert t.compare is None


@pytest.mark.parametrize("phrase", ["growth over last month", "revenue this month compared to the last 3 months",
                                    "revenue up over the previous month"])
def test_a_comparison_word_still_makes_a_baseline(phrase: str) -> None:
    assert resolve_time(phrase, date(2026, 12, 4)).compare == "previous_period"


@pytest.mark.parametrize("phrase", ["what will revenue be for the rest of the year?",
                                    "forecast sales for the remainder of the quarter",
                                    "how many units will we sell for the rest of the month?"])
def test_the_rest_of_a_period_is_the_future(phrase: str) -> None:
    # "what will revenue be for the rest of the year?" answered all-time revenue
    assert resolve_time(phrase, date(2026, 8, 15)).future


@pytest.mark.parametrize(("question", "start"), [
    ("ratings since we changed supplier in March", date(2026, 3, 1)),
    ("average rating since the price rise in February", date(2026, 2, 1)),
    ("how many reviews since the 1st of September?", date(2026, 9, 1)),
])
def test_since_an_event_dated_by_a_period_runs_from_that_period_to_date(question: str, start: date) -> None:
    r = resolve_time(question, date(2026, 12, 5)).range
    assert r is not None and (r.start, r.end) == (start, date(2026, 12, 5)), r
