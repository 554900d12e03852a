"""A ninth set of phrasings, by style: dates written many ways, exclusions, amounts, averages per week or month,
shares of a top N, spreadsheet fields, forecasts to a named end, and what the data cannot say.

Each was read wrongly before (``bench/questions.py``, batch ``styles``: 251/379 before, 379/379 after): the tests
hold the reading, and the composed sentence where the arithmetic is the composer's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from shared.questions.compose import compose
from shared.questions.reading import Reading, read_question
from shared.questions.timephrase import make_range, resolve_time
from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex
from shared.store.metrics.model import DimensionFilter, MetricQuery
from tests.unit.questions.test_compose import TITLES, result
from tests.unit.questions.test_unseen_phrasings import DEC, DEC_EXTENTS


@pytest.fixture
def store() -> VocabularyIndex:
    """A store with categories and channels like the sample merchant's, and titles holding "Single"."""
    products = [ProductName(sku=f"OUT-{i:04d}", title=f"Hammock Single {i}", brand="Kestrel", category="Outdoor")
                for i in range(3)] + [
        ProductName(sku="KIT-0001", title="Cutting Board Large", brand="Fenwick", category="Kitchen"),
        ProductName(sku="ELE-0001", title="Desk Lamp", brand="Urbanist", category="Electronics"),
        ProductName(sku="APP-0001", title="Rain Jacket S", brand="Coastal", category="Apparel")]
    vocab = Vocabulary(tenant_id="t", products=products, skus=[p.sku for p in products],
                       channels=["web", "amazon", "ebay", "pos"], competitors=["MegaMart"], currency="USD",
                       sales_columns=["discount", "refund", "returned_units", "customer_hash"])
    return VocabularyIndex(vocab)


def read(store: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("revenue in 03/2026", date(2026, 3, 1), date(2026, 3, 31)),
    ("revenue 2026/11", date(2026, 11, 1), date(2026, 11, 30)),
    ("revenue on 11/27/2026", date(2026, 11, 27), date(2026, 11, 27)),  # US: month first
    ("revenue on 27/11/2026", date(2026, 11, 27), date(2026, 11, 27)),  # 27 cannot be a month
    ("revenue on 27.11.2026", date(2026, 11, 27), date(2026, 11, 27)),  # a dot: day first
    ("revenue 1.11.2026 - 15.11.2026", date(2026, 11, 1), date(2026, 11, 15)),
    ("sales in week 12 of 2026", date(2026, 3, 16), date(2026, 3, 22)),  # ISO weeks start on Monday
    ("units sold in week 12", date(2026, 3, 16), date(2026, 3, 22)),
    ("revenue in week 50", date(2025, 12, 8), date(2025, 12, 14)),  # week 50 of 2026 has not started by 4 Dec
    ("revenue for 2026-W20", date(2026, 5, 11), date(2026, 5, 17)),
    ("revenue for CW 47", date(2026, 11, 16), date(2026, 11, 22)),
    ("revenue in 2H 2025", date(2025, 7, 1), date(2025, 12, 31)),
    ("revenue FY25", date(2025, 1, 1), date(2025, 12, 31)),
    ("units in Q3/2026", date(2026, 7, 1), date(2026, 9, 30)),
    ("revenue on the 1st", date(2026, 12, 1), date(2026, 12, 1)),
    ("sales for the 15th", date(2026, 11, 15), date(2026, 11, 15)),  # the latest 15th by 4 Dec
])
def test_a_date_written_any_way_is_that_period(phrase: str, start: date, end: date) -> None:
    t = resolve_time(phrase, DEC)
    assert t.range is not None and (t.range.start, t.range.end) == (start, end), t.range


def test_a_period_of_next_year_is_the_end_a_forecast_must_reach(store: VocabularyIndex) -> None:
    t = resolve_time("forecast for Q1 next year", DEC)
    assert t.future and t.future_range is not None and t.future_range.end == date(2027, 3, 31)
    r = read(store, "forecast for Q1 next year")
    assert r.kind == "agent" and r.forecast_until == date(2027, 3, 31)
    assert r.lead.startswith("Q1 2027 is still to come")
    assert resolve_time("expected revenue through year end", DEC).future


