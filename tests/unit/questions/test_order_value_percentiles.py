"""Medians and percentiles of order values, and stock by location, as questions read and answer them.

"median order value last month" and "90th percentile order value this year" name metrics of their own (one value
per order, ``shared.store.metrics.catalog``), not the average said to stand in for them; any other whole percentile
is the query's own (``percentile_order_value`` with ``MetricQuery.percentile``). "stock by location / by warehouse /
per store" breaks stock on hand down by the inventory's location (a store of a stock count is where it is kept, not
a sales channel).
"""

from __future__ import annotations

import pytest

from shared.questions.compose import compose
from shared.questions.reading import Reading
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import MetricQuery
from tests.unit.questions.test_tenth_phrasings import read
from tests.unit.questions.test_twelfth_phrasings import Q4, _result


@pytest.mark.parametrize(("question", "metric"), [
    ("median order value last month", "median_order_value"),
    ("what's the median order value this year", "median_order_value"),
    ("what's the median basket size in dollars this quarter", "median_order_value"),
    ("median cart value by channel", "median_order_value"),
    ("90th percentile order value this year", "p90_order_value"),
    ("p90 order value last quarter", "p90_order_value"),
    ("what's the 95th percentile basket value", "p95_order_value"),
    ("upper quartile order value", "p75_order_value"),
    ("average order value last month", "aov"),
    ("80th percentile order value", "percentile_order_value"),  # any other: the percentile is the query's
])
def test_order_value_percentiles_are_their_own_metrics(store: VocabularyIndex, question: str, metric: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics == [metric]


@pytest.mark.parametrize(("question", "percentile"), [
    ("80th percentile order value", 80), ("what's the 60th percentile basket", 60), ("p85 cart value last month", 85),
    ("order value at the 33rd percentile this year", 33), ("the 1st percentile transaction size", 1),
])
def test_any_whole_percentile_is_the_querys_and_the_answer_names_it(store: VocabularyIndex, question: str,
                                                                     percentile: int) -> None:
    """Before: the average, said to stand in for a percentile no metric computed."""
    r = read(store, question)
    assert r.query is not None and (r.query.metrics, r.query.percentile) == (["percentile_order_value"], percentile)
    q = r.query.model_copy(update={"time_range": Q4})
    out = compose(r.model_copy(update={"query": q}), _result(q, [{"percentile_order_value": 71.5}]), titles={})
    assert "percentile order value" in out.answer and "$71.50" in out.answer and "average" not in out.answer
    said = {1: "1st", 33: "33rd"}.get(percentile, f"{percentile}th")
    assert out.answer.lower().startswith(f"{said} percentile")


def test_a_median_answer_is_the_median_not_the_average() -> None:
    q = MetricQuery(tenant_id="t", metrics=["median_order_value"], time_range=Q4)
    out = compose(Reading(kind="metric", question="median order value this month", query=q),
                  _result(q, [{"median_order_value": 66.99}]), titles={})
    assert out.answer.startswith("Median order value in October 2026 to date") and "$66.99" in out.answer
    assert "average" not in out.answer


@pytest.mark.parametrize("question", ["stock by location", "stock by warehouse", "how much stock per store",
                                      "units on hand by warehouse location"])
def test_stock_by_location(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics == ["stock_on_hand"] and r.query.dimensions == ["location"]


def test_sales_per_store_are_still_by_channel(store: VocabularyIndex) -> None:
    r = read(store, "revenue per store last month")
    assert r.query is not None and r.query.dimensions == ["channel"]
