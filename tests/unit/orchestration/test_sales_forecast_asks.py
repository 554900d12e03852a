"""A forecast of "sales" is money unless units are asked; its horizon and agent come from the question's words."""

from __future__ import annotations

from datetime import date

import pytest

from shared.orchestration.descriptive import agent_plan
from shared.orchestration.executor import agent_request
from shared.orchestration.plan import Plan
from shared.orchestration.router import extract_entities, route
from shared.questions.reading import Reading
from shared.store.metrics.model import MetricQuery, TimeRange

AS_OF = date(2026, 12, 4)


@pytest.mark.parametrize(("question", "measure", "horizon"), [
    ("What will our sales be next month?", "revenue", 30),
    ("How much will we sell next week?", "revenue", 7),
    ("What sales can we expect over the next 2 weeks?", "revenue", 14),
    ("Projected sales for the rest of the year", "revenue", 27),  # 5-31 Dec
    ("forecast takings for the rest of the quarter", "revenue", 27),
    ("How many units will we sell next month?", None, 30),
    ("unit sales forecast next month", None, 30),
    ("how many items will sell next week", None, 7),
])
def test_sales_are_forecast_in_money_unless_units_are_asked(question: str, measure: str | None,
                                                           horizon: int) -> None:
    plan = route(question, today=AS_OF)
    assert "forecast" in plan.asks
    assert plan.entities.measure == measure and plan.entities.horizon_days == horizon
    request = agent_request("acme", plan, "forecast")
    assert request.options.get("measure") == measure and request.horizon_days == horizon


def test_an_agent_question_the_router_missed_goes_to_the_agent_the_reader_heard() -> None:
    question = "what's the outlook for the coming weeks"
    reading = Reading(kind="agent", question=question, agent_intents=["forecast"])
    plan = agent_plan(reading, Plan(intents=["overview"], entities=extract_entities(question, today=AS_OF)))
    assert plan.intents == ["forecast"] and plan.asks == ["forecast"] and plan.agents == ["forecast"]


def test_a_forecast_beside_a_revenue_figure_is_in_money() -> None:
    question = "How much did we make last month and what's the forecast for next month?"
    query = MetricQuery(tenant_id="acme", metrics=["revenue"],
                        time_range=TimeRange(start=date(2026, 11, 1), end=date(2026, 11, 30), label="November 2026"))
    reading = Reading(kind="metric", question=question, query=query, agent_intents=["forecast"])
    plan = agent_plan(reading, route(question, today=AS_OF))
    assert plan.entities.measure == "revenue"
    assert agent_request("acme", plan, "forecast").options["measure"] == "revenue"


def test_the_readers_lead_comes_before_the_agents_answer() -> None:
    from shared.orchestration.descriptive import with_lead
    from shared.orchestration.report import Report

    report = Report(question="q", answer="We expect to sell 10 units.", executive_summary="We expect to sell 10 units.",
                    plan=Plan(intents=["forecast"]))
    reading = Reading(kind="agent", question="q", lead="Orders are not forecast, only units sold and revenue. ")
    led = with_lead(report, reading)
    assert led.answer == "Orders are not forecast, only units sold and revenue. We expect to sell 10 units."
    assert with_lead(report, Reading(kind="agent", question="q")).answer == report.answer


def test_turning_over_is_money() -> None:
    assert route("what will we turn over next week", today=AS_OF).entities.measure == "revenue"


def test_the_router_reads_a_price_change_without_by() -> None:
    assert extract_entities("raise prices on SKU-1 10%").price_change_pct == 10.0
    assert extract_entities("cut SKU-1 by 10%").price_change_pct == -10.0


def test_an_upcoming_month_sets_the_forecast_horizon() -> None:
    reading = Reading(kind="agent", question="forecast sales for january", agent_intents=["forecast"], as_of=AS_OF,
                      forecast_until=date(2027, 1, 31))
    plan = agent_plan(reading, route("forecast sales for january", today=AS_OF))
    assert plan.entities.horizon_days == 58 and agent_request("acme", plan, "forecast").horizon_days == 58


def test_a_milestone_band_and_product_weeks_reach_the_forecast_agent() -> None:
    question = "when will we hit $1M this year?"
    query = MetricQuery(tenant_id="acme", metrics=["revenue"],
                        time_range=TimeRange(start=date(2026, 1, 1), end=AS_OF, label="2026 to date"))
    reading = Reading(kind="metric", question=question, query=query, asks=["forecast"], agent_intents=["forecast"],
                      agents_first=True, forecast_milestone=1_000_000.0, as_of=AS_OF)
    options = agent_request("acme", agent_plan(reading, route(question, today=AS_OF)), "forecast").options
    assert options["milestone"] == 1_000_000.0 and options["to_date_start"] == "2026-01-01"
    assert options["measure"] == "revenue"
    worst = agent_request("acme", route("what's the worst case for revenue next month?", today=AS_OF), "forecast")
    assert worst.options["band"] == "low"
    weeks = agent_request("acme", route("weekly revenue forecast per product for next month", today=AS_OF), "forecast")
    assert weeks.options["by_week"] and weeks.options["by_product"]


@pytest.mark.parametrize(("question", "measure"), [
    ("will next month beat last month?", "revenue"),
    ("will next month be better than last month", "revenue"),
    ("will we sell more units next month than last month?", None),
])
def test_next_month_against_last_is_money_unless_counted(question: str, measure: str | None) -> None:
    last = TimeRange(start=date(2026, 11, 1), end=date(2026, 11, 30), label="November 2026")
    reading = Reading(kind="agent", question=question, agent_intents=["forecast"], forecast_against=last)
    assert agent_plan(reading, route(question, today=AS_OF)).entities.measure == measure
