"""Questions -> typed metric queries, agent plans or "can't be answered", against one tenant's names and dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.questions.reading import Reading, find_metrics, read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import END, EXTENTS


def read(shop: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)


@pytest.mark.parametrize(("question", "metric"), [
    ("what did we make last month?", "revenue"),
    ("total turnover in Q1", "revenue"),
    ("how much did we earn in 2024", "revenue"),
    ("net sales after discounts in May", "net_revenue"),
    ("how many items did we sell last week", "units"),
    ("number of orders yesterday", "orders"),
    ("what was the average basket in March?", "aov"),
    ("AOV last quarter", "aov"),
    ("items per order this year", "units_per_order"),
    ("what's our gross margin % in 2024", "margin_pct"),
    ("how much profit did we make in April", "margin"),
    ("how much did we give away in discounts", "discounts"),
    ("what is the return rate in 2024", "return_rate"),
    ("how many units were returned last month", "returned_units"),
    ("total refunds since January", "refunds"),
    ("how many unique customers bought in May", "customers"),
    ("what share of customers came back", "repeat_customer_rate"),
    ("what's our average star rating", "avg_rating"),
    ("how many reviews did we get in 2024", "review_count"),
    ("share of 1 or 2 star reviews this year", "negative_review_share"),  # one star alone: the stars filter
    ("how much stock do we have on hand", "stock_on_hand"),
    ("how many days of cover do we have", "days_of_cover"),
    ("what's our price index", "price_index"),
    ("how often are we the cheapest", "cheapest_share"),
])
def test_metric_synonyms(shop: VocabularyIndex, question: str, metric: str) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == metric


def test_value_for_a_named_period(shop: VocabularyIndex) -> None:
    r = read(shop, "How much revenue did the blue ceramic vase bring in in Q1?")
    assert r.query is not None and r.shape == "value"
    assert r.query.time_range is not None and r.query.time_range.label == "Q1 2025 (1 Jan - 31 Mar 2025)"
    assert [(f.dimension, f.values) for f in r.query.filters] == [("sku", ["vase-blue-20"])]
    assert r.labels == {"vase-blue-20": "Blue Ceramic Vase 20cm"} and r.as_of == END


def test_ranking(shop: VocabularyIndex) -> None:
    r = read(shop, "top 3 products by units in 2024")
    q = r.query
    assert q is not None and r.shape == "ranking"
    assert (q.metrics, q.dimensions, q.order_by, q.descending, r.show) == (["units"], ["sku"], "units", True, 3)
    assert q.limit == 4  # one spare row: a group without a name (SKUs missing from the catalogue) is dropped
    worst = read(shop, "which were our worst-selling items last quarter?").query
    assert worst is not None and worst.descending is False and worst.metrics == ["units"]
    one = read(shop, "which category brought in the most money this year?")
    assert one.query is not None and one.query.dimensions == ["category"] and one.query.share_of_total


def test_breakdown_trend_and_weekday(shop: VocabularyIndex) -> None:
    r = read(shop, "revenue per channel in 2024")
    assert r.shape == "breakdown" and r.query is not None and r.query.dimensions == ["channel"]
    t = read(shop, "how have orders developed month by month?")
    assert t.shape == "trend" and t.query is not None and (t.query.dimensions, t.query.grain) == (["date"], "month")
    d = read(shop, "which day of the week sells the most?")
    assert d.query is not None and d.query.dimensions == ["weekday"]
    m = read(shop, "orders on Saturdays in 2024")
    assert m.query is not None and [(f.dimension, f.values) for f in m.query.filters] == [("weekday", ["Saturday"])]


def test_share_of_one_slice(shop: VocabularyIndex) -> None:
    r = read(shop, "what percentage of our revenue came from Etsy last year?")
    assert r.shape == "share" and r.query is not None and r.query.dimensions == ["channel"]
    assert r.focus is not None and r.focus.values == ["Etsy"] and r.query.filters == []
    assert r.query.time_range is not None and r.query.time_range.start == date(2024, 1, 1)


def test_comparisons(shop: VocabularyIndex) -> None:
    r = read(shop, "how did sales in May compare to the same month last year?")
    assert r.query is not None and r.query.compare == "previous_year"
    g = read(shop, "did revenue grow last quarter?")
    assert g.query is not None and g.query.compare == "previous_period"
    two = read(shop, "revenue on Shopify vs Etsy in 2024")
    assert two.query is not None and two.query.dimensions == ["channel"]
    assert two.query.filters[0].values == ["Shopify", "Etsy"] and two.query.compare is None


def test_channel_or_competitor_by_metric(shop: VocabularyIndex) -> None:
    sales = read(shop, "revenue on Amazon in 2024").query
    prices = read(shop, "price index against Amazon").query
    assert sales is not None and sales.filters[0].dimension == "channel"
    assert prices is not None and prices.filters[0].dimension == "competitor"


@pytest.mark.parametrize(("question", "concept"), [
    ("what is my customer acquisition cost?", "customer acquisition cost"),
    ("how much did we spend on ads last month?", "advertising and marketing spend"),
    ("what's the conversion rate of the shop?", "site traffic and conversion"),
    ("how many visitors did we have in May", "site traffic and conversion"),
    ("what was net profit after rent and salaries", "operating costs and net profit"),
    ("what is Amazon's market share", "competitors' sales"),
])
def test_unanswerable(shop: VocabularyIndex, question: str, concept: str) -> None:
    r = read(shop, question)
    assert r.kind == "unanswerable" and r.concept == concept and r.needed and r.query is None


@pytest.mark.parametrize(("question", "intent"), [
    ("which products are overpriced compared to competitors?", "pricing"),
    ("why are ratings for the blue vase falling?", "sentiment"),
    ("what do customers complain about?", "sentiment"),
    ("forecast units for the next 30 days", "forecast"),
    ("which items will run out of stock soon?", "inventory"),
    ("what happens to demand if I cut vase-blue-20 by 10%?", "what_if"),
])
def test_agent_questions(shop: VocabularyIndex, question: str, intent: str) -> None:
    r = read(shop, question)
    assert r.kind == "agent" and intent in r.agent_intents


def test_mixed_question(shop: VocabularyIndex) -> None:
    r = read(shop, "what was revenue last month, and which products are overpriced?")
    assert r.kind == "metric" and r.agent_intents == ["pricing"]
    assert r.query is not None and r.query.dimensions == [] and r.query.metrics == ["revenue"]


def test_default_periods(shop: VocabularyIndex) -> None:
    total = read(shop, "what is our total revenue?").query
    assert total is not None and total.time_range is not None
    assert (total.time_range.start, total.time_range.end) == (date(2023, 1, 1), END)
    stock = read(shop, "how much stock do we have?").query
    # every count up to the latest, so each SKU is at its own latest count (not only the SKUs counted that day)
    assert stock is not None and stock.time_range is not None and stock.time_range.end == END
    assert stock.time_range.start == date(2023, 1, 1) and "latest stock count" in stock.time_range.label


def test_no_data_yet() -> None:
    r = read_question("what did we make last month?", tenant_id="new", index=None, extents={})
    assert r.kind == "unanswerable" and r.needed is not None and "sales" in r.needed


def test_sku_digits_are_not_dates(shop: VocabularyIndex) -> None:
    r = read(shop, "units of 100234 last month")
    assert r.query is not None and r.query.time_range is not None and r.query.time_range.start == date(2025, 5, 1)


def test_find_metrics_specific_first() -> None:
    assert find_metrics("net revenue and return rate")[0] == ["net_revenue", "return_rate"]
    assert find_metrics("how are we doing")[1] is True


@given(st.text(max_size=200))
def test_any_text_reads(text: str) -> None:
    r = read_question(text, tenant_id="decor", index=None, extents=EXTENTS)
    assert r.kind in ("metric", "agent", "unanswerable")
    if r.query is not None and r.query.time_range is not None:
        assert r.query.time_range.end <= END


def test_agent_question_with_a_catalogue_word_stays_with_the_agents(shop: VocabularyIndex) -> None:
    r = read(shop, "which of my products are overpriced compared to competitors, and what happens to demand if I "
                   "cut vase-blue-20 by 10%?")
    assert r.kind == "agent" and {"pricing", "what_if"} <= set(r.agent_intents)


def test_reviews_without_a_count_go_to_the_agents(shop: VocabularyIndex) -> None:
    assert read(shop, "How are the reviews in the home decor category?").kind == "agent"
    counted = read(shop, "how many reviews did we get in home decor last month?")
    assert counted.query is not None and counted.query.metrics == ["review_count"]


@pytest.mark.parametrize(("question", "shape", "show"), [
    ("which 2 channels had the lowest revenue in 2024?", "ranking", 2),
    ("what's my best selling category?", "ranking", 1),
    ("what is the average order value per channel?", "breakdown", None),
    ("which products did not sell last month?", "unsold", None),
    ("how many different products did we sell in May?", "count", None),
])
def test_shapes(shop: VocabularyIndex, question: str, shape: str, show: int | None) -> None:
    r = read(shop, question)
    assert r.shape == shape and r.show == show


def test_names_spanning_metric_words_and_per_day(shop: VocabularyIndex) -> None:
    r = read(shop, "how much did VASE_RED_30 sell in May?")
    assert r.query is not None and r.query.metrics == ["revenue"] and r.query.filters[0].values == ["VASE_RED_30"]
    d = read(shop, "what was our average daily revenue in May?")
    assert d.per_day and d.query is not None and d.query.dimensions == []


@pytest.mark.parametrize("question", [
    "Which SKUs are priced above the market?",
    "Why are ratings for vase-blue-20 falling?",
    "How many units of vase-blue-20 will we sell in the next 30 days, and when do we run out?",
    "Forecast demand for the next 4 weeks and tell me which products risk a stockout.",
    "What are customers complaining about in their reviews over the last 90 days?",
])
def test_readme_and_demo_agent_questions_stay_with_the_agents(shop: VocabularyIndex, question: str) -> None:
    assert read(shop, question).kind == "agent"


def test_singular_best_seller(shop: VocabularyIndex) -> None:
    r = read(shop, "Best-selling product of all time")
    assert r.shape == "ranking" and r.show == 1 and r.query is not None and r.query.metrics == ["units"]


@pytest.mark.parametrize(("question", "metric", "dims", "compare"), [
    ("Is the Home Decor category growing?", "revenue", [], "previous_period"),
    ("Did we sell more on Etsy or Shopify last month?", "units", ["channel"], None),
    ("What's the split between Etsy and Shopify this year?", "revenue", ["channel"], None),
])
def test_questions_without_a_metric_word(shop: VocabularyIndex, question: str, metric: str, dims: list[str],
                                         compare: str | None) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.metrics[0] == metric and r.query.dimensions == dims
    assert r.query.compare == compare


def test_running_low_is_a_stock_question_for_the_agents(shop: VocabularyIndex) -> None:
    r = read(shop, "Which products are running low on stock?")
    assert r.kind == "agent" and "inventory" in r.agent_intents


@pytest.mark.parametrize("question", ["How many SKUs do we have?", "How many products do we carry in Home Decor?",
                                      "how big is our catalogue?"])
def test_catalogue_size(shop: VocabularyIndex, question: str) -> None:
    assert read(shop, question).kind == "catalogue"
    assert read(shop, "how many products did we sell in May?").kind == "metric"


@pytest.mark.parametrize("question", [
    "How much did the green glass bowl make last month?",
    "What did our teak garden bench sell in Q1?",
    "how much revenue did the bamboo owl bring in this year",
    "Why are ratings for the teak garden bench falling?",  # an agent question about a missing product
    "How is demand for our bamboo owl looking?",
    "How much did the bamboo ceramic vase make last month?",  # "ceramic vase" is known, "bamboo" is not
])
def test_a_name_the_data_lacks_is_said_not_widened_to_the_whole_store(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.kind == "unanswerable" and r.query is None and r.unknown_name


@pytest.mark.parametrize("question", [
    "How much did the blue ceramic vase make last month?",  # a product
    "How much did the store make last month?",  # the whole business
    "what did our top products sell in Q1?",  # a kind of thing, ranked
    "How much did we make last month?",
])
def test_known_names_and_generic_words_are_not_unknown(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and not r.unknown_name, (r.kind, r.unknown_name)


def test_unknown_name_suggests_close_titles(shop: VocabularyIndex) -> None:
    assert shop.closest_titles("blue ceramic vases set")[0] == "Blue Ceramic Vase 20cm"
    assert shop.closest_titles("garden hose reel") == []


@pytest.mark.parametrize("question", [
    "Why are ratings for the blue ceramic vase falling?",
    "Why are ratings for the ceramic vases falling?",
    "Are reviews for the whole store getting worse?",
    "How is stock for the next 30 days?",
    "How much did the red ceramic vases make in May?",
    "How much did the new Potter & Co vases make last month?",
])
def test_agent_questions_about_known_or_generic_things_are_not_unknown(shop: VocabularyIndex, question: str) -> None:
    assert not read(shop, question).unknown_name


@pytest.mark.parametrize(("question", "category"), [
    ("What did our Home Decor category sell in Q1?", "Home Decor"),
    ("How much did the Textiles category make last month?", "Textiles"),
    ("revenue for category Candles in May", "Candles"),
])
def test_a_dimension_word_next_to_a_name_labels_it_and_is_no_breakdown(shop: VocabularyIndex, question: str,
                                                                       category: str) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None, r
    assert r.query.metrics == ["revenue"] and r.query.dimensions == [], r.query
    assert r.categories == [category]


def test_a_breakdown_beside_a_name_is_still_a_breakdown(shop: VocabularyIndex) -> None:
    r = read(shop, "top 3 products in the Home Decor category last month")
    assert r.query is not None and r.query.dimensions == ["sku"] and r.categories == ["Home Decor"]


@pytest.mark.parametrize("question", [
    "How much did our Potter & Co ceramic vases sell last month?",
    "what did the Weaveworks oak serving tray sell in May?",
])
def test_how_much_did_a_long_name_sell_is_revenue(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"], r


@pytest.mark.parametrize(("question", "metric", "descending"), [
    ("Which products have the worst reviews?", "avg_rating", False),
    ("Which are our best rated products?", "avg_rating", True),
    ("What is our refund rate last month?", "refund_rate", None),
])
def test_rating_rankings_and_rates_read_as_such(shop: VocabularyIndex, question: str, metric: str,
                                                descending: bool | None) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.metrics[0] == metric, r
    if descending is not None:
        assert r.query.dimensions == ["sku"] and r.query.descending is descending


@pytest.mark.parametrize("question", [
    "What are customers saying about shipping?",
    "What do customers think of the oak tray?",
])
def test_what_customers_say_is_the_reviews_not_a_customer_count(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.kind == "agent" and "sentiment" in r.agent_intents, r


@pytest.mark.parametrize(("question", "dimension", "descending"), [
    ("Which category grew the most in Q1?", "category", True),
    ("Which products declined the most last month?", "sku", False),
    ("What are the fastest-growing brands?", "brand", True),
    ("Which channel had the biggest drop in orders this year?", "channel", False),
])
def test_which_grew_or_fell_the_most_ranks_by_change(shop: VocabularyIndex, question: str, dimension: str,
                                                     descending: bool) -> None:
    r = read(shop, question)
    q = r.query
    assert q is not None and r.shape == "ranking", r
    # "this year" is the year to date: against the same days of the year before
    to_date = "this year" in question
    assert q.dimensions == [dimension] and q.order_by_change
    assert q.compare == ("previous_period_to_date" if to_date else "previous_period")
    assert q.descending is descending and q.order_by == q.metrics[0]


@pytest.mark.parametrize(("question", "descending"), [
    ("What's trending?", True),
    ("which products are trending?", True),
    ("what's hot right now", True),
    ("any hot sellers?", True),
    ("what's trending down?", False),
])
def test_whats_trending_ranks_the_products_by_change_over_the_last_30_days(shop: VocabularyIndex, question: str,
                                                                           descending: bool) -> None:
    r = read(shop, question)
    q = r.query
    assert q is not None and r.shape == "ranking" and q.dimensions == ["sku"] and q.order_by_change, r
    assert q.compare == "previous_period" and q.descending is descending
    assert q.time_range is not None and (q.time_range.end - q.time_range.start).days == 29
    assert q.time_range.end == END


@pytest.mark.parametrize("question", ["How is revenue trending?", "how are sales trending this year?"])
def test_a_metric_trending_is_its_trend_not_a_product_ranking(shop: VocabularyIndex, question: str) -> None:
    q = read(shop, question).query
    assert q is not None and q.dimensions != ["sku"] and not q.order_by_change


def test_a_plain_ranking_is_not_by_change(shop: VocabularyIndex) -> None:
    q = read(shop, "Which category had the most revenue in Q1?").query
    assert q is not None and not q.order_by_change and q.compare is None


def test_losing_money_ranks_products_by_margin_from_the_bottom(shop: VocabularyIndex) -> None:
    q = read(shop, "Which products are we losing money on?").query
    assert q is not None and q.metrics[0] == "margin" and q.dimensions == ["sku"] and q.descending is False


@pytest.mark.parametrize(("question", "unknown"), [
    ("How is the ceramic bowl selling?", True),
    ("How is the oak serving tray selling?", False),
    ("How are the red ceramic vases doing this year?", False),
])
def test_how_is_a_product_selling_is_its_revenue_or_says_the_name_is_unknown(shop: VocabularyIndex, question: str,
                                                                            unknown: bool) -> None:
    r = read(shop, question)
    if unknown:
        assert r.kind == "unanswerable" and r.unknown_name, r
    else:
        assert r.query is not None and r.query.metrics[0] == "revenue" and r.skus, r


@pytest.mark.parametrize(("question", "n"), [
    ("What is the demand forecast for our best seller?", 1),
    ("How many units of our top seller will we sell next month?", 1),
    ("How many of our best selling product will we sell in the next 2 weeks?", 1),
    ("Forecast our top 5 products for next month", 5),
    ("What will our best sellers sell next quarter?", 10),
])
def test_a_forecast_of_our_best_sellers_is_about_them(shop: VocabularyIndex, question: str, n: int) -> None:
    # before: the whole store's forecast, or "no product is called 'top seller will we'"
    r = read(shop, question)
    assert r.kind == "agent" and "forecast" in r.agent_intents and r.top_sellers == n


@pytest.mark.parametrize(("question", "n"), [
    ("When does our best seller run out?", 1),
    ("Will our top 3 products run out before the next delivery?", 3),
])
def test_a_stock_question_about_our_best_sellers_is_about_them(shop: VocabularyIndex, question: str, n: int) -> None:
    # before: every SKU that could run out, the best seller or not
    r = read(shop, question)
    assert r.kind == "agent" and "inventory" in r.agent_intents and r.top_sellers == n


def test_best_sellers_of_the_past_are_a_ranking_not_a_forecast(shop: VocabularyIndex) -> None:
    r = read(shop, "What were our top 5 products last month?")
    assert r.kind == "metric" and r.top_sellers is None


def test_an_unknown_name_is_quoted_without_the_words_after_it(shop: VocabularyIndex) -> None:
    r = read(shop, "How many units of the zebra lamp will we sell next month?")
    assert r.kind == "unanswerable" and r.unknown_name == "zebra lamp"
