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
    ("How many 1 or 2 star reviews did we get last month?",
     ["negative_review_share", "review_count", "negative_reviews"]),
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


def test_new_customers_are_those_whose_first_purchase_falls_in_the_period(shop: VocabularyIndex) -> None:
    r = read(shop, "How many new customers did we get last month?")
    assert r.query is not None and r.query.metrics == ["new_customers", "customers"] and "first purchase" in r.notes[0]
    assert not read(shop, "How many customers bought last month?").notes


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("sales in the first week of May", date(2025, 5, 1), date(2025, 5, 7)),
    ("orders in the 3rd week of April 2025", date(2025, 4, 15), date(2025, 4, 21)),
    ("revenue in the last week of February", date(2025, 2, 22), date(2025, 2, 28)),
    ("revenue last week", date(2025, 6, 9), date(2025, 6, 15)),  # still the last whole week
])
def test_the_nth_week_of_a_month(phrase: str, start: date, end: date) -> None:
    t = resolve_time(phrase, END)
    assert t.range is not None and (t.range.start, t.range.end) == (start, end)


@pytest.mark.parametrize(("question", "descending"), [
    ("Which products are trending up this quarter?", True), ("Which categories are trending down?", False)])
def test_trending_up_or_down_ranks_by_change(shop: VocabularyIndex, question: str, descending: bool) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.order_by_change and r.query.descending is descending


def test_a_rating_ranking_of_products_keeps_those_with_enough_reviews(shop: VocabularyIndex) -> None:
    from shared.questions.compose import compose
    from shared.store.metrics.model import CompiledStatement, MetricResult

    r = read(shop, "Which products get the best reviews?")
    assert r.query is not None and r.query.metrics == ["avg_rating", "review_count"] and r.query.limit is None
    assert (r.min_reviews, r.show) == (5, 5)
    rows = [{"sku": "100234", "avg_rating": 5.0, "review_count": 1},
            {"sku": "TR.88/L", "avg_rating": 4.6, "review_count": 12},
            {"sku": "vase-blue-20", "avg_rating": 4.1, "review_count": 5}]
    result = MetricResult(query=r.query, columns=["sku", "avg_rating", "review_count"], rows=rows,
                          statement=CompiledStatement(sql="SELECT 1", params={}, dialect="duckdb"))
    answer = compose(r, result, titles={"TR.88/L": "Oak Serving Tray Large", "vase-blue-20": "Blue Vase"}).answer
    assert "(products with at least 5 reviews): 1. Oak Serving Tray Large (TR.88/L) (4.60 out of 5); " \
           "2. Blue Vase (vase-blue-20) (4.10 out of 5)." in answer and "100234" not in answer
    assert read(shop, "Which brand has the best reviews?").min_reviews is None  # brands have enough


@pytest.mark.parametrize(("question", "group"), [
    ("Which Home Decor products sold the most last month?", ("category", ["Home Decor"])),
    ("What are our top Weaveworks products?", ("brand", ["Weaveworks"])),
])
def test_products_after_a_category_or_brand_are_ranked_within_it(shop: VocabularyIndex, question: str,
                                                                  group: tuple[str, list[str]]) -> None:
    r = read(shop, question)
    assert r.shape == "ranking" and r.query is not None and r.query.dimensions == ["sku"]
    assert [(f.dimension, f.values) for f in r.query.filters] == [group]
    label = read(shop, "What did our Home Decor category sell in May?")  # a label, not a ranking
    assert label.shape == "value"


@pytest.mark.parametrize(("question", "dimension"), [
    ("Which day last month had the lowest sales?", "date"),
    ("Which day had the most orders this year?", "date"),
    ("Which day do we sell most on?", "weekday"),
    ("Which day of the week had the most orders in 2024?", "weekday"),
])
def test_which_day_is_a_date_with_a_period_or_a_past_verb(shop: VocabularyIndex, question: str,
                                                          dimension: str) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.dimensions[0] == dimension
    if dimension == "date":
        assert r.query.grain == "day"


def test_each_of_the_last_months_is_by_month(shop: VocabularyIndex) -> None:
    r = read(shop, "Revenue for each of the last 6 months")
    assert r.shape == "trend" and r.query is not None and r.query.grain == "month"


