"""Favorita's two Kaggle sets, Pakistan's E-Commerce Dataset, Zara Sales and BigBasket, row for row.

Each is generated in its published shape (``tests/fixtures/public/forecast_shapes.py``, ``market_shapes.py``) and
ingested through the CLI; every row is accounted for (``rows_read == accepted + rejected + duplicates + held +
skipped``), rejects carry their reason, and the stored rows are checked against pandas on the same file.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.e2e.ingest.cli_helpers import ingest_one
from tests.e2e.ingest.conftest import Harness
from tests.e2e.ingest.test_public_questions_more import whole
from tests.fixtures.public import forecast_shapes, market_shapes


def _reasons(harness: Harness) -> dict[str, int]:
    rows = harness.rows("SELECT reason, COUNT(*) AS n FROM rejects WHERE tenant_id = 'acme' GROUP BY reason")
    return {r["reason"]: int(r["n"]) for r in rows}


def test_favorita_store_sales_land_every_day_store_and_family(
        chunk_rows: int | None, harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Refused before ("cannot tell the kind"). Each row is a line: the family the product, the store the channel,
    a zero row 0 units, a weight rounded to whole units and flagged; the five other files are acknowledged."""
    files = forecast_shapes.store_sales(2500, seed=41)
    raw = pd.read_csv(io.StringIO(files["train.csv"]))
    doc = ingest_one(tmp_path, "train.csv", files["train.csv"], capsys)
    fractional = raw["sales"] % 1 != 0
    assert (doc["kind"], doc["rows_read"], doc["accepted"], doc["rejected"]) == ("sales", len(raw), len(raw), 0)
    assert fractional.any() and (raw["sales"] == 0).any() and raw["family"].eq("LIQUOR,WINE,BEER").any()
    assert f"{int(fractional.sum()):,} lines of goods sold by weight" in doc["note"]
    stored = harness.rows("SELECT sku, channel, SUM(units) AS units, COUNT(*) AS lines, COUNT_IF(promo) AS promo, "
                          "COUNT_IF(quality_flags LIKE '%units:rounded%') AS rounded, COUNT(revenue) AS priced "
                          "FROM sales WHERE tenant_id = 'acme' GROUP BY sku, channel")
    truth = raw.assign(units=whole(raw["sales"]), channel="store " + raw["store_nbr"].astype(str),
                       promo=raw["onpromotion"] > 0, rounded=fractional).groupby(["family", "channel"]).agg(
        units=("units", "sum"), lines=("units", "size"), promo=("promo", "sum"), rounded=("rounded", "sum"))
    assert {(r["sku"], r["channel"]): (r["units"], r["lines"], r["promo"], r["rounded"]) for r in stored} == {
        k: (int(v.units), int(v.lines), int(v.promo), int(v.rounded)) for k, v in truth.iterrows()}
    assert sum(r["priced"] for r in stored) == 0  # no prices: no revenue is made up
    weighed = raw[fractional]  # rounding moves each weighed line by at most half a unit
    assert abs(whole(weighed["sales"]).sum() - weighed["sales"].sum()) <= 0.5 * len(weighed)
    titles = {r["sku"]: r["title"] for r in harness.rows("SELECT sku, title FROM products WHERE tenant_id = 'acme'")}
    assert titles == {f: f for f in raw["family"].unique()}
    for name in ("stores.csv", "oil.csv", "holidays_events.csv", "transactions.csv", "test.csv"):
        rows = len(pd.read_csv(io.StringIO(files[name])))
        other = ingest_one(tmp_path, name, files[name], capsys)
        assert (other["rows_read"], other["skipped"], other["accepted"]) == (rows, rows, 0), name
        assert other["note"].startswith("Favorita"), other["note"]
    again = ingest_one(tmp_path, "train-again.csv", files["train.csv"], capsys)
    assert (again["accepted"], again["duplicates"]) == (0, len(raw))


