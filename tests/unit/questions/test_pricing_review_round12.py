"""Readings and answers of the twelfth pricing/review round (#18): the eleventh round's leftovers, by cause."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.test_pricing_review_round10 import store  # noqa: F401 - the fixture
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


def read(store: VocabularyIndex, question: str) -> Reading:  # noqa: F811 - the fixture's value
    return read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)


def reviews_frame(rows: list[tuple[str, int, int, str]]) -> pd.DataFrame:
    """Review rows (sku, days before the fixture's as-of date, stars, text) as the sentiment agent reads them."""
    from tests.unit.sentiment.reviews_fixture import AS_OF

    return pd.DataFrame(
        [
            {
                "review_id": f"r{i:02d}",
                "sku": s,
                "date": AS_OF - timedelta(days=d),
                "rating": r,
                "title": None,
                "text": t,
                "spam_score": 0.0,
                "spam_reasons": "[]",
            }
            for i, (s, d, r, t) in enumerate(rows)
        ]
    )


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
    from shared.agents.answers import AgentAnswer
    from shared.sentiment.analysis import AnalysisOptions, analyse_reviews
    from tests.unit.sentiment.reviews_fixture import AS_OF

    rows = [("A", d, 1, "The box arrived crushed, terrible packaging.") for d in (3, 9)]
    rows += [("B", d, 1, "Packaging was torn and flimsy.") for d in (5, 8, 11)]
    rows += [("C", d, 5, "Lovely packaging, arrived safe.") for d in (4, 7)]
    result = analyse_reviews(
        reviews_frame(rows),
        tenant_id="t",
        options=AnalysisOptions(
            as_of=AS_OF,
            asks=("complaints",),
            aspect="packaging",
            decline_window_days=90,
            aspect_ranked=True,
            period_start=AS_OF - timedelta(days=365),
        ),
    )
    (answer,) = [AgentAnswer.model_validate(a) for a in result.data["answers"]]
    assert answer.text.startswith("Most complaints about packaging")
    assert answer.text.index("B (3)") < answer.text.index("A (2)") < answer.text.index("negative mentions")


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
