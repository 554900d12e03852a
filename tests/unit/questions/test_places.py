"""Questions about where sales went, and public datasets' own words (cancellations, sub-categories, segments).

A tenant whose sales carry a country, region or state column is answered by it ("which country bought the
most", "revenue in the UK", "outside the UK"); one without is told what is missing, as before. Words for
dimensions no sales line keeps (Superstore's Sub-Category, Segment, Ship Mode) are refused plainly rather than
answered as categories or sent to the agents.
"""

from __future__ import annotations

import pytest

from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex
from tests.unit.questions.conftest import EXTENTS


@pytest.fixture
def retailer() -> VocabularyIndex:
    """UCI Online Retail's shape: countries (Ireland as "EIRE"), Superstore's regions and states."""
    vocab = Vocabulary(tenant_id="uci", products=[ProductName(sku="85123A", title="WHITE HANGING HEART T-LIGHT")],
                       skus=["85123A"], countries=["United Kingdom", "Germany", "EIRE", "IN"],
                       regions=["West", "East"], states=["California", "New York"],
                       sales_columns=["returned_units", "refund", "customer_hash"])
    return VocabularyIndex(vocab)


def read(index: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="uci", index=index, extents=EXTENTS)


@pytest.mark.parametrize(("question", "dimension"), [
    ("Which country had the most revenue?", "country"), ("Top 5 countries by revenue in 2011", "country"),
    ("Revenue by region last month", "region"), ("Which state has the highest sales?", "state"),
    ("Which countries have the most customers?", "country"),
    ("Which product category had the most revenue?", "category"),  # one dimension, not products and categories
    ("Which shopping mall had the most revenue?", "channel"),  # where the sale happened (a mall's shops)
])
def test_a_place_word_breaks_down_by_that_column(retailer: VocabularyIndex, question: str, dimension: str) -> None:
    r = read(retailer, question)
    assert r.kind == "metric" and r.query is not None and r.query.dimensions == [dimension], r


@pytest.mark.parametrize(("question", "dimension", "value", "op"), [
    ("What was revenue in the UK last month?", "country", "United Kingdom", "in"),
    ("How many customers in Ireland?", "country", "EIRE", "in"),
    ("Revenue from Germany in 2011", "country", "Germany", "in"),
    ("What did California sell last year?", "state", "California", "in"),
    ("Which country outside the UK bought the most?", "country", "United Kingdom", "not_in"),
    ("Revenue excluding Germany", "country", "Germany", "not_in"),
])
def test_a_place_name_filters(retailer: VocabularyIndex, question: str, dimension: str, value: str, op: str) -> None:
    r = read(retailer, question)
    assert r.query is not None, r
    assert [(f.dimension, f.values, f.op) for f in r.query.filters] == [(dimension, [value], op)]


def test_a_two_letter_country_code_is_no_word(retailer: VocabularyIndex) -> None:
    """The Sale Report's ship-country "IN" is named "India", never by the word "in"."""
    r = read(retailer, "What did we make in India in May?")
    assert r.query is not None and [(f.dimension, f.values) for f in r.query.filters] == [("country", ["IN"])]
    plain = read(retailer, "What did we make in May?")
    assert plain.query is not None and plain.query.filters == []


def test_a_place_the_sales_lack_is_still_said_to_be_missing(retailer: VocabularyIndex, shop: VocabularyIndex) -> None:
    assert read(retailer, "Revenue by city").kind == "unanswerable"
    r = read(shop, "Which country buys the most?")  # the decor shop's sales have no country column
    assert r.kind == "unanswerable" and r.needed and "country" in r.needed


@pytest.mark.parametrize(("question", "concept"), [
    ("Top 3 sub-categories by sales", "sales by sub-category"),
    ("Which segment buys the most?", "sales by customer segment"),
    ("Which ship mode is most used?", "sales by shipping method"),
])
def test_columns_no_sales_line_keeps_are_refused(retailer: VocabularyIndex, question: str, concept: str) -> None:
    r = read(retailer, question)
    assert (r.kind, r.concept) == ("unanswerable", concept)


@pytest.mark.parametrize("question", ["How many cancellations did we have?",
                                      "How many units were cancelled last month?", "cancelled items in 2011"])
def test_cancellations_are_returns_and_the_answer_says_how(retailer: VocabularyIndex, question: str) -> None:
    r = read(retailer, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["returned_units"], r
    assert any(n.startswith("Cancellations are counted as returns") for n in r.notes)


@pytest.mark.parametrize(("question", "metric"), [
    ("How much revenue did we lose to cancellations?", "refunds"),
    ("What percentage of orders were cancelled?", "return_rate"),
    ("What's our cancellation rate?", "return_rate"),
    ("How many invoices did we have in 2011?", "orders"),
])
def test_cancellation_money_and_rates_and_invoices(retailer: VocabularyIndex, question: str, metric: str) -> None:
    r = read(retailer, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == metric, r


def test_how_many_countries_counts_them(retailer: VocabularyIndex) -> None:
    r = read(retailer, "How many countries do we sell to?")
    assert r.shape == "count" and r.query is not None and r.query.dimensions == ["country"]


def test_a_category_named_like_a_question_word_needs_its_label() -> None:
    """The Sale Report has a category "Top": "top 5 states" ranks, "the Top category" names it."""
    vocab = Vocabulary(tenant_id="uci", products=[ProductName(sku="J-1", title="JNE3781", category="Top"),
                                                  ProductName(sku="K-1", title="SET389", category="kurta")],
                       skus=["J-1", "K-1"], states=["MAHARASHTRA", "KERALA"])
    index = VocabularyIndex(vocab)
    ranked = read(index, "Top 5 states by revenue")
    assert ranked.query is not None and ranked.query.filters == [] and ranked.query.dimensions == ["state"]
    named = read(index, "What was revenue in the Top category?")
    assert named.query is not None and [(f.dimension, f.values) for f in named.query.filters] == [("category", ["Top"])]
    style = read(index, "Which style had the most revenue?")
    assert style.query is not None and style.query.dimensions == ["product"]
    assert read(index, "Which size sells best?").concept == "sales by size"


def test_a_channel_named_like_a_common_word_is_still_a_name() -> None:
    vocab = Vocabulary(tenant_id="uci", products=[ProductName(sku="J-1", title="JNE3781", category="Top")],
                       skus=["J-1"], channels=["web", "Online"])
    r = read(VocabularyIndex(vocab), "How much revenue came in on web last month?")
    assert r.query is not None and [(f.dimension, f.values) for f in r.query.filters] == [("channel", ["web"])]
