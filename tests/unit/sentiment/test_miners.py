from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.sentiment.aspects import summarise_aspects
from shared.sentiment.requests import extract_requests, rank_requests
from shared.sentiment.scoring import score_reviews
from shared.sentiment.topics import rank_terms
from shared.sentiment.trends import compare_windows, period_series, period_series_by, slope_per_30_days


def test_feature_requests_are_extracted_and_normalised() -> None:
    assert extract_requests("I wish it had a longer cable.") == ["longer cable"]
    assert extract_requests("Would be nice if it came with a carrying case, but fine.") == ["carrying case"]
    assert extract_requests("Please add a dark mode option") == ["dark mode"]
    assert extract_requests("It should have a USB-C port") == ["usb-c port"]
    assert extract_requests("Works great, no complaints.") == []


def test_feature_requests_rank_by_reviews_not_repeats() -> None:
    ranked = rank_requests(
        ["a", "b", "c"],
        [
            extract_requests(t)
            for t in (
                "Wish it had a timer. Wish it had a timer!",
                "I wish it had a timer",
                "please add a bigger handle",
            )
        ],
        [1, 1, 1],
    )
    assert ranked[0].request == "timer" and ranked[0].reviews == 2 and ranked[0].review_ids == ["a", "b"]
    assert ranked[1].request == "bigger handle"
    assert rank_requests(["a"], [extract_requests("wish it had a timer")], [0.0]) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_request_extraction_never_fails(text: str) -> None:
    for phrase in extract_requests(text):
        assert phrase and len(phrase.split()) <= 6


def test_complaints_ranked_with_trend() -> None:
    texts = ["stopped working after a week", "stopped working, sad", "runs small", "love it", "stopped working"]
    b = score_reviews(texts)
    recent = [True, True, False, False, True]
    stats = rank_terms(
        [f"r{i}" for i in range(5)],
        b.topic_words,
        b.terms,
        b.score.tolist(),
        [1.0] * 5,
        recent,
        [not r for r in recent],
        negative=True,
        min_reviews=2,
    )
    top = stats[0]
    assert top.term == "stopped working" and top.reviews == 3 and top.kind == "expression"
    assert top.recent_share == 1.0 and top.before_share == 0.0 and top.trend == 1.0


def test_aspect_summary_weights() -> None:
    out = summarise_aspects([{"size_fit": -1.0}, {"size_fit": 1.0}], [3.0, 1.0])
    assert out["size_fit"].mentions == 2
    assert abs(out["size_fit"].mean_score - (-0.5)) < 1e-9
    assert out["size_fit"].negative_share == 0.75


def test_window_comparison_and_slope() -> None:
    dates = pd.Series([date(2026, 9, 10), date(2026, 9, 20), date(2026, 10, 10), date(2026, 10, 20)])
    vals = np.array([5.0, 5.0, 2.0, 1.0])
    cmp = compare_windows(dates, vals, np.ones(4), date(2026, 10, 31), 30)
    assert (cmp.recent_n, cmp.before_n) == (2, 2)
    assert cmp.recent_mean == 1.5 and cmp.before_mean == 5.0 and cmp.delta == -3.5
    slope = slope_per_30_days(dates, vals, np.ones(4))
    assert slope is not None and slope < -2
    assert slope_per_30_days(dates[:2], vals[:2], np.ones(2)) is None


def test_period_series_ignores_zero_weight() -> None:
    frame = pd.DataFrame(
        {
            "date": [date(2026, 10, 5), date(2026, 10, 6), date(2026, 10, 13)],
            "rating": [5.0, 1.0, None],
            "score": [0.8, -0.8, 0.2],
            "weight": [1.0, 0.0, 1.0],
        }
    )
    s = period_series(frame)
    assert s["reviews"].tolist() == [1, 1]
    assert s["mean_rating"].iloc[0] == 5.0 and np.isnan(s["mean_rating"].iloc[1])


def test_complaint_variants_count_as_one_problem() -> None:
    texts = ["It doesn't work.", "Died after a day.", "Stopped working.", "Runs small", "Way too small"]
    b = score_reviews(texts)
    stats = rank_terms(
        [f"r{i}" for i in range(5)],
        b.topic_words,
        b.terms,
        b.score.tolist(),
        [1.0] * 5,
        [True] * 5,
        [False] * 5,
        negative=True,
        min_reviews=2,
    )
    by_term = {s.term: s for s in stats if s.kind == "expression"}
    assert by_term["stopped working"].reviews == 3
    assert by_term["runs small"].reviews == 2


def test_period_series_by_matches_period_series_of_each_group() -> None:
    rng = np.random.default_rng(7)
    n = 400
    frame = pd.DataFrame(
        {
            "sku": rng.choice(["a", "b", "c"], n),
            "date": [date(2026, 1, 1) + timedelta(days=int(d)) for d in rng.integers(0, 120, n)],
            "rating": np.where(rng.random(n) < 0.2, np.nan, rng.integers(1, 6, n).astype(float)),
            "score": rng.uniform(-1, 1, n),
            "weight": np.where(rng.random(n) < 0.1, 0.0, rng.uniform(0.2, 1.0, n)),
        }
    )
    grouped = period_series_by(frame, "sku")
    for sku, g in frame.groupby("sku"):
        alone = period_series(g.drop(columns="sku")).reset_index(drop=True)
        mine = grouped[grouped["sku"] == sku].drop(columns="sku").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, alone)
    assert period_series_by(frame.iloc[:0], "sku").empty


def test_topic_words_leave_out_stop_words_short_words_and_the_opinion_words() -> None:
    b = score_reviews(["The strap broke and the strap is flimsy, so bad"])
    assert "strap" in b.topic_words[0]
    assert not {"the", "and", "so", "is", "bad", "flimsy"} & set(b.topic_words[0])
