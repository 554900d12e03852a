from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pandas as pd

from shared.models.records import DataKind
from shared.models.tables import TABLES
from shared.processing.gaps import GapContext
from shared.processing.merge import prepare_batch
from shared.processing.sku import SkuResolver

AT = datetime(2024, 3, 1, tzinfo=UTC)


def _staged(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame([{**r, "tenant_id": "t", "ingestion_id": "i", "source_uri": "gs://raw/f.csv",
                          "source_row": n + 1, "row_hash": f"h{n}", "record_key": "from-ingest",
                          "ingested_at": AT, "quality_flags": None} for n, r in enumerate(rows)])


def test_prepare_sales_batch() -> None:
    staged = _staged([
        {"sku": "sku-a", "date": date(2024, 1, 1), "units": 2, "unit_price": None, "revenue": 8.0, "channel": "web"},
        {"sku": "A", "date": date(2024, 1, 1), "units": 3, "unit_price": 4.0, "revenue": 12.0, "channel": "web"},
        {"sku": "B0AAAAAAAA", "date": date(2024, 1, 1), "units": 1, "unit_price": 5.0, "revenue": 5.0,
         "channel": "amazon"},
    ])
    resolver = SkuResolver.from_products([{"sku": "A", "asin": "B0AAAAAAAA"}])
    batch = prepare_batch(DataKind.SALES, staged, resolver, GapContext())
    assert list(batch.rows.columns) == [c for c in TABLES["sales"].column_names if c in batch.rows.columns]
    assert batch.rows["sku"].tolist() == ["A", "A"]
    # rows 1 and 2 are one key once normalised, in one file: two lines of the same sale, summed (a newer
    # ingestion's row would replace it instead); the combined row keeps the first line's lineage
    assert batch.rows["source_row"].tolist() == [1, 3]
    assert batch.rows["units"].tolist() == [5, 1] and batch.rows["revenue"].tolist() == [20.0, 5.0]
    assert batch.rows["unit_price"].iloc[0] == 4.0  # units-weighted: (8 + 3 x 4) / 5
    assert batch.rows["record_key"].nunique() == 2 and "from-ingest" not in set(batch.rows["record_key"])
    assert batch.rows["row_hash"].tolist() == ["h0", "h2"]  # content hashes stay as ingest wrote them
    assert batch.changes["order_lines_combined"] == 1 and batch.changes["duplicates_in_batch"] == 0
    assert json.loads(batch.rows["quality_flags"].iloc[0]) == [
        {"field": "sku", "action": "normalised", "from": "sku-a", "to": "A"},
        {"field": "units", "action": "order_lines_combined", "from": 2, "to": 5}]
    assert json.loads(batch.rows["quality_flags"].iloc[1]) == [
        {"field": "sku", "action": "mapped_asin", "from": "B0AAAAAAAA", "to": "A"}]


def test_prepare_is_deterministic() -> None:
    staged = _staged([{"sku": "x", "date": date(2024, 1, 1), "on_hand": 3, "lead_time_days": None}])
    first = prepare_batch(DataKind.INVENTORY, staged, SkuResolver())
    second = prepare_batch(DataKind.INVENTORY, staged, SkuResolver())
    pd.testing.assert_frame_equal(first.rows, second.rows)


def test_reviews_get_spam_columns_and_empty_batches_are_fine() -> None:
    staged = _staged([{"review_id": "1", "sku": "A", "date": date(2024, 1, 1), "rating": 5,
                       "text": "visit www.spam.shop now", "verified": False}])
    batch = prepare_batch(DataKind.REVIEWS, staged, SkuResolver())
    assert batch.rows["spam_score"].iloc[0] >= 0.5 and batch.changes["spam_flagged"] == 1
    empty = prepare_batch(DataKind.REVIEWS, staged.iloc[0:0], SkuResolver())
    assert empty.rows.empty and list(empty.rows.columns) == TABLES["reviews"].column_names
