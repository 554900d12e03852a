"""The sixteenth round's leftovers and the seventeenth set's fixes (``bench/seventeenth_questions.py``).

Returning customers' share of revenue (Shopify's customer type); rankings net of returns and refunds; one phrase that
names several channels ("online") as one slice; yearless numeric dates and follow-up turns read in the tenant's date
order.
"""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.date_order import ambiguous_dates_read, tenant_day_first
from shared.questions.followup import follow_up
from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


def read(index: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="t", index=index, extents=DEC_EXTENTS)


@pytest.fixture
def pounds() -> VocabularyIndex:
    """A shop selling in pounds (day first)."""
    products = [ProductName(sku="KIT-0001", title="Cutting Board Large", brand="Fenwick", category="Kitchen")]
    return VocabularyIndex(
        Vocabulary(tenant_id="t", products=products, skus=["KIT-0001"], channels=["web"], currency="GBP")
    )


@pytest.mark.parametrize(
    "question",
    [
        "what % of revenue came from repeat customers last month?",
        "how much of our revenue is from returning customers last month?",
        "share of revenue from repeat buyers this year",
        "what percentage of sales were from returning customers this year?",
        "proportion of our sales from existing customers last quarter",
    ],
)
def test_a_share_of_revenue_from_returning_customers_is_that_share_and_its_money(
    store: VocabularyIndex, question: str
) -> None:
    r = read(store, question)
    assert r.query is not None
    assert r.query.metrics == ["returning_customer_revenue_share", "returning_customer_revenue"]


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("returning customer revenue last quarter", ["returning_customer_revenue"]),
        ("repeat customer rate last month", ["repeat_customer_rate", "repeat_customers", "customers"]),
    ],
)
def test_returning_customers_money_and_rate_stay_themselves(
    store: VocabularyIndex, question: str, metrics: list[str]
) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics == metrics


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("top 5 SKUs by units this quarter excluding returns", ["net_units", "units", "returned_units"]),
        ("top 3 products by units net of returns this year", ["net_units", "units", "returned_units"]),
        ("top 5 products by revenue last month net of refunds", ["revenue_less_refunds", "revenue", "refunds"]),
        ("top 3 skus by revenue less refunds last quarter", ["revenue_less_refunds", "revenue", "refunds"]),
        ("net units by category last month", ["net_units", "units", "returned_units"]),
    ],
)
def test_a_ranking_net_of_returns_ranks_the_net_figure(
    store: VocabularyIndex, question: str, metrics: list[str]
) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics == metrics and r.query.order_by == metrics[0]


@pytest.mark.parametrize("question", ["online revenue last month", "online orders this year"])
def test_online_is_one_slice_of_the_channels_it_names(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == [] and r.shape == "value"
    assert [f.values for f in r.query.filters] == [["web", "amazon", "ebay"]]


def test_two_channels_named_are_still_each_their_own(store: VocabularyIndex) -> None:
    r = read(store, "amazon and ebay revenue last month")
    assert r.query is not None and r.query.dimensions == ["channel"]


@pytest.mark.parametrize(
    ("question", "day", "said"),
    [
        ("revenue on 03/04", date(2026, 4, 3), "03/04 is read day first as 3 Apr"),
        ("orders on 5/10", date(2026, 10, 5), "5/10 is read day first as 5 Oct"),
    ],
)
def test_a_yearless_ambiguous_date_is_read_the_tenants_way(
    pounds: VocabularyIndex, question: str, day: date, said: str
) -> None:
    r = read(pounds, question)
    assert r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == day and said in r.lead


def test_a_yearless_range_is_read_day_first_at_both_ends(pounds: VocabularyIndex) -> None:
    r = read(pounds, "orders 3/4-3/9")
    assert r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2026, 4, 3), date(2026, 9, 3))


@pytest.mark.parametrize("text", ["what is 3/4 of revenue", "a 4/5 star average"])
def test_a_yearless_fraction_is_no_date(text: str) -> None:
    assert ambiguous_dates_read(text, tenant_day_first("GBP")) == (text, "")


def test_a_follow_up_reads_an_ambiguous_date_the_tenants_way(pounds: VocabularyIndex) -> None:
    r = follow_up(read(pounds, "and on 03/04?"), read(pounds, "revenue yesterday"), index=pounds, extents=DEC_EXTENTS)
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == date(2026, 4, 3)
    assert r.lead.startswith("03/04 is read day first as 3 Apr")
    dated = follow_up(
        read(pounds, "and 03/04/2026?"), read(pounds, "revenue yesterday"), index=pounds, extents=DEC_EXTENTS
    )
    assert dated is not None and dated.query is not None and dated.query.time_range is not None
    assert dated.query.time_range.start == date(2026, 4, 3)
