"""What exactly a question asks each agent: typed asks, in the question's order, from general phrasings."""

from __future__ import annotations

import pytest

from shared.orchestration.executor import agent_request
from shared.orchestration.router import route

ASKS = {
    # held-out phrasings (not the demo's or the README's wording)
    "Who sells our products for less than we do?": ["undercut"],
    "Which competitor is cheapest against us most often?": ["undercut"],
    "Which of my items cost more than the competition?": ["overpriced"],
    "Are any of my prices lower than competitors?": ["underpriced"],
    "Could we charge more for anything?": ["underpriced"],
    "Which items might sell out before the next delivery?": ["stockout"],
    "Where am I sitting on too much inventory?": ["overstock"],
    "What is going wrong with KIT-0001 according to buyers?": ["complaints"],
    "Which products are getting worse reviews lately?": ["rating_decline"],
    "Why did the star rating of HOM-12 drop?": ["rating_decline"],
    "How much will SKU-3 sell over the next two weeks?": ["forecast"],
    "If I raise the price of SKU-9 by 5%, how many units will I sell?": ["what_if"],
    "What do customers say about my store?": ["sentiment_overview"],
    "Which rivals are pricing below me?": ["undercut"],
    "Am I too cheap on any products?": ["underpriced"],
    "What inventory is not moving?": ["overstock"],
    "How are my prices positioned?": ["price_position"],
}


@pytest.mark.parametrize("question", list(ASKS))
def test_asks_from_general_phrasings(question: str) -> None:
    plan = route(question)
    assert plan.asks == ASKS[question]
    assert plan.agents  # the ask's agent runs even when no intent word matched


def test_mixed_question_keeps_the_order_it_asks_in() -> None:
    plan = route("Which of my products are overpriced compared to competitors, and what happens to demand if I "
                 "cut KIT-0266 by 10%?")
    assert plan.asks == ["overpriced", "what_if"]  # "demand" here is the what-if's, not a forecast
    assert plan.entities.price_change_pct == -10
    plan = route("Forecast demand for the next 4 weeks and tell me which products risk a stockout.")
    assert plan.asks == ["forecast", "stockout"] and plan.entities.horizon_days == 28
    plan = route("When do we run out of SKU-7, and how many units will we sell in the next 30 days?")
    assert plan.asks == ["stockout", "forecast"]


def test_overview_has_no_specific_ask() -> None:
    plan = route("How am I doing overall?")
    assert plan.asks == [] and plan.agents == ["pricing", "sentiment", "forecast"]


def test_each_agent_gets_its_own_asks_and_the_what_if_sku() -> None:
    plan = route("Which of my products are overpriced, and what happens to demand if I cut KIT-0266 by 10%?")
    pricing = agent_request("t", plan, "pricing")
    assert pricing.skus == [] and pricing.options["asks"] == ["overpriced", "what_if"]
    assert pricing.options["what_if_sku"] == "KIT-0266" and pricing.price_change_pct == -10
    forecast = agent_request("t", plan, "forecast")
    assert forecast.skus == ["KIT-0266"] and forecast.options["asks"] == []


def test_a_follow_up_keeps_the_previous_ask() -> None:
    from shared.orchestration.context import resolve_follow_up

    first = route("Why are ratings for SKU-42 falling?")
    follow = route("and for SKU-43?")
    plan, _ = resolve_follow_up("and for SKU-43?", follow, {"question": "Why are ratings for SKU-42 falling?",
                                                            "plan": first.model_dump(mode="json")},
                                explicit_intents=False)
    assert plan.asks == ["rating_decline"] and plan.entities.skus == ["SKU-43"]


@pytest.mark.parametrize(("question", "change"), [
    ("If we drop the price of SKU-5 by 15 percent what happens to sales?", -15.0),
    ("What would a 5% price increase on SKU-5 do to units sold?", 5.0),
    ("What if I offer a 10 percent discount on SKU-5?", -10.0),
    ("what happens if I raise SKU-1 by +5%", 5.0),
])
def test_price_changes_in_several_wordings(question: str, change: float) -> None:
    plan = route(question)
    assert plan.entities.price_change_pct == change and plan.asks == ["what_if"]
