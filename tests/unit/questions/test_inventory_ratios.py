"""Sell-through, stock turn and days of inventory: read as the stock ratios analysts mean, formula said."""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.compose import _stock_ratio_answer
from shared.questions.reading import find_metrics, read_question
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import TimeRange
from tests.unit.questions.conftest import EXTENTS

NOV = TimeRange(start=date(2026, 11, 1), end=date(2026, 11, 30), label="November 2026 (1-30 Nov 2026)")


@pytest.mark.parametrize(("question", "metric"), [
    ("what is our sell-through rate last month", "sell_through_rate"),
    ("sell through % by category", "sell_through_rate"),
    ("what is our inventory turnover", "stock_turn"),
    ("stock turns by product last quarter", "stock_turn"),
    ("how many times does our stock turn over", "stock_turn"),
    ("days of inventory for kitchen", "days_of_cover"),
    ("days inventory outstanding", "days_of_cover"),
    ("what was our turnover last month", "revenue"),  # British turnover is revenue, not stock turn
])
def test_stock_ratio_words(question: str, metric: str) -> None:
    """Before: sell-through went to the agents (price index and reviews), inventory turnover read stock and revenue."""
    assert find_metrics(question)[0][:1] == [metric]


def test_sell_through_without_a_period_is_the_last_30_days_with_its_parts(shop: VocabularyIndex) -> None:
    r = read_question("what's our sell-through rate", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.kind == "metric" and r.query is not None
    assert r.query.metrics == ["sell_through_rate", "units", "stock_on_hand"]
    assert r.query.time_range is not None and r.query.time_range.days == 30


def test_the_answers_state_their_parts_and_formula() -> None:
    sell = _stock_ratio_answer({"sell_through_rate": 23.5, "units": 1000, "stock_on_hand": 3255}, "sell_through_rate",
                               "", "in " + NOV.label, NOV)
    assert sell.startswith("Sell-through in November 2026 (1-30 Nov 2026) was 23.5%: 1,000 units sold against 3,255")
    assert "units sold / (units sold + units on hand)" in sell
    turn = _stock_ratio_answer({"stock_turn": 0.25, "units": 1000, "average_stock_on_hand": 4000}, "stock_turn",
                               "", "in " + NOV.label, NOV)
    assert turn.startswith("Stock turn in November 2026 (1-30 Nov 2026) was 0.25: 1,000 units sold / 4,000 average")
    assert "in units" in turn and "not cost of goods" in turn and "about 3.0 a year" in turn
