"""Readings of the twentieth pricing round (#18): a brand, vendor, category or product (or we ourselves) set against
the market in comparative price idioms is the pricing agent's position, never the slice's revenue, its place in a
revenue ranking or the price index per competitor; sales, periods, the price index by name and what-ifs are not."""

from __future__ import annotations

import pytest

from shared.orchestration.router import detect_intents
from shared.questions.slice_position import slice_position
from shared.questions.vocabulary import ProductName, VocabularyIndex
from tests.unit.questions.round_stores import read, small_store


@pytest.fixture
def shop() -> VocabularyIndex:
    """Brands of one and two words, three categories, a one-of-its-kind camping chair and one rival."""
    products = [
        ProductName(sku="HOM-0001", title="Acme Home Candle Set", brand="Acme Home", category="Home"),
        ProductName(sku="OUT-0002", title="Trailhead Compact Camping Chair", brand="Trailhead", category="Outdoor"),
        ProductName(sku="KIT-0003", title="Northwind Lite Kettle 1.7L", brand="Northwind", category="Kitchen"),
        ProductName(sku="ELE-0004", title="Brightline Pro Earbuds", brand="Brightline", category="Electronics"),
    ]
    return small_store(products)


@pytest.mark.parametrize(
    ("question", "ask", "brands", "categories", "skus"),
    [
        # the round's known misses (revenue, the price index per competitor and product, a revenue rank)
        ("how does Trailhead stack up on price against rivals?", "price_position", ["Trailhead"], [], []),
        ("are Acme goods dearer than what competitors charge?", "overpriced", ["Acme Home"], [], []),
        ("where does Acme sit on price vs the market?", "price_position", ["Acme Home"], [], []),
        # other standing verbs, a category, a product, a vendor, the going rate, "price-wise"
        ("how do Kitchen prices stack up against the market?", "price_position", [], ["Kitchen"], []),
        ("where does Electronics sit on price vs rivals?", "price_position", [], ["Electronics"], []),
        ("how does the camping chair stack up on price against rivals?", "price_position", [], [], ["OUT-0002"]),
        ("is KIT-0003 dearer than what competitors charge?", "overpriced", [], [], ["KIT-0003"]),
        ("Northwind vendor: how do our prices measure up against rivals?", "price_position", ["Northwind"], [], []),
        ("is Brightline cheaper than the going rate?", "underpriced", ["Brightline"], [], []),
        ("how does Northwind fare price-wise against other retailers?", "price_position", ["Northwind"], [], []),
        # we ourselves, with no slice named
        ("are we pricier than what rivals ask?", "overpriced", [], [], []),
    ],
)
def test_a_slice_against_the_market_is_its_price_position(
    shop: VocabularyIndex, question: str, ask: str, brands: list[str], categories: list[str], skus: list[str]
) -> None:
    r = read(shop, question)
    assert r.kind == "agent" and r.agent_intents == ["pricing"] and r.asks == [ask]
    assert r.brands == brands and r.categories == categories and r.skus == skus


def test_a_typo_of_the_verb_and_of_price_is_read_the_same(shop: VocabularyIndex) -> None:
    r = read(shop, "wher does kitchen sit on prise vs the market")
    assert r.asks == ["price_position"] and r.categories == ["Kitchen"]


@pytest.mark.parametrize(
    "question",
    [
        "how did Acme sell vs last month?",  # sales against a period: no price, no market
        "how does Acme stack up against last year?",  # a period compared, no price
        "how does Trailhead stack up on revenue against Kitchen?",  # a sales figure
        "where does Acme rank by revenue?",  # a revenue ranking
        "how do Acme prices compare with last month?",  # our own prices over time, no market
        "Acme price index vs competitors",  # the metrics layer's index, by name
        "how do Acme reviews stack up against rivals?",  # reviews, no price
        "what if we cut Acme prices by 10% against rivals?",  # a what-if
    ],
)
def test_not_a_slice_against_the_market(shop: VocabularyIndex, question: str) -> None:
    assert slice_position(question, shop.find(question)) is None


def test_sales_against_last_month_is_not_the_pricing_agent(shop: VocabularyIndex) -> None:
    for question in ("how did Acme sell vs last month?", "where does Acme rank by revenue?"):
        r = read(shop, question)
        assert "pricing" not in r.agent_intents and not r.asks


def test_a_named_competitor_is_the_versus_answer(shop: VocabularyIndex) -> None:
    # "how does Acme stack up on price against MegaMart?": that rival, not the market (the market reader's versus)
    assert (
        slice_position(
            "how does Acme stack up on price against MegaMart?",
            shop.find("how does Acme stack up on price against MegaMart?"),
        )
        is None
    )


@pytest.mark.parametrize(
    "question",
    [
        "Acme: pricier or cheaper than rivals?",
        "Brightline products: cheaper or dearer than the competition?",
        "is the camping chair cheaper or more expensive than the market?",
    ],
)
def test_both_sides_asked_is_the_position(shop: VocabularyIndex, question: str) -> None:
    # not the side said first, nor the one right before "than": where the slice stands, above and below
    assert read(shop, question).asks == ["price_position"]


def test_how_a_slice_does_on_price_is_its_position(shop: VocabularyIndex) -> None:
    r = read(shop, "how does Acme do on price vs the competition?")
    assert r.asks == ["price_position"] and r.brands == ["Acme Home"]


@pytest.mark.parametrize(
    "question",
    ["is Coastal gear costlier than the competition?", "are we dearer than rivals?", "Acme pricewise vs the market"],
)
def test_the_router_hears_the_comparative_price_words(question: str) -> None:
    # "explicit" intents decide whether a question in a session is a follow-up of the one before
    assert "pricing" in detect_intents(question)
