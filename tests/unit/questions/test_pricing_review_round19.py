"""Readings and answers of the nineteenth pricing/review round (#18): a brand said by its first word(s), a weekly
rating trend on few reviews (pooled by month, or too few to tell), complaints "since last quarter", the complaint
classifier's audited causes, and the margin and effect words of the round's development set."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shared.questions.compose import compose
from shared.questions.own_price_asks import asks_price_effect
from shared.questions.pricing_asks import _margin_at_market
from shared.questions.review_baseline import own_period_to_date
from shared.questions.shorthand import expand_shorthand
from shared.questions.sparse_ratings import pooled_by_month, too_sparse
from shared.questions.timephrase import resolve_time
from shared.questions.vocabulary import ProductName, VocabularyIndex
from shared.sample.reviews import ASPECTS, negative_sentences
from shared.sentiment.scorer import score_text
from tests.unit.questions.round_stores import read, small_store, stub_result


@pytest.fixture
def brands() -> VocabularyIndex:
    """Brands of two words (one sharing its first word with another) beside a one-word brand and a Home category."""
    products = [
        ProductName(sku="HOM-0001", title="Acme Home Candle Set", brand="Acme Home", category="Home"),
        ProductName(sku="KIT-0002", title="Nordic Living Co. Kettle", brand="Nordic Living Co.", category="Kitchen"),
        ProductName(sku="OUT-0003", title="Kestrel Tent", brand="Kestrel", category="Outdoor"),
        ProductName(sku="OUT-0004", title="Acme Outdoor Chair", brand="Acme Outdoor", category="Outdoor"),
        ProductName(sku="HOM-0005", title="Home Essentials Lamp", brand="Home Essentials", category="Home"),
    ]
    return small_store(products)


# --- a brand by its first word(s) ---


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how is the Nordic range priced against competitors?", ("Nordic Living Co.",)),
        ("Nordic Living prices vs the market", ("Nordic Living Co.",)),
        ("is the Kestrel line overpriced?", ("Kestrel",)),
        # a prefix two brands share names both: the answer sets out each, saying them in full
        ("is Acme priced above competitors?", ("Acme Home", "Acme Outdoor")),
    ],
)
def test_a_brand_is_named_by_its_first_words(brands: VocabularyIndex, question: str, expected: tuple[str, ...]) -> None:
    found = [m for m in brands.find(question) if m.kind == "brand"]
    assert len(found) == 1 and found[0].values == expected


def test_a_common_leading_word_names_no_brand(brands: VocabularyIndex) -> None:
    # "Home" is the category, never the brand "Home Essentials" shortened
    assert [(m.kind, m.values) for m in brands.find("home products")] == [("category", ("Home",))]


# --- a weekly rating trend on few reviews ---


def _weeks(counts_and_ratings: list[tuple[int, float]], start: date = date(2026, 6, 8)) -> list[dict[str, object]]:
    return [
        {"date": start + timedelta(weeks=i), "avg_rating": r, "review_count": n}
        for i, (n, r) in enumerate(counts_and_ratings)
        if n
    ]


def test_weeks_pool_into_months_by_their_reviews() -> None:
    rows = _weeks([(1, 5.0), (3, 3.0), (0, 0.0), (0, 0.0), (2, 4.0)])
    pooled = pooled_by_month(rows, "avg_rating")
    assert [r["date"] for r in pooled] == [date(2026, 6, 1), date(2026, 7, 1)]
    assert pooled[0]["avg_rating"] == pytest.approx(3.5) and pooled[0]["review_count"] == 4
    assert too_sparse(rows, 26) and not too_sparse(_weeks([(3, 4.0)] * 4), 4)


def _rating_trend(store: VocabularyIndex, rows: list[dict[str, object]]) -> str:
    r = read(store, "rating trend for KIT-0046 by week")
    assert r.query is not None and r.query.grain == "week" and "review_count" in r.query.metrics
    return compose(r, stub_result(r.query, rows), titles={"KIT-0046": "Trailhead Pro Toaster"}).answer


def test_a_sparse_weekly_trend_is_pooled_by_month_and_says_so() -> None:
    store = small_store([ProductName(sku="KIT-0046", title="Trailhead Pro Toaster", brand="Trailhead")])
    answer = _rating_trend(
        store,
        _weeks(
            [
                (2, 5.0),
                (1, 5.0),
                (0, 0),
                (0, 0),
                (0, 0),
                (1, 4.0),
                (0, 0),
                (0, 0),
                (2, 2.0),
                (0, 0),
                (0, 0),
                (0, 0),
                (0, 0),
                (2, 1.0),
            ]
        ),
    )
    first = answer.split(". ")[0]
    assert "by month" in first and "pooled" in first and "fallen" in first


def test_too_few_reviews_say_so() -> None:
    store = small_store([ProductName(sku="KIT-0046", title="Trailhead Pro Toaster", brand="Trailhead")])
    answer = _rating_trend(store, _weeks([(1, 3.0), (0, 0), (1, 1.0)]))
    assert answer.startswith("There are too few reviews to tell") and "only 2 reviews" in answer


# --- complaints "since last quarter" ---


def test_complaints_since_last_quarter_compare_this_quarter_to_date() -> None:
    as_of = date(2026, 12, 3)
    time = own_period_to_date(resolve_time("has what people complain about changed since last quarter?", as_of), as_of)
    assert time.range is not None and time.range.start == date(2026, 10, 1) and time.range.end == as_of


# --- the complaint classifier, audited against the generator's sentences ---


@pytest.mark.parametrize(
    ("text", "aspect", "sign"),
    [
        ("Difficult to clean, I do not recommend it.", "usability", -1),  # "clean" is the task, not praise
        ("Packaging was torn and a part was missing.", "packaging", -1),  # the box's damage, not the product's
        ("Stopped working after a month.", "quality_durability", -1),
    ],
)
def test_audited_complaints_are_filed_right(text: str, aspect: str, sign: int) -> None:
    aspects = score_text(text).aspects
    assert aspects.get(aspect, 0.0) * sign > 0
    if aspect == "packaging":
        assert "quality_durability" not in aspects


@pytest.mark.parametrize(
    "text",
    [
        "Replaced my worn out cushion with this one.",  # the old cushion was worn, not this one
        "Picked it over a cheaper one after reading reviews.",
        "After a month of use, I use it twice a day.",  # how long and how often it is used: no usability verdict
    ],
)
def test_words_about_another_product_or_about_use_are_no_complaint(text: str) -> None:
    assert not {a for a, v in score_text(text).aspects.items() if v < 0}


def test_the_generator_files_stopped_working_under_quality() -> None:
    assert "Stopped working after a month." in negative_sentences("quality")
    assert "Stopped working after a month." not in negative_sentences("usability")
    assert "Stopped working after a month." in ASPECTS["usability"][1]  # still drawn from there: the data unchanged


# --- the development set's other words ---


def test_margin_if_we_charged_the_market_price() -> None:
    assert _margin_at_market("our margin on the camping chair if we charged the market price") == "median"


def test_lift_is_an_effect_word() -> None:
    assert asks_price_effect("did the price cuts we made last month lift sales?")


def test_weekly_in_chat_spelling() -> None:
    assert "weekly" in expand_shorthand("wkly ratng for KIT-0046")


# --- after the held-out sets (fixed in general) ---


def test_a_ratings_week_on_week_is_its_weekly_trend() -> None:
    store = small_store([ProductName(sku="KIT-0046", title="Trailhead Pro Toaster", brand="Trailhead")])
    r = read(store, "week-on-week star rating for KIT-0046")
    assert r.query is not None and r.query.grain == "week" and r.query.compare is None
    sales = read(store, "revenue week-on-week")  # a sales figure's stays last week against the week before
    assert sales.query is not None and sales.query.compare == "previous_period"


def test_this_quarter_against_the_last_one_is_the_whole_quarter_before() -> None:
    from shared.questions.review_baseline import complaints_baseline

    baseline = complaints_baseline(resolve_time("top gripes this quarter vs the last one", date(2026, 12, 3)))
    assert baseline is not None and (baseline.start, baseline.end) == (date(2026, 7, 1), date(2026, 9, 30))
