"""A review text's reading (``shared.sentiment.readings``): kept and read back exactly, used as if read afresh."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest

from shared.sentiment import readings
from shared.sentiment.analysis import AnalysisOptions, analyse_reviews
from shared.sentiment.readings import ReviewReading
from shared.sentiment.scoring import score_reviews

from .theme_fixture import AS_OF, theme_reviews

TEXTS = [
    "Stopped working after a week. Wish it had a longer cable",
    "Love it, the strap is sturdy",
    "",
    "Produto muito bom chegou antes do prazo",
    "not bad at all :)",
]


class _Counted:
    """A reading source that read every text beforehand and counts what it is asked."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.known = dict(zip(texts, readings.read_texts(texts), strict=True))
        self.asked = 0

    def readings(self, texts: Sequence[str]) -> list[ReviewReading]:
        self.asked += len(texts)
        return [self.known[t] for t in texts]

    def accurate_scores(self, texts: Sequence[str]) -> np.ndarray:
        raise AssertionError("the fast method embeds nothing")


def test_a_reading_survives_its_stored_columns_exactly() -> None:
    fresh = readings.read_texts(TEXTS)
    rows = pd.DataFrame(list(readings.rows_of({readings.text_key(t): r for t, r in zip(TEXTS, fresh, strict=True)})))
    back = readings.from_rows(rows)
    assert [back[readings.text_key(t)] for t in TEXTS] == fresh
    assert readings.from_rows(rows.iloc[:0]) == {}


def test_the_key_is_the_text_and_the_version_names_the_scorer() -> None:
    assert readings.text_key("Great kettle") == readings.text_key("Great kettle") != readings.text_key("Great kettle.")
    assert len(readings.scorer_version()) == 24 and readings.scorer_version() == readings.scorer_version()
    titled = pd.DataFrame({"title": ["Great", None], "text": ["works", None]})
    assert readings.review_texts(titled) == ["Great. works", ""]


@pytest.mark.parametrize("method", ["lexicon", "fast"])
def test_scores_from_readings_are_the_scores_read_afresh(method: str) -> None:
    ratings: list[float | None] = [1.0, 5.0, None, 4.0, 3.0]
    afresh = score_reviews(TEXTS, ratings, method=method)
    kept = score_reviews(TEXTS, ratings, method=method, readings=readings.read_texts(TEXTS))
    for name in ("score", "text_score", "evidence", "confidence", "label_code", "rating_mismatch", "readable"):
        np.testing.assert_array_equal(getattr(afresh, name), getattr(kept, name))
    assert (afresh.aspects, afresh.terms, afresh.topic_words, afresh.requests) == (
        kept.aspects,
        kept.terms,
        kept.topic_words,
        kept.requests,
    )
    with pytest.raises(ValueError, match="readings"):
        score_reviews(TEXTS, method=method, readings=readings.read_texts(TEXTS[:2]))


def test_an_analysis_over_a_reading_source_is_the_analysis_that_reads_every_text() -> None:
    frame = theme_reviews()
    source = _Counted(readings.review_texts(frame.reset_index(drop=True)))
    options = AnalysisOptions(as_of=AS_OF, asks=("complaints", "praise"), method="fast")
    read_here = analyse_reviews(frame, tenant_id="t1", options=options)
    from_source = analyse_reviews(frame, tenant_id="t1", options=options, readings=source)
    assert source.asked == len(frame)
    assert from_source.model_dump(exclude={"elapsed_ms", "generated_at"}) == read_here.model_dump(
        exclude={"elapsed_ms", "generated_at"}
    )
