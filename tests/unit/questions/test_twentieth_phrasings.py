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
from shared.questions.year_on_year import year_on_year_range
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


# ---- each month against the same month a year earlier ----------------------------------------------------------


def test_a_year_of_months_with_a_year_before_them() -> None:
    """Data from 7 Dec 2024: December 2025 against a December 2024 partly covered is left out; December 2026 is
    not over."""
    rng = year_on_year_range(date(2026, 12, 6), date(2024, 12, 7), "month")
    assert (rng.start, rng.end) == (date(2026, 1, 1), date(2026, 11, 30)) and rng.label.startswith("the last 11")
    rng = year_on_year_range(date(2026, 11, 30), date(2020, 1, 1), "month")
    assert (rng.start, rng.end) == (date(2025, 12, 1), date(2026, 11, 30))
    rng = year_on_year_range(date(2026, 12, 6), date(2024, 12, 7), "quarter")
    assert (rng.start, rng.end) == (date(2026, 1, 1), date(2026, 9, 30))


@pytest.mark.parametrize(
    "question",
    [
        "YoY growth by month",
        "monthly revenue vs last year",
        "each month compared with the same month last year",
        "revenue by month year over year",
    ],
)
def test_months_against_last_year_are_read_as_each_month_compared(question: str) -> None:
    """Before: a trend of last month alone ("Only one month of revenue falls in November 2026")."""
    r = read_question(question, tenant_id="t", index=sample_like_store(), extents=DEC_EXTENTS)
    q = r.query
    assert q is not None and r.shape == "trend" and q.dimensions == ["date"] and q.grain == "month", q
    assert q.compare == "previous_year" and q.time_range is not None
    assert q.time_range.end.day != 1 and (q.time_range.end - q.time_range.start).days > 300
    assert not r.period_stated


def test_a_trend_without_last_year_stays_a_trend() -> None:
    r = read_question("revenue by month", tenant_id="t", index=sample_like_store(), extents=DEC_EXTENTS)
    assert r.query is not None and r.shape == "trend" and r.query.compare is None


def test_each_month_is_said_against_last_years_led_by_the_latest() -> None:
    rng = make_range(date(2026, 9, 1), date(2026, 11, 30), "the last 3 whole months")
    q = MetricQuery(
        tenant_id="t", metrics=["revenue"], dimensions=["date"], grain="month", time_range=rng, compare="previous_year"
    )
    rows = [
        {"date": date(2026, 9, 1), "revenue": 110.0, "revenue_previous": 100.0, "revenue_change_pct": 10.0},
        {"date": date(2026, 10, 1), "revenue": 90.0, "revenue_previous": 100.0, "revenue_change_pct": -10.0},
        {"date": date(2026, 11, 1), "revenue": 105.0, "revenue_previous": 100.0, "revenue_change_pct": 5.0},
    ]
    answer = compose(
        Reading(kind="metric", question="yoy by month", query=q, shape="trend"), result(q, rows), titles=TITLES
    ).answer
    first = answer.split("; each")[0]
    assert first == "Revenue was £105.00 in Nov 2026, up 5.0% from £100.00 in Nov 2025", answer
    assert "each month in the last 3 whole months (1 Sep - 30 Nov 2026) against the same month a year earlier" in answer
    assert "Sep 2026 £110.00 against £100.00 (+10.0%); Oct 2026 £90.00 against £100.00 (-10.0%)" in answer
