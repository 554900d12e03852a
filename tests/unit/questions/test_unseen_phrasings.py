"""Merchant phrasings first tried on a generated merchant after the bench was green, each read as asked.

Time phrases (fortnights, the week before last, this time last year, the weeks before a holiday, a holiday's own
week, one holiday against last year's), comparisons without a metric word, rankings by a slowdown, British verbs,
shares written with "%", and refusals that a product name must not trigger.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest

from shared.models.records import DataKind
from shared.questions.reading import Reading, read_question
from shared.questions.timephrase import resolve_time
from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex
from tests.unit.questions.conftest import EXTENTS

DEC = date(2026, 12, 4)  # a Friday, as the sample merchant's data ends
DEC_EXTENTS = {k: (date(2024, 12, 5), DEC) for k in EXTENTS}


def read(shop: VocabularyIndex, question: str, extents: Mapping[DataKind, tuple[date, date]] = EXTENTS) -> Reading:
    return read_question(question, tenant_id="decor", index=shop, extents=extents)


@pytest.mark.parametrize(("phrase", "start", "end", "label"), [
    ("takings over the past fortnight", date(2026, 11, 21), DEC, "the last 14 days"),
    ("revenue for the last full week", date(2026, 11, 23), date(2026, 11, 29), "last week"),
    ("revenue last calendar month", date(2026, 11, 1), date(2026, 11, 30), "November 2026"),
    ("how much did we make the week before last", date(2026, 11, 16), date(2026, 11, 22), "the week before last"),
    ("orders the month before last", date(2026, 10, 1), date(2026, 10, 31), "October 2026"),
    ("sales this time last year", date(2025, 12, 1), date(2025, 12, 4), "this time last year"),
    ("christmas week sales last year", date(2025, 12, 22), date(2025, 12, 28), "Christmas week 2025"),
    ("sales in the 2 weeks before christmas", date(2025, 12, 11), date(2025, 12, 24), "the 2 weeks before"),
    ("sales the week after black friday", date(2026, 11, 28), date(2026, 12, 4), "the week after Black Friday"),
    ("units on black friday in 2025", date(2025, 11, 28), date(2025, 11, 28), "Black Friday 2025"),
])
def test_a_relative_period_is_the_one_meant(phrase: str, start: date, end: date, label: str) -> None:
    t = resolve_time(phrase, DEC)
    assert t.range is not None and (t.range.start, t.range.end) == (start, end), t.range
    assert t.range.label.startswith(label) and t.compare is None


def test_this_time_last_year_compared_is_the_running_month_against_the_same_days() -> None:
    t = resolve_time("how are sales vs this time last year", DEC)
    assert t.range is not None and (t.range.start, t.range.end) == (date(2026, 12, 1), DEC)
    assert t.compare == "previous_year"


def test_a_holiday_against_last_years_is_compared_with_that_day() -> None:
    t = resolve_time("sales on black friday vs last year's black friday", DEC)
    assert t.range is not None and t.range.start == date(2026, 11, 27)
    assert t.baseline is not None and (t.baseline.start, t.baseline.end) == (date(2025, 11, 28), date(2025, 11, 28))


def test_a_baseline_a_fixed_shift_gives_is_not_named_again() -> None:
    t = resolve_time("revenue Q3 2026 vs Q2 2026", DEC)
    assert t.compare == "previous_period" and t.baseline is None


@pytest.mark.parametrize("question", ["Did November beat October?", "did nov outsell oct"])
def test_beating_another_month_compares_the_two(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question, DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    assert r.query.compare == "previous_period" and r.query.time_range is not None
    assert r.query.time_range.start == date(2026, 11, 1)


def test_the_weekend_before_is_the_same_days_a_week_earlier(shop: VocabularyIndex) -> None:
    r = read(shop, "Revenue last weekend vs the weekend before", DEC_EXTENTS)
    assert r.query is not None and r.query.compare == "previous_week"
    assert r.query.time_range is not None and r.query.time_range.start == date(2026, 11, 28)


@pytest.mark.parametrize("question", ["Growth vs last year", "What's our year-on-year growth?"])
def test_growth_without_a_metric_is_revenue_against_a_year_earlier(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question, DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    assert r.query.compare == "previous_year"


@pytest.mark.parametrize(("question", "dim"), [
    ("Which category is slowing down?", "category"),
    ("Which brands are losing momentum?", "brand"),
    ("which channels are tailing off", "channel"),
])
def test_a_slowdown_ranks_by_the_fall(shop: VocabularyIndex, question: str, dim: str) -> None:
    r = read(shop, question, DEC_EXTENTS)
    q = r.query
    assert q is not None and q.dimensions == [dim] and q.order_by_change and q.descending is False


def test_least_profitable_category_is_one_category(shop: VocabularyIndex) -> None:
    r = read(shop, "Least profitable category")
    assert r.shape == "ranking" and r.show == 1 and r.query is not None and r.query.descending is False


def test_what_sold_best_ranks_the_products(shop: VocabularyIndex) -> None:
    r = read(shop, "What sold best last week?")
    assert r.query is not None and r.query.dimensions == ["sku"] and r.query.metrics == ["units"]


def test_a_percent_sign_asks_a_share(shop: VocabularyIndex) -> None:
    r = read(shop, "What % of sales came from Etsy last month?")
    assert r.shape == "share" and r.focus is not None and r.focus.values == ["Etsy"]


def test_revenue_per_day_is_the_daily_average(shop: VocabularyIndex) -> None:
    r = read(shop, "Revenue per day last month")
    assert r.per_day and r.query is not None and r.query.dimensions == []
    assert read(shop, "revenue by day last month").shape == "trend"


@pytest.mark.parametrize(("question", "metric"), [
    ("How many did we flog in November?", "units"),
    ("How many products did we move in October?", "units"),
    ("How much cash came in this week?", "revenue"),
    ("How did we get on in October?", "revenue"),
    ("What did we bank in November?", "revenue"),
])
def test_british_and_slang_verbs(question: str, metric: str) -> None:
    products = [ProductName(sku="PB-1", title="Compact Power Bank 10000mAh", brand="Volt", category="Electronics")]
    shop = VocabularyIndex(Vocabulary(tenant_id="t", products=products, skus=["PB-1"]))
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == metric
    assert not r.query.filters  # "bank" after "did we" is a verb, not the power bank


def test_a_product_named_bank_is_not_a_question_about_accounts() -> None:
    products = [ProductName(sku="PB-1", title="Compact Power Bank 10000mAh", brand="Volt", category="Electronics")]
    shop = VocabularyIndex(Vocabulary(tenant_id="t", products=products, skus=["PB-1"]))
    r = read(shop, "Should I drop the price of the Compact Power Bank 10000mAh?")
    assert r.kind == "agent" and r.skus == ["PB-1"]


@pytest.mark.parametrize("question", ["What's our profit after tax last month?", "what's our bottom line this year"])
def test_profit_after_tax_is_refused(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.kind == "unanswerable" and r.concept == "operating costs and net profit"


def test_a_past_clause_beside_a_forecast_keeps_its_metric(shop: VocabularyIndex) -> None:
    r = read(shop, "How much did we make last month and what's the forecast for next month?")
    assert r.kind == "metric" and r.agent_intents == ["forecast"]
    assert r.query is not None and r.query.time_range is not None and r.query.time_range.start == date(2025, 5, 1)
    both_future = read(shop, "how much will we make next month and how many units")
    assert both_future.kind == "agent"


@pytest.mark.parametrize(("question", "ask"), [
    ("where are we cheapest vs competitors", "underpriced"),
    ("Where are we the most expensive?", "overpriced"),
    ("where am I dearer", "overpriced"),
])
def test_where_we_stand_on_price_is_our_position_not_a_competitors(shop: VocabularyIndex, question: str,
                                                                   ask: str) -> None:
    r = read(shop, question)
    assert r.kind == "agent" and r.asks == [ask]


def test_each_clause_with_its_own_period_is_its_own_question(shop: VocabularyIndex) -> None:
    r = read(shop, "What did we make in October and how many units did we sell in November?", DEC_EXTENTS)
    assert r.query is not None and r.query.metrics == ["revenue"] and r.query.time_range is not None
    assert r.query.time_range.start == date(2026, 10, 1) and len(r.parts) == 1
    part = r.parts[0].query
    assert part is not None and part.metrics == ["units"] and part.time_range is not None
    assert part.time_range.start == date(2026, 11, 1)
    again = read(shop, "what were sales last week and what were they the week before last", DEC_EXTENTS)
    assert [p.query.metrics for p in again.parts if p.query] == [["revenue"]]
    one = read(shop, "revenue and units last month", DEC_EXTENTS)  # one period: one question with both metrics
    assert not one.parts and one.query is not None and one.query.metrics == ["revenue", "units"]


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("orders over the weekend", date(2026, 11, 28), date(2026, 11, 29)),  # the latest whole weekend
    ("units sold since the start of November", date(2026, 11, 1), DEC),
    ("revenue from the beginning of October", date(2026, 10, 1), DEC),
    ("revenue for the last 3 full months", date(2026, 9, 1), date(2026, 11, 30)),
    ("orders in the past two complete weeks", date(2026, 11, 16), date(2026, 11, 29)),
])
def test_more_relative_periods(phrase: str, start: date, end: date) -> None:
    t = resolve_time(phrase, DEC)
    assert t.range is not None and (t.range.start, t.range.end) == (start, end), t.range
    assert not t.all_time and not t.weekdays


def test_weekends_in_general_stay_a_filter() -> None:
    t = resolve_time("sales at weekends last month", DEC)
    assert t.weekdays == ["Saturday", "Sunday"] and t.range is not None and t.range.start == date(2026, 11, 1)
    assert resolve_time("revenue since the start", DEC).all_time


@pytest.mark.parametrize(("question", "metric"), [
    ("What did the business take last quarter?", "revenue"),
    ("avg basket ytd", "aov"),
    ("sales lst month", "revenue"),
    ("wk on wk revenue", "revenue"),
])
def test_more_merchant_words(shop: VocabularyIndex, question: str, metric: str) -> None:
    r = read(shop, question, DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == metric
    assert r.query.time_range is not None and not r.query.time_range.label.startswith("all your data")


def test_visitors_are_site_traffic(shop: VocabularyIndex) -> None:
    r = read(shop, "How many people visited the shop last week?")
    assert r.kind == "unanswerable" and r.concept == "site traffic and conversion"


@pytest.mark.parametrize(("question", "lead"), [
    ("How many orders will we get next week?", "Orders are not forecast"),
    ("what will aov be next month", "Average order value is not forecast"),
    ("How many units will we sell next week?", ""),
])
def test_a_forecast_of_what_is_not_forecast_says_so_first(shop: VocabularyIndex, question: str, lead: str) -> None:
    r = read(shop, question, DEC_EXTENTS)
    assert r.kind == "agent" and r.agent_intents == ["forecast"] and r.lead.startswith(lead)
    assert bool(r.lead) is bool(lead)


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("what did we sell 3 days ago", date(2026, 12, 1), date(2026, 12, 1)),
    ("orders 2 weeks ago", date(2026, 11, 16), date(2026, 11, 22)),
    ("revenue a month ago", date(2026, 11, 1), date(2026, 11, 30)),
    ("sales last tuesday", date(2026, 12, 1), date(2026, 12, 1)),
    ("sales last friday", date(2026, 11, 27), date(2026, 11, 27)),  # DEC is a Friday: the one before
    ("how much did we take on Monday?", date(2026, 11, 30), date(2026, 11, 30)),
])
def test_days_named_by_weekday_or_distance(phrase: str, start: date, end: date) -> None:
    t = resolve_time(phrase, DEC)
    assert t.range is not None and (t.range.start, t.range.end) == (start, end), t.range
    assert not t.weekdays


def test_plural_weekdays_stay_a_filter() -> None:
    t = resolve_time("sales on mondays last month", DEC)
    assert t.weekdays == ["Monday"] and t.range is not None and t.range.start == date(2026, 11, 1)
    assert resolve_time("orders every Friday", DEC).weekdays == ["Friday"]


def test_the_quietest_day_of_the_week_is_the_bottom_one(shop: VocabularyIndex) -> None:
    r = read(shop, "which day of the week is quietest")
    assert r.query is not None and r.query.dimensions == ["weekday"] and r.query.descending is False


def test_two_names_weighed_without_a_metric_are_compared_by_revenue(shop: VocabularyIndex) -> None:
    r = read(shop, "which is bigger this year, Etsy or Shopify?", DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    assert r.query.dimensions == ["channel"]


def test_tracking_against_last_month_is_the_month_so_far(shop: VocabularyIndex) -> None:
    r = read(shop, "how are we tracking vs last month", DEC_EXTENTS)
    q = r.query
    assert q is not None and q.compare == "previous_period_to_date" and q.time_range is not None
    assert (q.time_range.start, q.time_range.end) == (date(2026, 12, 1), DEC)
    plain = read(shop, "revenue vs last month", DEC_EXTENTS).query  # no "so far": the last whole month
    assert plain is not None and plain.time_range is not None and plain.time_range.start == date(2026, 11, 1)


def test_a_name_that_is_a_ranking_word_needs_its_own_label() -> None:
    """The Sale Report has a category "Top": "top state by revenue" ranks states, "the Top category" names it."""
    vocab = Vocabulary(tenant_id="t", products=[ProductName(sku="S-1", title="Kurta", category="Top")], skus=["S-1"],
                       states=["KERALA", "DELHI"])
    shop = VocabularyIndex(vocab)
    ranked = read(shop, "top state by revenue in May 2025")
    assert ranked.query is not None and ranked.query.dimensions == ["state"] and not ranked.query.filters
    named = read(shop, "revenue in the Top category in May 2025")
    assert named.query is not None and [f.values for f in named.query.filters] == [["Top"]]


@pytest.mark.parametrize("question", ["how much did the UK spend in 2024", "how much did France buy last quarter"])
def test_what_a_place_spent_is_its_revenue(question: str) -> None:
    vocab = Vocabulary(tenant_id="t", products=[ProductName(sku="S-1", title="Mug")], skus=["S-1"],
                       countries=["United Kingdom", "France"])
    r = read(VocabularyIndex(vocab), question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    assert [f.dimension for f in r.query.filters] == ["country"]


def test_hows_it_selling_is_its_revenue(shop: VocabularyIndex) -> None:
    r = read(shop, "how's the Oak Serving Tray Large selling last month?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    assert [f.values for f in r.query.filters] == [["TR.88/L"]]


def test_the_worst_month_so_far_is_a_whole_month(shop: VocabularyIndex) -> None:
    r = read(shop, "worst month this year", DEC_EXTENTS)
    q = r.query
    assert q is not None and q.dimensions == ["date"] and q.grain == "month" and q.time_range is not None
    assert (q.time_range.start, q.time_range.end) == (date(2026, 1, 1), date(2026, 11, 30))


def test_items_per_order_is_not_a_count_of_products(shop: VocabularyIndex) -> None:
    r = read(shop, "how many items did we sell on average per order last month")
    assert r.query is not None and r.query.metrics == ["units_per_order"] and r.shape == "value"


def test_the_last_quarter_of_last_year_is_its_fourth() -> None:
    t = resolve_time("how much revenue in the last quarter of last year", DEC)
    assert t.range is not None and (t.range.start, t.range.end) == (date(2025, 10, 1), date(2025, 12, 31))
    last = resolve_time("revenue last quarter", DEC).range
    assert last is not None and last.start == date(2026, 7, 1)


def test_how_many_of_a_product_are_left_is_its_stock(shop: VocabularyIndex) -> None:
    r = read(shop, "how many Oak Serving Tray Large are left")
    assert r.query is not None and r.query.metrics == ["stock_on_hand"]


def test_return_reasons_are_not_in_the_data(shop: VocabularyIndex) -> None:
    r = read(shop, "What's our refund rate due to damaged items?")
    assert r.kind == "unanswerable" and r.concept == "reasons for returns"
    assert read(shop, "What's our refund rate?").kind == "metric"


def test_a_metric_phrase_is_not_an_unknown_product(shop: VocabularyIndex) -> None:
    r = read(shop, "what was the average price we sold at last month?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["asp"]


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("sales between 1st and 15th november", date(2026, 11, 1), date(2026, 11, 15)),
    ("revenue 1-15 nov", date(2026, 11, 1), date(2026, 11, 15)),
    ("orders from the 3rd to the 10th of march 2025", date(2025, 3, 3), date(2025, 3, 10)),
    ("units sold in the last 48 hours", date(2026, 12, 3), DEC),
    ("orders in the past 24 hours", DEC, DEC),
])
def test_day_spans_and_hours(phrase: str, start: date, end: date) -> None:
    t = resolve_time(phrase, DEC)
    assert t.range is not None and (t.range.start, t.range.end) == (start, end), t.range


def test_the_weakest_channel_is_one_channel_from_the_bottom(shop: VocabularyIndex) -> None:
    r = read(shop, "weakest channel last month")
    assert r.query is not None and r.query.dimensions == ["channel"] and r.query.descending is False and r.show == 1


@pytest.mark.parametrize("question", ["How much did we spend on stock last month?",
                                      "what did we pay our suppliers this year"])
def test_what_stock_cost_to_buy_is_not_in_the_data(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.kind == "unanswerable" and r.concept == "stock purchases"


def test_more_shorthand(shop: VocabularyIndex) -> None:
    r = read(shop, "avg order val last 7 days")
    assert r.query is not None and r.query.metrics == ["aov"]


def test_periods_listed_with_and_are_each_answered(shop: VocabularyIndex) -> None:
    r = read(shop, "what did we make this week and last week", DEC_EXTENTS)
    assert r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == date(2026, 11, 30) and len(r.parts) == 1
    part = r.parts[0].query
    assert part is not None and part.time_range is not None and part.time_range.start == date(2026, 11, 23)
    three = read(shop, "orders in q1, q2 and q3", DEC_EXTENTS)
    assert [p.query.time_range.start.month for p in three.parts if p.query and p.query.time_range] == [4, 7]
    span = read(shop, "revenue between october and november", DEC_EXTENTS)  # a range stays one period
    assert not span.parts and span.query is not None and span.query.time_range is not None
    assert (span.query.time_range.start, span.query.time_range.end) == (date(2026, 10, 1), date(2026, 11, 30))


def test_what_we_have_too_much_of_is_overstock(shop: VocabularyIndex) -> None:
    r = read(shop, "which products have we got too much of")
    assert r.kind == "agent" and r.asks == ["overstock"]


@pytest.mark.parametrize(("question", "pct"), [
    ("what would happen if we put prices up 5% on the Oak Serving Tray Large", 5.0),
    ("if we raise the price of the Oak Serving Tray Large 10 percent what happens", 10.0),
])
def test_a_price_change_without_by(shop: VocabularyIndex, question: str, pct: float) -> None:
    r = read(shop, question)
    assert r.kind == "agent" and r.price_change_pct == pct and r.skus == ["TR.88/L"]


@pytest.mark.parametrize(("question", "until"), [
    ("what revenue should we expect in january", date(2027, 1, 31)),
    ("forecast sales for january", date(2027, 1, 31)),
    ("how many units will we sell in q1", date(2027, 3, 31)),
])
def test_an_upcoming_month_asked_in_the_future_tense_is_forecast(shop: VocabularyIndex, question: str,
                                                                 until: date) -> None:
    r = read(shop, question, DEC_EXTENTS)
    assert r.kind == "agent" and r.agent_intents == ["forecast"] and r.forecast_until == until
    assert r.lead.startswith(("January 2027 is still to come", "Q1 2027 is still to come"))


@pytest.mark.parametrize("question", ["what did we make in january", "what will revenue be in january 2026",
                                      "what will sales be this month"])
def test_a_past_or_running_period_is_not_made_upcoming(shop: VocabularyIndex, question: str) -> None:
    assert read(shop, question, DEC_EXTENTS).forecast_until is None


@pytest.mark.parametrize(("question", "metric"), [
    ("can you tell me what we took last week", "revenue"),
    ("what's the total for november", "revenue"),
    ("what was revenue on xmas eve", "revenue"),
])
def test_chatty_requests(shop: VocabularyIndex, question: str, metric: str) -> None:
    r = read(shop, question, DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == [metric]
    assert r.query.time_range is not None and not r.query.time_range.label.startswith("all your data")


def test_what_a_channel_made_us_is_not_a_competitors_sales(shop: VocabularyIndex) -> None:
    r = read(shop, "how much did Etsy make us yesterday", DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and [f.values for f in r.query.filters] == [["Etsy"]]
    assert read(shop, "how much do competitors sell", DEC_EXTENTS).kind == "unanswerable"


@pytest.mark.parametrize("question", ["numbers for last week?", "how much have we taken this week",
                                      "how much are we making a day on average this month"])
def test_more_ways_to_ask_for_takings(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question, DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]


def test_how_many_of_a_groups_items_is_one_total(shop: VocabularyIndex) -> None:
    r = read(shop, "how many home decor items did we sell last month")
    assert r.query is not None and r.query.dimensions == [] and r.query.metrics == ["units"]
    ranked = read(shop, "which home decor items sold the most last month")
    assert ranked.query is not None and ranked.query.dimensions == ["sku"]


def test_per_cent_of_is_a_share(shop: VocabularyIndex) -> None:
    r = read(shop, "what per cent of revenue came from Etsy last month")
    assert r.shape == "share"
