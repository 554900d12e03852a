"""Kept review readings and accurate scores (``shared.store.review_scores`` through ``shared.sentiment.kept_readings``)
on every warehouse.

Each case writes two tenants' readings of the same texts, so every value read back is also a tenant-isolation check.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from shared.sentiment import readings
from shared.sentiment.kept_readings import StoredReadings, keep_review_readings
from shared.store import review_scores

TEXTS = [
    "Stopped working after a week. Wish it had a longer cable",
    "Love it, the strap is sturdy",
    "",
    "Produto muito bom chegou antes do prazo",
]


def _stored(warehouse: Any, tenant: str) -> pd.DataFrame:
    keys = [readings.text_key(t) for t in TEXTS]
    return review_scores.kept_readings(warehouse, tenant, readings.scorer_version(), keys)


def test_readings_round_trip_exactly_and_stay_with_their_tenant(warehouse: Any) -> None:
    fresh = readings.read_texts(TEXTS)
    one = StoredReadings(warehouse, "t1")
    assert one.readings(TEXTS) == fresh and len(one.fresh) == len(TEXTS)
    assert one.keep() == len(TEXTS) and one.fresh == {}
    assert _stored(warehouse, "t2").empty  # another tenant's readings are never read
    again = StoredReadings(warehouse, "t1")
    assert again.readings(TEXTS) == fresh  # every float, map and list as it was read
    assert again.fresh == {} and again.kept == len(TEXTS)


def test_keeping_the_same_texts_again_writes_each_row_once(warehouse: Any) -> None:
    reviews = pd.DataFrame({"title": [None, "Great", None], "text": [TEXTS[0], "works", TEXTS[0]]})
    assert keep_review_readings(warehouse, "t1", reviews) == (2, 0)  # the repeated text read once
    assert keep_review_readings(warehouse, "t1", reviews) == (0, 2)  # a re-run reads nothing again
    keep_review_readings(warehouse, "t2", reviews)
    source = StoredReadings(warehouse, "t1")
    source.fresh = dict(
        zip(
            map(readings.text_key, readings.review_texts(reviews)),
            readings.read_texts(readings.review_texts(reviews)),
            strict=True,
        )
    )
    source.keep()  # the same readings written again replace themselves
    counts = warehouse.query(
        "SELECT tenant_id, COUNT(*) AS n FROM review_scores GROUP BY tenant_id ORDER BY tenant_id", {}
    )
    assert counts.values.tolist() == [["t1", 2], ["t2", 2]]


def test_readings_of_another_scorer_version_are_not_used(warehouse: Any) -> None:
    rows = pd.DataFrame(list(readings.rows_of({readings.text_key(TEXTS[1]): readings.read_texts([TEXTS[1]])[0]})))
    review_scores.keep_readings(warehouse, "t1", "an-older-scorer", rows)
    assert _stored(warehouse, "t1").empty
    source = StoredReadings(warehouse, "t1")
    source.readings([TEXTS[1]])
    assert list(source.fresh) == [readings.text_key(TEXTS[1])]  # read again under the current version


def _fake_encoder() -> tuple[list[list[str]], Any]:
    """A deterministic stand-in for the accurate head that records the texts it was given (no encoder)."""
    embedded: list[list[str]] = []

    def scores(texts: Any) -> Any:
        embedded.append(list(texts))
        return np.array([len(t) / 100.0 - 0.5 for t in texts])

    return embedded, scores


def test_accurate_scores_are_kept_by_model_version_and_not_embedded_again(warehouse: Any) -> None:
    embedded, encoder = _fake_encoder()
    texts = [TEXTS[0], TEXTS[1], TEXTS[0]]
    first = StoredReadings(warehouse, "t1", encoder)
    got = first.accurate_scores(texts)
    assert embedded == [[TEXTS[0], TEXTS[1]]]  # the repeated text embedded once
    assert got.tolist() == [len(TEXTS[0]) / 100.0 - 0.5, len(TEXTS[1]) / 100.0 - 0.5, len(TEXTS[0]) / 100.0 - 0.5]
    assert first.keep() == 2 and first.fresh_accurate == {}
    again = StoredReadings(warehouse, "t1", encoder)
    assert again.accurate_scores(texts).tolist() == got.tolist()  # floats exactly as computed
    assert len(embedded) == 1 and again.accurate_kept == 3  # a repeated question embeds nothing
    other = StoredReadings(warehouse, "t2", encoder)
    other.accurate_scores([TEXTS[1]])
    assert embedded[-1] == [TEXTS[1]]  # another tenant's kept scores are never read
    other.keep()
    StoredReadings(warehouse, "t1").keep()  # nothing computed: nothing written
    counts = warehouse.query(
        "SELECT tenant_id, COUNT(*) AS n FROM review_accurate_scores GROUP BY tenant_id ORDER BY tenant_id", {}
    )
    assert counts.values.tolist() == [["t1", 2], ["t2", 1]]


def test_accurate_scores_of_another_model_version_are_not_used(warehouse: Any) -> None:
    embedded, encoder = _fake_encoder()
    rows = pd.DataFrame({"text_key": [readings.text_key(TEXTS[1])], "score": [0.9]})
    review_scores.keep_accurate_scores(warehouse, "t1", "accurate-an-older-model", rows)
    assert review_scores.kept_accurate_scores(
        warehouse, "t1", readings.accurate_version(), rows["text_key"].tolist()
    ).empty
    source = StoredReadings(warehouse, "t1", encoder)
    assert source.accurate_scores([TEXTS[1]]).tolist() == [len(TEXTS[1]) / 100.0 - 0.5]
    assert embedded == [[TEXTS[1]]]  # embedded again under the current version
    assert readings.accurate_version() != readings.scorer_version()
