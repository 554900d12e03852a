"""A thirteenth set of phrasings (``bench/thirteenth_questions.py``, batches ``thirteenth`` and ``thirteenth2``).

Dashboard window codes ("L7D", "T12M", "YTD vs LYTD"), analysts' acronyms (IPT, AUR), dates without a year written
as numbers ("3/15", "31/10", "15.03.", "10/1-10/7"), "the month gone by", the weekend before or after a named day,
more named days (St Patrick's Day, the Fourth of July, Labor Day, Small Business Saturday), a metric per order, unit
or customer, Shopify's "net quantity", and a marketplace's seller-account figures refused.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from shared.questions.compose import compose
from shared.questions.forecast_window import forecast_period
from shared.questions.reading import Reading
from shared.questions.shorthand import expand_shorthand
from shared.questions.timephrase import make_range, resolve_time
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import CompiledStatement, MetricQuery, MetricResult
from tests.unit.questions.test_tenth_phrasings import read
from tests.unit.questions.test_unseen_phrasings import DEC


@pytest.mark.parametrize(("question", "text"), [
    ("L7D revenue", "last 7 days revenue"),
    ("orders l30d", "orders last 30 days"),
    ("revenue L4W", "revenue last 4 weeks"),
    ("T12M revenue", "trailing 12 months revenue"),
    ("revenue R12M", "revenue rolling 12 months"),
    ("YTD vs LYTD revenue", "YTD vs the same period last year revenue"),
    ("IPT this year", "units per transaction this year"),
    ("AUR last month", "average selling price last month"),
    ("BFCM weekend revenue", "black friday to cyber monday revenue"),
])
def test_window_codes_and_acronyms_are_written_out(question: str, text: str) -> None:
    assert expand_shorthand(question) == text


def test_a_window_code_that_is_a_tenant_name_stays() -> None:
    assert expand_shorthand("units of L7D", known=lambda w: w == "l7d") == "units of L7D"


@pytest.mark.parametrize(("question", "start", "end"), [
    ("revenue on 3/15", date(2026, 3, 15), date(2026, 3, 15)),
    ("orders on 15.03.", date(2026, 3, 15), date(2026, 3, 15)),
    ("sales on 31/10", date(2026, 10, 31), date(2026, 10, 31)),  # a first number above 12 is the day
    ("revenue on 12/25", date(2025, 12, 25), date(2025, 12, 25)),  # the latest one on or before the data's end
    ("revenue from 3/1 to 3/15", date(2026, 3, 1), date(2026, 3, 15)),
    ("units 10/1-10/7", date(2026, 10, 1), date(2026, 10, 7)),
    ("orders between 01.10. and 15.10.", date(2026, 10, 1), date(2026, 10, 15)),
    ("what did we turn over in the month gone by", date(2026, 11, 1), date(2026, 11, 30)),
    ("orders in the week gone by", date(2026, 11, 23), date(2026, 11, 29)),
    ("revenue in the quarter that's gone by", date(2026, 7, 1), date(2026, 9, 30)),
    ("revenue the weekend before easter", date(2026, 3, 28), date(2026, 3, 29)),  # Easter Sunday: 5 Apr 2026
    ("orders the weekend after black friday", date(2026, 11, 28), date(2026, 11, 29)),
    ("revenue the weekend before christmas", date(2025, 12, 20), date(2025, 12, 21)),  # a Thursday in 2025
    ("sales on st patrick's day", date(2026, 3, 17), date(2026, 3, 17)),
    ("orders on the fourth of july", date(2026, 7, 4), date(2026, 7, 4)),
    ("labor day revenue", date(2026, 9, 7), date(2026, 9, 7)),
    ("memorial day orders", date(2026, 5, 25), date(2026, 5, 25)),
    ("small business saturday revenue", date(2026, 11, 28), date(2026, 11, 28)),
])
def test_days_without_a_year_and_named_days(question: str, start: date, end: date) -> None:
    rng = resolve_time(question, DEC).range
    assert rng is not None and (rng.start, rng.end) == (start, end)


@pytest.mark.parametrize("question", ["what is 1/2 of revenue", "do we sell 24/7", "orders above 15.03 dollars"])
def test_fractions_and_amounts_are_no_days(question: str) -> None:
    assert resolve_time(question, DEC).range is None


def test_the_weekend_before_a_day_is_its_range_not_a_weekday_filter() -> None:
    assert resolve_time("revenue the weekend before easter", DEC).weekdays == []


@pytest.mark.parametrize(("question", "metrics", "per"), [
    ("discount per order last month", ["discounts", "orders"], "orders"),
    ("average refund per order this year", ["refunds", "orders"], "orders"),
    ("average discount per unit this year", ["discounts", "units"], "units"),  # the amount, not the discount rate
    ("orders per customer this year", ["orders", "customers"], "customers"),
    ("how much do we make per unit on amazon this year", ["asp"], None),  # a ratio the metrics layer computes
])
def test_a_metric_per_order_unit_or_customer(store: VocabularyIndex, question: str, metrics: list[str],
                                             per: str | None) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == metrics and r.per_metric == per


def _result(query: MetricQuery, rows: list[dict[str, Any]]) -> MetricResult:
    return MetricResult(query=query, columns=list(rows[0]), rows=rows, currency="USD",
                        statement=CompiledStatement(sql="SELECT 1", params={}, dialect="duckdb"))


def test_a_per_ratio_is_said_first_with_its_parts() -> None:
    q = MetricQuery(tenant_id="t", metrics=["orders", "customers"],
                    time_range=make_range(date(2026, 1, 1), DEC, "2026 to date"))
    out = compose(Reading(kind="metric", question="orders per customer this year", query=q, per_metric="customers"),
                  _result(q, [{"orders": 468, "customers": 100}]), titles={})
    assert out.answer.startswith("Orders per customer in 2026 to date") and "was 4.68 (468 over 100 customers)" in \
        out.answer


def test_net_quantity_is_units_less_returns(store: VocabularyIndex) -> None:
    r = read(store, "net quantity sold last month")
    assert r.query is not None and r.query.metrics == ["units", "returned_units"] and r.net_of


@pytest.mark.parametrize("question", ["buy box percentage this month", "what did we pay in FBA fees last quarter",
                                      "how much did amazon charge us in referral fees"])
def test_marketplace_seller_figures_cannot_be_answered(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    # a Buy Box share names its own report (the pricing round's refusal), the fees the seller reports
    assert r.kind == "unanswerable" and ("seller reports" in (r.needed or "") or "Buy Box" in (r.needed or ""))


@pytest.mark.parametrize(("question", "dim", "ranked"), [
    ("where does kitchen rank by revenue this year", "category", "Kitchen"),
    ("what position is amazon in for orders this year", "channel", "amazon"),
    ("is ebay our smallest channel this year", "channel", "ebay"),  # every channel, not eBay's own 100%
    ("was kitchen the top category last month", "category", "Kitchen"),
])
def test_the_place_of_one_name_is_asked_among_all_of_its_kind(store: VocabularyIndex, question: str, dim: str,
                                                              ranked: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == [dim] and r.ranked == ranked and r.query.limit is None
    assert not [f for f in r.query.filters if f.dimension == dim]


def test_a_name_asked_for_alone_is_no_ranking(store: VocabularyIndex) -> None:
    r = read(store, "kitchen revenue this year")
    assert r.ranked is None and r.query is not None and r.query.dimensions == []


def test_the_rank_of_a_name_is_said_first() -> None:
    q = MetricQuery(tenant_id="t", metrics=["revenue"], dimensions=["category"],
                    time_range=make_range(date(2026, 1, 1), DEC, "2026 to date"))
    rows = [{"category": "Outdoor", "revenue": 300.0}, {"category": "Kitchen", "revenue": 200.0},
            {"category": "Home", "revenue": 100.0}]
    out = compose(Reading(kind="metric", question="where does kitchen rank", query=q, shape="breakdown",
                          ranked="Kitchen"), _result(q, rows), titles={})
    assert out.answer.startswith("Kitchen ranks 2nd of 3 categories by revenue in 2026 to date") and "$200.00" in \
        out.answer


@pytest.mark.parametrize("question", ["number of unique products sold on ebay this month",
                                      "number of distinct skus sold yesterday"])
def test_a_number_of_distinct_products_counts_them(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == ["sku"] and r.shape == "count"


def test_a_number_of_items_sold_is_units(store: VocabularyIndex) -> None:
    r = read(store, "number of items sold yesterday")
    assert r.query is not None and r.query.metrics == ["units"] and r.query.dimensions == []


def test_revenue_per_item_is_no_breakdown_by_product(store: VocabularyIndex) -> None:
    r = read(store, "average revenue per item on web this year")
    assert r.query is not None and r.query.metrics == ["asp"] and r.query.dimensions == []


def test_a_named_week_asked_ahead_is_forecast_for_its_own_days(store: VocabularyIndex) -> None:
    r = read(store, "what's the sales forecast for christmas week")
    assert r.kind == "agent" and "forecast" in r.agent_intents
    assert (r.forecast_from, r.forecast_until) == (date(2026, 12, 21), date(2026, 12, 27))


def test_an_average_per_fortnight_divides_by_fortnights(store: VocabularyIndex) -> None:
    r = read(store, "what was the average fortnightly revenue this year")
    assert r.per_unit == "fortnight" and r.query is not None and r.query.dimensions == []
    q = r.query
    out = compose(r, _result(q, [{"revenue": 14000.0}]), titles={})
    assert q.time_range is not None
    assert "fortnightly revenue" in out.answer and f"over {q.time_range.days / 14:,.1f} fortnights" in out.answer


def test_a_growth_rate_with_a_period_is_revenue_against_the_period_before(store: VocabularyIndex) -> None:
    r = read(store, "what's our growth rate year to date")
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"] and r.query.compare


def test_an_annualised_value_is_the_period_at_a_years_pace(store: VocabularyIndex) -> None:
    r = read(store, "annualised revenue based on the last 90 days")
    assert r.annualised and r.query is not None and r.query.metrics == ["revenue"]
    out = compose(r, _result(r.query, [{"revenue": 900.0}]), titles={})
    assert "comes to $3,650.00 a year" in out.answer


def test_how_many_of_the_customers_were_new(store: VocabularyIndex) -> None:
    r = read(store, "how many customers bought this month and how many were new")
    assert r.query is not None and r.query.metrics == ["new_customers", "customers"]


@pytest.mark.parametrize(("question", "start", "end"), [
    ("labor day weekend orders", date(2026, 9, 5), date(2026, 9, 7)),  # a Monday's: the long weekend it ends
    ("memorial day weekend sales", date(2026, 5, 23), date(2026, 5, 25)),
])
def test_a_monday_holidays_weekend_runs_to_the_monday(question: str, start: date, end: date) -> None:
    reading = resolve_time(question, DEC)
    assert reading.range is not None and (reading.range.start, reading.range.end) == (start, end)
    assert reading.weekdays == []  # the Monday counted, not filtered out as a weekday


@pytest.mark.parametrize(("question", "text"), [
    ("MTD vs LMTD revenue", "MTD vs the same period last month revenue"),
    ("QTD vs LQTD orders", "QTD vs the same period last quarter orders"),
])
def test_last_periods_to_date_are_the_same_period_before(question: str, text: str) -> None:
    assert expand_shorthand(question) == text


def test_where_a_name_stands_names_no_product(store: VocabularyIndex) -> None:
    r = read(store, "where does ebay stand in revenue this year")
    assert r.ranked == "ebay" and r.query is not None and r.query.dimensions == ["channel"]
    assert not [f for f in r.query.filters if f.dimension == "sku"]


@pytest.mark.parametrize(("question", "counted"), [
    ("how many items did we sell yesterday", False),  # items sold are units
    ("how many items did we sell last week", False),
    ("how many different items did we sell yesterday", True),  # different ones: a count of products
    ("how many unique items did we sell last week", True),
    ("how many products did we sell yesterday", True),
])
def test_items_sold_are_units_unless_different_ones_are_asked_for(store: VocabularyIndex, question: str,
                                                                   counted: bool) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics[0] == "units"
    assert (r.query.dimensions == ["sku"] and r.shape == "count") is counted, (r.query.dimensions, r.shape)


@pytest.mark.parametrize(("question", "start"), [
    ("units in the week before christmas", date(2025, 12, 18)),
    ("revenue in the week before Black Friday", date(2026, 11, 20)),
    ("sales the month before Easter", None),
])
def test_the_week_before_a_named_day_is_that_week_not_a_comparison(question: str, start: date | None) -> None:
    """Before: 'the week before' was also read as 'against the period before', so the week was compared with the
    week before it (and a forecast of it was read as a comparison of the year before's)."""
    t = resolve_time(question, date(2026, 12, 5))
    assert t.compare is None, t.compare
    if start is not None:
        assert t.range is not None and t.range.start == start


@pytest.mark.parametrize("question", ["revenue last month vs the month before", "units this week compared with the "
                                      "week before", "orders this month versus the month before that"])
def test_the_period_before_the_one_asked_is_still_a_comparison(question: str) -> None:
    assert resolve_time(question, date(2026, 12, 5)).compare == "previous_period"


def test_a_forecast_of_a_named_period_opens_with_a_capital() -> None:
    lead = forecast_period("the week before Christmas 2026", date(2026, 12, 18), date(2026, 12, 24),
                           date(2026, 12, 5)).lead
    assert lead.startswith("The week before Christmas 2026 is still to come"), lead
