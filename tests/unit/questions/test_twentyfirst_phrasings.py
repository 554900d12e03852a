"""The twenty-first set's fixes (``bench/twentyfirst_questions.py``, batch ``twentyfirst``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shared.questions.compose import compose
from shared.questions.reading import Reading, read_question
from shared.questions.recent_trend import asks_recent_trend
from shared.questions.timephrase import make_range
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import DimensionFilter, MetricQuery
from tests.unit.questions.test_compose import TITLES, result
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS

#: The last day of ``DEC_EXTENTS``' sales.
END = DEC_EXTENTS[next(iter(DEC_EXTENTS))][1]


def read(index: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="t", index=index, extents=DEC_EXTENTS)


# ---- the smallest order -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what was our smallest order",
        "smallest order last month",
        "lowest order value this year",
        "min order value last quarter",
        "what's the cheapest order we've had this year",
        "what's the lowest value order we got last month",  # held out: a word between the superlative and "order"
    ],
)
def test_the_smallest_order_is_its_value(store: VocabularyIndex, question: str) -> None:
    """Before: the number of orders, the average order value or the share of days we are the cheapest."""
    r = read(store, question)
    assert r.query is not None and r.query.metrics[0] == "smallest_order", r.query


@pytest.mark.parametrize("question", ["biggest order last month", "highest value order this year"])
def test_the_biggest_order_stays_the_largest(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics[0] == "largest_order", r.query


# ---- orders with a discount ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "how many orders used a coupon this year",
        "how many orders used a discount code last month",
        "share of orders with a voucher last month",
        "orders with a promo code this year",
    ],
)
def test_orders_with_a_coupon_count_a_discount_amount(store: VocabularyIndex, question: str) -> None:
    """Before: the orders with a line on promotion (a sale price, no coupon used) or with a discount amount."""
    r = read(store, question)
    assert r.query is not None and r.query.metrics[:2] == ["discounted_order_share", "discounted_orders"], r.query


@pytest.mark.parametrize(
    "question",
    [
        "how many orders had a discount last month",
        "number of discounted orders last week",
        "what percentage of orders were on promotion last month",
        "how many orders got a discount this week",  # held out: "got" (before the split: read by the coupon word)
    ],
)
def test_discounted_orders_stay_promotion_or_discount(store: VocabularyIndex, question: str) -> None:
    """An item on promotion is sold at a discount: "discounted orders" count it, as a coupon."""
    r = read(store, question)
    assert r.query is not None and r.query.metrics[0] == "promo_order_share", r.query


def test_orders_with_a_discount_are_said_as_such() -> None:
    q = MetricQuery(
        tenant_id="t",
        metrics=["discounted_order_share", "discounted_orders", "orders"],  # "how many orders used a coupon"
        time_range=make_range(date(2026, 11, 1), date(2026, 11, 30), "November 2026"),
    )
    rows = [{"discounted_order_share": 2.5, "discounted_orders": 5, "orders": 200}]
    r = Reading(kind="metric", question="how many orders used a coupon", query=q, shape="value")
    answer = compose(r, result(q, rows), titles=TITLES).answer
    assert answer.startswith("5 of 200 orders in November 2026 (1-30 Nov 2026) used a coupon or discount code (2.5%)")


# ---- a trend asked without a period -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("have sales been dropping?", "revenue"),
        ("is revenue trending up", "revenue"),
        ("are orders going down lately?", "orders"),
        ("have units sold been increasing recently", "units"),
    ],
)
def test_a_trend_without_a_period_is_the_last_30_days_against_the_30_before(
    store: VocabularyIndex, question: str, metric: str
) -> None:
    """Before: all the data's revenue (no comparison), a chart of every month, or last month against the one before."""
    r = read(store, question)
    q = r.query
    assert q is not None and q.metrics[0] == metric and not q.dimensions, q
    assert q.compare == "previous_period" and q.time_range is not None
    assert (q.time_range.start, q.time_range.end) == (END - timedelta(days=29), END)
    assert not r.period_stated


@pytest.mark.parametrize("question", ["has revenue gone up?", "revenue trend", "is revenue growing this year"])
def test_a_past_change_a_chart_or_a_named_period_keep_their_reading(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    q = r.query
    assert q is not None and q.time_range is not None
    assert q.time_range.start != END - timedelta(days=29)


def test_a_movement_under_way_is_asked_by_its_verb() -> None:
    assert asks_recent_trend("are sales slowing down?") and asks_recent_trend("is revenue trending the wrong way")
    assert not asks_recent_trend("did revenue go up last month") and not asks_recent_trend("revenue trend by week")


# ---- did A or B get more --------------------------------------------------------------------------------------------


def test_did_a_or_b_get_more_is_a_ranking_of_the_two(store: VocabularyIndex) -> None:
    """Before: each channel's revenue in the order named (a breakdown), not which of the two had more."""
    r = read(store, "did ebay or amazon bring in more revenue last month")
    assert r.shape == "ranking" and r.query is not None and r.query.descending
    r = read(store, "did ebay or amazon bring in less revenue last month")
    assert r.shape == "ranking" and r.query is not None and not r.query.descending
    r = read(store, "revenue ebay and amazon last month")  # no comparative: each one's, as named
    assert r.shape != "ranking"


def test_two_named_channels_are_weighed_in_one_sentence() -> None:
    q = MetricQuery(
        tenant_id="t",
        metrics=["revenue"],
        dimensions=["channel"],
        order_by="revenue",
        time_range=make_range(date(2026, 11, 1), date(2026, 11, 30), "November 2026"),
        filters=[DimensionFilter(dimension="channel", values=["ebay", "amazon"])],
    )
    rows = [{"channel": "amazon", "revenue": 300.0}, {"channel": "ebay", "revenue": 100.0}]
    r = Reading(kind="metric", question="did ebay or amazon bring in more revenue", query=q, shape="ranking")
    answer = compose(r, result(q, rows), titles=TITLES).answer
    assert answer.startswith(
        "Amazon had more revenue than ebay in November 2026 (1-30 Nov 2026): £300.00 against £100.00"
    ), answer


# ---- amounts with a currency code --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "above"),
    [("orders above USD 500 this year", 500.0), ("how many orders over GBP 1,000 last month", 1000.0)],
)
def test_a_currency_code_before_an_amount_is_an_order_value(
    store: VocabularyIndex, question: str, above: float
) -> None:
    """Before: "orders above USD 500" counted every order."""
    r = read(store, question)
    assert r.query is not None and r.query.order_value_above == pytest.approx(above), r.query


def test_an_order_value_in_another_currency_says_the_sales_own(shop: VocabularyIndex) -> None:
    """A GBP shop asked in dollars: the threshold is read in pounds, and said so first (before: nothing said)."""
    r = read(shop, "how many orders under USD 20 last month")
    assert r.query is not None and r.query.order_value_below == pytest.approx(20.0)
    assert r.lead.startswith("Your sales are in GBP, not USD"), r.lead
    r = read(shop, "how many orders under £20 last month")
    assert not r.lead.startswith("Your sales are in")
