"""Readings of the sixteenth pricing/review round (#18): a product's stock "anywhere" is the competitors'."""

from __future__ import annotations

import pytest

from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.round_stores import read
from tests.unit.questions.test_pricing_review_round10 import store  # noqa: F401 - the fixture

# --- a product's stock "anywhere", and rivals that ran out of it: the competitors' stock ---


@pytest.mark.parametrize(
    "question",
    [
        "is the kettle sold out anywhere?",
        "is KIT-0046 out of stock anywhere?",
        "is the desk lamp available anywhere?",
        "is the toaster in stock anywhere?",
        "which rivals have run out of KIT-0046?",
        "which competitors have the kettle in stock?",
        "wich competitors r out of stok on KIT-0046",
        "any competitor out of stock?",
    ],
)
def test_stock_at_other_sellers_is_the_competitors(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.kind == "agent" and r.asks == ["competitor_stock"]


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("are we out of stock anywhere?", "out_of_stock"),  # us as the subject: our catalogue
        ("is the kettle sold out?", "out_of_stock"),  # no other seller: our own stock
        ("which competitors sell the kettle?", "competitor_prices"),  # who prices it, no stock word
    ],
)
def test_our_own_stock_and_who_sells_stay_as_they_were(
    store: VocabularyIndex,  # noqa: F811
    question: str,
    ask: str,
) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == [ask]


# --- two named rivals weighed on one product: its cheapest (dearest) among them ---


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("who's cheaper on KIT-0046, MegaMart or BargainBarn?", "cheapest_competitor"),
        ("KIT-0046: MegaMart vs BargainBarn price?", "cheapest_competitor"),
        ("is MegaMart or BargainBarn dearer on the kettle?", "dearest_competitor"),
        ("are we cheaper than MegaMart on the kettle?", "versus_competitor"),  # one rival against us
    ],
)
def test_two_rivals_on_one_product_are_weighed_against_each_other(
    rivals: VocabularyIndex, question: str, ask: str
) -> None:
    r = read(rivals, question)
    assert r.kind == "agent" and r.asks == [ask]


@pytest.fixture
def rivals(store: VocabularyIndex) -> VocabularyIndex:  # noqa: F811
    """The store with a second competitor."""
    return VocabularyIndex(store.vocabulary.model_copy(update={"competitors": ["MegaMart", "BargainBarn"]}))


# --- our last price change named as a bare noun; margins in percent and the thinnest ones ---


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("latest price change date for OUT-0048", "price_history"),
        ("what percent margin do we make on KIT-0046?", "markup"),
        ("which products have the thinnest margins?", "markup"),
    ],
)
def test_price_history_and_margins_in_other_words(store: VocabularyIndex, question: str, ask: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.kind == "agent" and r.asks == [ask]


def test_a_margin_without_a_share_word_stays_the_metrics_layers(store: VocabularyIndex) -> None:  # noqa: F811
    r = read(store, "what's our margin on KIT-0046?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["margin"]


# --- a group against the competition: one figure, not its products one by one; "vs the competition" ---


def test_a_brands_products_against_the_competition_are_one_figure(store: VocabularyIndex) -> None:  # noqa: F811
    r = read(store, "how do Trailhead products compare on price with the competition?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["price_index"]
    assert r.query.dimensions == []


@pytest.mark.parametrize(
    ("question", "kind"),
    [("Outdoor vs the competition: where do we stand?", "agent"), ("revenue vs competitors", "metric")],
)
def test_a_category_against_the_competition_is_its_prices(
    store: VocabularyIndex,  # noqa: F811
    question: str,
    kind: str,
) -> None:
    assert read(store, question).kind == kind


# --- reviews: damage on arrival, two products' ratings compared ---


@pytest.mark.parametrize(
    "question",
    [
        "which reviews mention shipping damage?",
        "how many customers said their order arrived damaged?",
        "any reviews about items damaged in transit?",
    ],
)
def test_damage_asked_of_reviews_is_a_search_for_the_word(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.review_ask == "aspect" and r.aspect == '"damaged/dented/crushed/smashed"'


def test_damage_without_reviews_is_no_review_question(store: VocabularyIndex) -> None:  # noqa: F811
    assert read(store, "which orders were damaged?").review_ask is None


@pytest.mark.parametrize(
    "question",
    [
        "which do customers rate higher, the kettle or the desk lamp?",
        "how do reviews for the kettle stack up against the desk lamp?",
    ],
)
def test_two_products_ratings_compared(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "avg_rating"
    assert "sku" in r.query.dimensions


# --- after the held-out set: "the last time we changed", anyone out of stock, customers saying ---


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("when was the last time we changed OUT-0048's price?", "price_history"),
        ("any1 out of stok on KIT-0046?", "competitor_stock"),
        ("is anyone out of stock on the kettle?", "competitor_stock"),
    ],
)
def test_held_out_readings_fixed_in_general(store: VocabularyIndex, question: str, ask: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.kind == "agent" and r.asks == [ask]


def test_customers_saying_about_damage_is_the_word_search(store: VocabularyIndex) -> None:  # noqa: F811
    r = read(store, "what are customers saying about damaged parcels?")
    assert r.review_ask == "aspect" and r.aspect == '"damaged/dented/crushed/smashed"'


def test_a_comparison_word_is_no_part_of_a_products_name(store: VocabularyIndex) -> None:  # noqa: F811
    r = read(store, "how do ratings for the camping chair compare with KIT-0046?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "avg_rating"
    assert "sku" in r.query.dimensions and set(r.skus) == {"OUT-0048", "KIT-0046"}
