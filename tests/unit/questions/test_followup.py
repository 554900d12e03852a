"""Follow-ups change only what they name in the previous metric reading."""

from __future__ import annotations

from datetime import date

from shared.questions.followup import follow_up
from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import EXTENTS


def read(shop: VocabularyIndex, q: str) -> Reading:
    return read_question(q, tenant_id="decor", index=shop, extents=EXTENTS)


def then(shop: VocabularyIndex, first: str, second: str) -> Reading | None:
    return follow_up(read(shop, second), read(shop, first), index=shop, extents=EXTENTS)


def test_the_month_before(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue on Etsy in March 2025", "and the month before?")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2025, 2, 1), date(2025, 2, 28))
    assert r.query.time_range.label == "February 2025 (1-28 Feb 2025)"
    assert r.query.filters[0].values == ["Etsy"]


def test_a_year_earlier_and_a_new_period(shop: VocabularyIndex) -> None:
    r = then(shop, "orders in Q1 2025", "what about a year earlier?")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == date(2024, 1, 1) and r.query.metrics == ["orders"]
    r2 = then(shop, "orders in Q1 2025", "and in 2023?")
    assert r2 is not None and r2.query is not None and r2.query.time_range is not None
    assert r2.query.time_range.start == date(2023, 1, 1)


def test_names_replace_the_same_kind(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue on Etsy in March 2025", "what about Shopify?")
    assert r is not None and r.query is not None and r.query.filters[0].values == ["Shopify"]
    assert r.query.time_range is not None and r.query.time_range.start == date(2025, 3, 1)


def test_metric_and_breakdown_swaps(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue in March 2025", "and units?")
    assert r is not None and r.query is not None and r.query.metrics == ["units"]
    b = then(shop, "revenue in March 2025", "and by channel?")
    assert b is not None and b.query is not None and b.query.dimensions == ["channel"] and b.shape == "breakdown"


def test_standalone_questions_are_not_follow_ups(shop: VocabularyIndex) -> None:
    assert then(shop, "revenue in March 2025", "how many reviews did we get in 2024 on etsy, by month?") is None
    assert then(shop, "which products are overpriced?", "and the month before?") is None


def test_a_follow_up_to_a_share_reads_its_counts_too(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue on Etsy in March 2025", "what about the share of discounted orders?")
    assert r is not None and r.query is not None
    assert r.query.metrics == ["promo_order_share", "promo_orders", "orders"]


def test_a_moving_day_a_year_earlier_is_last_years_day(shop: VocabularyIndex) -> None:
    """"Revenue on Black Friday 2024" then "and a year earlier?": Black Friday 2023 (24 Nov), not 29 Nov 2023."""
    r = then(shop, "revenue on Black Friday 2024", "and a year earlier?")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2023, 11, 24), date(2023, 11, 24))
    assert r.query.time_range.label.startswith("Black Friday 2023")
    week = then(shop, "sales the week after black friday 2024", "what about the year before?")
    assert week is not None and week.query is not None and week.query.time_range is not None
    assert week.query.time_range.start == date(2023, 11, 25)
    fixed = then(shop, "revenue on christmas eve 2024", "and a year earlier?")
    assert fixed is not None and fixed.query is not None and fixed.query.time_range is not None
    assert fixed.query.time_range.start == date(2023, 12, 24)
