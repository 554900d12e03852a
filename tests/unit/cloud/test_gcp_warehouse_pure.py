"""The BigQuery adapter's pure parts: parameter typing and Parquet conversion (no server)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from google.cloud import bigquery
from hypothesis import given
from hypothesis import strategies as st

from shared.adapters.gcp.warehouse import query_parameters, to_parquet
from shared.models.tables import all_tables


def test_parameter_types() -> None:
    params = {p.name: p for p in query_parameters({
        "s": "x", "i": 3, "n": np.int64(4), "f": 1.5, "b": True, "d": date(2024, 1, 2),
        "t": datetime(2024, 1, 2, tzinfo=UTC), "none": None, "arr": ["a", "b"], "empty": []})}
    types = {k: getattr(p, "type_", None) or getattr(p, "array_type", None) for k, p in params.items()}
    assert types == {"s": "STRING", "i": "INT64", "n": "INT64", "f": "FLOAT64", "b": "BOOL", "d": "DATE",
                     "t": "TIMESTAMP", "none": "STRING", "arr": "STRING", "empty": "STRING"}
    n = params["n"]
    assert isinstance(n, bigquery.ScalarQueryParameter) and n.value == 4 and type(n.value) is int


def _row(**over: object) -> dict[str, object]:
    row: dict[str, object] = {"tenant_id": "t1", "ingestion_id": "i", "sku": "A", "date": date(2024, 1, 2),
                              "units": 3, "row_hash": "h", "record_key": "k",
                              "ingested_at": datetime(2024, 1, 3, tzinfo=UTC)}
    row.update(over)
    return row


def test_parquet_has_every_column_in_table_order() -> None:
    spec = all_tables()["sales"]
    table = pq.read_table(io.BytesIO(to_parquet(spec, pd.DataFrame([_row()]))))
    assert table.column_names == spec.column_names
    assert table.column("units").to_pylist() == [3]
    assert table.column("revenue").to_pylist() == [None]


def test_parquet_errors_name_table_and_column() -> None:
    spec = all_tables()["sales"]
    with pytest.raises(ValueError, match="columns not in sales"):
        to_parquet(spec, pd.DataFrame([_row(bogus=1)]))
    with pytest.raises(ValueError, match="required columns missing for sales: \\['row_hash'\\]"):
        to_parquet(spec, pd.DataFrame([_row()]).drop(columns=["row_hash"]))
    with pytest.raises(ValueError, match="sales.units"):
        to_parquet(spec, pd.DataFrame([_row(units="lots")]))


@given(st.lists(st.tuples(st.text(min_size=1, max_size=20), st.integers(0, 10_000_000),
                          st.dates(date(2000, 1, 1), date(2100, 1, 1))), min_size=1, max_size=30))
def test_parquet_roundtrips_values(values: list[tuple[str, int, date]]) -> None:
    spec = all_tables()["sales"]
    frame = pd.DataFrame([_row(sku=s, units=u, date=d) for s, u, d in values])
    table = pq.read_table(io.BytesIO(to_parquet(spec, frame)))
    assert table.column("sku").to_pylist() == [s for s, _, _ in values]
    assert table.column("units").to_pylist() == [u for _, u, _ in values]
    assert table.column("date").to_pylist() == [d for _, _, d in values]


def test_datetime64_dates_are_converted() -> None:
    spec = all_tables()["sales"]
    frame = pd.DataFrame([_row()])
    frame["date"] = pd.to_datetime(frame["date"])
    table = pq.read_table(io.BytesIO(to_parquet(spec, frame)))
    assert table.column("date").to_pylist() == [date(2024, 1, 2)]
