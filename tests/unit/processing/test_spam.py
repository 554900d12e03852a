from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from shared.processing.spam import (
    SPAM_THRESHOLD,
    ReviewText,
    lexicon_polarity,
    review_origin,
    score_review_frame,
    score_reviews,
    tokens,
)

D = date(2024, 5, 1)


def _r(rid: str, text: str, *, sku: str = "A", day: date = D, rating: int | None = 5,
       verified: bool | None = True) -> ReviewText:
    return ReviewText(rid, sku, day, text, rating, None, verified)


def _reasons(reviews: list[ReviewText], **kw: object) -> dict[str, list[str]]:
    return {a.review_id: a.reasons for a in score_reviews(reviews, **kw)}  # type: ignore[arg-type]


def test_negation_flips_polarity() -> None:
    assert lexicon_polarity(tokens("not bad at all")) > 0
    assert lexicon_polarity(tokens("it is not good")) < 0
    assert lexicon_polarity(tokens("great, sturdy and fast delivery")) >= 3
    assert lexicon_polarity(tokens("broke after a week, terrible")) <= -2


def test_exact_and_near_duplicates() -> None:
    base = "The handle snapped off the first time I used it and support never answered my emails"
    got = _reasons([
        _r("1", base), _r("2", base.upper() + "!!", sku="B"),
        _r("3", base.replace("snapped off", "came off"), sku="C"),
        _r("4", "Lovely colour and it keeps tea warm for hours, very happy with it"),
    ])
    assert "duplicate_text" in got["1"] and "duplicate_text" in got["2"]
    assert "near_duplicate_text" in got["3"]
    assert got["4"] == []


def test_short_generic_repeats_are_not_duplicates() -> None:
    got = _reasons([_r("1", "Great product!"), _r("2", "great product")])
    assert got == {"1": ["short_generic"], "2": ["short_generic"]}


def test_burst_needs_many_reviews_in_a_short_window_above_the_usual_rate() -> None:
    steady = [_r(f"s{i}", f"review number {i} about the lid", day=D - timedelta(days=7 * i)) for i in range(20)]
    burst = [_r(f"b{i}", f"burst review {i} about the lid", day=D + timedelta(days=200)) for i in range(6)]
    got = _reasons(steady + burst)
    assert all("burst" in got[f"b{i}"] for i in range(6))
    assert not any("burst" in got[f"s{i}"] for i in range(20))


def test_links_contacts_and_mismatch() -> None:
    got = _reasons([
        _r("1", "Cheaper at www.bestdeals.shop use code SAVE20", sku="1"),
        _r("2", "message me on whatsapp +44 7700 900123 for wholesale", sku="2"),
        _r("3", "Terrible, it broke on day two and leaked everywhere", rating=5, sku="3"),
        _r("4", "Excellent quality and fast delivery, love it", rating=1, sku="4"),
        _r("5", "Not bad at all for the price", rating=4, sku="5"),
    ])
    assert "link_or_contact" in got["1"] and "link_or_contact" in got["2"]
    assert "rating_text_mismatch" in got["3"] and "rating_text_mismatch" in got["4"]
    assert got["5"] == []


def test_signals_combine_and_weak_signals_alone_stay_below_threshold() -> None:
    scores = {a.review_id: a.score for a in score_reviews([
        _r("weak", "Great product", verified=False),
        _r("strong", "Buy it at www.cheap.shop great product", verified=False),
    ])}
    assert scores["weak"] < SPAM_THRESHOLD <= scores["strong"]


def test_context_counts_for_duplicates_but_is_not_scored() -> None:
    text = "Five stars, this changed my life, everybody should buy two of these right now"
    out = score_reviews([_r("new", text)], context=[_r("old", text, sku="B")])
    assert [a.review_id for a in out] == ["new"]
    assert "duplicate_text" in out[0].reasons


def test_frame_scoring_keeps_every_row() -> None:
    frame = pd.DataFrame({"review_id": ["1", "2"], "sku": ["A", "A"], "date": [pd.Timestamp(D)] * 2,
                          "text": ["fine", ""], "rating": [4, None], "title": [None, "ok"],
                          "verified": [True, None]})
    out = score_review_frame(frame)
    assert len(out) == 2
    assert all(0.0 <= s <= 1.0 for s in out["spam_score"])
    assert isinstance(json.loads(out["spam_reasons"].iloc[0]), list)


@given(st.lists(st.tuples(st.text(max_size=60), st.integers(1, 5) | st.none(), st.booleans() | st.none(),
                          st.integers(0, 30)), max_size=25))
def test_scores_are_probabilities_and_deterministic(items: list[tuple[str, int | None, bool | None, int]]) -> None:
    reviews = [_r(str(i), text, rating=rating, verified=verified, day=D + timedelta(days=day))
               for i, (text, rating, verified, day) in enumerate(items)]
    first = score_reviews(reviews)
    assert first == score_reviews(reviews)
    assert all(0.0 <= a.score <= 1.0 for a in first)
    assert all((a.score == 0.0) == (a.reasons == []) for a in first)


def test_planted_spam_of_the_sample_merchant_is_found() -> None:
    # Regression floor; bench/spam.py reports the full figures against baselines.
    from shared.sample.merchant import generate_merchant

    merchant = generate_merchant(seed=11, n_skus=100)
    truth = set(merchant.review_truth.spam_ids)
    flagged = {a.review_id for a in score_reviews(merchant.reviews.to_dict("records")) if a.is_spam}
    precision = len(flagged & truth) / len(flagged)
    recall = len(flagged & truth) / len(truth)
    assert precision >= 0.7 and recall >= 0.7, (precision, recall)


def test_copies_of_one_review_given_to_each_product_of_an_order_are_not_duplicates() -> None:
    text = "Chegou antes do prazo, gostei muito."
    day = date(2018, 8, 25)
    copies = [ReviewText(f"r4#{sku}", sku, day, text, rating=4) for sku in ("p2", "p3", "p4")]
    assert all("duplicate_text" not in a.reasons for a in score_reviews(copies))
    another = ReviewText("r9", "p1", day, text, rating=4)  # the same words in another review: still a duplicate
    assert all("duplicate_text" in a.reasons for a in score_reviews([*copies, another]))
    assert review_origin("r4#p2") == "r4" and review_origin("#p2") == "#p2" and review_origin("r4") == "r4"
