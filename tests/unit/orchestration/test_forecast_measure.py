"""A forecast asked in money and a stock question with a cover threshold reach the forecast agent as options."""

from __future__ import annotations

import pytest

from shared.orchestration.executor import agent_request
from shared.orchestration.plan import Plan
from shared.orchestration.router import extract_entities


@pytest.mark.parametrize(("question", "measure"), [
    ("How much revenue should we expect next month?", "revenue"),
    ("what will our sales be worth next quarter?", "revenue"),
    ("forecast revenue for December", "revenue"),
    ("How many units will we sell next month?", None),
])
def test_a_money_question_sets_the_revenue_measure(question: str, measure: str | None) -> None:
    entities = extract_entities(question)
    assert entities.measure == measure
    request = agent_request("acme", Plan(intents=["forecast"], entities=entities, asks=["forecast"]), "forecast")
    assert request.options.get("measure") == measure


@pytest.mark.parametrize(("question", "days"), [
    ("Which SKUs have more than six months of stock?", 182), ("anything with over 90 days of stock?", 90),
    ("which products have more than 2 years' worth of inventory", 730), ("what is overstocked?", None),
])
def test_a_cover_threshold_reaches_the_stock_answer(question: str, days: int | None) -> None:
    entities = extract_entities(question)
    assert entities.cover_over_days == days
    request = agent_request("acme", Plan(intents=["inventory"], entities=entities, asks=["overstock"]), "forecast")
    assert request.options.get("cover_over_days") == days
