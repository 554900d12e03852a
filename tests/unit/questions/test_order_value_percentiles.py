"""Medians and percentiles of order values, and stock by location, as questions read and answer them.

"median order value last month" and "90th percentile order value this year" name metrics of their own (one value
per order, ``shared.store.metrics.catalog``), not the average said to stand in for them; a percentile no metric
computes still gets the average, said to be one. "stock by location / by warehouse / per store" breaks stock on
hand down by the inventory's location (a store of a stock count is where it is kept, not a sales channel).
"""

from __future__ import annotations

import pytest

from shared.questions.compose import compose
from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import MetricQuery
from tests.unit.questions.test_tenth_phrasings import sample_like_store
from tests.unit.questions.test_twelfth_phrasings import Q4, _result
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


@pytest.fixture
def store() -> VocabularyIndex:
    return sample_like_store()


def read(store: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)


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
    ("80th percentile order value", "aov"),  # no metric computes it: the average, said to be one
])
def test_order_value_percentiles_are_their_own_metrics(store: VocabularyIndex, question: str, metric: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics == [metric]


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
