""""How much revenue did we lose to stockouts?": the forecast agent's estimate, for the period asked."""

from __future__ import annotations

from datetime import date

import pytest

from shared.orchestration.descriptive import agent_plan
from shared.orchestration.executor import agent_request
from shared.orchestration.router import route
from shared.questions.reading import read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import EXTENTS

DEC = date(2026, 12, 4)
DEC_EXTENTS = {k: (date(2024, 12, 5), DEC) for k in EXTENTS}


@pytest.mark.parametrize("question", ["how much revenue did we lose to stockouts", "how much did stockouts cost us",
                                      "revenue lost to stock-outs", "what is the cost of stockouts",
                                      "lost sales from being out of stock"])
def test_a_stockout_cost_question_is_the_lost_sales_ask(shop: VocabularyIndex, question: str) -> None:
    """Before: the stock-out risk list ("33 SKUs could run out before a reorder could arrive ...")."""
    r = read_question(question, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert r.kind == "agent" and r.asks == ["lost_sales"] and r.agent_intents == ["inventory"]


def test_the_period_asked_reaches_the_agent(shop: VocabularyIndex) -> None:
    question = "how much did stockouts cost us last month"
    r = read_question(question, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    request = agent_request("decor", agent_plan(r, route(question, today=DEC)), "forecast")
    assert request.options["asks"] == ["lost_sales"]
    assert (request.start_date, request.end_date) == (date(2026, 11, 1), date(2026, 11, 30))


@pytest.mark.parametrize("question", ["which products are out of stock", "will we run out of stock soon",
                                      "how much revenue did we lose to refunds"])
def test_other_stock_and_loss_questions_are_not_it(shop: VocabularyIndex, question: str) -> None:
    r = read_question(question, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert "lost_sales" not in r.asks
