"""Pricing questions in words the market reader did not know, and review idioms, read as the right asks (#18)."""

from __future__ import annotations

import pytest

from shared.orchestration.router import route
from shared.questions.compared_groups import compared_groups, compared_reviews
from shared.questions.pricing_asks import no_competitor_prices
from shared.questions.reading import Reading, read_question
from shared.questions.review_idioms import review_idioms
from shared.questions.vocabulary import Vocabulary, VocabularyIndex
from tests.unit.questions.conftest import EXTENTS


def read(shop: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)


@pytest.mark.parametrize(("question", "asks"), [
    ("how price sensitive is the Blue Ceramic Vase 20cm?", ["elasticity"]),
    ("price elasticity of the oak serving tray", ["elasticity"]),
    ("is demand for vase-blue-20 elastic?", ["elasticity"]),
    ("do customers care about price on the linen table runner?", ["elasticity"]),
    ("which products are most price sensitive?", ["elasticity"]),
    ("which category are we most overpriced in?", ["category_position"]),
    ("in which category are we cheapest vs competitors?", ["category_position"]),
    ("who is our toughest competitor on price?", ["undercut"]),
    ("how do we compare with HomeGoods?", ["versus_competitor"]),
    ("price gap to HomeGoods", ["versus_competitor"]),
    ("are rivals running out of anything?", ["competitor_stock"]),
    ("which products can't be bought at our competitors right now?", ["competitor_stock"]),
    ("which items cost more in our shop than elsewhere?", ["overpriced"]),
    ("which skus could take a price increase?", ["underpriced"]),
    ("on which SKUs do we charge a premium over competitors?", ["overpriced"]),
    ("which competitors sell the Linen Table Runner?", ["competitor_prices"]),
    ("how many competitors carry vase-blue-20?", ["competitor_prices"]),
    ("what category has the biggest price premium?", ["category_position"]),
    ("vase-blue-20 10% cheaper -> sales?", ["what_if"]),
    ("how would a 15% discount on the linen table runner affect sales?", ["what_if"]),
])
def test_new_pricing_words_read_as_the_agent_ask(shop: VocabularyIndex, question: str, asks: list[str]) -> None:
    r = read(shop, question)
    assert r.kind == "agent" and r.asks == asks, (r.kind, r.asks)


def test_what_if_in_sales_words_keeps_the_price_change(shop: VocabularyIndex) -> None:
    r = read(shop, "vase-blue-20 10% cheaper -> sales?")
    assert r.price_change_pct == -10.0 and r.skus == ["vase-blue-20"]


@pytest.mark.parametrize("question", [
    "what do customers say about the elastic on the linen table runner?",  # a material, not price elasticity
    "which category is the most expensive?",  # the catalogue's prices, not the market
    "which stores sell the most of the linen table runner?",  # our own stores (channels), not competitors
    "price index against Amazon",  # a metric filtered to a competitor
    "how did sales change after we raised prices by 5% in March?",  # a past period, not a what-if
    "revenue of vase-blue-20 last month",
])
def test_metric_questions_keep_their_reading(shop: VocabularyIndex, question: str) -> None:
    asks = read(shop, question).asks
    assert not {"elasticity", "what_if", "category_position"} & set(asks), asks


def test_a_mixed_question_keeps_both_agents(shop: VocabularyIndex) -> None:
    r = read(shop, "which of my products are overpriced compared to competitors, and what happens to demand if I "
                   "cut vase-blue-20 by 10%?")
    assert {"pricing", "what_if"} <= set(r.agent_intents)


def test_a_gap_to_a_sales_channel_is_said_not_widened(shop: VocabularyIndex) -> None:
    shop_without_amazon = VocabularyIndex(shop.vocabulary.model_copy(update={"competitors": ["HomeGoods"]}))
    r = read(shop_without_amazon, "price gap to Amazon")
    assert r.kind == "unanswerable" and r.concept == "competitor" and r.unknown_name == "Amazon"
    assert r.suggestions == ["HomeGoods"] and "sales channels" in (r.needed or "")


