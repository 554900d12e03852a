"""Rows labelled ``store {id}`` before the store names arrived, restated under the names (``shared.ingest.relabel``),
on the embedded warehouse (DuckDB): moved, re-keyed as a names-first row is keyed, never copied."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
                 "state", "discount_included", "payment_method", "seller", "time_of_day"):
        rows[name] = None
    return rows


def _stored_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, channels: list[str]) -> tuple[Any, pd.DataFrame]:
    """An embedded home whose warehouse holds tenant acme's sales on ``channels``, keyed as ingest keys them."""
    monkeypatch.setenv("ECOMINTEL_HOME", str(tmp_path / "home"))
    reset_deps()
    wh = get_deps().warehouse
    stored = keyed(_sales(channels), DataKind.SALES).assign(
        tenant_id="acme", ingestion_id="i1", source_uri="x", source_row=1, ingested_at=pd.Timestamp("2025-01-01"),
        quality_flags=None)
    wh.upsert("sales", stored, ["tenant_id", "record_key"])
    return wh, stored


@pytest.mark.parametrize("page_rows", [50_000, 1])  # one page, and a page per row (a store's history in pages)
def test_labelled_sales_move_under_their_names_with_the_names_first_key(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch,
                                                                          page_rows: int) -> None:
    wh, stored = _stored_home(tmp_path, monkeypatch, ["store 1", "store 2", "web"])
    wh.upsert("sales", stored.assign(tenant_id="other"), ["tenant_id", "record_key"])

    assert restate_labels(wh, "acme", "store", {"1": "Baldwin Bikes", "2": "Rowlett Bikes"}, page_rows) == 2

    got = wh.query("SELECT channel, record_key FROM sales WHERE tenant_id = @t ORDER BY channel", {"t": "acme"})
    first = keyed(_sales(["Baldwin Bikes", "Rowlett Bikes", "web"]), DataKind.SALES)
    assert got["channel"].tolist() == ["Baldwin Bikes", "Rowlett Bikes", "web"]
    assert sorted(got["record_key"]) == sorted(first["record_key"])  # as if the names had come first
    other = wh.query("SELECT channel FROM sales WHERE tenant_id = @t ORDER BY channel", {"t": "other"})
    assert other["channel"].tolist() == ["store 1", "store 2", "web"]  # another tenant's rows are not touched
    reset_deps()


class _DiesAfterACommit:
    """A DuckDB cursor whose process dies at the first statement after a transaction commits."""

    def __init__(self, cursor: object, state: dict[str, bool]) -> None:
        self._cursor, self._state = cursor, state

    def execute(self, sql: str, *args: object) -> object:
        if self._state["committed"]:
            raise SystemExit("killed")
        result = self._cursor.execute(sql, *args)  # type: ignore[attr-defined]
        self._state["committed"] |= sql.strip().upper() == "COMMIT"
        return result

    def __getattr__(self, name: str) -> object:
        return getattr(self._cursor, name)


def test_a_crash_after_a_page_is_written_leaves_each_row_in_one_form(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: a page's renamed rows were committed, then its labelled rows dropped in a second statement: a crash
    between left the page in both forms (6 rows for 3, the labelled ones counted twice) until the retry. Now the
    page moves in one transaction: whatever the crash point, each row is in one form, and the retry converges."""
    wh, _ = _stored_home(tmp_path, monkeypatch, ["store 1", "store 2", "store 1"])
    state = {"committed": False}
    real = wh._cursor
    with monkeypatch.context() as crash:
        crash.setattr(wh, "_cursor", lambda: _DiesAfterACommit(real(), state))
        with pytest.raises(SystemExit):
            restate_labels(wh, "acme", "store", {"1": "Baldwin Bikes", "2": "Rowlett Bikes"})
    totals = "SELECT COUNT(*) AS n, SUM(revenue) AS value FROM sales WHERE tenant_id = @t"
    assert wh.query(totals, {"t": "acme"}).iloc[0].tolist() == [3, 60.0]  # one form per row, nothing counted twice
    restate_labels(wh, "acme", "store", {"1": "Baldwin Bikes", "2": "Rowlett Bikes"})  # the names file's retry
    got = wh.query("SELECT channel FROM sales WHERE tenant_id = @t ORDER BY channel", {"t": "acme"})
    assert got["channel"].tolist() == ["Baldwin Bikes", "Baldwin Bikes", "Rowlett Bikes"]
    reset_deps()
