"""Readings and answers of the seventeenth pricing/review round (#18): typos of the pricing and review words, a
rating since launch with its direction, damaged boxes, sentiment by channel, the cheapest category first, what a
price change did to sales."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from shared.pricing.category_answers import category_answer
from shared.pricing.own_prices import own_price_answer
from shared.pricing.price_effect import price_effect_text
from shared.questions.compose import compose
from shared.questions.market_typos import market_typos, market_word
from shared.questions.own_price_asks import asks_price_effect
from shared.questions.reading import Reading
from shared.questions.review_idioms import review_idioms
from shared.questions.reviews import damaged_containers
from shared.questions.since_launch import SINCE_LAUNCH_LABEL, asks_since_launch, rating_direction
from shared.questions.timephrase import make_range
from shared.questions.vocabulary import ProductName, VocabularyIndex
from shared.store.metrics.model import DimensionFilter, MetricQuery
from tests.unit.questions.round_stores import read, small_store, stub_result
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


@pytest.fixture
def store() -> VocabularyIndex:
    """A store with a storage box and a rice cooker beside the tenth round's products."""
    products = [
        ProductName(sku="KIT-0046", title="Trailhead Pro Toaster 4-Slice", brand="Trailhead", category="Kitchen"),
        ProductName(sku="KIT-0066", title="Northwind Lite Kettle 1.7L", brand="Northwind", category="Kitchen"),
        ProductName(sku="KIT-0070", title="Acme Rice Cooker", brand="Acme", category="Kitchen"),
        ProductName(sku="HOM-0027", title="Kestrel Pro Storage Box Medium", brand="Kestrel", category="Home"),
        ProductName(sku="HOM-0042", title="Trailhead Ultra Desk Lamp", brand="Trailhead", category="Home"),
    ]
    return small_store(products)


# --- typos of the pricing and review words, the tenant's names kept ---


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ratng", "rating"),
        ("chnage", "change"),
        ("reveiws", "reviews"),
        ("revews", "reviews"),
        ("competiter", "competitor"),
        ("competiters", "competitors"),
        ("violatons", "violations"),
        ("lanch", "launch"),
        ("pirce", "price"),
        ("wen", "when"),
    ],
)
def test_a_typo_of_a_market_word_is_that_word(typed: str, meant: str) -> None:
    assert market_word(typed) == meant


@pytest.mark.parametrize(
    "word", ["rice", "prince", "pricey", "lunch", "rates", "ranting", "sentiments", "then", "preview", "grated"]
)
def test_real_words_near_a_market_word_stay(word: str) -> None:
    assert market_word(word) is None


def test_the_tenants_names_are_never_corrected() -> None:
    assert market_typos("ratng of the Ratng Lamp", lambda w: w == "ratng") == "ratng of the Ratng Lamp"
    assert market_typos("prise the lid off") == "prise the lid off"  # the verb
    assert market_typos("prise index by category") == "price index by category"


def test_typos_are_read_as_the_words(store: VocabularyIndex) -> None:
    r = read(store, "wen did we last chnage the price of KIT-0046")
    assert r.kind == "agent" and r.asks == ["price_history"]
    r = read(store, "avg ratng?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "avg_rating"
    r = read(store, "reviews of the rice cooker")  # a product whose word is one edit from "price"
    assert r.query is None or "price_index" not in r.query.metrics


# --- a rating since launch: by month from the first review, its direction first ---


@pytest.mark.parametrize(
    "question",
    [
        "rating trend for KIT-0046 since launch",
        "how has the toaster's rating changed since it launched?",
        "has KIT-0046 been rated worse since it came out?",
        "is KIT-0046 rated lower now than when it launched?",
        "KIT-0046 ratng trend since lanch",
    ],
)
def test_a_rating_since_launch_is_by_month_from_the_first_review(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "avg_rating"
    assert r.query.dimensions[0] == "date" and r.query.grain == "month"
    rng = r.query.time_range
    assert rng is not None and rng.label.startswith(SINCE_LAUNCH_LABEL)
    assert rng.start == DEC_EXTENTS[next(iter(DEC_EXTENTS))][0]


def test_sales_since_launch_are_no_rating_question() -> None:
    assert not asks_since_launch("sales since launch")
    assert asks_since_launch("star rating since its release")


def test_a_ratings_direction_weighs_its_months_by_their_reviews() -> None:
    rows = [
        {"date": f"m{i}", "avg_rating": r, "review_count": n}
        for i, (r, n) in enumerate([(4.0, 5), (1.0, 1), (4.0, 4), (3.0, 3), (2.0, 4), (1.0, 3)])
    ]
    verb, moved = rating_direction(rows, "avg_rating", lambda r: f"{r['avg_rating']:.2f}", lambda r: r["date"])
    assert verb == "fallen" and moved.startswith("from 3.70 (m0 - m2) to 1.57 (m4 - m5)")  # the lone 1.0 weighs one
    flat = [{"date": f"m{i}", "avg_rating": 4.0, "review_count": 2} for i in range(4)]
    assert rating_direction(flat, "avg_rating", str, lambda r: r["date"])[0] == "held steady"


def test_the_trend_answer_leads_with_the_direction() -> None:
    rng = make_range(date(2024, 12, 9), date(2026, 11, 30), SINCE_LAUNCH_LABEL)
    q = MetricQuery(
        tenant_id="t",
        metrics=["avg_rating", "review_count"],
        dimensions=["date"],
        grain="month",
        time_range=rng,
        filters=[DimensionFilter(dimension="sku", values=["KIT-0046"])],
    )
    rows = [
        {"date": date(2025, m, 1), "avg_rating": r, "review_count": 3}
        for m, r in [(1, 4.5), (3, 4.0), (6, 3.0), (9, 2.0), (11, 1.5)]
    ]
    result = stub_result(q, rows)
    reading = Reading(kind="metric", question="rating trend for KIT-0046 since launch", query=q, shape="trend")
    answer = compose(reading, result, titles={"KIT-0046": "Pro Toaster"}).answer
    first = answer.split(". ")[0]
    assert "since the first review (Jan 2025" in first and "has fallen: from" in first and "highest in" in first


# --- damaged boxes are the parcels; sentiment by channel; "runs small" ---


def test_damaged_boxes_are_parcels_not_products(store: VocabularyIndex) -> None:
    assert damaged_containers("reviews complaining about damaged boxes") == [(34, 39)]
    r = read(store, "reviews complaining about damaged boxes")
    assert r.review_ask == "aspect" and r.aspect == '"damaged/dented/crushed/smashed"' and not r.skus
    assert read(store, "do reviews say the Storage Box Medium arrived damaged?").skus == ["HOM-0027"]


def test_sentiment_by_channel_and_running_small_in_the_readers_words() -> None:
    assert review_idioms("sentiment by channel") == "average rating by channel"
    assert review_idioms("do customers say it runs small?") == "do customers say it runs small (sizing)?"
    assert review_idioms("does it run small on sizing?") == "does it run small on sizing?"


# --- the cheapest category first; what a price change did to sales ---


def test_the_cheapest_category_is_named_first_when_asked() -> None:
    cats = pd.DataFrame(
        {"median_price_index": [112.7, 99.0, 104.0], "n_skus": [13, 16, 9], "share_rank_1": [0.1, 0.4, 0.2]},
        index=["Kitchen", "Home", "Outdoor"],
    )
    assert category_answer(cats).text.startswith("Kitchen is the category priced highest")
    assert category_answer(cats, lowest_first=True).text.startswith("Home is the category priced lowest")


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("did our last price change on KIT-0046 affect sales?", True),
        ("what happened to KIT-0046 sales after the last price change?", True),
        ("did sales drop after we raised the price of the kettle?", True),
        ("how would a price cut affect sales?", False),
        ("predict unit sales after a 12% price cut on the smart plug", False),  # a what-if (pricing set 20)
        ("units after a $5 price cut on KIT-0046?", False),
        ("when did we last change the price of KIT-0046?", False),
    ],
)
def test_a_price_changes_effect_is_asked(question: str, asked: bool) -> None:
    assert asks_price_effect(question) is asked