@pytest.mark.parametrize(("question", "metrics"), [
    ("How much margin did Weaveworks make last year?", ["margin"]),
    ("How many units did we sell and how much did we make last month?", ["units", "revenue"]),
])
def test_a_metric_named_before_make_is_what_was_made(shop: VocabularyIndex, question: str,
                                                     metrics: list[str]) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.metrics == metrics


@pytest.mark.parametrize("question", ["Average revenue per customer last month",
                                      "How much does the average customer spend?", "Revenue per buyer in 2024"])
def test_revenue_per_customer_is_the_ratio(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.per_customer and r.query is not None and r.query.metrics == ["revenue", "customers"]


@pytest.mark.parametrize("question", ["Revenue by customer last month", "Which customer spent the most?",
                                      "Which households spent the most?", "top 10 households by revenue"])
def test_single_customers_are_not_in_the_data(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.kind == "unanswerable" and r.concept == "a list of individual customers"


def test_households_counted_are_customers_even_where_a_product_is_called_household() -> None:
    """A grocer's "SPONGES: BATH HOUSEHOLD" must not turn "how many households shopped" into a product question."""
    from shared.questions.vocabulary import ProductName, Vocabulary

    products = [ProductName(sku="1138132", title="SPONGES: BATH HOUSEHOLD", category="HOUSEHOLD SUPPLIES"),
                ProductName(sku="1082185", title="BANANAS", category="TROPICAL FRUIT")]
    index = VocabularyIndex(Vocabulary(tenant_id="grocer", products=products, skus=[p.sku for p in products]))
    for question in ("How many households shopped in May?", "number of households that bought something in May"):
        r = read(index, question)
        assert r.kind == "metric" and r.query is not None and r.query.metrics == ["customers"], question
        assert not r.query.filters, question
    r = read(index, "What's the revenue per household?")
    assert r.per_customer and r.query is not None and not r.query.filters


def test_revenue_per_customer_answer() -> None:
    from shared.questions.compose import compose
    from shared.store.metrics.model import CompiledStatement, MetricQuery, MetricResult

    q = MetricQuery(tenant_id="t", metrics=["revenue", "customers"],
                    time_range=resolve_time("in May 2025", END).range)
    r = Reading(kind="metric", question="revenue per customer in May 2025", query=q, per_customer=True)
    result = MetricResult(query=q, columns=["revenue", "customers"], rows=[{"revenue": 1000.0, "customers": 8}],
                          currency="USD", statement=CompiledStatement(sql="SELECT 1", params={}, dialect="duckdb"))
    assert compose(r, result, titles={}).answer == ("Revenue per customer in May 2025 (1-31 May 2025) was $125.00 "
                                                    "($1,000.00 from 8 customers).")


@pytest.mark.parametrize(("question", "metrics", "dims"), [
    ("What do customers buy most?", ["units"], ["sku"]),
    ("What do customers like to buy most on Etsy?", ["units"], ["sku"]),
    ("How many customers bought last month?", ["customers"], []),
    ("How many unique customers ordered in May?", ["customers"], []),
])
def test_customers_who_buy_are_the_subject_not_the_count(shop: VocabularyIndex, question: str, metrics: list[str],
                                                         dims: list[str]) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.metrics == metrics and r.query.dimensions == dims


def test_a_rating_ranking_of_a_young_store_ranks_every_reviewed_product_and_says_so(shop: VocabularyIndex) -> None:
    from shared.questions.compose import compose
    from shared.store.metrics.model import CompiledStatement, MetricResult

    r = read(shop, "Which products have the worst reviews?")
    rows = [{"sku": "100234", "avg_rating": 2.0, "review_count": 1},
            {"sku": "TR.88/L", "avg_rating": 4.5, "review_count": 2}]
    result = MetricResult(query=r.query, columns=["sku", "avg_rating", "review_count"], rows=rows,
                          statement=CompiledStatement(sql="SELECT 1", params={}, dialect="duckdb"))
    answer = compose(r, result, titles={"TR.88/L": "Oak Serving Tray Large"}).answer
    assert "no product has 5 reviews yet" in answer and "(2.00 out of 5)" in answer
    assert answer.index("100234") < answer.index("Oak Serving Tray Large")


@pytest.mark.parametrize(("question", "metrics"), [
    ("Refunds as a percentage of sales last month", ["refund_rate"]),
    ("discounts as a share of revenue in 2024", ["discount_rate"]),
    ("How many people ordered in the last 30 days?", ["customers"]),
    ("How much is our inventory worth?", ["inventory_value", "inventory_retail_value", "uncosted_skus",
                                          "stocked_skus"]),
    ("What percent of orders were discounted last month?", ["promo_order_share", "promo_orders", "orders"]),
    ("share of sales on promotion", ["promo_revenue_share", "promo_revenue", "revenue"]),
    # an order "on promotion" is one with a line on promotion, not every order
    ("how many orders were on promotion last month", ["promo_order_share", "promo_orders", "orders"]),
    ("share of orders on promotion", ["promo_order_share", "promo_orders", "orders"]),
    ("promoted orders this year", ["promo_order_share", "promo_orders", "orders"]),
    ("how many orders were on sale last month", ["promo_order_share", "promo_orders", "orders"]),  # held out
    # units "on promo" are the units of the lines on promotion, not every unit sold
    ("units sold on promo last month", ["promo_unit_share", "promo_units", "units"]),
    ("how many items did we sell on promotion", ["promo_unit_share", "promo_units", "units"]),
    ("promo units this quarter", ["promo_unit_share", "promo_units", "units"]),
])
def test_merchant_phrasings_read_as_the_metric_asked(shop: VocabularyIndex, question: str,
                                                     metrics: list[str]) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == metrics, (r.kind, r.query)


def test_an_average_per_day_after_the_metric_is_a_daily_average(shop: VocabularyIndex) -> None:
    r = read(shop, "How many orders per day did we average last month?")
    assert r.per_day and r.shape == "value" and r.query is not None and r.query.metrics == ["orders"]
    assert not read(shop, "What's the average order value per day last month?").per_day  # AOV by day: a trend


def test_the_first_n_days_of_a_month() -> None:
    t = resolve_time("How much money did we make in the first 10 days of May?", END)
    assert t.range is not None and (t.range.start, t.range.end) == (date(2025, 5, 1), date(2025, 5, 10))


@pytest.mark.parametrize(("question", "metrics"), [
    ("What's our take for the month so far?", ["revenue"]),
    ("How many units did the average order have last month?", ["units_per_order"]),
    ("What fraction of units came back in 2024?", ["return_rate"]),
    ("How much did returns cost us last quarter?", ["refunds"]),
    ("How many repeat customers did we have last month?", ["repeat_customer_rate", "repeat_customers",
                                                           "customers"]),
    ("How many customers bought more than once this year?", ["repeat_customer_rate", "repeat_customers",
                                                             "customers"]),
    ("How many SKUs are in stock?", ["stocked_skus"]),
    ("How many orders used a discount code last month?", ["discounted_order_share", "discounted_orders", "orders"]),
])
def test_more_merchant_phrasings_read_as_the_metric_asked(shop: VocabularyIndex, question: str,
                                                          metrics: list[str]) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == metrics, (r.kind, r.query)


def test_products_that_sold_zero_units_are_the_unsold_ones(shop: VocabularyIndex) -> None:
    assert read(shop, "Which products sold zero units last month?").shape == "unsold"


def test_a_time_word_after_the_is_no_unknown_name(shop: VocabularyIndex) -> None:
    r = read(shop, "Which day of the week do we sell the most units?")
    assert r.kind == "metric" and r.query is not None and r.query.dimensions == ["weekday"]


def test_this_week_so_far_is_compared_with_the_same_weekdays() -> None:
    from tests.unit.questions.conftest import EXTENTS as extents

    r = read_question("Revenue this week so far vs last week", tenant_id="decor", index=None, extents=extents,
                      as_of=date(2025, 6, 12))
    assert r.query is not None and r.query.compare == "previous_week"
    assert r.query.time_range is not None and r.query.time_range.start == date(2025, 6, 9)


def test_weekends_vs_weekdays_is_each_day_of_the_week_not_a_filter_of_all_seven(shop: VocabularyIndex) -> None:
    r = read(shop, "What are sales on weekends vs weekdays?")
    assert r.query is not None and r.query.dimensions == ["weekday"] and not r.query.filters
    one = read(shop, "How many units did we sell on weekends last month?")
    assert one.query is not None and one.query.filters[0].values == ["Saturday", "Sunday"]


@pytest.mark.parametrize(("question", "metrics"), [
    ("Total inventory value at retail price", ["inventory_value_at_price", "unpriced_skus", "stocked_skus"]),
    ("What's the retail value of our stock?", ["inventory_value_at_price", "unpriced_skus", "stocked_skus"]),
    ("Which products get returned the most?", ["returned_units"]),
    ("How many units of the Oak Serving Tray Large have we sold this year?", ["units"]),
])
def test_stock_at_price_returns_and_a_named_product_after_have_we(shop: VocabularyIndex, question: str,
                                                                  metrics: list[str]) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == metrics, (r.kind, r.unknown_name)


def test_new_vs_returning_customers_counts_each(shop: VocabularyIndex) -> None:
    r = read(shop, "How many new vs returning customers last month?")
    assert r.query is not None and r.query.metrics == ["new_customers", "returning_customers", "customers"]


def test_compared_to_the_weeks_before_is_a_comparison(shop: VocabularyIndex) -> None:
    r = read(shop, "How much did we sell in the last two weeks compared to the two weeks before?")
    assert r.query is not None and r.query.compare == "previous_period"
    assert r.query.time_range is not None and r.query.time_range.days == 14


@pytest.mark.parametrize(("question", "descending"), [("Which categories shrank last quarter?", False),
                                                      ("Which brands grew in 2024?", True)])
def test_which_ones_shrank_or_grew_ranks_by_change(shop: VocabularyIndex, question: str, descending: bool) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.order_by_change and r.query.descending is descending


def test_stock_across_all_products_is_one_total(shop: VocabularyIndex) -> None:
    r = read(shop, "How many units of stock do we have across all products?")
    assert r.query is not None and r.query.metrics == ["stock_on_hand"] and r.query.dimensions == []


@pytest.mark.parametrize(("question", "metric"), [
    ("What did we turn over in Q2?", "revenue"),
    ("How much did we take on Sundays in May?", "revenue"),
    ("How many baskets did we sell yesterday?", "orders"),
])
def test_trade_words_for_revenue_and_orders(shop: VocabularyIndex, question: str, metric: str) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == metric, (r.kind, r.query)


def test_last_weekend_is_the_latest_saturday_and_sunday(shop: VocabularyIndex) -> None:
    r = read(shop, "What were sales like last weekend?")  # END is Sunday 15 June 2025
    assert r.query is not None and r.query.time_range is not None and not r.query.filters
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2025, 6, 14), date(2025, 6, 15))


