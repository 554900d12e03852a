"""The twenty-sixth round: the reading rules ``bench/twentysixth_questions.py`` found missing."""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.reading import read_question
from shared.questions.timephrase import resolve_time
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS

AS_OF = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("question", "period", "baseline_start"),
    [
        ("first half vs second half of last year revenue", (date(2025, 7, 1), date(2025, 12, 31)), date(2025, 1, 1)),
        ("H1 vs H2 last year revenue", (date(2025, 7, 1), date(2025, 12, 31)), date(2025, 1, 1)),
        ("revenue in H1 vs H2 2025", (date(2025, 7, 1), date(2025, 12, 31)), date(2025, 1, 1)),
        ("Q1 vs Q2 of last year orders", (date(2025, 4, 1), date(2025, 6, 30)), date(2025, 1, 1)),
        ("january vs february last year revenue", (date(2025, 2, 1), date(2025, 2, 28)), date(2025, 1, 1)),
    ],
)
def test_a_year_said_once_is_both_compared_periods(
    question: str, period: tuple[date, date], baseline_start: date
) -> None:
    """Before: the first period was this year's (H1 2026 against H2 2025)."""
    t = resolve_time(question, AS_OF)
    assert t.range is not None and (t.range.start, t.range.end) == period
    baseline = t.baseline.start if t.baseline is not None else None
    assert baseline in (None, baseline_start)  # the period just before it, or named as the baseline


def test_a_year_is_not_shared_into_the_future_nor_between_units() -> None:
    t = resolve_time("revenue in march vs april 2025", AS_OF)
    assert t.range is not None and t.range.start == date(2025, 4, 1)
    t = resolve_time("revenue in Q4 vs Q1 2026", AS_OF)  # Q4 2026 is the latest Q4 already: unchanged
    assert t.range is not None and t.range.start == date(2026, 10, 1)
    t = resolve_time("revenue in H1 vs Q3 2025", AS_OF)  # a half and a quarter: no shared year
    assert t.range is not None and date(2026, 1, 1) in (t.range.start, t.baseline.start if t.baseline else None)


@pytest.mark.parametrize(
    ("question", "focus", "whole"),
    [
        ("what share of Kitchen revenue came from amazon last quarter", "channel", ("category", ["Kitchen"])),
        ("what share of amazon revenue came from Kitchen last quarter", "category", ("channel", ["amazon"])),
        ("what % of ebay units were Apparel", "category", ("channel", ["ebay"])),
    ],
)
def test_a_shares_slice_is_the_name_after_from(
    store: VocabularyIndex, question: str, focus: str, whole: tuple[str, list[str]]
) -> None:
    """Before: the first name was the slice, so Kitchen's share of amazon's revenue was answered."""
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.dimensions == [focus] and r.shape == "share"
    assert [(f.dimension, f.values) for f in r.query.filters] == [whole]


def test_up_the_most_ranks_by_the_change(store: VocabularyIndex) -> None:
    r = read_question("which brand is up the most vs last year", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.order_by_change and r.query.compare == "previous_year"
    r = read_question("which channel is down the most this month", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.order_by_change and not r.query.descending


@pytest.mark.parametrize(
    "question",
    [
        "how many customers placed more than one order last month",
        "customers with multiple orders this year",
        "how many people made 2+ orders last quarter",
    ],
)
def test_more_than_one_order_is_a_repeat_customer(store: VocabularyIndex, question: str) -> None:
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and "repeat_customers" in r.query.metrics


def test_one_order_placed_stays_customers(store: VocabularyIndex) -> None:
    r = read_question("how many customers placed an order last month", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.metrics[0] == "customers"


@pytest.mark.parametrize(
    "question",
    [
        "new vs returning customer revenue this year",
        "revenue from new vs returning customers this year",
        "repeat vs first-time customer sales last quarter",
    ],
)
def test_new_and_returning_money_is_both_groups_money(store: VocabularyIndex, question: str) -> None:
    """Before: one group's money, or how many customers each group was."""
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.metrics == ["new_customer_revenue", "returning_customer_revenue"]


def test_new_and_returning_customers_stay_counts(store: VocabularyIndex) -> None:
    r = read_question("how many new vs returning customers last month", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.metrics[:2] == ["new_customers", "returning_customers"]


def test_what_one_customer_does_on_average_is_per_customer(store: VocabularyIndex) -> None:
    r = read_question(
        "how many orders does a customer place on average this year", tenant_id="t", index=store, extents=DEC_EXTENTS
    )
    assert r.query is not None and r.query.metrics == ["orders", "customers"] and r.per_metric == "customers"


@pytest.mark.parametrize(
    ("question", "metric", "sliced"),
    [
        ("how many orders did customers return last month", "returns_made", False),
        ("orders that came back last month", "returns_made", False),
        ("how many of last month's orders were returned", "orders", True),
        # the twenty-seventh round: a count of returns leads with the returns made, units returned beside them
        ("how many returns last month", "returns_made", False),
        ("how many items came back last month", "returned_units", False),
    ],
)
def test_the_returns_made_in_a_period_against_the_orders_returned(
    store: VocabularyIndex, question: str, metric: str, sliced: bool
) -> None:
    """The returns made in the month (whenever ordered) are their own count; the month's orders that had a return are
    the ``returned`` slice; "items came back" stays units."""
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.metrics[0] == metric
    assert any(f.dimension == "returned" for f in r.query.filters) == sliced


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("how many customers ordered 2 or more times this year", "repeat_customers"),
        ("how many units did customers send back this year", "returned_units"),
        ("average spend per customer last quarter", "revenue"),
        ("average spend last quarter", "aov"),
    ],
)
def test_the_held_out_sets_misses(store: VocabularyIndex, question: str, metric: str) -> None:
    """Found by ``twentysixth2`` (measured once before they were fixed): "2 or more times" in figures, units a
    customer sends back, and an average spend per customer (not per order)."""
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and metric in r.query.metrics
