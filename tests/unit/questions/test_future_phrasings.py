"""Future and stock questions in merchants' words (`bench/future_questions.py`): a deadline forecasts every day up
to it, the figure leads the first sentence, a stock-out beside a word of restocking stays a stock-out."""

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


@pytest.mark.parametrize(
    ("question", "end"),
    [
        ("how many units will we sell by Jan 15", date(2027, 1, 15)),
        ("units forecast through end of Q1", date(2027, 3, 31)),
        ("sales forecast through the end of january", date(2027, 1, 31)),
        ("how much will we sell until the end of March", date(2027, 3, 31)),
        ("revenue forecast up to Feb 28", date(2027, 2, 28)),
    ],
)
def test_a_deadline_is_forecast_from_tomorrow_to_it(shop: VocabularyIndex, question: str, end: date) -> None:
    """Before: 15 January alone, Q1 alone, January alone."""
    r = read_question(question, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert r.kind == "agent" and (r.forecast_from, r.forecast_until) == (date(2026, 12, 5), end)
    request = agent_request("decor", agent_plan(r, route(question, today=DEC)), "forecast")
    assert request.horizon_days == (end - DEC).days


@pytest.mark.parametrize("question", ["how many units will we sell in January", "forecast for Q1 next year"])
def test_a_period_without_a_deadline_keeps_its_own_days(shop: VocabularyIndex, question: str) -> None:
    r = read_question(question, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert r.forecast_from == date(2027, 1, 1)
    # the lead ends in a colon: the forecast's figure follows in the same sentence
    assert r.lead.endswith(": ") and ". " not in r.lead


def test_stocking_out_before_the_restock_is_the_stockout_ask(shop: VocabularyIndex) -> None:
    question = "which items will stock out before the restock arrives"
    r = read_question(question, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    asks = agent_plan(r, route(question, today=DEC)).asks_for("forecast")
    assert "stockout" in asks and "reorder" not in asks  # before: the reorder list


def test_within_n_days_is_the_stock_answers_horizon() -> None:
    """ "Which skus will run out within 10 days": the stock-out list within 10 days (before: no horizon read)."""
    assert route("which skus will run out within 10 days", today=DEC).entities.horizon_days == 10
    assert route("what sells out within the next two weeks", today=DEC).entities.horizon_days == 14
