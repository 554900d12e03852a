"""Undated reviews in the sentiment core: counted in every all-time figure, in no window, no trend, no burst."""

from __future__ import annotations

import pandas as pd

from shared.agents.answers import AskKind
from shared.processing.spam import score_reviews
from shared.sentiment.analysis import AnalysisOptions, analyse_reviews
from shared.sentiment.answers import rating_drops
from tests.unit.sentiment.reviews_fixture import AS_OF, falling_sku_reviews

ASKS: tuple[AskKind, ...] = ("sentiment_overview", "complaints")


def _undated(n: int, sku: str = "DRESS-1") -> pd.DataFrame:
    """``n`` reviews without dates: half praise, half complaints about the fit."""
    return pd.DataFrame({
        "review_id": [f"u{i}" for i in range(n)], "sku": sku, "date": [None] * n,
        "rating": [5 if i % 2 else 2 for i in range(n)],
        "text": [(f"Lovely fabric in colour {i}, fits perfectly." if i % 2 else
                  f"Runs small, the fit of size {i} is too tight.") for i in range(n)],
        "title": None, "spam_score": 0.0})


def test_only_undated_reviews_are_analysed_and_said_to_be_undated() -> None:
    result = analyse_reviews(_undated(6), tenant_id="t", options=AnalysisOptions(as_of=AS_OF, asks=ASKS))
    assert result.status == "ok" and result.metrics["reviews"] == 6 and result.metrics["mean_rating"] == 3.5
    overview, complaints = (a["text"] for a in result.data["answers"])
    assert overview.startswith("6 reviews of 1 product with no dates, averaging 3.50 stars")
    assert "(6 reviews, all undated)" in complaints and "size/fit in 3 reviews" in complaints
    assert result.data["weekly"] == []  # no week holds an undated review
    assert all(r["date"] is None for r in result.data["reviews"])
    assert "every review is undated" in result.confidence.explanation


def test_dated_and_undated_reviews_count_together_but_only_dated_ones_make_a_trend() -> None:
    dated = falling_sku_reviews()
    mixed = pd.concat([dated, _undated(4, sku="SKU-42")], ignore_index=True)
    options = AnalysisOptions(as_of=AS_OF, window_days=30, asks=("sentiment_overview", "rating_decline"),
                              period_start=AS_OF.replace(year=AS_OF.year - 1))
    result = analyse_reviews(mixed, tenant_id="t", options=options)
    assert result.metrics["reviews"] == len(dated) + 4
    overview = result.data["answers"][0]["text"]
    assert f"{len(dated) + 4} reviews of 1 product between" in overview and "(and 4 undated)" in overview
    alone = analyse_reviews(dated, tenant_id="t", options=options)
    # the decline (recent window against before) is read from the dated reviews alone, exactly as without them
    assert result.data["answers"][1]["rows"] == alone.data["answers"][1]["rows"]
    assert next(f for f in result.findings if f.id == "decline-SKU-42").metrics == next(
        f for f in alone.findings if f.id == "decline-SKU-42").metrics
    dates = pd.Series([None if pd.isna(d) else pd.Timestamp(d).date() for d in mixed["date"]], index=mixed.index,
                      dtype=object)
    frame = mixed.assign(weight=1.0, date=dates)
    assert rating_drops(frame, AS_OF, 30).equals(rating_drops(frame[frame["date"].notna()], AS_OF, 30))


def test_undated_reviews_are_never_a_burst() -> None:
    same = [{"review_id": f"u{i}", "sku": "A", "date": None, "text": f"Nice dress number {i}", "rating": 5}
            for i in range(8)]
    assert all("burst" not in a.reasons for a in score_reviews(same))