def test_a_competitor_metric_without_any_competitor_price_is_unanswerable(shop: VocabularyIndex) -> None:
    bare = VocabularyIndex(shop.vocabulary.model_copy(update={"competitors": []}))
    r = read(bare, "are we competitive on the oak serving tray?")
    assert r.kind == "unanswerable" and "no competitor prices have been ingested" in (r.needed or "")
    assert no_competitor_prices("price_index", bare.vocabulary) is not None
    assert no_competitor_prices("price_index", shop.vocabulary) is None  # the tenant has competitor prices
    assert no_competitor_prices("revenue", Vocabulary(tenant_id="x")) is None


@pytest.mark.parametrize(("question", "written"), [
    ("which is liked more, the A or the B?", "which has the higher average rating, the A or the B?"),
    ("is the A better liked than the B?", "is the A higher in average rating than the B?"),
    ("pros and cons of the Oak Serving Tray", "what do reviewers say about the Oak Serving Tray"),
    ("star breakdown for vase-blue-20", "star rating breakdown for vase-blue-20"),
    ("distribution of stars", "star rating breakdown"),
    ("rating since the start of the year", "rating this year"),
    ("reviews since the beginning of this month", "reviews this month"),
    ("star rating breakdown", "star rating breakdown"),  # already the reader's words
    ("what do people love about the vase?", "what do people love about the vase?"),
])
def test_review_idioms_are_written_in_the_readers_words(question: str, written: str) -> None:
    assert review_idioms(question) == written


def test_pros_and_cons_is_the_review_summary_of_that_product(shop: VocabularyIndex) -> None:
    r = read(shop, "pros and cons of the Oak Serving Tray according to reviews")
    assert r.skus == ["TR.88/L"] and r.review_ask == "sentiment_overview"


def test_two_categories_compared_are_grouped_by_category(shop: VocabularyIndex) -> None:
    r = read(shop, "do Candles products get better reviews than Textiles?")
    assert r.kind == "metric" and r.query is not None
    assert r.query.metrics[0] == "avg_rating" and r.query.dimensions == ["category"]
    one = read(shop, "average rating of Candles products")  # one category: its products stay the breakdown
    assert one.query is None or one.query.dimensions != ["category"]


def test_compared_groups_needs_two_names_a_comparison_and_products_after_one() -> None:
    from shared.questions.vocabulary import EntityMatch

    text = "Kitchen products vs Apparel"
    kitchen = EntityMatch(kind="category", values=("Kitchen",), label="Kitchen", span=(0, 7))
    apparel = EntityMatch(kind="category", values=("Apparel",), label="Apparel", span=(20, 27))
    assert compared_groups(text, [kitchen, apparel], ["sku"]) == ["category"]
    assert compared_groups(text, [kitchen], ["sku"]) == ["sku"]
    assert compared_groups("Kitchen products and Apparel", [kitchen, apparel], ["sku"]) == ["sku"]
    assert compared_groups(text, [kitchen, apparel], ["channel"]) == ["channel"]


@pytest.mark.parametrize("question", ["why did the vase reviews tank?", "why have ratings for vase-blue-20 plummeted?",
                                      "why are reviews of the oak tray slumping?"])
def test_ratings_that_tank_or_plummet_are_the_decline(shop: VocabularyIndex, question: str) -> None:
    assert "rating_decline" in route(question).asks


def test_two_groups_reviews_side_by_side_are_compared_by_rating(shop: VocabularyIndex) -> None:
    r = read(shop, "Candles vs Textiles reviews")
    assert r.query is not None and "avg_rating" in r.query.metrics and r.query.dimensions == ["category"]
    counted = read(shop, "how many reviews Candles vs Textiles")
    assert counted.query is not None and "avg_rating" not in counted.query.metrics
    assert compared_reviews("reviews by channel", [], ["review_count"]) == ["review_count"]
