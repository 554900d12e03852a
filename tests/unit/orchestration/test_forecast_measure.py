"""A forecast asked in money and a stock question with a cover threshold reach the forecast agent as options."""

from __future__ import annotations

from datetime import date

import pytest

from shared.orchestration.descriptive import agent_plan, rest_of_month
from shared.orchestration.executor import agent_request
from shared.orchestration.plan import Plan
from shared.orchestration.router import extract_entities
from shared.questions.reading import Reading
from shared.store.metrics.model import MetricQuery, TimeRange


@pytest.mark.parametrize(("question", "measure"), [
    ("How much revenue should we expect next month?", "revenue"),
    ("what will our sales be worth next quarter?", "revenue"),
    ("forecast revenue for December", "revenue"),
    ("How many units will we sell next month?", None),
    ("projected GMV next month", "revenue"),  # gross merchandise value is money
    ("forecast gross merchandise value for next quarter", "revenue"),
])
def test_a_money_question_sets_the_revenue_measure(question: str, measure: str | None) -> None:
    entities = extract_entities(question)
    assert entities.measure == measure
    request = agent_request("acme", Plan(intents=["forecast"], entities=entities, asks=["forecast"]), "forecast")
    assert request.options.get("measure") == measure


@pytest.mark.parametrize(("question", "days"), [
    ("Which SKUs have more than six months of stock?", 182), ("anything with over 90 days of stock?", 90),
    ("which products have more than 2 years' worth of inventory", 730), ("what is overstocked?", None),
    # an article counts one, "half a" a half
    ("Which SKUs have more than a year of stock?", 365), ("anything with over a month of cover?", 30),
    ("do we hold more than half a year of stock on anything", 182),
])
def test_a_cover_threshold_reaches_the_stock_answer(question: str, days: int | None) -> None:
    entities = extract_entities(question)
    assert entities.cover_over_days == days
    request = agent_request("acme", Plan(intents=["inventory"], entities=entities, asks=["overstock"]), "forecast")
    assert request.options.get("cover_over_days") == days


def _reading(question: str, start: str, end: str, label: str, metric: str = "revenue") -> Reading:
    query = MetricQuery(tenant_id="acme", metrics=[metric],
                        time_range=TimeRange(start=date.fromisoformat(start), end=date.fromisoformat(end),
                                             label=label))
    return Reading(kind="metric", question=question, query=query, as_of=date.fromisoformat(end))


@pytest.mark.parametrize(("question", "start", "end", "label", "forecast"), [
    ("What will December sales look like?", "2026-12-01", "2026-12-04", "December 2026 to date", True),
    ("forecast revenue for December", "2026-12-01", "2026-12-04", "December 2026 to date", True),
    ("What were December sales?", "2026-12-01", "2026-12-04", "December 2026 to date", False),  # the past
    ("What will November sales look like?", "2026-11-01", "2026-11-30", "November 2026", False),  # complete
])
def test_a_running_month_asked_about_its_outcome_also_asks_the_forecast(question: str, start: str, end: str,
                                                                        label: str, forecast: bool) -> None:
    """Before: "What will December sales look like?" on 4 Dec answered 1-4 Dec alone."""
    reading = rest_of_month(_reading(question, start, end, label))
    assert (reading.asks == ["forecast"]) is forecast
    if forecast:
        plan = agent_plan(reading, Plan(intents=["overview"], entities=extract_entities(question)))
        request = agent_request("acme", plan, "forecast")
        assert request.horizon_days == 27 and request.options["to_date_start"] == "2026-12-01"
        assert request.options["measure"] == "revenue" and request.options["asks"] == ["forecast"]
    units = rest_of_month(_reading("how many units will we sell this month", start, end, label, "units"))
    assert (units.asks == ["forecast"]) is ("to date" in label)  # units: completed in units


@pytest.mark.parametrize(("question", "start", "label", "days"), [
    ("How much will we make this quarter?", "2026-07-01", "Q3 2026 to date", 46),
    ("What will this year's revenue come to?", "2026-01-01", "2026 to date", 138),
    ("What will August sales look like?", "2026-08-01", "August 2026 to date", 16),
])
def test_a_running_quarter_or_year_is_completed_to_its_end(question: str, start: str, label: str, days: int) -> None:
    """Before: a quarter or year to date asked about its outcome was answered with the actuals so far alone."""
    reading = rest_of_month(_reading(question, start, "2026-08-15", label))
    assert reading.asks == ["forecast"]
    plan = agent_plan(reading, Plan(intents=["overview"], entities=extract_entities(question)))
    request = agent_request("acme", plan, "forecast")
    assert request.horizon_days == days and request.options["to_date_start"] == start
