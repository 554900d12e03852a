from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from shared.models.records import DataKind
from shared.processing.dedup import latest_per_key
from shared.processing.lineage import flag, merge_flags, record_key, record_keys

T1 = datetime(2024, 1, 1, tzinfo=UTC)
T2 = datetime(2024, 1, 2, tzinfo=UTC)


def test_record_key_depends_on_natural_key_only() -> None:
    a = record_key(DataKind.SALES, {"sku": "A", "date": date(2024, 1, 1), "channel": "web", "units": 1})
    b = record_key(DataKind.SALES, {"sku": "A", "date": date(2024, 1, 1), "channel": "web", "units": 9})
    c = record_key(DataKind.SALES, {"sku": "A", "date": date(2024, 1, 1), "channel": "amazon"})
    assert a == b != c
    assert record_key(DataKind.SALES, {"sku": "A", "date": pd.Timestamp("2024-01-01"), "channel": "web"}) == a


def test_record_key_distinguishes_kinds_and_null_from_text() -> None:
    assert record_key(DataKind.PRODUCTS, {"sku": "A"}) != record_key(DataKind.INVENTORY, {"sku": "A"})
    none = record_key(DataKind.INVENTORY, {"sku": "A", "location": None, "date": date(2024, 1, 1)})
    text = record_key(DataKind.INVENTORY, {"sku": "A", "location": "None", "date": date(2024, 1, 1)})
    assert none != text


def test_record_keys_of_a_frame_match_the_scalar_function() -> None:
    frame = pd.DataFrame({"sku": ["A", "B"], "date": [date(2024, 1, 1)] * 2, "location": [None, "w1"]})
    assert record_keys(DataKind.INVENTORY, frame) == [
        record_key(DataKind.INVENTORY, {str(k): v for k, v in r.items()}) for r in frame.to_dict("records")]


def test_merge_flags_appends_to_ingest_flags_without_duplicating() -> None:
    ingest = json.dumps([{"field": "price", "action": "parsed_money", "from": "$1,299.00", "to": 1299.0}])
    added = [flag("sku", "normalised", "sku-a", "A")]
    once = merge_flags(ingest, added)
    assert once is not None and len(json.loads(once)) == 2
    assert merge_flags(once, added) == once
    assert merge_flags(None, []) is None
    assert json.loads(merge_flags(None, added) or "null") == [
        {"field": "sku", "action": "normalised", "from": "sku-a", "to": "A"}]


def test_latest_per_key_keeps_newest_then_last_row() -> None:
    rows = pd.DataFrame({
        "record_key": ["k1", "k1", "k2", "k2", "k3"],
        "ingested_at": [T2, T1, T1, T1, T1],
        "source_row": [1, 2, 3, 4, 5],
    })
    kept, superseded = latest_per_key(rows)
    assert superseded == 2
    assert kept["source_row"].tolist() == [1, 4, 5]


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 3)), min_size=1, max_size=30))
def test_latest_per_key_one_row_per_key(items: list[tuple[str, int]]) -> None:
    rows = pd.DataFrame({"record_key": [k for k, _ in items],
                         "ingested_at": [pd.Timestamp("2024-01-01", tz="UTC") + pd.Timedelta(days=d) for _, d in items],
                         "source_row": range(len(items))})
    kept, superseded = latest_per_key(rows)
    assert sorted(kept["record_key"]) == sorted(set(rows["record_key"]))
    assert superseded + len(kept) == len(rows)
    for key, group in rows.groupby("record_key"):
        assert kept.loc[kept["record_key"] == key, "ingested_at"].iloc[0] == group["ingested_at"].max()


def test_record_key_matches_the_ingest_contract() -> None:
    # BLAKE2b-128 over the canonical natural key values joined by 0x1F, missing as NUL (shared.ingest.lineage).
    import hashlib

    expected = hashlib.blake2b(b"\x00\x1fAB-1\x1f2024-02-01\x1fweb", digest_size=16).hexdigest()
    got = record_key(DataKind.SALES, {"order_id": None, "sku": "AB-1", "date": date(2024, 2, 1), "channel": "web"})
    assert got == expected
    assert record_key(DataKind.PRODUCTS, {"sku": "AB-1"}) == hashlib.blake2b(b"AB-1", digest_size=16).hexdigest()
