"""Public sales datasets without product ids, with taxes, as event logs or as listings: every row accounted for.

Kaggle's "Retail Sales Dataset" (the category is the product), "Supermarket sales" (revenue before its 5% tax),
REES46's cosmetics shop events (purchases are sales; views and cart events are counted, not stored) and the
"Amazon Sales Dataset" listings (a catalogue in rupees), generated in their published shapes
(``tests/fixtures/public/shapes.py``) and ingested through the CLI; the stored rows are checked against pandas
on the same file.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from shared.cli.main import main
from tests.e2e.ingest.cli_helpers import ingest_one, lift_rate_limits
from tests.e2e.ingest.conftest import Harness
from tests.fixtures.public import shapes


def test_rees46_purchases_are_sales_and_every_other_event_is_counted(
        chunk_rows: int | None, harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = shapes.rees46(3000, seed=20)
    raw = pd.read_csv(io.StringIO(text), dtype={"user_session": str})
    purchases = raw[raw["event_type"] == "purchase"]
    negative = purchases[purchases["price"] < 0]
    sold = purchases[purchases["price"] >= 0]
    doc = ingest_one(tmp_path, "2019-Oct.csv", text, capsys)
    assert doc["skipped"] == int((raw["event_type"] != "purchase").sum())  # views and cart events: no sale
    assert doc["rejected"] == len(negative) > 0
    assert doc["duplicates"] == int(sold.duplicated().sum()) > 0  # an event logged twice is one purchase
    assert doc["accepted"] == len(sold.drop_duplicates())
    for event in ("view", "cart", "remove_from_cart"):
        assert f"{event} {int((raw['event_type'] == event).sum()):,}" in doc["note"]
    reasons = {r["reason"] for r in harness.rows("SELECT reason FROM rejects WHERE tenant_id = 'acme'")}
    assert reasons == {f"price: a purchase at a negative price is not a sale (an event log records no returns) "
                       f"(got '{p:.2f}')" for p in negative["price"]}
    stored = harness.rows("SELECT SUM(units) AS units, SUM(unit_price) AS value, COUNT(DISTINCT order_id) AS orders "
                          "FROM sales WHERE tenant_id = 'acme'")[0]
    unique = sold.drop_duplicates()
    orders = unique["user_session"].fillna(unique["user_id"].astype(str) + unique["event_time"].str[:10])
    assert unique["user_session"].isna().any()  # purchases without a session: each customer's order of the day
    assert (stored["units"], round(stored["value"], 2), stored["orders"]) == (
        len(unique), round(unique["price"].sum(), 2), orders.nunique())
    brands = {r["sku"]: r["brand"] for r in harness.rows("SELECT sku, brand FROM products WHERE tenant_id = 'acme'")}
    named = unique.dropna(subset=["brand"]).drop_duplicates("product_id")
    assert {str(p): b for p, b in zip(named["product_id"], named["brand"], strict=True)}.items() <= brands.items()


def test_supermarket_sales_store_the_sale_before_tax_by_product_line(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = shapes.supermarket_sales(300, seed=22)
    raw = pd.read_csv(io.StringIO(text))
    doc = ingest_one(tmp_path, "supermarket_sales.csv", text, capsys)
    assert (doc["accepted"], doc["rejected"]) == (300, 0)
    assert "before the 5% tax" in doc["note"] and "'Product line' is its product" in doc["note"]
    stored = {r["sku"]: r["revenue"] for r in harness.rows(
        "SELECT sku, SUM(revenue) AS revenue FROM sales WHERE tenant_id = 'acme' GROUP BY sku")}
    truth = raw.groupby("Product line")["cogs"].sum()
    assert {k: round(v, 2) for k, v in stored.items()} == {str(k).upper(): round(v, 2) for k, v in truth.items()}
    assert round(sum(stored.values()), 2) != round(raw["Total"].sum(), 2)  # the tax is not revenue
    titles = {r["title"] for r in harness.rows("SELECT title FROM products WHERE tenant_id = 'acme'")}
    assert titles == set(raw["Product line"])


def test_retail_sales_dataset_lands_every_transaction_by_category(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = shapes.retail_sales(400, seed=23)
    raw = pd.read_csv(io.StringIO(text))
    doc = ingest_one(tmp_path, "retail_sales_dataset.csv", text, capsys)
    assert (doc["accepted"], doc["rejected"]) == (400, 0)  # refused whole before: "cannot tell the kind"
    assert "'Product Category' is its product" in doc["note"]
    stored = {r["sku"]: (r["units"], r["revenue"]) for r in harness.rows(
        "SELECT sku, SUM(units) AS units, SUM(revenue) AS revenue FROM sales WHERE tenant_id = 'acme' GROUP BY sku")}
    truth = raw.groupby("Product Category")[["Quantity", "Total Amount"]].sum()
    assert stored == {str(k).upper(): (int(q), float(t)) for k, (q, t) in truth.iterrows()}


def test_amazon_sales_dataset_is_a_catalogue_in_rupees(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = shapes.amazon_sales(300, seed=24)
    raw = pd.read_csv(io.StringIO(text))
    doc = ingest_one(tmp_path, "amazon.csv", text, capsys)
    assert doc["kind"] == "products" and doc["duplicates"] == int(raw.duplicated().sum()) > 0
    assert doc["accepted"] == raw["product_id"].nunique() and doc["rejected"] == 0
    products = {r["sku"]: r for r in harness.rows(
        "SELECT sku, title, category, price, msrp, currency FROM products WHERE tenant_id = 'acme'")}
    assert len(products) == raw["product_id"].nunique()
    for _, row in raw.drop_duplicates("product_id").iterrows():
        got = products[row["product_id"]]
        assert got["title"] == row["product_name"] and got["category"] == row["category"].split("|")[0]
        assert got["price"] == float(row["discounted_price"].lstrip("₹").replace(",", ""))
        assert got["msrp"] == float(row["actual_price"].lstrip("₹").replace(",", ""))  # ₹1,39,900 too
        assert got["currency"] == "INR"


def test_a_catalogue_larger_than_the_vocabulary_is_counted_whole(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The question vocabulary reads the first 20,000 products; "how many products" counts them all (the Amazon
    Sales Dataset's shape at 50,000 rows answered 20,000)."""
    import shared.store.vocabulary as vocabulary

    lift_rate_limits(monkeypatch)
    monkeypatch.setattr(vocabulary, "MAX_PRODUCTS", 50)
    text = shapes.amazon_sales(300, seed=25)
    raw = pd.read_csv(io.StringIO(text)).drop_duplicates("product_id")
    ingest_one(tmp_path, "amazon.csv", text, capsys)
    for question, truth in (("How many products do we have?", len(raw)),
                            ("How many products do we have in Electronics?",
                             int((raw["category"].str.split("|").str[0] == "Electronics").sum()))):
        assert main(["ask", question, "--tenant", "acme", "--json", "--no-cache"]) == 0
        answer = json.loads(capsys.readouterr().out)["answer"]
        assert answer.startswith(f"Your catalogue has {truth:,} products"), answer


