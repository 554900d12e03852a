"""A twelfth set of phrasings (``bench/twelfth_questions.py``, batches ``twelfth`` and ``twelfth2``), as asked.

Typed on a phone ("thsi year", "best seling", "how'd we go"), numbers written out ("the last thirty days", "the
next two weeks"), Commonwealth English ("the month just gone", "takings for the fortnight", "in-store", "over the
counter", "homewares"), days of a month named relatively ("the 25th of last month", "the last week of last month"),
averages per week, running totals, ratios, and refusals of tax, suburbs and customer-service calls.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from shared.questions.compose import compose
from shared.questions.reading import Reading
from shared.questions.shorthand import expand_shorthand
from shared.questions.timephrase import make_range, resolve_time
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import CompiledStatement, MetricQuery, MetricResult
from tests.unit.questions.test_tenth_phrasings import read
from tests.unit.questions.test_unseen_phrasings import DEC


@pytest.mark.parametrize(("question", "text"), [
    ("sales thsi year vs last yr", "sales this year vs last year"),
    ("revenue lsat week", "revenue last week"),
    ("units this yaer", "units this year"),
    ("whats our best seling product", "whats our best selling product"),
    ("how'd we go last month", "how did we go last month"),
])
def test_phone_typing_is_written_out(question: str, text: str) -> None:
    assert expand_shorthand(question) == text


@pytest.mark.parametrize("question", ["lats workout", "place bets", "this year", "what sold"])
def test_real_words_and_right_spellings_stay(question: str) -> None:
    assert expand_shorthand(question) == question


@pytest.mark.parametrize(("question", "start", "end"), [
    ("how many orders in the last thirty days", date(2026, 11, 5), DEC),
    ("orders in the last forty-five days", date(2026, 10, 21), DEC),
    ("units over the past hundred days", date(2026, 8, 27), DEC),
    ("revenue for the last twelve weeks", date(2026, 9, 12), DEC),
    ("what's the sales figure for the month just gone", date(2026, 11, 1), date(2026, 11, 30)),
    ("revenue for the quarter just gone", date(2026, 7, 1), date(2026, 9, 30)),
    ("what were our takings for the fortnight", date(2026, 11, 21), DEC),
    ("revenue from the 1st to the 15th of last month", date(2026, 11, 1), date(2026, 11, 15)),
    ("what did we make on the 25th of last month", date(2026, 11, 25), date(2026, 11, 25)),
    ("revenue for the last week of last month", date(2026, 11, 24), date(2026, 11, 30)),
    ("sales from march till may", date(2026, 3, 1), date(2026, 5, 31)),
])
def test_written_out_and_relative_periods(question: str, start: date, end: date) -> None:
    rng = resolve_time(question, DEC).range
    assert rng is not None and (rng.start, rng.end) == (start, end)


def test_top_five_of_last_month_names_no_day() -> None:
    rng = resolve_time("top 5 of last month", DEC).range
    assert rng is not None and (rng.start, rng.end) == (date(2026, 11, 1), date(2026, 11, 30))


@pytest.mark.parametrize("question", ["revenue from the 1st to the 15th of last month",
                                      "revenue for the last week of last month"])
def test_days_of_a_relative_month_name_no_product(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"] and not r.unknown_name


def test_a_forecast_over_the_next_two_weeks(store: VocabularyIndex) -> None:
    assert resolve_time("expected revenue for the next two weeks", DEC).future
    r = read(store, "expected revenue for the next two weeks")
    assert r.kind == "agent" and "forecast" in r.agent_intents


@pytest.mark.parametrize(("question", "channel"), [
    ("in-store revenue last month", "pos"), ("how much did we take over the counter this year", "pos"),
    ("sales through the tills last week", "pos"), ("online store revenue last month", "web"),
    ("how'd the web store go this year", "web"),
])
def test_other_names_of_channels(store: VocabularyIndex, question: str, channel: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    assert [f.values for f in r.query.filters if f.dimension == "channel"] == [[channel]]


def test_wares_of_a_category(store: VocabularyIndex) -> None:
    r = read(store, "how did the kitchenware go last quarter")
    assert r.query is not None and [f.values for f in r.query.filters if f.dimension == "category"] == [["Kitchen"]]


def test_average_orders_per_week_is_the_total_over_the_weeks(store: VocabularyIndex) -> None:
    r = read(store, "avg orders per week last quarter")
    assert r.query is not None and r.query.metrics == ["orders"] and r.query.dimensions == []
    assert r.per_unit == "week"


@pytest.mark.parametrize("question", ["how much gst did we collect last quarter", "hst collected this year",
                                      "which suburb do most orders come from",
                                      "how many calls did customer service take"])
def test_what_the_data_cannot_answer(store: VocabularyIndex, question: str) -> None:
    assert read(store, question).kind == "unanswerable"


Q4 = make_range(date(2026, 10, 1), date(2026, 10, 21), "October 2026 to date")


def _result(query: MetricQuery, rows: list[dict[str, Any]]) -> MetricResult:
    return MetricResult(query=query, columns=list(rows[0]), rows=rows, currency="USD",
                        statement=CompiledStatement(sql="SELECT 1", params={}, dialect="duckdb"))


def test_a_running_total_says_where_it_ends_first() -> None:
    q = MetricQuery(tenant_id="t", metrics=["revenue"], dimensions=["date"], grain="week", time_range=Q4)
    rows = [{"date": date(2026, 9, 28), "revenue": 100.0}, {"date": date(2026, 10, 5), "revenue": 250.0},
            {"date": date(2026, 10, 12), "revenue": 50.0}]
    out = compose(Reading(kind="metric", question="cumulative revenue by week this month", query=q, shape="trend"),
                  _result(q, rows), titles={})
    assert out.answer.startswith("Revenue in October 2026 to date") and "added up to $400.00" in out.answer
    assert "the week of 5 Oct 2026 $350.00" in out.answer  # the running total, not the week's own $250.00


def test_a_ratio_of_two_named_groups() -> None:
    q = MetricQuery(tenant_id="t", metrics=["revenue"], dimensions=["channel"], time_range=Q4)
    rows = [{"channel": "web", "revenue": 400.0}, {"channel": "amazon", "revenue": 300.0}]
    out = compose(Reading(kind="metric", question="ratio of amazon to web revenue", query=q, shape="breakdown"),
                  _result(q, rows), titles={})
    assert out.answer.startswith("The ratio of amazon to web in revenue is 0.75 to 1.")


@pytest.mark.parametrize(("question", "op", "days"), [
    ("which SKUs have less than a week of stock", "below", 7.0),
    ("which products have under 10 days of cover", "below", 10.0),
    ("kitchen products with less than two weeks' worth of inventory", "below", 14.0),
])
def test_a_days_of_cover_threshold_picks_the_products_under_it(store: VocabularyIndex, question: str, op: str,
                                                                days: float) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics[0] == "days_of_cover" and r.query.dimensions == ["sku"]
    assert r.threshold == (op, days) and r.shape == "ranking"


def test_a_days_of_cover_threshold_is_said_in_days() -> None:
    q = MetricQuery(tenant_id="t", metrics=["days_of_cover"], dimensions=["sku"], time_range=Q4)
    rows = [{"sku": "A-1", "days_of_cover": 3.5}, {"sku": "B-2", "days_of_cover": 40.0}]
    out = compose(Reading(kind="metric", question="which SKUs have less than a week of stock", query=q,
                          shape="ranking", threshold=("below", 7.0)), _result(q, rows), titles={})
    assert out.answer.startswith("1 of 2 products had less than 7 days of cover")


@pytest.mark.parametrize(("question", "text"), [
    ("wat did we mkae this mnth", "what did we make this month"),
    ("amazon rev thsi qtr", "amazon revenue this quarter"),  # a unit after a corrected word is a unit too
])
def test_held_out_phone_typing(question: str, text: str) -> None:
    assert expand_shorthand(question) == text


@pytest.mark.parametrize(("question", "start", "end"), [
    ("revenue in the last 5 days of last month", date(2026, 11, 26), date(2026, 11, 30)),
    ("units in the last 2 weeks of November", date(2026, 11, 17), date(2026, 11, 30)),
    ("revenue in the last 5 days", date(2026, 11, 30), DEC),
    ("revenue from the 2nd to the 9th of this month", date(2026, 12, 2), DEC),  # this month's days so far
])
def test_the_last_days_of_a_month(question: str, start: date, end: date) -> None:
    rng = resolve_time(question, DEC).range
    assert rng is not None and (rng.start, rng.end) == (start, end)


@pytest.mark.parametrize("question", ["what did the tills take last week", "what have we taken this week"])
def test_what_was_taken_is_revenue(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]


def test_support_emails_cannot_be_answered(store: VocabularyIndex) -> None:
    assert read(store, "how many support emails did we get last week").kind == "unanswerable"


def test_a_daily_average_of_units_keeps_its_tenth() -> None:
    q = MetricQuery(tenant_id="t", metrics=["units"], time_range=make_range(date(2026, 12, 1), date(2026, 12, 5)))
    out = compose(Reading(kind="metric", question="average daily units this month", query=q, per_day=True),
                  _result(q, [{"units": 92}]), titles={})
    assert "was 18.4 (92 over 5 days)" in out.answer


@pytest.mark.parametrize(("question", "text"), [
    ("units over the next forty-five days", "units over the next 45 days"),
    ("orders in the last thirty days", "orders in the last 30 days"),
    ("revenue over a hundred days", "revenue over 100 days"),
    ("orders in the past seventy-two hours", "orders in the past 72 hours"),
    ("the next twenty-five orders", "the next twenty-five orders"),  # not a span of time: as written
])
def test_numbers_past_twelve_before_a_unit_of_time_are_digits(question: str, text: str) -> None:
    assert expand_shorthand(question) == text


def test_a_forecast_over_forty_five_days(store: VocabularyIndex) -> None:
    r = read(store, "how many units do we expect to sell over the next forty-five days")
    assert r.kind == "agent" and r.text is not None and "next 45 days" in r.text


def test_minus_a_channel_leaves_it_out(store: VocabularyIndex) -> None:
    r = read(store, "units last week minus ebay")
    assert r.query is not None and [(f.op, f.values) for f in r.query.filters] == [("not_in", ["ebay"])]


@pytest.mark.parametrize(("question", "said"), [("median units per order last month", "The median is not computed"),
                                                ("80th percentile order value", "The 80th percentile is not computed")])
def test_a_median_asked_is_said_to_be_answered_with_the_average(question: str, said: str) -> None:
    q = MetricQuery(tenant_id="t", metrics=["aov"], time_range=Q4)
    out = compose(Reading(kind="metric", question=question, query=q), _result(q, [{"aov": 85.0}]), titles={})
    assert out.answer.startswith(said) and "average order value in October 2026 to date" in out.answer
    plain = compose(Reading(kind="metric", question="aov last month", query=q), _result(q, [{"aov": 85.0}]), titles={})
    assert plain.answer.startswith("Average order value")


@pytest.mark.parametrize(("question", "text"), [
    ("revenu yday on ebya", "revenue yesterday on ebay"),  # a tenant's four-letter name, two letters swapped
    ("what did we flog on amazon", "what did we sell on amazon"),
    ("revenue excl amazon", "revenue excluding amazon"),
])
def test_more_phone_typing(question: str, text: str) -> None:
    assert expand_shorthand(question, names=("ebay", "amazon")) == text


def test_this_arvo_is_the_latest_day() -> None:
    rng = resolve_time("how are we tracking this arvo", DEC).range
    assert rng is not None and rng.start == rng.end == DEC


def test_the_shopfront_is_the_point_of_sale(store: VocabularyIndex) -> None:
    r = read(store, "sales at the shopfront last month")
    assert r.query is not None and [f.values for f in r.query.filters if f.dimension == "channel"] == [["pos"]]


def test_stock_at_cost_is_its_value(store: VocabularyIndex) -> None:
    r = read(store, "how much stock do we have at cost")
    assert r.query is not None and r.query.metrics[0] == "inventory_value"


@pytest.mark.parametrize(("question", "start"), [("revenue since the 1st", date(2026, 12, 1)),
                                                 ("orders since the 10th", date(2026, 11, 10))])
def test_since_a_day_of_the_month(question: str, start: date) -> None:
    rng = resolve_time(question, DEC).range
    assert rng is not None and (rng.start, rng.end) == (start, DEC)


def test_sales_per_head_is_per_customer(store: VocabularyIndex) -> None:
    assert read(store, "sales per head this year").per_customer


def test_days_with_no_orders_are_those_under_one(store: VocabularyIndex) -> None:
    r = read(store, "how many days last month had no ebay orders")
    assert r.query is not None and r.query.dimensions == ["date"] and r.query.grain == "day"
    assert r.threshold == ("below", 1.0)


def test_a_day_without_rows_had_none() -> None:
    q = MetricQuery(tenant_id="t", metrics=["orders"], dimensions=["date"], grain="day",
                    time_range=make_range(date(2026, 11, 1), date(2026, 11, 3)))
    rows = [{"date": date(2026, 11, 1), "orders": 4}, {"date": date(2026, 11, 3), "orders": 2}]
    out = compose(Reading(kind="metric", question="how many days had no orders", query=q, shape="ranking",
                          threshold=("below", 1.0)), _result(q, rows), titles={})
    assert out.answer.startswith("1 of 3 days had no orders") and "2 Nov 2026" in out.answer


@pytest.mark.parametrize("question", ["how's trade been this week", "how has trade been on amazon this month"])
def test_how_trade_has_been_is_revenue(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]


def test_the_arvo_is_the_latest_day() -> None:
    rng = resolve_time("what's the total for the arvo", DEC).range
    assert rng is not None and rng.start == rng.end == DEC


def test_the_fortnight_before_a_day_is_not_the_last_fortnight() -> None:
    rng = resolve_time("revenue in the fortnight before christmas", DEC).range
    assert rng is not None and (rng.start, rng.end) == (date(2025, 12, 11), date(2025, 12, 24))


def test_all_channels_but_one_leaves_it_out(store: VocabularyIndex) -> None:
    r = read(store, "revenue for all channels but amazon this year")
    assert r.query is not None and [(f.op, f.values) for f in r.query.filters] == [("not_in", ["amazon"])]


def test_stock_worth_at_retail_is_at_catalogue_price(store: VocabularyIndex) -> None:
    r = read(store, "what's our stock worth at retail")
    assert r.query is not None and r.query.metrics[0] == "inventory_value_at_price"


@pytest.mark.parametrize(("question", "start", "end"), [
    ("orders for 1-7 of last month", date(2026, 11, 1), date(2026, 11, 7)),
    ("the top 3-5 of last month", date(2026, 11, 1), date(2026, 11, 30)),  # ranks, not days
])
def test_a_span_of_days_of_a_relative_month(question: str, start: date, end: date) -> None:
    rng = resolve_time(question, DEC).range
    assert rng is not None and (rng.start, rng.end) == (start, end)


def test_bestsellers_are_the_best_sellers() -> None:
    assert expand_shorthand("bestsellers this month") == "best sellers this month"


@pytest.mark.parametrize("question", ["where are most customers from", "where do our orders come from"])
def test_where_customers_are_from_cannot_be_answered(store: VocabularyIndex, question: str) -> None:
    assert read(store, question).kind == "unanswerable"


@pytest.mark.parametrize("question", ["what didn't sell on amazon last month", "what hasn't sold this year"])
def test_what_did_not_sell_is_the_unsold_products(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == ["sku"] and r.shape == "unsold"


def test_what_did_not_sell_well_is_not_the_unsold(store: VocabularyIndex) -> None:
    assert read(store, "what didn't sell well last month").shape != "unsold"
