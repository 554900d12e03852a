"""Sales phrasings a merchant uses that were misread: each reads as the question it is."""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.reading import Reading, read_question
from shared.questions.timephrase import resolve_time
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import END, EXTENTS


def read(shop: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)


@pytest.mark.parametrize(("question", "start", "end"), [
    ("Revenue week over week", date(2025, 6, 9), date(2025, 6, 15)),  # END is a Sunday: its week is whole
    ("orders WoW", date(2025, 6, 9), date(2025, 6, 15)),
    ("units quarter over quarter", date(2025, 1, 1), date(2025, 3, 31)),
    ("revenue month over month", date(2025, 5, 1), date(2025, 5, 31)),
])
def test_a_unit_over_unit_comparison_reads_the_last_whole_unit(shop: VocabularyIndex, question: str, start: date,
                                                               end: date) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.compare == "previous_period"
    assert r.query.time_range is not None and (r.query.time_range.start, r.query.time_range.end) == (start, end)


@pytest.mark.parametrize(("question", "metric", "descending"), [
    ("Which products had the biggest revenue drop last month?", "revenue", False),
    ("Which category saw the largest sales increase this year?", "revenue", True),
    ("Which channels had the sharpest drops in orders?", "orders", False),
])
def test_a_change_named_with_its_metric_ranks_by_change(shop: VocabularyIndex, question: str, metric: str,
                                                        descending: bool) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.order_by_change and r.query.order_by == metric
    assert r.query.descending is descending


def test_a_number_in_a_ranking_is_no_unknown_name(shop: VocabularyIndex) -> None:
    r = read(shop, "What are the 10 worst selling products last quarter?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["units"] and r.show == 10


@pytest.mark.parametrize(("question", "metric"), [
    ("Which products make the least margin?", "margin"),
    ("Which brand made the most profit in 2024?", "margin"),
    ("How much revenue did we lose to refunds in 2024?", "refunds"),
    ("How much did we give away in discounts last month?", "discounts"),
    ("How much did we earn from Etsy orders last month?", "revenue"),  # "from": the source, not the object
    ("How many units did we make sales of?", "units"),
])
def test_a_metric_after_make_or_lose_is_the_metric_asked(shop: VocabularyIndex, question: str, metric: str) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.metrics[0] == metric, r.query.metrics if r.query else r.kind


@pytest.mark.parametrize("question", ["Revenue by region last month", "Which country buys the most?",
                                      "Sales per state in 2024"])
def test_regions_are_said_to_be_missing(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.kind == "unanswerable" and r.needed and "region" in r.needed


@pytest.mark.parametrize(("question", "metrics"), [
    ("Which products get the most negative reviews?", ["negative_reviews"]),
    ("Which category has the most bad reviews this year?", ["negative_reviews"]),
    ("What share of reviews are negative?", ["negative_review_share"]),
    ("How many 1-star reviews did we get last month?", ["negative_review_share", "review_count"]),
])
def test_negative_reviews_counted_or_as_a_share(shop: VocabularyIndex, question: str, metrics: list[str]) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.metrics == metrics


def test_seasons_and_gone_up() -> None:
    t = resolve_time("Has revenue gone up since the summer?", END)
    assert t.range is not None and (t.range.start, t.range.end) == (date(2025, 6, 1), END)  # the latest started
    t = resolve_time("sales last winter", END)
    assert t.range is not None and (t.range.start, t.range.end) == (date(2024, 12, 1), date(2025, 2, 28))
    assert t.range.label.startswith("winter 2024-25")
    t = resolve_time("revenue in spring 2024", END)
    assert t.range is not None and (t.range.start, t.range.end) == (date(2024, 3, 1), date(2024, 5, 31))


def test_gone_up_compares_with_the_period_before(shop: VocabularyIndex) -> None:
    r = read(shop, "Has revenue gone up since March?")
    assert r.query is not None and r.query.compare == "previous_period"


def test_how_are_we_trending_over_a_period_is_the_revenue_trend(shop: VocabularyIndex) -> None:
    r = read(shop, "How are we trending over the last 6 months?")
    assert r.kind == "metric" and r.shape == "trend" and r.query is not None and r.query.metrics == ["revenue"]


@pytest.mark.parametrize(("question", "metric"), [
    ("What percent of revenue did we discount last month?", "discount_rate"),
    ("What's our profit margin on the Kitchen & Dining category?", "margin_pct"),
    ("What was our gross margin in 2024?", "margin"),
])
def test_rates_said_in_other_words(shop: VocabularyIndex, question: str, metric: str) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.metrics[0] == metric


def test_new_customers_says_they_are_not_told_apart(shop: VocabularyIndex) -> None:
    r = read(shop, "How many new customers did we get last month?")
    assert r.query is not None and r.query.metrics == ["customers"] and "not told apart" in r.notes[0]
    assert not read(shop, "How many customers bought last month?").notes
