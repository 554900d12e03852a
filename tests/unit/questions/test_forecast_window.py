"""Forecast questions about a calendar month or quarter are about its days, from its first to its last."""

from __future__ import annotations

from datetime import date

import pytest

from shared.orchestration.descriptive import agent_plan
from shared.orchestration.executor import agent_request
from shared.orchestration.router import route
from shared.questions.forecast_window import next_calendar_period
from shared.questions.reading import read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import EXTENTS

DEC = date(2026, 12, 4)
DEC_EXTENTS = {k: (date(2024, 12, 5), DEC) for k in EXTENTS}


@pytest.mark.parametrize(("question", "start", "end"), [
    ("how many units will we sell in January", date(2027, 1, 1), date(2027, 1, 31)),
    ("next month's sales forecast", date(2027, 1, 1), date(2027, 1, 31)),
    ("how many units will we sell next month?", date(2027, 1, 1), date(2027, 1, 31)),
    ("forecast for Q1 next year", date(2027, 1, 1), date(2027, 3, 31)),
    # "next quarter" is the next calendar quarter, as "next month" is the next calendar month (before: 91 days)
    ("what's the outlook for next quarter", date(2027, 1, 1), date(2027, 3, 31)),
    ("next quarter's revenue forecast", date(2027, 1, 1), date(2027, 3, 31)),
    ("how many units will we sell next quarter?", date(2027, 1, 1), date(2027, 3, 31)),
])
def test_a_calendar_period_ahead_is_forecast_for_its_own_days(shop: VocabularyIndex, question: str, start: date,
                                                              end: date) -> None:
    """Before: "from the day after your data ends (5 Dec 2026) to 31 Jan 2027" (57 days), or the next 30 days."""
    r = read_question(question, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert r.kind == "agent" and (r.forecast_from, r.forecast_until) == (start, end)
    plan = agent_plan(r, route(question, today=DEC))
    request = agent_request("decor", plan, "forecast")
    assert request.options["window_start"] == start.isoformat()
    assert request.horizon_days == (end - DEC).days


@pytest.mark.parametrize("question", ["do we have enough stock for the next month?", "sales over the next month",
                                      "forecast the next 30 days", "which products risk a stockout next month?"])
def test_a_rolling_month_or_a_stock_question_keeps_its_horizon(shop: VocabularyIndex, question: str) -> None:
    r = read_question(question, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert r.forecast_from is None


def _days(question: str, today: date) -> tuple[date, date] | None:
    period = next_calendar_period(question, today)
    return (period.start, period.end) if period is not None else None


def test_next_month_or_quarter_is_the_calendar_one_after_the_as_of_dates() -> None:
    assert _days("next month's sales", date(2026, 12, 31)) == (date(2027, 1, 1), date(2027, 1, 31))
    assert _days("next month", date(2027, 1, 15)) == (date(2027, 2, 1), date(2027, 2, 28))
    assert _days("over the next month", date(2027, 1, 15)) is None
    assert _days("the next 2 months", date(2027, 1, 15)) is None
    assert _days("next quarter", date(2027, 3, 31)) == (date(2027, 4, 1), date(2027, 6, 30))
    assert _days("next calendar quarter's sales", date(2026, 11, 2)) == (date(2027, 1, 1), date(2027, 3, 31))
    assert _days("sales over the next quarter", date(2027, 1, 15)) is None
    assert _days("the next 2 quarters", date(2027, 1, 15)) is None


def test_forecast_a_month_named_alone_is_that_month(shop: VocabularyIndex) -> None:
    """Before: "forecast December" with no metric word was the next 30 days, asked in November or in December."""
    nov = {k: (date(2024, 12, 5), date(2026, 11, 20)) for k in EXTENTS}
    r = read_question("forecast December", tenant_id="decor", index=shop, extents=nov)
    assert (r.forecast_from, r.forecast_until) == (date(2026, 12, 1), date(2026, 12, 31))
    running = read_question("forecast December", tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert running.kind == "metric" and running.query is not None and running.query.metrics == ["units"]
    assert running.query.time_range is not None and running.query.time_range.start == date(2026, 12, 1)
    from shared.orchestration.descriptive import rest_of_month

    assert rest_of_month(running).asks == ["forecast"]  # the month so far, and the forecast of its rest
