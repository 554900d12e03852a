"""Retail Store Inventory's rows split three ways, row for row: every published row lands or is rejected with its
reason, and the stored sales, stock and competitor prices are the file's own (checked against pandas)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest.cli_helpers import ingest_one
from tests.e2e.ingest.conftest import Harness
from tests.fixtures.public import store_shapes


def test_a_store_day_row_lands_as_a_sale_a_stock_count_and_a_competitor_price(
        chunk_rows: int | None, harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Loaded as sales alone before (its stock and its competitor's price lost). A row without a readable date
    feeds nothing and is rejected in the file's own ingestion; a bad number is rejected by the derived file's."""
    text = store_shapes.retail_store_inventory(stores=2, products=3, days=20, seed=9)["retail_store_inventory.csv"]
    lines = text.splitlines()
    bad_date = lines[1].replace(lines[1].split(",")[0], "2022-13-45", 1)
    bad_units = ",".join(v if i != 6 else "many" for i, v in enumerate(lines[2].split(",")))
    text = "\n".join([lines[0], bad_date, bad_units, *lines[3:]]) + "\n"
    dated = pd.read_csv(io.StringIO(text), dtype=str).iloc[1:]  # every row but the bad date feeds stock and prices
    raw = dated.iloc[1:]  # and every row but the bad number a sale
    doc = ingest_one(tmp_path, "retail_store_inventory.csv", text, capsys)
    assert (doc["rows_read"], doc["accepted"], doc["rejected"]) == (len(raw) + 2, len(raw) + 1, 1)
    reasons = [r["reason"] for r in harness.rows("SELECT reason FROM rejects WHERE tenant_id = 'acme'")]
    assert sorted(reasons)[0].startswith("Date: not a date") and any(r.startswith("units") for r in reasons), reasons
    assert len(reasons) == 2
    units = raw["Units Sold"].astype(int)
    price = raw["Price"].astype(float)
    sales = harness.rows("SELECT SUM(units) AS units, SUM(units * unit_price) AS gross, SUM(discount) AS discount, "
                         "COUNT(*) AS lines, COUNT_IF(quality_flags LIKE '%sales:total_per_day%') AS totals "
                         "FROM sales WHERE tenant_id = 'acme'")[0]
    assert (sales["units"], sales["lines"], sales["totals"]) == (units.sum(), len(raw), len(raw))
    assert sales["gross"] == pytest.approx((units * price).sum())
    assert sales["discount"] == pytest.approx((units * price * raw["Discount"].astype(float) / 100).round(2).sum())
    stock = harness.rows("SELECT SUM(on_hand) AS on_hand, COUNT(*) AS n FROM inventory WHERE tenant_id = 'acme'")[0]
    assert (stock["on_hand"], stock["n"]) == (dated["Inventory Level"].astype(int).sum(), len(dated))
    offers = harness.rows("SELECT competitor, COUNT(*) AS n, SUM(price) AS total FROM competitor_prices "
                          "WHERE tenant_id = 'acme' GROUP BY competitor ORDER BY competitor")
    assert [r["competitor"] for r in offers] == ["competitor of S001", "competitor of S002"]
    assert (sum(r["n"] for r in offers), sum(r["total"] for r in offers)) == \
        (len(dated), pytest.approx(dated["Competitor Pricing"].astype(float).sum()))