def test_products_past_the_vocabulary_are_named_by_their_titles(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A ranking names every product "Title (SKU)", also those past the vocabulary's first 20,000 SKUs (the real
    Complete Journey's best seller, 6534178 of 92,331 products, was named by its bare SKU)."""
    import shared.store.vocabulary as vocabulary

    lift_rate_limits(monkeypatch)
    monkeypatch.setattr(vocabulary, "MAX_PRODUCTS", 5)
    ingest_one(tmp_path, "Online Retail.csv", shapes.online_retail(1500, seed=26), capsys)
    stored = {r["sku"]: r["title"] for r in harness.rows("SELECT sku, title FROM products WHERE tenant_id = 'acme'")}
    assert main(["ask", "What were our top 5 products by units?", "--tenant", "acme", "--json", "--no-cache"]) == 0
    report = json.loads(capsys.readouterr().out)
    shown = [row[0] for row in report["table"]["rows"][:5]]
    ranked = [sku for sku in stored if any(cell.endswith(f"({sku})") for cell in shown)]
    assert len(ranked) == 5 and all(f"{stored[sku]} ({sku})" in shown for sku in ranked), shown
    assert any(sku not in sorted(stored)[:5] for sku in ranked)  # some lie past the vocabulary's SKUs


def test_a_catalogue_past_the_vocabulary_keeps_its_best_sellers(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The vocabulary of a catalogue past its cap holds the products that sell, not the first SKUs in sort order: a
    grocer's best seller (SKU 6534178 of 92,331) was cut, and "how much gasoline did we sell" read two gasoline
    products that had sold nothing."""
    import shared.store.vocabulary as vocabulary

    monkeypatch.setattr(vocabulary, "MAX_PRODUCTS", 20)
    ingest_one(tmp_path, "Online Retail.csv", shapes.online_retail(1500, seed=27), capsys)
    lines = {r["sku"]: r["n"] for r in harness.rows("SELECT sku, COUNT(*) AS n FROM sales WHERE tenant_id = 'acme' "
                                                     "GROUP BY sku")}
    catalogue = sorted(r["sku"] for r in harness.rows("SELECT sku FROM products WHERE tenant_id = 'acme'"))
    best = sorted(sorted(catalogue, key=lambda sku: (-lines.get(sku, 0), sku))[:20])
    kept = [p.sku for p in vocabulary.read_vocabulary(harness.deps.warehouse, "acme").products]
    assert len(catalogue) > 20 and kept == best  # the best sellers, listed in SKU order as before
    assert kept != catalogue[:20]  # not the first SKUs in sort order


def test_sample_sales_data_as_published_in_latin_1(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Kaggle "Sample Sales Data" was refused ("cannot tell the kind"): QUANTITYORDERED and PRICEEACH matched no
    alias. Now SALES is the revenue (PRICEEACH is capped at 100), Cancelled lines are refused, "NA" is a territory."""
    text = shapes.sample_sales(600, seed=27)
    path = tmp_path / "sales_data_sample.csv"
    path.write_bytes(text.encode("cp1252"))
    assert main(["ingest", str(path), "--tenant", "acme", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    raw = pd.read_csv(io.StringIO(text), keep_default_na=False)
    cancelled = raw["STATUS"] == "Cancelled"
    assert (doc["rows_read"], doc["accepted"], doc["rejected"]) == (600, int((~cancelled).sum()), int(cancelled.sum()))
    assert cancelled.any()
    assert "PRICEEACH is capped" in doc["note"]
    stored = harness.rows("SELECT region, SUM(revenue) AS revenue, SUM(units) AS units, COUNT(DISTINCT customer_hash)"
                          " AS customers FROM sales WHERE tenant_id = 'acme' GROUP BY region")
    sold = raw[~cancelled]
    truth = sold.groupby("TERRITORY").agg(revenue=("SALES", "sum"), units=("QUANTITYORDERED", "sum"),
                                          customers=("CUSTOMERNAME", "nunique"))
    assert {r["region"]: (round(r["revenue"], 2), r["units"], r["customers"]) for r in stored} == {
        k: (round(v.revenue, 2), int(v.units), int(v.customers)) for k, v in truth.iterrows()}
    assert "NA" in {r["region"] for r in stored}  # North America, not a missing value
    assert (sold["PRICEEACH"] * sold["QUANTITYORDERED"] - sold["SALES"]).abs().max() > 1  # the capped price
    reasons = {r["reason"] for r in harness.rows("SELECT reason FROM rejects WHERE tenant_id = 'acme'")}
    assert reasons == {"STATUS: order status 'Cancelled': a cancelled order line is not a sale (got 'Cancelled')"}


def test_flipkart_products_are_a_catalogue_by_top_category(
        harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = shapes.flipkart(200, seed=27)
    raw = pd.read_csv(io.StringIO(text), dtype={"pid": str})
    doc = ingest_one(tmp_path, "flipkart_com-ecommerce_sample.csv", text, capsys)
    assert (doc["kind"], doc["accepted"], doc["rejected"]) == ("products", 200, 0)
    assert "first part of product_category_tree" in doc["note"]
    products = {r["sku"]: r for r in harness.rows(
        "SELECT sku, title, brand, category, price, msrp FROM products WHERE tenant_id = 'acme'")}
    for _, row in raw.iterrows():
        got = products[row["pid"]]
        assert got["category"] == row["product_category_tree"][2:].split(" >> ")[0]
        assert got["title"] == row["product_name"]
        assert pd.isna(got["brand"]) if pd.isna(row["brand"]) else got["brand"] == row["brand"]
        for field, column in (("price", "discounted_price"), ("msrp", "retail_price")):
            assert (got[field] is None or pd.isna(got[field])) if pd.isna(row[column]) else \
                got[field] == float(row[column])
