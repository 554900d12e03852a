"""A forecast question that asks how sure the answer is states the method and the confidence after the figures."""

from __future__ import annotations

import pytest

from shared.agents.answers import AgentAnswer
from shared.forecast.answers import with_method
from shared.models.agents import Confidence
from shared.orchestration.executor import agent_request
from shared.orchestration.router import route


@pytest.mark.parametrize(
    ("question", "explain"),
    [
        ("How confident are you in next month's forecast?", True),
        ("How reliable is the 30-day forecast for SKU-1, and which model did you use?", True),
        ("Forecast SKU-1 for the next 30 days, tell me the method and the interval", True),
        ("Forecast SKU-1 for the next 30 days", False),
    ],
)
def test_the_router_reads_a_question_about_the_method(question: str, explain: bool) -> None:
    plan = route(question)
    assert plan.entities.explain is explain
    assert agent_request("acme", plan, "forecast").options.get("explain", False) is explain


def test_the_answer_states_its_method_and_confidence() -> None:
    answer = AgentAnswer(
        ask="forecast",
        text="A (A) is expected to sell 55 units over the next 30 days.",
        method="backtest-selected model per SKU",
    )
    confidence = Confidence.compute(model_certainty=0.8, data_completeness=1.0, data_freshness=0.9)
    text = with_method(answer, confidence).text
    assert text.startswith(answer.text)  # the figures first
    assert f"Method: backtest-selected model per SKU; confidence {confidence.score}/100 (model certainty 0.80" in text
    unknown = with_method(
        answer, Confidence.compute(model_certainty=None, data_completeness=1.0, data_freshness=1.0)
    ).text
    assert unknown.endswith("confidence unknown (model certainty could not be assessed).")