def test_which_of_our_brands_is_the_weakest_is_one_brand(shop: VocabularyIndex) -> None:
    r = read(shop, "Which of our brands is the weakest this year?")
    assert r.shape == "ranking" and r.show == 1 and r.query is not None and not r.query.descending


def test_the_models_reading_of_a_stock_value_reads_its_parts_too(shop: VocabularyIndex) -> None:
    from shared.questions.llm_reader import LlmReading, to_reading

    parsed = read(shop, "What is our stock worth?")
    r = to_reading(LlmReading(kind="metric", metrics=["inventory_value"]), parsed, tenant_id="decor", index=shop,
                   extents=EXTENTS, as_of=None)
    assert r.query is not None
    assert r.query.metrics == ["inventory_value", "inventory_retail_value", "uncosted_skus", "stocked_skus"]


@pytest.mark.parametrize("question", ["How many orders had more than one item?",
                                      "What share of orders have multiple items last month?"])
def test_orders_of_several_items(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.metrics == ["multi_item_order_share", "multi_item_orders", "orders"]


def test_revenue_from_discounted_orders_is_the_promotion_share(shop: VocabularyIndex) -> None:
    r = read(shop, "What fraction of revenue came from discounted orders this year?")
    assert r.query is not None and r.query.metrics == ["promo_revenue_share", "promo_revenue", "revenue"]
    assert read(shop, "What percent of revenue did we discount last month?").query.metrics == [  # type: ignore[union-attr]
        "discount_rate"]


@pytest.mark.parametrize("question", ["What was the average price of the Linen Table Runner last month?",
                                      "average price of linen table runner in 2024"])
def test_the_average_price_of_a_product_over_a_period_is_what_it_sold_at(shop: VocabularyIndex,
                                                                        question: str) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["asp"], question
    assert [f.values for f in r.query.filters if f.dimension == "sku"] == [["100234"]]


@pytest.mark.parametrize("question", ["What is the average price of the Linen Table Runner?",
                                      "average price of the Linen Table Runner at Amazon last month"])
def test_the_average_price_without_a_period_or_at_a_competitor_is_not_our_selling_price(
        shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.query is None or "asp" not in r.query.metrics, question


@pytest.mark.parametrize("question", ["How is revenue trending?", "how are sales trending",
                                      "How is turnover trending?"])
def test_revenue_named_inside_a_how_is_it_trending_phrase_is_the_revenue_trend(shop: VocabularyIndex,
                                                                               question: str) -> None:
    """The weak "how is ... trending" cue spans the noun: revenue said outright is not the agents' overview."""
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    assert r.query.grain is not None  # a trend: revenue period by period


def test_how_are_we_trending_without_a_metric_stays_the_overview(shop: VocabularyIndex) -> None:
    assert read(shop, "how are we doing?").agent_intents == ["overview"]


def test_a_word_of_a_phrasal_verb_names_no_product() -> None:
    """A grocer sells "RIB - SPARE RIB/BACK RIB": "customers came back" asks for repeat customers, not about ribs."""
    from shared.questions.vocabulary import ProductName, Vocabulary

    ribs = [ProductName(sku="1001", title="RIB - SPARE RIB/BACK RIB", category="PORK"),
            ProductName(sku="1002", title="BANANAS", category="PRODUCE"),
            *[ProductName(sku=f"2{i:03d}", title=f"FLUID MILK {i}", category="DAIRY") for i in range(20)]]
    index = VocabularyIndex(Vocabulary(tenant_id="grocer", products=ribs, skus=[p.sku for p in ribs]))
    r = read_question("how many customers came back more than once?", tenant_id="grocer", index=index,
                      extents=EXTENTS)
    assert r.skus == [] and r.query is not None and r.query.metrics[0].startswith("repeat_customer")
    assert read_question("how much back rib did we sell?", tenant_id="grocer", index=index,
                         extents=EXTENTS).skus == ["1001"]


@pytest.mark.parametrize("question", ["What's selling well right now?", "what sells best at the moment",
                                      "top products these days"])
def test_right_now_is_the_last_30_days_of_sales(shop: VocabularyIndex, question: str) -> None:
    """"Right now" is the recent run of sales (30 days, as shop dashboards show), not all the data."""
    r = read(shop, question)
    assert r.query is not None and r.query.dimensions == ["sku"]
    assert r.query.time_range is not None and r.query.time_range.label.startswith("the last 30 days")
    assert (END - r.query.time_range.start).days == 29 and r.query.time_range.end == END


def test_stock_right_now_is_the_latest_count(shop: VocabularyIndex) -> None:
    r = read(shop, "What's in stock right now?")
    assert r.query is not None and r.query.time_range is not None
    assert r.query.time_range.end == END and r.query.time_range.start < END  # each SKU's own latest count
    assert "latest stock count" in r.query.time_range.label


@pytest.mark.parametrize("question", ["What did customers on Amazon buy most last year?",
                                      "what do customers on Etsy buy most?"])
def test_customers_of_a_place_buying_most_are_the_products_by_units(shop: VocabularyIndex, question: str) -> None:
    """"Customers on Etsy" says who buys: what they buy most is the products by units, not a count of buyers (UCI
    Online Retail: "what did customers in Germany buy most" was a count of customers)."""
    r = read(shop, question)
    assert r.query is not None and r.query.metrics == ["units"] and r.query.dimensions == ["sku"]


@pytest.mark.parametrize(("question", "dim"), [("which brands didn't sell last month", "brand"),
                                               ("which categories didn't sell last month?", "category"),
                                               ("what didn't sell last month", "sku")])
def test_unsold_brands_and_categories(shop: VocabularyIndex, question: str, dim: str) -> None:
    r = read(shop, question)
    assert r.shape == "unsold" and r.query is not None and r.query.dimensions == [dim]
