"""Rows labelled ``store {id}`` before the store names arrived, restated under the names (``shared.ingest.relabel``),
on the embedded warehouse (DuckDB): moved, re-keyed as a names-first row is keyed, never copied."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from shared.deps import get_deps, reset_deps
from shared.ingest.relabel import keyed, restate_labels
from shared.models.records import DataKind


def _sales(channels: list[str]) -> pd.DataFrame:
    n = len(channels)
    rows = pd.DataFrame({
        "sku": [f"P{i}" for i in range(n)], "date": pd.to_datetime(["2017-03-01"] * n), "units": [2] * n,
        "unit_price": [10.0] * n, "revenue": [20.0] * n, "currency": [None] * n,
        "order_id": [str(100 + i) for i in range(n)], "channel": channels})
    for name in ("promo", "discount", "refund", "returned_units", "customer_hash", "line_cost", "country", "region",
                 "state", "discount_included"):
        rows[name] = None
    return rows


@pytest.mark.parametrize("page_rows", [50_000, 1])  # one page, and a page per row (a store's history in pages)
def test_labelled_sales_move_under_their_names_with_the_names_first_key(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch,
                                                                          page_rows: int) -> None:
    monkeypatch.setenv("ECOMINTEL_HOME", str(tmp_path / "home"))
    reset_deps()
    wh = get_deps().warehouse
    stored = keyed(_sales(["store 1", "store 2", "web"]), DataKind.SALES).assign(
        tenant_id="acme", ingestion_id="i1", source_uri="x", source_row=1, ingested_at=pd.Timestamp("2025-01-01"),
        quality_flags=None)
    wh.upsert("sales", stored, ["tenant_id", "record_key"])
    wh.upsert("sales", stored.assign(tenant_id="other"), ["tenant_id", "record_key"])

    assert restate_labels(wh, "acme", "store", {"1": "Baldwin Bikes", "2": "Rowlett Bikes"}, page_rows) == 2

    got = wh.query("SELECT channel, record_key FROM sales WHERE tenant_id = @t ORDER BY channel", {"t": "acme"})
    first = keyed(_sales(["Baldwin Bikes", "Rowlett Bikes", "web"]), DataKind.SALES)
    assert got["channel"].tolist() == ["Baldwin Bikes", "Rowlett Bikes", "web"]
    assert sorted(got["record_key"]) == sorted(first["record_key"])  # as if the names had come first
    other = wh.query("SELECT channel FROM sales WHERE tenant_id = @t ORDER BY channel", {"t": "other"})
    assert other["channel"].tolist() == ["store 1", "store 2", "web"]  # another tenant's rows are not touched
    reset_deps()
