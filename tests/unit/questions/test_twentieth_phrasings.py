"""The nineteenth round's leftovers (``bench/twentieth_questions.py``, batch ``twentieth_left``)."""

from __future__ import annotations

from datetime import date

from shared.questions.compose import compose
from shared.questions.reading import Reading
from shared.questions.timephrase import make_range
from shared.questions.totals import totals_query
from shared.store.metrics.model import DimensionFilter, MetricQuery
from tests.unit.questions.test_compose import TITLES, result

ALL_DATA = make_range(date(2024, 12, 7), date(2026, 12, 6), "all your data")


# ---- "which has more 1-star reviews, A or B?" when neither has one ----------------------------------------------


def _pair_query(metric: str = "review_count", descending: bool = True) -> MetricQuery:
    return MetricQuery(
        tenant_id="t",
        metrics=[metric],
        dimensions=["sku"],
        order_by=metric,
        descending=descending,
        limit=6,
        time_range=ALL_DATA,
        filters=[
            DimensionFilter(dimension="stars", values=["1 star"]),
            DimensionFilter(dimension="sku", values=["A-1", "B-2"]),
        ],
    )


def test_a_named_pair_without_any_row_is_said_with_both_zeros() -> None:
    """Before: "There were no reviews rated 1 star for ..." (and, in the service, the sentiment agent's summary)."""
    q = _pair_query(descending=False)
    reading = Reading(kind="metric", question="which has fewer 1-star reviews, A-1 or B-2?", query=q, shape="ranking")
    answer = compose(reading, result(q, []), titles=TITLES).answer
    assert answer.startswith("Neither Blue Vase (A-1) nor Red Vase (B-2) had any reviews rated 1 star"), answer
    assert answer.rstrip(".").endswith("0 each")


def test_reviews_by_product_read_no_sales_totals() -> None:
    """Before: the sales totals were asked with the reviews' star filter, the metrics layer refused the query and
    the question went to the sentiment agent ("26 reviews of A and B ... 96% positive")."""
    assert totals_query(_pair_query()) is None
    sales = MetricQuery(tenant_id="t", metrics=["units"], dimensions=["sku"], time_range=ALL_DATA)
    assert totals_query(sales) is not None
