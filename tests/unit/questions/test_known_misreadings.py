"""Wrong answers found on real data and on the bench run on other days, each read as meant.

Named days against last year's (Black Friday moves with the fourth Thursday of November), a leap February
against a common one, "after/before March", a one-day running year, stock "on hand".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest

from shared.models.records import DataKind
from shared.questions.reading import Reading, read_question
from shared.questions.timephrase import resolve_time
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import EXTENTS

DEC = date(2026, 12, 4)  # a Friday, as the sample merchant's data ends
DEC_EXTENTS = {k: (date(2024, 12, 5), DEC) for k in EXTENTS}


def read(shop: VocabularyIndex, question: str, extents: Mapping[DataKind, tuple[date, date]] = DEC_EXTENTS) -> Reading:
    return read_question(question, tenant_id="decor", index=shop, extents=extents)


# ---- 1. a named day against last year's: that day a year back, not the same date ----------------------------

@pytest.mark.parametrize(("question", "day", "last_years"), [
    ("How did we do vs last year's Black Friday?", date(2026, 11, 27), date(2025, 11, 28)),
    ("black friday revenue vs last year", date(2026, 11, 27), date(2025, 11, 28)),
    ("sales on cyber monday compared to last year", date(2026, 11, 30), date(2025, 12, 1)),
    ("how did thanksgiving do year over year", date(2026, 11, 26), date(2025, 11, 27)),
    ("revenue on thanksgiving vs last year's", date(2026, 11, 26), date(2025, 11, 27)),
])
def test_a_moving_day_is_compared_with_last_years(shop: VocabularyIndex, question: str, day: date,
                                                    last_years: date) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.compare == "previous_year"
    assert r.query.time_range is not None and (r.query.time_range.start, r.query.time_range.end) == (day, day)
    assert r.query.baseline is not None and (r.query.baseline.start, r.query.baseline.end) == (last_years, last_years)
    assert str(last_years.year) in r.query.baseline.label


def test_a_week_counted_from_a_moving_day_moves_with_it() -> None:
    t = resolve_time("sales the week after black friday vs last year", DEC)
    assert t.range is not None and (t.range.start, t.range.end) == (date(2026, 11, 28), date(2026, 12, 4))
    assert t.baseline is not None and (t.baseline.start, t.baseline.end) == (date(2025, 11, 29), date(2025, 12, 5))
    t = resolve_time("black friday week vs last year", DEC)
    assert t.baseline is not None and (t.baseline.start, t.baseline.end) == (date(2025, 11, 24), date(2025, 11, 30))
    assert t.baseline.start.weekday() == 0  # still a Monday-Sunday week


def test_last_years_day_before_this_years_comes_is_compared_with_the_year_before() -> None:
    t = resolve_time("how did we do vs last year's black friday", date(2026, 7, 15))
    assert t.range is not None and t.range.start == date(2025, 11, 28)
    assert t.baseline is not None and t.baseline.start == date(2024, 11, 29)


def test_both_days_naming_the_same_one_compare_it_with_the_year_before() -> None:
    """Data ending 28 Feb 2026: "Black Friday" and "last year's Black Friday" are both 28 Nov 2025."""
    t = resolve_time("Sales on Black Friday vs last year's Black Friday", date(2026, 2, 28))
    assert t.range is not None and t.range.start == date(2025, 11, 28)
    assert t.baseline is not None and t.baseline.start == date(2024, 11, 29)


def test_a_day_on_a_fixed_date_keeps_the_same_date_a_year_back() -> None:
    t = resolve_time("christmas eve sales compared with last year", DEC)
    assert t.range is not None and t.range.start == date(2025, 12, 24)
    assert t.compare == "previous_year" and t.baseline is None


# ---- 5. "after March" is April onwards, "before March" up to the end of February ------------------------------

@pytest.mark.parametrize(("question", "start", "end", "label"), [
    ("sales after March", date(2026, 4, 1), DEC, "after March 2026"),
    ("how much have we made since after March", date(2026, 4, 1), DEC, "after March 2026"),
    ("revenue after march 2025", date(2025, 4, 1), DEC, "after March 2025"),
    ("units sold after Q2", date(2026, 7, 1), DEC, "after Q2 2026"),
    ("sales before March", date(2026, 1, 1), date(2026, 2, 28), "before March 2026"),
    ("orders prior to June 2025", date(2025, 1, 1), date(2025, 5, 31), "before June 2025"),
    ("sales after black friday", date(2026, 11, 28), DEC, "after Black Friday 2026"),
])
def test_after_or_before_a_period_is_the_days_beside_it(shop: VocabularyIndex, question: str, start: date, end: date,
                                                        label: str) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (start, end)
    assert r.query.time_range.label.startswith(label)


def test_after_a_month_still_running_is_after_last_years() -> None:
    t = resolve_time("sales after March", date(2026, 3, 15))
    assert t.range is not None and (t.range.start, t.range.end) == (date(2025, 4, 1), date(2026, 3, 15))


@pytest.mark.parametrize(("question", "start", "end"), [
    ("revenue the 2 weeks before christmas", date(2025, 12, 11), date(2025, 12, 24)),
    ("the week after black friday", date(2026, 11, 28), date(2026, 12, 4)),
])
def test_weeks_before_or_after_a_day_keep_their_length(question: str, start: date, end: date) -> None:
    t = resolve_time(question, DEC)
    assert t.range is not None and (t.range.start, t.range.end) == (start, end)


# ---- 7. units "currently on hand" are stock, not units sold beside it ------------------------------------------

@pytest.mark.parametrize("question", ["How many units do we currently have on hand",
                                      "how many items have we actually got in stock?",
                                      "how many pieces do we still have sitting in the warehouse",
                                      "How many units do we currently have on hand of the blue ceramic vase"])
def test_units_on_hand_said_with_more_words_are_stock(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["stock_on_hand"]
    assert r.query.time_range is not None and r.query.time_range.end == DEC
    assert "latest stock count" in r.query.time_range.label


def test_units_sold_while_in_stock_are_still_units_sold(shop: VocabularyIndex) -> None:
    r = read(shop, "how many units did we sell that were in stock")
    assert r.query is not None and r.query.metrics[0] == "units"


# ---- 6. a running period of one day says so and gives the last complete one ------------------------------------

NEW_YEAR = date(2027, 1, 1)
NEW_YEAR_EXTENTS = {k: (date(2024, 12, 5), NEW_YEAR) for k in EXTENTS}


@pytest.mark.parametrize(("question", "so_far", "start", "end"), [
    ("How did we do this year", "2027 so far is 1 day (1 Jan 2027)", date(2026, 1, 1), date(2026, 12, 31)),
    ("revenue this month", "January 2027 so far is 1 day", date(2026, 12, 1), date(2026, 12, 31)),
    ("units sold this quarter", "Q1 2027 so far is 1 day", date(2026, 10, 1), date(2026, 12, 31)),
    ("ytd revenue", "2027 so far is 1 day", date(2026, 1, 1), date(2026, 12, 31)),
])
def test_a_one_day_running_period_is_said_with_the_last_complete_one(shop: VocabularyIndex, question: str,
                                                                     so_far: str, start: date, end: date) -> None:
    r = read(shop, question, NEW_YEAR_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == r.query.time_range.end == NEW_YEAR
    assert r.lead.startswith(so_far)
    assert len(r.parts) == 1 and r.parts[0].query is not None and r.parts[0].query.time_range is not None
    whole = r.parts[0].query.time_range
    assert (whole.start, whole.end) == (start, end)
    assert r.parts[0].query.metrics == r.query.metrics and r.parts[0].lead.startswith("For the last complete")


def test_a_running_period_of_more_days_is_answered_as_it_is(shop: VocabularyIndex) -> None:
    r = read(shop, "How did we do this year", {k: (date(2024, 12, 5), date(2027, 1, 2)) for k in EXTENTS})
    assert not r.parts and not r.lead


def test_a_one_day_week_is_said_with_last_week(shop: VocabularyIndex) -> None:
    monday = date(2026, 12, 28)
    r = read(shop, "how are we doing this week", {k: (date(2024, 12, 5), monday) for k in EXTENTS})
    assert r.lead.startswith("This week so far is 1 day") and r.parts
    assert r.parts[0].query is not None and r.parts[0].query.time_range is not None
    assert r.parts[0].query.time_range.start == date(2026, 12, 21)


# ---- 4. a forecast against a past period: that period's actuals too, compared --------------------------------

@pytest.mark.parametrize(("question", "start", "end"), [
    ("Will we sell more vases next month than last month?", date(2026, 11, 1), date(2026, 11, 30)),
    ("will revenue next month beat last month?", date(2026, 11, 1), date(2026, 11, 30)),
    ("will we make more next month than we did in October", date(2026, 10, 1), date(2026, 10, 31)),
    ("will sales next quarter top last quarter's", date(2026, 7, 1), date(2026, 9, 30)),
])
def test_a_forecast_against_a_past_period_names_it(shop: VocabularyIndex, question: str, start: date,
                                                   end: date) -> None:
    r = read(shop, question)
    assert r.kind == "agent" and "forecast" in r.agent_intents
    assert r.forecast_against is not None and (r.forecast_against.start, r.forecast_against.end) == (start, end)


def test_a_forecast_alone_is_set_against_nothing(shop: VocabularyIndex) -> None:
    r = read(shop, "how many units will we sell next month")
    assert r.kind == "agent" and r.forecast_against is None


# ---- 9. a forecast for one sales channel: that channel's, or refused naming the channel column ------------------

@pytest.mark.parametrize(("question", "channels"), [("forecast amazon sales next month", ["Amazon"]),
                                                    ("how many units will we sell on Etsy next month", ["Etsy"])])
def test_a_channel_forecast_is_the_channels(shop: VocabularyIndex, question: str, channels: list[str]) -> None:
    r = read(shop, question)
    assert r.kind == "agent" and "forecast" in r.agent_intents and r.forecast_channels == channels
    assert "whole store" not in r.lead


def test_a_channel_the_sales_do_not_carry_is_named_unknown(shop: VocabularyIndex) -> None:
    r = read(shop, "forecast ebay sales next month")
    assert r.kind == "unanswerable" and r.unknown_name == "ebay"


def test_without_channels_in_the_sales_the_channel_column_is_needed(shop: VocabularyIndex) -> None:
    no_channels = VocabularyIndex(shop.vocabulary.model_copy(update={"channels": [], "competitors": []}))
    r = read(no_channels, "forecast amazon sales next month")
    assert r.kind == "unanswerable" and r.needed is not None and "sales channel column" in r.needed
    assert read(no_channels, "forecast sales next month").kind == "agent"


def test_a_generic_channel_word_the_tenant_spells_otherwise_is_not_refused(shop: VocabularyIndex) -> None:
    assert read(shop, "forecast sales on our website next month").kind == "agent"
