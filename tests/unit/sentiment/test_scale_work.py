"""Work the sentiment agent no longer repeats or leaves unbounded on a large tenant (#18, 20,000 reviews).

Each review text was tokenised four times (the rule scorer, the fast head, the complaint miners and the unreadable
check); per-product text mining (complaints, praise, requests, aspects) had no deadline and took seconds over 1,200
products; the spam check read each day and processing's reasons once per review.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd
import pytest

from shared.sentiment import adjusted, answers, fast, readings, scorer, scoring, topics
from shared.sentiment.adjusted import SpamSuspicion, adjusted_rating, adjusted_rating_at
from shared.sentiment.analysis import AnalysisOptions, analyse_reviews

from .theme_fixture import AS_OF, theme_reviews


def _three_products() -> pd.DataFrame:
    """The theme reviews over three products of 60%, 30% and 10% of them."""
    frame = theme_reviews()
    n = len(frame)
    frame["sku"] = ["SKU-A" if i < 0.6 * n else "SKU-B" if i < 0.9 * n else "SKU-C" for i in range(n)]
    return frame


def _analysed(frame: pd.DataFrame, **options: Any) -> Any:
    return analyse_reviews(frame, tenant_id="t1", options=AnalysisOptions(as_of=AS_OF, asks=("complaints",), **options))


def test_each_review_text_is_tokenised_once(monkeypatch: pytest.MonkeyPatch) -> None:
    reviews = theme_reviews()  # no titles: the text scored is the review's text
    texts = set(reviews["text"])
    calls: Counter[str] = Counter()
    for module in (readings, scorer, fast, topics, answers):  # every reader of a review's whole text
        real = scorer.tokenize

        def counting(text: str, real: Any = real) -> list[str]:
            if text in texts:
                calls[text] += 1
            tokens: list[str] = real(text)
            return tokens

        monkeypatch.setattr(module, "tokenize", counting, raising=False)
    _analysed(reviews, method="fast")
    assert calls == Counter(reviews["text"])


def test_past_the_mining_deadline_the_most_reviewed_product_is_mined_and_the_result_says_so() -> None:
    late = _analysed(_three_products(), mining_by=time.perf_counter() - 1.0)
    full = _analysed(_three_products())
    rows = {r["sku"]: r for r in late.data["per_sku"]}
    all_rows = {r["sku"]: r for r in full.data["per_sku"]}
    assert rows["SKU-A"]["complaints"] == all_rows["SKU-A"]["complaints"] != []
    assert rows["SKU-B"]["complaints"] == [] != all_rows["SKU-B"]["complaints"]
    assert rows["SKU-B"]["aspects"] == [] != all_rows["SKU-B"]["aspects"]
    for key in ("reviews", "mean_rating", "sentiment", "recent_rating", "adjusted_rating"):  # the numbers are kept
        assert [rows[s][key] for s in rows] == [all_rows[s][key] for s in rows]
    n = len(theme_reviews())
    note = (
        f"per-product complaints, praise, requests and aspects mined for the 1 product with the most reviews of "
        f"3 ({rows['SKU-A']['reviews']} of {n} reviews; the answer's deadline)"
    )
    assert late.data["notes"] == [note] and note in late.warnings
    assert "notes" not in full.data


def test_within_the_mining_deadline_the_result_is_that_of_no_deadline() -> None:
    def comparable(result: Any) -> dict[str, Any]:
        return result.model_dump(exclude={"elapsed_ms", "generated_at"})

    assert comparable(_analysed(_three_products(), mining_by=time.perf_counter() + 3600.0)) == comparable(
        _analysed(_three_products())
    )


def test_a_products_adjusted_rating_over_its_rows_is_that_over_its_mask() -> None:
    rng = np.random.default_rng(3)
    n = 300
    rating = np.where(rng.random(n) < 0.1, np.nan, rng.integers(1, 6, n).astype(float))
    suspected = rng.random(n) < 0.2
    suspicion = SpamSuspicion(suspected, [["spam_score"] if s else [] for s in suspected])
    sku = rng.integers(0, 7, n)
    for k in range(7):
        assert adjusted_rating_at(rating, suspicion, np.flatnonzero(sku == k)) == adjusted_rating(
            rating, suspicion, sku == k
        )


def test_a_value_read_once_per_distinct_value_reads_as_each_value_alone() -> None:
    values = [1, 1.0, True, None, float("nan"), "2026-01-01", ["unhashable"], "2026-01-01", 1]
    assert adjusted._per_distinct(values, repr) == [repr(v) for v in values]
    assert adjusted._per_distinct(values, adjusted._day) == [
        "" if v is None or (isinstance(v, float) and v != v) else str(v) for v in values
    ]


def test_a_batch_reads_each_text_once_for_its_topic_words_requests_and_readability() -> None:
    batch = scoring.score_reviews(["The kettle is good. Wish it had a timer", "Bom produto muito bom", "!!"])
    assert "kettle" in batch.topic_words[0] and batch.requests[0] == ("timer",)
    assert batch.readable.tolist() == [readings.READABLE, readings.FOREIGN, readings.NO_WORDS]
