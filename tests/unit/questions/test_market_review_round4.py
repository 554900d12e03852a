"""The fourth round of pricing and review phrasings (``bench/pricing_phrasings_6.py``, ``bench/review_phrasings_3.py``)
and the public review sets' questions (#18).

Each test is a family of wordings that shares one rule: a rating that is "improving" is a change over time, a
review set's reviewed businesses are its products, noise and cleanliness are complaint themes.
"""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.reading import Reading, read_question
from shared.questions.review_idioms import review_idioms
from shared.questions.vocabulary import VocabularyIndex
from shared.sentiment.scorer import score_text
from tests.unit.questions.conftest import EXTENTS


def read(shop: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)


# --- "is our rating improving?": the rating named is still a change over time, not the all-time level ---

@pytest.mark.parametrize("question", [
    "Is our rating improving?",
    "is our average rating getting better?",
    "are our star ratings getting worse?",
    "is the rating recovering?",
])
def test_a_rating_that_moves_compares_the_recent_reviews_with_those_before(shop: VocabularyIndex,
                                                                           question: str) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "avg_rating"
    assert r.query.compare == "previous_period" and r.query.time_range is not None
    assert r.query.time_range.start == date(2025, 3, 18)  # the last 90 days to the reviews' last day


@pytest.mark.parametrize("question", ["what is our average rating?", "how did our rating change month by month",
                                      "rating this year vs last year"])
def test_a_rating_level_or_breakdown_is_no_change_of_sentiment(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.query is not None and not (r.query.compare == "previous_period" and r.query.time_range is not None
                                        and r.query.time_range.start == date(2025, 3, 18))


# --- "which business has the worst reviews?": the reviewed businesses of a Yelp-like set are its products ---

@pytest.mark.parametrize(("question", "written"), [
    ("Which business has the worst reviews?", "Which product has the worst reviews?"),
    ("which restaurants are rated highest", "which product are rated highest"),
    ("what hotel gets the best star ratings?", "what product gets the best star ratings?"),
    ("how is business this month?", "how is business this month?"),  # no reviews asked about: left as typed
    ("which restaurant sells most?", "which restaurant sells most?"),
])
def test_a_reviewed_business_is_the_product_ranked(question: str, written: str) -> None:
    assert review_idioms(question) == written


def test_which_business_has_the_worst_reviews_ranks_the_products(shop: VocabularyIndex) -> None:
    r = read(shop, "Which business has the worst reviews?")
    assert r.query is not None and r.query.metrics[0] == "avg_rating" and r.query.dimensions == ["sku"]


# --- a hotel's noise and dirt are complaint themes, as an appliance's noise is ---

@pytest.mark.parametrize(("text", "aspect"), [
    ("very noisy at night, we could not sleep.", "noise"),
    ("Thin walls, loud neighbours until 2am.", "noise"),
    ("The blender is really loud.", "noise"),
    ("The room was dirty and the bathroom smelled.", "cleanliness"),
    ("Stained sheets and dusty carpet.", "cleanliness"),
])
def test_noise_and_dirt_are_aspects_spoken_of_negatively(text: str, aspect: str) -> None:
    scored = score_text(text)
    assert scored.aspects.get(aspect, 0.0) < 0, scored.aspects


def test_easy_to_clean_is_still_about_use_not_cleanliness() -> None:
    assert "cleanliness" not in score_text("Easy to use and easy to clean.").aspects