@pytest.mark.parametrize(("question", "dim", "values"), [
    ("sales without the electronics category last month", "category", ["Electronics"]),
    ("revenue last month not including amazon", "channel", ["amazon"]),
    ("revenue from everything but kitchen this year", "category", ["Kitchen"]),
    ("non-amazon revenue this year", "channel", ["amazon"]),
    ("sales excluding ebay and pos last quarter", "channel", ["ebay", "pos"]),
    ("revenue for all channels other than web yesterday", "channel", ["web"]),
])
def test_a_name_put_out_of_the_question_is_excluded(store: VocabularyIndex, question: str, dim: str,
                                                    values: list[str]) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == [] and r.shape == "value", r.query
    assert r.query.filters == [DimensionFilter(dimension=dim, op="not_in", values=values)]


@pytest.mark.parametrize(("question", "metrics"), [
    ("revenue excluding returns last month", ["revenue", "refunds"]),
    ("revenue last month minus refunds", ["revenue", "refunds"]),
    ("how many units did we sell last month not counting returns", ["units", "returned_units"]),
])
def test_what_went_back_is_taken_off(store: VocabularyIndex, question: str, metrics: list[str]) -> None:
    r = read(store, question)
    assert r.net_of and r.query is not None and r.query.metrics == metrics


def test_revenue_less_refunds_is_said_with_both_figures() -> None:
    q = MetricQuery(tenant_id="t", metrics=["revenue", "refunds"], time_range=make_range(
        date(2026, 11, 1), date(2026, 11, 30), "November 2026"))
    out = compose(Reading(kind="metric", question="q", query=q, net_of=True),
                  result(q, [{"revenue": 1000.0, "refunds": 30.0}]), titles={})
    assert out.answer.startswith("Revenue less refunds in November 2026 (1-30 Nov 2026) was £970.00 (£1,000.00 less "
                                 "£30.00)")


def test_products_over_an_amount_are_counted_and_listed(store: VocabularyIndex) -> None:
    r = read(store, "which products sold over 155 units last month")
    assert r.threshold == ("above", 155.0) and r.query is not None and r.query.limit is None
    rows = [{"sku": "A-1", "units": 448}, {"sku": "B-2", "units": 156}, {"sku": "C-3", "units": 155}]
    out = compose(r, result(r.query, rows), titles=TITLES)
    assert out.answer.startswith("2 of 3 products had more than 155 units sold in November 2026"), out.answer
    assert "Blue Vase (A-1) (448); Red Vase (B-2) (156)." in out.answer


def test_days_over_an_amount_are_the_days_counted(store: VocabularyIndex) -> None:
    r = read(store, "how many days last month did we make more than 21k")
    assert r.threshold == ("above", 21000.0) and r.query is not None
    assert r.query.dimensions == ["date"] and r.query.grain == "day"


@pytest.mark.parametrize("question", ["did we make over 1k yesterday?",
                                      "did we sell more than five hundred units last week?"])