def test_favorita_grocery_sales_negative_units_are_returns_and_items_the_catalogue(
        chunk_rows: int | None, harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = forecast_shapes.grocery(3000, seed=42)
    raw = pd.read_csv(io.StringIO(files["train.csv"]))
    items = pd.read_csv(io.StringIO(files["items.csv"]))
    doc = ingest_one(tmp_path, "train.csv", files["train.csv"], capsys)
    assert (doc["rows_read"], doc["accepted"], doc["rejected"]) == (len(raw), len(raw), 0)
    units = whole(raw["unit_sales"])
    assert (units < 0).any() and (raw["unit_sales"] % 1 != 0).any()
    stored = harness.rows("SELECT sku, SUM(units) AS units, SUM(COALESCE(returned_units, 0)) AS returned, "
                          "COUNT_IF(promo) AS promo FROM sales WHERE tenant_id = 'acme' GROUP BY sku")
    truth = raw.assign(units=units.clip(lower=0), returned=(-units).clip(lower=0),
                       promo=raw["onpromotion"].astype(str).eq("True")).groupby("item_nbr")[
        ["units", "returned", "promo"]].sum()
    assert {r["sku"]: (r["units"], r["returned"], r["promo"]) for r in stored} == {
        str(k): (int(v.units), int(v.returned), int(v.promo)) for k, v in truth.iterrows()}
    catalogue = ingest_one(tmp_path, "items.csv", files["items.csv"], capsys)
    assert (catalogue["kind"], catalogue["accepted"], catalogue["rejected"]) == ("products", len(items), 0)
    products = {r["sku"]: (r["title"], r["category"]) for r in harness.rows(
        "SELECT sku, title, category FROM products WHERE tenant_id = 'acme'")}
    assert products == {str(n): (f"item {n}", f) for n, f in zip(items["item_nbr"], items["family"], strict=True)}


def test_pakistan_ecommerce_refunds_are_returns_and_empty_rows_are_skipped(
        chunk_rows: int | None, harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = market_shapes.pakistan(1500, seed=43, empty_rows=120)
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    doc = ingest_one(tmp_path, "Pakistan Largest Ecommerce Dataset.csv", text, capsys)
    rows = raw[raw["item_id"] != ""]
    no_sku = rows["sku"] == ""
    refused = rows["status"].isin(["canceled", "fraud"]) & ~no_sku
    returned = rows["status"].isin(["refund", "order_refunded"]) & ~no_sku
    assert (doc["rows_read"], doc["skipped"]) == (1620, 120)
    assert (doc["accepted"], doc["rejected"]) == (int((~refused & ~no_sku).sum()), int((refused | no_sku).sum()))
    assert "120 empty rows" in doc["note"] and "grand_total is the order's total" in doc["note"]
    reasons = _reasons(harness)
    assert reasons.pop("sku: required value missing", 0) == int(no_sku.sum())
    assert reasons == {f"status: order status {s!r}: a cancelled order line is not a sale (got {s!r})": n
                       for s, n in rows[refused]["status"].value_counts().items()}
    price, qty, off = (rows["price"].astype(float), rows["qty_ordered"].astype(int),
                       rows["discount_amount"].astype(float))
    sold = ~refused & ~returned & ~no_sku
    stored = harness.rows("SELECT SUM(revenue) AS revenue, SUM(units) AS units, SUM(returned_units) AS returned, "
                          "SUM(refund) AS refund, SUM(discount) AS discount FROM sales WHERE tenant_id = 'acme'")[0]
    assert round(stored["revenue"], 2) == round(float((price * qty)[sold].sum()), 2)
    assert round(stored["revenue"], 2) != round(float(rows.loc[sold, "grand_total"].astype(float).sum()), 2)
    assert (stored["units"], stored["returned"]) == (int(qty[sold].sum()), int(qty[returned].sum()))
    assert round(stored["refund"], 2) == round(float((price * qty - off)[returned].sum()), 2)
    assert round(stored["discount"], 2) == round(float(off[sold].sum()), 2)
    categories = {r["sku"]: r["category"] for r in harness.rows(
        "SELECT sku, category FROM products WHERE tenant_id = 'acme'")}
    assert categories and "\\N" not in categories.values()  # MySQL's \N is an empty cell, not a category


def test_zara_sales_is_a_catalogue_whose_sales_volumes_have_no_dates(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = market_shapes.zara(200, seed=44)
    raw = pd.read_csv(io.StringIO(text), sep=";")
    doc = ingest_one(tmp_path, "zara.csv", text, capsys)
    assert (doc["kind"], doc["accepted"], doc["rejected"]) == ("products", 200, 0)
    assert "'Sales Volume' is each product's total units with no dates" in doc["note"]
    products = {r["sku"]: r for r in harness.rows(
        "SELECT sku, title, brand, category, price, currency FROM products WHERE tenant_id = 'acme'")}
    for _, row in raw.iterrows():
        got = products[str(row["Product ID"])]
        assert (got["title"], got["brand"], got["category"], got["currency"]) == (row["name"], "Zara", row["terms"],
                                                                                  "USD")
        assert got["price"] == row["price"]
    assert harness.count("sales") == 0


def test_bigbasket_is_a_catalogue_keyed_by_its_row_index(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Refused before ("cannot tell the kind"): the row index is its only id."""
    text = market_shapes.bigbasket(3000, seed=45)
    raw = pd.read_csv(io.StringIO(text), keep_default_na=False)
    doc = ingest_one(tmp_path, "BigBasket Products.csv", text, capsys)
    unnamed = raw["product"] == ""
    assert unnamed.any() and raw["description"].str.contains("\n").any()
    assert (doc["kind"], doc["rows_read"], doc["accepted"], doc["rejected"]) == (
        "products", 3000, int((~unnamed).sum()), int(unnamed.sum()))
    assert set(_reasons(harness)) == {"product: required value missing"}
    products = {r["sku"]: r for r in harness.rows(
        "SELECT sku, title, brand, category, price, msrp, currency FROM products WHERE tenant_id = 'acme'")}
    for _, row in raw[~unnamed].iterrows():
        got = products[str(row["index"])]
        assert (got["title"], got["category"], got["price"], got["msrp"]) == (
            row["product"], row["category"], float(row["sale_price"]), float(row["market_price"]))
        assert got["brand"] == row["brand"].strip() if row["brand"].strip() else pd.isna(got["brand"])
        assert pd.isna(got["currency"])


M5_ORDERS = {"calendar first": ("calendar.csv", "sell_prices.csv", "sales_train_validation.csv"),
             "sales held for the calendar": ("sales_train_validation.csv", "sell_prices.csv", "calendar.csv"),
             "prices last": ("calendar.csv", "sales_train_validation.csv", "sell_prices.csv")}


@pytest.mark.parametrize("order", list(M5_ORDERS), ids=list(M5_ORDERS))
def test_m5_wide_sales_are_melted_dated_and_valued_in_any_order(
        order: str, harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Refused before ("cannot tell the kind"). Each day with units is a line of the item in its store, dated by the
    calendar, valued at the week's sell price, whichever of the three files arrives first."""
    from tests.e2e.ingest.test_public_questions_more import m5_lines

    files = forecast_shapes.m5(21, 90, seed=46, stores=3)
    wide = pd.read_csv(io.StringIO(files["sales_train_validation.csv"]))
    days = wide.filter(like="d_")
    docs = {name: ingest_one(tmp_path, name, files[name], capsys) for name in M5_ORDERS[order]}
    sales = docs["sales_train_validation.csv"]
    assert sales["rows_read"] == len(wide) and sales["rejected"] == 0
    if order == "sales held for the calendar":
        assert (sales["held"], sales["accepted"]) == (len(wide), 0) and "held until calendar.csv" in sales["note"]
    else:
        assert (sales["held"], sales["accepted"]) == (0, len(wide))
        assert f"{int((days > 0).sum().sum()):,} days with units sold" in sales["note"]
        assert f"{int((days == 0).sum().sum()):,} days without sales not stored" in sales["note"]
    assert docs["calendar.csv"]["accepted"] == len(pd.read_csv(io.StringIO(files["calendar.csv"])))
    truth = m5_lines(files)
    stored = harness.rows("SELECT sku, channel, state, COUNT(*) AS lines, SUM(units) AS units, SUM(revenue) AS revenue,"
                          " MIN(date) AS first FROM sales WHERE tenant_id = 'acme' GROUP BY sku, channel, state")
    expected = truth.groupby(["sku", "store", "state"]).agg(lines=("qty", "size"), units=("qty", "sum"),
                                                            revenue=("value", "sum"), first=("day", "min"))
    assert {(r["sku"], r["channel"], r["state"]): (r["lines"], r["units"], round(r["revenue"], 2),
                                                   pd.Timestamp(r["first"])) for r in stored} == {
        k: (int(v.lines), int(v.units), round(v.revenue, 2), v.first) for k, v in expected.iterrows()}
    categories = {r["sku"]: r["category"] for r in harness.rows("SELECT sku, category FROM products")}
    assert categories == dict(zip(wide["item_id"], wide["cat_id"], strict=False))


def test_m5_evaluation_file_after_the_validation_file_adds_only_its_last_days(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = forecast_shapes.m5(14, 60, seed=47, stores=2)
    later = forecast_shapes.m5(14, 88, seed=47, stores=2, evaluation=True)["sales_train_evaluation.csv"]
    for name in ("calendar.csv", "sell_prices.csv", "sales_train_validation.csv"):
        ingest_one(tmp_path, name, files[name], capsys)
    before = harness.count("sales")
    ingest_one(tmp_path, "sales_train_evaluation.csv", later, capsys)
    wide = pd.read_csv(io.StringIO(later))
    assert harness.count("sales") == int((wide.filter(like="d_") > 0).sum().sum()) > before


def test_m5_days_the_calendar_does_not_name_are_counted_not_lost_silently(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = forecast_shapes.m5(7, 40, seed=48, stores=1)
    calendar = files["calendar.csv"].splitlines()
    ingest_one(tmp_path, "calendar.csv", "\n".join(calendar[:31]) + "\n", capsys)  # d_1 ... d_30 only
    doc = ingest_one(tmp_path, "sales_train_validation.csv", files["sales_train_validation.csv"], capsys)
    days = pd.read_csv(io.StringIO(files["sales_train_validation.csv"])).filter(like="d_")
    late = int((days.iloc[:, 30:] > 0).sum().sum())
    assert late and f"{late:,} days with units sold that calendar.csv does not name" in doc["note"]
    assert harness.count("sales") == int((days.iloc[:, :30] > 0).sum().sum())


_M5_CHILD = r"""
import json, sys
import numpy as np
from shared.deps import get_deps
from shared.events import StorageObjectEvent
from shared.ingest.pipeline import ingest_object
from tests.fixtures.public.forecast_shapes import m5

rows, days = int(sys.argv[1]), 1941
deps = get_deps()
bucket = deps.settings.bucket_name("raw")
def put(name, data):
    key = f"raw/acme/sales/2024/01/01/up_{len(name):032d}/{name}"
    deps.blobs.write(bucket, key, data, metadata={"tenant_id": "acme"})
    return key
def ingest(key):
    return ingest_object(deps, StorageObjectEvent(event_id=key, bucket=bucket, name=key, generation="1",
                                                  metadata={"tenant_id": "acme"}))
ingest(put("calendar.csv", m5(1, days, seed=1, stores=1)["calendar.csv"].encode()))
rng = np.random.default_rng(1)
head = "id,item_id,dept_id,cat_id,store_id,state_id," + ",".join(f"d_{i + 1}" for i in range(days)) + "\n"
units = rng.poisson(0.8, size=(rows, days))
body = "".join(f"FOODS_3_{r:04d}_CA_1_validation,FOODS_3_{r:04d},FOODS_3,FOODS,CA_1,CA,"
               + ",".join(map(str, units[r])) + "\n" for r in range(rows))
key = put("sales_train_validation.csv", (head + body).encode())
size, cells, sold = len(head) + len(body), rows * days, int((units > 0).sum())
del body, units

def status(k):
    for line in open("/proc/self/status"):
        if line.startswith(k):
            return int(line.split()[1]) * 1024
before = status("VmRSS:")
open("/proc/self/clear_refs", "w").write("5")
result = ingest(key)
peak = status("VmHWM:")
print(json.dumps({"status": str(result.status), "rows_read": result.rows_read, "accepted": result.accepted,
                  "note": result.note, "size": size, "cells": cells, "sold": sold, "growth": peak - before}))
"""


def _m5_child(home: Path, rows: int) -> dict[str, Any]:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ECOMINTEL_")}
    environ.update({"ECOMINTEL_HOME": str(home), "ARROW_DEFAULT_MEMORY_POOL": "system",
                    "PYTHONPATH": str(root)})
    done = subprocess.run([sys.executable, "-c", _M5_CHILD, str(rows)], cwd=root, env=environ, capture_output=True,
                          text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert (out["status"], out["rows_read"], out["accepted"]) == ("staged", rows, rows), out
    assert f"{out['sold']:,} days with units sold" in out["note"]
    return out


def test_m5_wide_file_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """The real file is 30,490 rows x 1,947 columns: read in row chunks of at most 500,000 cells, its lines spooled
    to disk, so the memory an ingest takes does not grow with the file (600 rows, then 3,000: 5.8M cells)."""
    small, large = _m5_child(tmp_path / "small", 600), _m5_child(tmp_path / "large", 3000)
    assert large["cells"] == 5 * small["cells"]
    assert large["growth"] < small["growth"] + (48 << 20), (small["growth"] >> 20, large["growth"] >> 20)
