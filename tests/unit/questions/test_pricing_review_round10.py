"""Readings and answers of the tenth pricing/review round (#18), each a family of wordings that shares one rule."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from shared.pricing.markup import markup_answer
from shared.questions.compose import compose
from shared.questions.reading import Reading
from shared.questions.timephrase import make_range
from shared.questions.vocabulary import ProductName, VocabularyIndex
from shared.store.metrics.model import DimensionFilter, MetricQuery
from tests.unit.questions.round_stores import read, small_store, stub_result


@pytest.fixture
def store() -> VocabularyIndex:
    """A store whose product words overlap: a camping chair and tent stakes, but no camping tent."""
    products = [
        ProductName(sku="OUT-0048", title="Northwind Compact Camping Chair", brand="Northwind", category="Outdoor"),
        ProductName(sku="OUT-0038", title="Kestrel Lite Tent Stakes 8pc", brand="Kestrel", category="Outdoor"),
        ProductName(sku="KIT-0066", title="Northwind Lite Kettle 1.7L", brand="Northwind", category="Kitchen"),
        ProductName(sku="KIT-0046", title="Trailhead Pro Toaster 4-Slice", brand="Trailhead", category="Kitchen"),
        ProductName(sku="HOM-0042", title="Trailhead Ultra Desk Lamp", brand="Trailhead", category="Home"),
    ]
    return small_store(products)


# --- the fattest markups: the catalogue's markups ranked from the top ---


@pytest.mark.parametrize(
    ("question", "order"),
    [
        ("which products have the fattest markups?", "up"),
        ("where is our markup highest?", None),  # no ranking word before "markup": the lowest, as before
        ("show the biggest markups", "up"),
        ("which products carry the thinnest markup?", None),
    ],
)
def test_the_highest_markups_are_asked_from_the_top(store: VocabularyIndex, question: str, order: str | None) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == ["markup"] and r.moves_order == order


def test_markups_ranked_from_the_top_list_the_highest_first() -> None:
    products = pd.DataFrame(
        {"sku": ["A", "B", "C", "D"], "price": [20.0, 30.0, 12.0, 50.0], "cost": [10.0, 10.0, 10.0, 10.0]}
    )
    top = markup_answer(products, [], highest=True)
    assert top.skus == ["D", "B", "A"] and "the highest markups" in top.text
    assert markup_answer(products, []).skus == ["C", "A", "B"]


# --- "which has more 1-star reviews, A or B?": both named products weighed, the one without a row said as 0 ---


def _ranked(question: str, rows: list[dict[str, object]], metric: str = "review_count") -> str:
    q = MetricQuery(
        tenant_id="t",
        metrics=[metric],
        dimensions=["sku"],
        order_by=metric,
        limit=6,
        time_range=make_range(date(2025, 1, 1), date(2026, 12, 3), "all your data"),
        filters=[
            DimensionFilter(dimension="stars", values=["1 star"]),
            DimensionFilter(dimension="sku", values=["KIT-0046", "KIT-0066"]),
        ],
    )
    result = stub_result(q, rows)
    reading = Reading(kind="metric", question=question, query=q, shape="ranking", show=5)
    titles = {"KIT-0046": "Pro Toaster", "KIT-0066": "Kettle"}
    return compose(reading, result, titles=titles).answer


def test_a_named_pair_is_weighed_winner_first_with_both_counts() -> None:
    answer = _ranked("which has more 1-star reviews, KIT-0046 or KIT-0066?", [{"sku": "KIT-0046", "review_count": 5}])
    assert answer.startswith("Pro Toaster (KIT-0046) had more reviews rated 1 star than Kettle (KIT-0066)")
    assert answer.rstrip(".").endswith("5 against 0")


def test_a_named_pair_tied_is_said_tied() -> None:
    rows = [{"sku": "KIT-0046", "review_count": 2}, {"sku": "KIT-0066", "review_count": 2}]
    answer = _ranked("which has more 1-star reviews, KIT-0046 or KIT-0066?", rows)
    assert "had the same reviews rated 1 star" in answer and "2 each" in answer


# --- "the camping tent": words of different products, side by side, are a name no product has ---


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("what do buyers say about the camping tent?", "camping tent"),
        ("what do people think of the kettle lamp?", "kettle lamp"),
    ],
)
def test_words_of_different_products_side_by_side_are_no_product(
    store: VocabularyIndex, question: str, name: str
) -> None:
    r = read(store, question)
    assert r.kind == "unanswerable" and r.unknown_name == name


@pytest.mark.parametrize(
    "question",
    [
        "what do buyers say about the camping chair?",
        "reviews of the kettle and the toaster",
        "what do people think of the pro toaster?",
    ],
)
def test_one_product_or_two_joined_are_still_read(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind != "unanswerable" and r.skus


# --- "Outdoor - where do we sit vs the market?": our place against the market, scoped to Outdoor ---


@pytest.mark.parametrize(
    "question",
    ["Outdoor - where do we sit vs the market on price?", "where do we stand against competitors in Kitchen?"],
)
def test_where_we_sit_against_the_market_is_no_rank_of_the_category(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.categories and r.ranked is None


def test_where_a_category_ranks_is_still_its_rank(store: VocabularyIndex) -> None:
    r = read(store, "where does Kitchen rank by revenue?")
    assert r.kind == "metric" and r.ranked == "Kitchen"


# --- round ten: rivals out of stock "anywhere else", where we have the lowest price, the price index ranked ---


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("is the camping chair out of stock anywhere else?", "competitor_stock"),
        ("is the kettle sold out at other stores?", "competitor_stock"),
        ("on which products do we have the lowest price in the market?", "ours_cheapest"),
        ("which items do we offer the cheapest price on?", "ours_cheapest"),
        ("how many items are we the cheapest seller of?", "ours_cheapest"),
        ("how elastic is the pro toaster?", "elasticity"),
    ],
)
def test_pricing_wordings_of_round_ten(store: VocabularyIndex, question: str, ask: str) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == [ask]


def test_our_own_stock_without_elsewhere_stays_ours(store: VocabularyIndex) -> None:
    r = read(store, "is the camping chair out of stock?")
    assert "competitor_stock" not in r.asks


def test_the_highest_price_index_is_the_index_not_the_dearest_price(store: VocabularyIndex) -> None:
    r = read(store, "which products have the highest price index?")
    assert r.query is not None and r.query.metrics[0] == "price_index" and r.query.dimensions == ["sku"]
    dearest = read(store, "which product has the highest price?")
    assert dearest.query is not None and dearest.query.metrics == ["catalogue_price"]


# --- round ten: adjusted vs raw rating; a complaint theme asked to be moving ---


def test_adjusted_vs_raw_rating_is_the_spam_adjusted_rating(store: VocabularyIndex) -> None:
    r = read(store, "adjusted vs raw rating")
    assert r.review_ask == "spam"


@pytest.mark.parametrize(
    ("question", "trend"),
    [
        ("is the shipping complaint getting worse?", True),
        ("are complaints about quality going up lately?", True),
        ("trend of delivery complaints over the last 6 months", True),
        ("any complaints about shipping?", False),
    ],
)
def test_a_complaint_theme_asked_to_move_is_a_trend(store: VocabularyIndex, question: str, trend: bool) -> None:
    r = read(store, question)
    assert r.review_ask == "complaints" and r.aspect and r.review_trend is trend


def test_a_moving_theme_leads_with_its_recent_window() -> None:
    from tests.unit.sentiment.reviews_fixture import aspect_answer_text

    rows = [("A", d, 1, "Delivery was late again.") for d in (3, 6, 9, 12, 15)]
    rows += [("A", d, 5, "Fast delivery, well tracked.") for d in (120, 130, 140, 150, 160, 170)]
    text = aspect_answer_text(rows, "shipping", theme_trend=True)
    assert text.startswith(
        "Complaints about shipping/delivery are up: in the last 90 days 100% of its 5 "
        "mentions are negative, against 0% of 6 before."
    )