def test_an_amount_in_a_yes_no_question_leaves_the_value(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.threshold is None and r.shape == "value"


@pytest.mark.parametrize(("question", "per"), [
    ("average monthly revenue in 2025", "month"), ("average weekly sales this year", "week"),
    ("average weekly orders over the last 12 weeks", "week"), ("what do we average per month in revenue", "month"),
])
def test_an_average_per_week_or_month_is_one_value(store: VocabularyIndex, question: str, per: str) -> None:
    r = read(store, question)
    assert r.per_unit == per and r.shape == "value" and r.query is not None and r.query.dimensions == []


def test_an_average_month_divides_by_calendar_months() -> None:
    q = MetricQuery(tenant_id="t", metrics=["revenue"], time_range=make_range(date(2025, 1, 1), date(2025, 12, 31)))
    out = compose(Reading(kind="metric", question="q", query=q, per_unit="month"),
                  result(q, [{"revenue": 1200.0}]), titles={})
    assert "was £100.00 (£1,200.00 over 12.0 months)" in out.answer


def test_a_daily_average_on_weekends_counts_the_weekend_days() -> None:
    q = MetricQuery(tenant_id="t", metrics=["revenue"], time_range=make_range(date(2026, 11, 1), date(2026, 11, 30)),
                    filters=[DimensionFilter(dimension="weekday", values=["Saturday", "Sunday"])])
    out = compose(Reading(kind="metric", question="q", query=q, per_day=True), result(q, [{"revenue": 900.0}]),
                  titles={})
    assert "£100.00 (£900.00 over 9 such days)" in out.answer  # November 2026 has 9 Saturdays and Sundays


def test_the_top_n_share_is_one_share(store: VocabularyIndex) -> None:
    r = read(store, "what percent of revenue came from the top 10 products this year")
    assert r.top_share and r.show == 10 and r.query is not None and r.query.share_of_total
    q = r.query
    rows: list[dict[str, Any]] = [{"sku": "A-1", "revenue": 60.0, "revenue_share": 0.3},
                                  {"sku": "B-2", "revenue": 40.0, "revenue_share": 0.2}]
    out = compose(r.model_copy(update={"show": 2}), result(q, rows), titles=TITLES)
    assert out.answer.startswith("The top 2 products accounted for 50.0% of revenue"), out.answer


def test_two_names_share_together(store: VocabularyIndex) -> None:
    r = read(store, "percentage of revenue from apparel and outdoor last month")
    assert r.shape == "share" and r.focus is not None and sorted(r.focus.values) == ["Apparel", "Outdoor"]


@pytest.mark.parametrize(("question", "dims"), [
    ("sku, units, last 7 days, top 10", ["sku"]), ("category / revenue / 2025", ["category"]),
])
def test_spreadsheet_fields_name_the_breakdown(store: VocabularyIndex, question: str, dims: list[str]) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == dims


@pytest.mark.parametrize(("question", "grain"), [
    ("our best ever month for orders", "month"), ("what's the record for units sold in a single day", "day"),
    ("most profitable month this year", "month"), ("which month of 2025 did we sell the most units", "month"),
])
def test_a_superlative_period_ranks_the_periods(store: VocabularyIndex, question: str, grain: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == ["date"] and r.query.grain == grain, r.query
    assert r.query.filters == []  # "single" names no hammock


@pytest.mark.parametrize("question", ["what is the sale of yesterday", "tell me sale amount for the last week",
                                      "highest grossing day ever"])
def test_a_sale_and_grossing_are_revenue(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "revenue"


@pytest.mark.parametrize("question", ["what time of day do we sell the most", "sales by hour yesterday",
                                      "revenue by payment method last month", "how much did we pay in stripe fees",
                                      "how many orders came from mobile vs desktop",
                                      "which coupon code was used the most", "which customers spent over $500",
                                      "how many orders were gift wrapped", "sales by referral source"])
def test_what_the_data_cannot_say_is_said(store: VocabularyIndex, question: str) -> None:
    assert read(store, question).kind == "unanswerable"


@pytest.mark.parametrize(("question", "ask"), [
    ("do we have enough stock for the next month?", "stockout"),
    ("what's gathering dust in the warehouse?", "overstock"),
])
def test_stock_asked_indirectly(store: VocabularyIndex, question: str, ask: str) -> None:
    assert read(store, question).asks == [ask]


def test_items_sitting_in_the_warehouse_are_stock_on_hand(store: VocabularyIndex) -> None:
    r = read(store, "how many items are sitting in the warehouse")
    assert r.query is not None and r.query.metrics == ["stock_on_hand"]


# 45 more phrasings written after the fixes above (batch ``styles2``: 72/90 before the changes below, 90/90 after)

def test_the_first_weeks_of_a_month_are_its_first_days() -> None:
    t = resolve_time("sales first 2 weeks of november", DEC)
    assert t.range is not None and (t.range.start, t.range.end) == (date(2026, 11, 1), date(2026, 11, 14))


def test_the_worst_week_this_year_ranks_whole_weeks_only(store: VocabularyIndex) -> None:
    r = read(store, "which was the worst week this year")
    assert r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2026, 1, 5), date(2026, 11, 29))


@pytest.mark.parametrize(("question", "dims", "grain"), [
    ("week | orders | last 8 weeks", ["date"], "week"), ("which days last week had more than $20,000 in sales",
                                                         ["date"], "day"),
])
def test_days_and_weeks_asked_as_fields_or_counted(store: VocabularyIndex, question: str, dims: list[str],
                                                   grain: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == dims and r.query.grain == grain
    assert r.query.limit is None  # every day above the amount, not the single best


@pytest.mark.parametrize(("question", "dim", "values"), [
    ("sales except on amazon yesterday", "channel", ["amazon"]),
    ("revenue from non-kitchen products this year", "category", ["Kitchen"]),
])
def test_more_exclusions(store: VocabularyIndex, question: str, dim: str, values: list[str]) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == []
    assert r.query.filters == [DimensionFilter(dimension=dim, op="not_in", values=values)]


def test_crossing_an_amount_is_revenue_and_top_sold_is_units(store: VocabularyIndex) -> None:
    r = read(store, "did we cross 500k in november?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    r = read(store, "top sold items of last week")
    assert r.query is not None and r.query.metrics[0] == "units" and r.query.dimensions == ["sku"]


def test_products_below_an_amount_count_the_unsold_ones(store: VocabularyIndex) -> None:
    r = read(store, "how many products sold fewer than 5 units last month")
    assert r.threshold == ("below", 5.0) and r.shape == "ranking" and r.query is not None
    rows = [{"sku": "A-1", "units": 7}, {"sku": "B-2", "units": 2}]  # C-3 sold nothing
    out = compose(r, result(r.query, rows), titles=TITLES)
    assert out.answer.startswith("2 of 3 products had fewer than 5 units sold"), out.answer


def test_an_amount_is_no_period_nor_a_percentage_and_at_least_keeps_the_amount(store: VocabularyIndex) -> None:
    assert read(store, "units by channel over 3 months").threshold is None
    assert read(store, "which products grew over 50% last month").threshold is None
    r = read(store, "which products sold at least 150 units last month")
    assert r.threshold == ("at_least", 150.0) and r.query is not None
    rows = [{"sku": "A-1", "units": 150}, {"sku": "B-2", "units": 149}]
    assert compose(r, result(r.query, rows), titles=TITLES).answer.startswith("1 of 2 products had at least 150 units")


def test_non_before_a_product_word_is_the_product(store: VocabularyIndex) -> None:
    shop = VocabularyIndex(Vocabulary(tenant_id="t", products=[
        ProductName(sku="PAN-1", title="Non-Stick Frying Pan", brand="Acme", category="Kitchen"),
        ProductName(sku="POT-1", title="Steel Stock Pot", brand="Acme", category="Kitchen")], skus=["PAN-1", "POT-1"],
        channels=["web"], competitors=[], currency="USD"))
    r = read_question("units of the non-stick frying pan last month", tenant_id="t", index=shop, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.filters == [DimensionFilter(dimension="sku", values=["PAN-1"])]


# a third probe, after the second set's fixes

@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("revenue for the 2nd half of 2025", date(2025, 7, 1), date(2025, 12, 31)),  # no "2nd" day of a month
    ("orders for the 2nd quarter", date(2026, 4, 1), date(2026, 6, 30)),
])
def test_an_ordinal_before_half_or_quarter_is_that_half_or_quarter(phrase: str, start: date, end: date) -> None:
    t = resolve_time(phrase, DEC)
    assert t.range is not None and (t.range.start, t.range.end) == (start, end)


def test_key_value_fields_and_counted_groups(store: VocabularyIndex) -> None:
    r = read(store, "metric: units, period: last quarter, group by: category")
    assert r.query is not None and r.query.metrics == ["units"] and r.query.dimensions == ["category"]
    r = read(store, "how many categories had more than 100k revenue last month")
    assert r.threshold == ("above", 100000.0) and r.query is not None and r.query.dimensions == ["category"]


def test_sale_as_an_amount_and_not_on_a_channel(store: VocabularyIndex) -> None:
    r = read(store, "how much sale we did in amazon on last week")
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    r = read(store, "sales not on the web this year")
    assert r.query is not None and r.query.filters == [DimensionFilter(dimension="channel", op="not_in",
                                                                       values=["web"])]
    assert read(store, "which products are not in stock").asks == ["out_of_stock"]
