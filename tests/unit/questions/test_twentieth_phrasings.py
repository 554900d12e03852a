"""The nineteenth round's leftovers (``bench/twentieth_questions.py``, batch ``twentieth_left``)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from shared.orchestration.descriptive import unanswerable_report
from shared.questions.compose import compose
from shared.questions.reading import Reading, read_question
from shared.questions.timephrase import make_range
from shared.questions.totals import totals_query
from shared.questions.unknown_codes import code_example
from shared.store.metrics.model import DimensionFilter, MetricQuery
from tests.unit.questions.test_compose import TITLES, result
from tests.unit.questions.test_tenth_phrasings import sample_like_store
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS

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


# ---- a code shaped like none of the catalogue's: one of the shop's own codes shown -----------------------------


def test_a_code_example_is_of_the_shops_commonest_shape() -> None:
    assert code_example(["KIT-0046", "HOM-0002", "ELE-0005", "odd_1"]) == "ELE-0005"
    assert code_example(["100234", "100235", "VASE_RED_30"]) == "100234"
    assert code_example([]) is None


@pytest.mark.parametrize("question", ["sales of SKU-9999", "revenue for QQ-12345 last month", "stock of item #ZX-77"])
def test_an_unknown_code_like_none_of_the_shops_shows_one_of_its_codes(question: str) -> None:
    """Before: "No product ... is called "SKU-9999" ..." and nothing said of what the shop's codes look like."""
    store = sample_like_store()
    reading = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert reading.kind == "unanswerable" and not reading.suggestions
    assert reading.code_example is not None and re.fullmatch(r"[A-Z]{3}-\d{4}", reading.code_example)
    report = unanswerable_report(reading, mode="quick", planner="router", data_version=1, warnings=[])
    assert f'Your product codes look like "{reading.code_example}".' in report.answer


def test_a_close_code_is_suggested_instead_of_an_example() -> None:
    reading = read_question("sales of KIT-0003", tenant_id="t", index=sample_like_store(), extents=DEC_EXTENTS)
    assert reading.kind == "unanswerable" and reading.suggestions and reading.code_example is None
