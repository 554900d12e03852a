"""A sales line's identity: its record key, and its place among its file's lines of one key (``occurrence``)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from shared.ingest.lineage import content_digests, hex_digests
from shared.ingest.lines import Occurrences, sales_key_digests
from shared.ingest.relabel import keyed
from shared.ingest.sales import line_kind
from shared.models.records import DataKind, SaleRecord
from shared.processing.lineage import record_key, record_keys

KEY = list(SaleRecord.natural_key)


def _lines(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame([{f: None for f in SaleRecord.model_fields} | r for r in rows])
    frame["occurrence"] = frame["occurrence"].astype("Int64")
    return frame


def _old_key(frame: pd.DataFrame) -> list[str]:
    """The key every stored line has: natural key, then a return part (before lines had a place)."""
    kinds = line_kind(frame["units"], frame.get("returned_units"), frame.get("refund"))
    return list(
        hex_digests(content_digests(frame[KEY].assign(line_kind=kinds), [*KEY, "line_kind"], appended=1)).to_pylist()
    )


SALE = {"order_id": "536365", "sku": "85123A", "date": date(2010, 12, 1), "channel": None, "units": 6}
RETURN = {**SALE, "units": 0, "returned_units": 6, "refund": 15.3}


def test_a_first_line_keeps_the_key_and_hash_it_was_stored_with() -> None:
    frame = _lines([SALE, RETURN, {**SALE, "channel": "web"}, {**SALE, "order_id": None}])
    assert list(hex_digests(sales_key_digests(frame)).to_pylist()) == _old_key(frame)
    fields = list(SaleRecord.model_fields)
    before = content_digests(frame[fields[:-1]], fields[:-1], appended=SaleRecord.appended_fields - 1)
    assert (content_digests(frame, fields, appended=SaleRecord.appended_fields) == before).all()


def test_a_line_sold_again_has_a_key_and_hash_of_its_own() -> None:
    frame = _lines([SALE, {**SALE, "occurrence": 2}, {**SALE, "occurrence": 3}, RETURN, {**RETURN, "occurrence": 2}])
    keys = list(hex_digests(sales_key_digests(frame)).to_pylist())
    assert len(set(keys)) == 5
    fields = list(SaleRecord.model_fields)
    hashes = hex_digests(content_digests(frame, fields, appended=SaleRecord.appended_fields)).to_pylist()
    assert len(set(hashes)) == 5
    # processing (vectorised and per row) and the relabelling of stored rows compute the same keys
    assert record_keys(DataKind.SALES, frame) == keys
    assert [record_key(DataKind.SALES, {str(k): v for k, v in r.items()}) for r in frame.to_dict("records")] == keys
    assert keyed(frame, DataKind.SALES)["record_key"].tolist() == keys


def _digests(keys: list[int]) -> np.ndarray:
    return np.array([k.to_bytes(8, "big") + bytes(8) for k in keys], dtype="S16").view(np.uint8).reshape(-1, 16)


def test_places_count_the_earlier_chunks_lines() -> None:
    occurrences = Occurrences()
    assert occurrences.place(_digests([1, 2, 1])).tolist() == [1, 1, 2]
    assert occurrences.place(_digests([1, 3, 2, 1])).tolist() == [3, 1, 2, 4]
    assert occurrences.place(_digests([])).tolist() == []
    assert occurrences.place(_digests([3, 4])).tolist() == [2, 1]
    assert occurrences.lines == 5


@given(st.lists(st.integers(0, 6), max_size=60), st.integers(1, 7))
def test_places_do_not_depend_on_where_the_chunks_end(keys: list[int], size: int) -> None:
    """A line's place is its rank among the file's lines of its key, however the file is cut: the same file
    sent again gives every line the same place (so its duplicates are found again)."""
    occurrences = Occurrences()
    got = [p for start in range(0, len(keys), size) for p in occurrences.place(_digests(keys[start : start + size]))]
    assert got == [keys[: n + 1].count(k) for n, k in enumerate(keys)]
