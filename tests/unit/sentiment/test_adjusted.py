"""Adjusted rating: suspected spam removed, beside the raw rating, and said in the agent's answer."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from shared.processing.spam import score_review_frame
from shared.sample.merchant import generate_merchant
from shared.sentiment.adjusted import adjusted_rating, suspect_spam
from shared.sentiment.analysis import AnalysisOptions, analyse_reviews

DAY = date(2026, 10, 1)
GENUINE = ["The blender is fine but loud, the lid is a bit stiff.", "Good motor, the jug cracked after a month.",
           "Does the job for smoothies, cleaning is a pain.", "Decent value, the blades dulled quickly."]


def _frame() -> pd.DataFrame:
    rows = []
    for i in range(12):  # genuine: mixed ratings over 12 days, distinct authors and texts
        rows.append({"review_id": f"g{i}", "sku": "B-1", "date": DAY + timedelta(days=i), "rating": 2 + i % 3,
                     "text": f"{GENUINE[i % 4]} Review number {i}.", "author": f"buyer{i}", "verified": True})
    for i in range(4):  # burst: four five-star reviews on one day from first-time accounts
        rows.append({"review_id": f"b{i}", "sku": "B-1", "date": DAY + timedelta(days=20), "rating": 5,
                     "text": f"Really happy with how it blends fruit {i}", "author": f"new{i}", "verified": None})
    for i in range(3):  # one author, three reviews (of three products) on one day
        rows.append({"review_id": f"p{i}", "sku": f"X-{i}", "date": DAY + timedelta(days=5), "rating": 5,
                     "text": f"Solid product number {i} and I like it", "author": "busy", "verified": True})
    return pd.DataFrame(rows)


def test_each_signal_is_found_and_named() -> None:
    frame = _frame()
    # a returning author on the burst day is not a new account; genuine buyers' first reviews are not bursts
    suspicion = suspect_spam(frame)
    why = dict(zip(frame["review_id"], suspicion.reasons, strict=True))
    assert all(why[f"b{i}"] == ["new_account_burst"] for i in range(4))
    assert all("prolific_same_day" in why[f"p{i}"] for i in range(3))
    assert not any(why[f"g{i}"] for i in range(12))


def test_duplicates_counted_within_the_rows_when_processing_never_saw_them() -> None:
    frame = _frame()
    copy = "Best blender I have ever owned, five stars from me"
    frame.loc[frame["review_id"].isin(["g0", "g1"]), "text"] = copy
    assert suspect_spam(frame).counts()["duplicate_text"] == 2
    # processing compared them with the tenant's history and found no spam: trusted
    scored = frame.assign(spam_score=0.0, spam_reasons='["duplicate_text"]')
    assert "duplicate_text" not in suspect_spam(scored).counts()
    scored.loc[scored["review_id"].isin(["g0", "g1"]), "spam_score"] = 0.6
    assert suspect_spam(scored).counts()["duplicate_text"] == 2


def test_short_generic_praise_needs_a_second_signal() -> None:
    frame = _frame().assign(spam_score=0.1, spam_reasons="[]")
    g3 = frame["review_id"] == "g3"
    frame.loc[g3, "text"], frame.loc[g3, "rating"] = "Great product!!", 5
    assert "short_generic_praise" not in suspect_spam(frame).reasons[3]
    frame.loc[frame["review_id"] == "g3", "spam_score"] = 0.55
    assert suspect_spam(frame).reasons[3] == ["short_generic_praise"]


def test_adjusted_rating_is_the_mean_without_suspects() -> None:
    frame = _frame()
    rating = frame["rating"].to_numpy(dtype=float)
    adj = adjusted_rating(rating, suspect_spam(frame), (frame["sku"] == "B-1").to_numpy())
    assert adj.raw == pytest.approx(float(np.mean(rating[:16])))
    assert adj.adjusted == pytest.approx(float(np.mean(rating[:12])))
    assert adj.suspected == 4 and adj.reasons == {"new_account_burst": 4}
    assert adj.phrase() == f"rated {adj.raw:.2f} ({adj.adjusted:.2f} after removing 4 suspected spam reviews)"


@pytest.mark.parametrize("seed", [7, 2024])
def test_on_the_sample_merchant_with_planted_spam(seed: int) -> None:
    """Rows as the loader reads them (no author): planted spam found, and the rating moves toward the truth."""
    merchant = generate_merchant(seed=seed)
    frame = score_review_frame(merchant.reviews).drop(columns=["author", "verified"])
    truth = set(merchant.review_truth.spam_ids)
    suspicion = suspect_spam(frame)
    found = set(frame["review_id"][suspicion.suspected])
    precision, recall = len(found & truth) / len(found), len(found & truth) / len(truth)
    assert precision >= 0.8 and recall >= 0.8  # measured: 0.83 / 0.88 (seed 7), 0.86 / 0.90 (seed 2024)
    rating = frame["rating"].astype(float).to_numpy()
    clean = float(np.nanmean(rating[~frame["review_id"].isin(truth).to_numpy()]))
    adj = adjusted_rating(rating, suspicion)
    assert abs(adj.adjusted - clean) < abs(adj.raw - clean) / 2  # type: ignore[operator]


def test_the_agent_says_raw_and_adjusted() -> None:
    frame = _frame().assign(title=None)
    result = analyse_reviews(frame, tenant_id="t", options=AnalysisOptions(as_of=DAY + timedelta(days=21),
                                                                          asks=("sentiment_overview",)))
    raw, adjusted = result.metrics["raw_rating"], result.metrics["adjusted_rating"]
    assert result.metrics["suspected_spam"] == 7 and raw is not None and adjusted is not None
    assert f"rated {raw:.2f} ({adjusted:.2f} after removing 7 suspected spam reviews)" in result.summary
    overview = result.data["answers"][0]["text"]
    assert f"rated on average {raw:.2f} ({adjusted:.2f} after removing 7 suspected spam reviews);" in overview
    b1 = next(r for r in result.data["per_sku"] if r["sku"] == "B-1")
    assert b1["suspected_spam"] == 4 and b1["raw_rating"] > b1["adjusted_rating"]
    assert result.data["adjusted_rating"]["method"].startswith("reviews removed when suspected")