def test_a_price_changes_effect_is_read_as_the_products_history(store: VocabularyIndex) -> None:
    r = read(store, "did our last price change on KIT-0046 affect sales?")
    assert r.kind == "agent" and r.asks == ["price_history"] and r.price_effect


def test_units_a_day_before_and_after_the_last_change() -> None:
    days = pd.date_range("2026-01-01", "2026-03-31").date
    daily = pd.DataFrame(
        {"sku": "A", "date": days, "list_price": [20.0 if d < date(2026, 2, 15) else 18.0 for d in days]}
    )
    sales = pd.DataFrame({"sku": "A", "date": days, "units": [1 if d < date(2026, 2, 15) else 2 for d in days]})
    sales["revenue"] = sales["units"] * 19.0
    answer = own_price_answer(daily, ["A"], start=None, end=None, today=date(2026, 3, 31), effect_sales=sales)
    first = answer.text.split(". ")[0]
    assert (
        "on 15 Feb 2026, sales rose 100%: 1 units a day in the 28 days before against 2 in the 28 days after" in first
    )
    none = price_effect_text(pd.DataFrame(columns=["sku"]), sales, "A", "A", today=date(2026, 3, 31))
    assert none.startswith("A's list price has not changed")


# --- after the held-out set: each category's position, a department, an index, sentiment weighed, a change's date ---


@pytest.mark.parametrize(
    "question",
    [
        "what's our price position in each category vs competitors?",
        "which department are we the most competitive on price?",
        "which category is the most competitively priced?",
    ],
)
def test_every_categorys_position_against_the_market(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == ["category_position"]


def test_the_most_competitive_department_is_the_lowest_first(store: VocabularyIndex) -> None:
    assert read(store, "which department are we the most competitive on price?").moves_order == "down"


def test_a_gap_to_the_market_as_an_index_is_the_price_index(store: VocabularyIndex) -> None:
    r = read(store, "how far above the market are we, as an index?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["price_index"]
    assert read(store, "how far above the market are we?").kind == "agent"


def test_sentiment_weighed_between_two_channels_is_their_ratings(store: VocabularyIndex) -> None:
    r = read(store, "is sentiment worse on amazon than on web?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["avg_rating"]
    assert r.query.dimensions == ["channel"] and r.query.compare is None


@pytest.mark.parametrize(
    ("question", "effect"),
    [
        ("wen was the pirce of KIT-0046 last changed", False),
        ("did sales of KIT-0046 go up or down after we changed its price?", True),
    ],
)
def test_our_own_price_change_in_other_words(store: VocabularyIndex, question: str, effect: bool) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == ["price_history"] and r.price_effect is effect


@pytest.mark.parametrize("question", ["which products have the most 1-star reviews recently?", "average rating lately"])
def test_reviews_recently_are_the_last_90_days(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.time_range is not None
    assert r.query.time_range.label.startswith("the last 90 days")
    sales = read(store, "revenue lately")  # a sales figure "lately" is left as it was read
    assert sales.query is not None and sales.query.time_range is not None
    assert not sales.query.time_range.label.startswith("the last 90 days")
