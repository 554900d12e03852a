"""Readings and answers of the twelfth pricing/review round (#18): the eleventh round's leftovers, by cause."""

from __future__ import annotations

import pytest

from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.round_stores import read
from tests.unit.questions.test_pricing_review_round10 import store  # noqa: F401 - the fixture

# --- the products ranked by one aspect's complaints ---


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("which product has the most complaints about delivery?", "delivery"),
        ("which item do people complain about packaging the most?", "packaging"),
        ("what's the most complained-about product for quality?", "quality"),
        ("the product with the most packaging complaints", "packaging"),
    ],
)
def test_products_ranked_by_one_aspects_complaints(store: VocabularyIndex, question: str, aspect: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.review_ask == "complaints" and r.aspect == aspect and r.review_ranked


@pytest.mark.parametrize("question", ["which brand has the most complaints?", "which product has the most complaints?"])
def test_a_ranking_without_an_aspect_stays_the_negative_reviews(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    assert not read(store, question).review_ranked


def test_the_ranked_products_lead_with_their_counts() -> None:
    from tests.unit.sentiment.reviews_fixture import aspect_answer_text

    rows = [("A", d, 1, "The box arrived crushed, terrible packaging.") for d in (3, 9)]
    rows += [("B", d, 1, "Packaging was torn and flimsy.") for d in (5, 8, 11)]
    rows += [("C", d, 5, "Lovely packaging, arrived safe.") for d in (4, 7)]
    text = aspect_answer_text(rows, "packaging", aspect_ranked=True)
    assert text.startswith("Most complaints about packaging")
    assert text.index("B (3)") < text.index("A (2)") < text.index("negative mentions")


# --- "these days" in a complaint's trend: the recent window against the one before, not the last 30 days ---


@pytest.mark.parametrize(
    "question",
    [
        "do people complain less about quality these days?",
        "are packaging complaints rising these days?",
        "quality complaints these days vs before?",
        "are delivery complaints going up nowadays?",
    ],
)
def test_a_trend_these_days_reads_the_recent_window_against_before(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.review_ask == "complaints" and r.review_trend and r.review_period is None


def test_a_complaint_these_days_without_a_trend_keeps_its_30_days(store: VocabularyIndex) -> None:  # noqa: F811
    r = read(store, "what do people complain about these days?")
    assert r.review_period is not None and r.review_period.label.startswith("the last 30 days")


# --- typos and short forms: the shorthand's general rules, not one phrase each ---


@pytest.mark.parametrize(
    ("question", "written"),
    [
        ("r we cheapr than evry1 on the kettle", "are we cheaper than everyone on the kettle"),
        ("hw many skus r we cheapest on", "how many skus are we cheapest on"),
        ("who undrcuts us most oftn", "who undercuts us most often"),
        ("sales r down", "sales are down"),
        ("y r sales falling", "why are sales falling"),
        ("best price where?", "where best price?"),
        ("kettle raw v adj", "kettle raw vs adjusted"),
        ("R&D spend", "R&D spend"),  # a lone letter glued to a sign is no word
        ("what sold where?", "what sold where?"),  # a verb of its own: the question word stays
    ],
)
def test_typos_and_short_forms_are_written_out(question: str, written: str) -> None:
    from shared.questions.shorthand import expand_shorthand

    assert expand_shorthand(question) == written


@pytest.mark.parametrize(
    ("question", "written_out"),
    [
        ("best price where?", "where do we have the best price?"),
        ("who undrcuts us most oftn", "who undercuts us most often"),
        ("hw many skus r we cheapest on", "how many skus are we cheapest on"),
    ],
)
def test_short_market_questions_read_as_written_out(store: VocabularyIndex, question: str, written_out: str) -> None:  # noqa: F811
    short, full = read(store, question), read(store, written_out)
    assert short.asks and short.asks == full.asks and short.kind == full.kind


@pytest.mark.parametrize("question", ["kettle raw v adjusted", "adjusted vs raw for the kettle?"])
def test_raw_against_adjusted_is_the_spam_adjusted_rating(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    assert read(store, question).review_ask == "spam"
