"""Public e-commerce datasets as published go in through the real upload path (fixtures: tests/fixtures/public).

The kind is detected from the header alone, dates in the datasets' own shapes (``m/d/yyyy h:mm``, Unix
seconds and milliseconds) are read, cancellations become returns, and reviews without ids get stable ids
from their content, so the same export uploaded twice stores each review once.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from shared.ingest.headers import export_profile, map_columns
from shared.ingest.kinds import detect_kind
from shared.models.records import DataKind
from tests.e2e.ingest.conftest import Harness

PUBLIC = Path(__file__).parents[2] / "fixtures" / "public"


def _ingest(harness: Harness, name: str) -> dict[str, Any]:
    return harness.ingest((PUBLIC / name).read_bytes(), filename=name, content_type="text/csv")


def _header(name: str) -> list[str]:
    return (PUBLIC / name).read_text().splitlines()[0].split(",")


@pytest.mark.parametrize(("name", "kind", "fields"), [
    ("online_retail.csv", DataKind.SALES,
     {"InvoiceNo": "order_id", "StockCode": "sku", "Quantity": "units", "InvoiceDate": "date",
      "UnitPrice": "unit_price", "CustomerID": "customer_id"}),
    ("online_retail_ii.csv", DataKind.SALES,
     {"Invoice": "order_id", "StockCode": "sku", "Price": "unit_price", "Customer ID": "customer_id"}),
    ("amazon_reviews.csv", DataKind.REVIEWS,
     {"asin": "sku", "overall": "rating", "reviewText": "text", "summary": "title", "unixReviewTime": "date",
      "reviewerName": "author"}),
    ("amazon_reviews_2023.csv", DataKind.REVIEWS,
     {"asin": "sku", "rating": "rating", "text": "text", "timestamp": "date", "user_id": "author",
      "verified_purchase": "verified"}),
])
def test_public_headers_are_recognised_and_mapped(name: str, kind: DataKind, fields: dict[str, str]) -> None:
    header = _header(name)
    assert detect_kind(header) is kind
    mapped = map_columns(header, kind).as_document()
    assert {h: mapped[h] for h in fields} == fields


def test_online_retail_lands_with_cancellations_as_returns(harness: Harness) -> None:
    doc = _ingest(harness, "online_retail.csv")
    assert doc["status"] == "processed" and doc["kind"] == "sales"
    assert (doc["accepted"], doc["rejected"]) == (6, 0)
    rows = {r["order_id"]: r for r in harness.rows(
        "SELECT order_id, sku, date, units, revenue, refund, returned_units FROM sales WHERE tenant_id = 'acme'")}
    assert str(rows["536365"]["date"])[:10] == "2010-12-01" and str(rows["536384"]["date"])[:10] == "2010-12-13"
    cancelled = rows["C536383"]
    assert (cancelled["units"], cancelled["revenue"], cancelled["returned_units"]) == (0, 0, 1)
    assert cancelled["refund"] == pytest.approx(4.65)


def test_online_retail_ii_lands(harness: Harness) -> None:
    doc = _ingest(harness, "online_retail_ii.csv")
    assert doc["status"] == "processed" and (doc["accepted"], doc["rejected"]) == (3, 1)
    (reject,) = harness.rows("SELECT reason FROM rejects WHERE tenant_id = 'acme'")
    assert reject["reason"].startswith("Quantity: a negative quantity at a price of 0 is a stock adjustment")
    days = {str(r["date"])[:10] for r in harness.rows("SELECT date FROM sales WHERE tenant_id = 'acme'")}
    assert days == {"2009-12-01"}


@pytest.mark.parametrize(("name", "expected"), [
    ("amazon_reviews.csv", {("0000013714", date(2009, 9, 13), 5), ("0000013714", date(2013, 6, 13), 2)}),
    ("amazon_reviews_2023.csv", {("B00YQ6X8EO", date(2020, 5, 5), 5), ("B081TJ8YS3", date(2020, 5, 4), 1)}),
])
def test_review_dumps_without_ids_land_once_with_stable_ids(harness: Harness, name: str,
                                                            expected: set[tuple[str, date, int]]) -> None:
    first = _ingest(harness, name)
    assert first["status"] == "processed" and first["kind"] == "reviews" and first["rejected"] == 0
    sql = "SELECT review_id, sku, date, rating FROM reviews WHERE tenant_id = 'acme'"
    rows = harness.rows(sql)
    assert {(r["sku"], r["date"].date() if hasattr(r["date"], "date") else r["date"], r["rating"])
            for r in rows} == expected
    ids = {r["review_id"] for r in rows}
    assert len(ids) == len(rows) and all(i.startswith("h-") for i in ids)
    # the same reviews in another file (another name, one line more): the same ids, nothing stored twice
    lines = (PUBLIC / name).read_text().splitlines()
    again = harness.ingest(("\n".join([*lines, lines[1]]) + "\n").encode(), filename=f"again-{name}",
                           content_type="text/csv")
    assert again["status"] == "processed"
    assert {r["review_id"] for r in harness.rows(sql)} == ids


def _products(harness: Harness) -> dict[str, dict[str, Any]]:
    rows = harness.rows("SELECT sku, title, category FROM products WHERE tenant_id = 'acme'")
    return {r["sku"]: r for r in rows}


def test_product_names_on_sales_lines_become_the_catalogue(harness: Harness) -> None:
    _ingest(harness, "online_retail.csv")
    products = _products(harness)
    assert products["85123A"]["title"] == "WHITE HANGING HEART T-LIGHT HOLDER"
    assert set(products) == {"85123A", "71053", "22633", "D", "35004C", "82484"}
    derived = [d for d in harness.deps.documents.query("tenants/acme/ingestions") if d["kind"] == "products"]
    assert len(derived) == 1 and derived[0]["status"] == "processed" and derived[0]["accepted"] == 6
    # the same lines again: nothing new for the catalogue, so no second products file
    lines = (PUBLIC / "online_retail.csv").read_bytes()
    harness.ingest(lines, filename="again.csv", content_type="text/csv")
    assert len([d for d in harness.deps.documents.query("tenants/acme/ingestions") if d["kind"] == "products"]) == 1


def test_a_real_products_file_is_not_overwritten_by_names_on_sales_lines(harness: Harness) -> None:
    harness.ingest(b"sku,title,category,cost\n71053,Metal Lantern (white),Lighting,1.20\n", filename="products.csv",
                   content_type="text/csv")
    _ingest(harness, "online_retail.csv")
    lantern = harness.rows("SELECT title, category, cost FROM products WHERE tenant_id = 'acme' AND sku = '71053'")
    assert lantern == [{"title": "Metal Lantern (white)", "category": "Lighting", "cost": 1.2}]
    assert _products(harness)["22633"]["title"] == "HAND WARMER UNION JACK"


def test_superstore_lands_with_its_categories_and_its_discount_rate_as_an_amount(harness: Harness) -> None:
    """Superstore's Discount is a rate and Sales is after it: 957.5775 at 45% off is 783.47 off 1,741.05."""
    doc = _ingest(harness, "superstore_orders.csv")
    assert doc["status"] == "processed" and (doc["accepted"], doc["rejected"]) == (4, 0)
    table = harness.rows("SELECT sku, revenue, units, discount, quality_flags FROM sales WHERE tenant_id = 'acme' "
                         "AND sku = 'FUR-TA-10000577'")
    assert table[0]["discount"] == pytest.approx(783.47) and table[0]["units"] == 5
    assert table[0]["revenue"] == pytest.approx(957.5775)  # Sales as the sheet states it (after the discount)
    assert "discount:rate" in json.loads(table[0]["quality_flags"])
    products = _products(harness)
    assert products["FUR-CH-10000454"] == {"sku": "FUR-CH-10000454", "category": "Furniture",
                                           "title": "Hon Deluxe Fabric Upholstered Stacking Chairs, Rounded Back"}


def test_a_sku_twice_in_one_invoice_counts_both_lines(harness: Harness) -> None:
    """Online Retail lists a StockCode twice in an invoice when it was scanned twice: both lines were sold."""
    rows = (PUBLIC / "online_retail.csv").read_text().splitlines()
    extra = "536365,71053,WHITE METAL LANTERN,2,12/1/2010 8:26,3.00,17850,United Kingdom"
    doc = harness.ingest(("\n".join([*rows, extra]) + "\n").encode(), filename="twice.csv", content_type="text/csv")
    assert doc["status"] == "processed" and doc["accepted"] == 7
    lantern = harness.rows("SELECT units, revenue, unit_price, occurrence FROM sales WHERE tenant_id = 'acme' "
                           "AND order_id = '536365' AND sku = '71053' ORDER BY source_row")
    # each scan a line of its own, the second placed 2nd among the invoice's lines of the code (``occurrence``)
    assert [(r["units"], r["unit_price"], r["occurrence"]) for r in lantern] == [(6, 3.39, None), (2, 3.0, 2)]
    assert sum(r["revenue"] for r in lantern) == pytest.approx(6 * 3.39 + 2 * 3.00)
    total = harness.rows("SELECT SUM(units) AS units FROM sales WHERE tenant_id = 'acme'")[0]["units"]
    assert total == 6 + 6 + 6 + 3 + 2  # every line sold (the two cancellations are returns, 0 units)


def test_online_retail_ii_two_sheets_exported_one_after_the_other(harness: Harness) -> None:
    """The workbook's sheets (2009-2010, 2010-2011) saved as CSV and appended: the second header is no row."""
    first = (PUBLIC / "online_retail_ii.csv").read_text().splitlines()
    second = [first[0], "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,"
                        "United Kingdom"]
    doc = harness.ingest(("\n".join(first + second) + "\n").encode(), filename="online_retail_II.csv",
                         content_type="text/csv")
    assert doc["status"] == "processed" and (doc["rows_read"], doc["accepted"], doc["rejected"]) == (6, 4, 2)
    reasons = [r["reason"] for r in harness.rows("SELECT reason FROM rejects WHERE tenant_id = 'acme' "
                                                 "ORDER BY row_number")]
    assert reasons[1].startswith("the header line again")
    days = {str(r["date"])[:10] for r in harness.rows("SELECT date FROM sales WHERE tenant_id = 'acme'")}
    assert days == {"2009-12-01", "2010-12-01"}


def test_the_kaggle_superstore_sales_download_is_sales_not_a_catalogue() -> None:
    """train.csv has Product Name, Category and Sales but no Quantity: still the orders sheet, one unit a line."""
    header = ["Row ID", "Order ID", "Order Date", "Ship Date", "Ship Mode", "Customer ID", "Customer Name", "Segment",
              "Country", "City", "State", "Postal Code", "Region", "Product ID", "Category", "Sub-Category",
              "Product Name", "Sales"]
    assert detect_kind(header) is DataKind.SALES
    mapping = map_columns(header, DataKind.SALES)
    assert mapping.profile is not None and mapping.profile.name == "superstore_sales" and not mapping.missing_required
    assert {h: f for h, f in mapping.as_document().items() if f} == {
        "Order ID": "order_id", "Order Date": "date", "Customer ID": "customer_id", "Country": "country",
        "State": "state", "Region": "region", "Product ID": "sku", "Category": "product_category",
        "Product Name": "product_title", "Sales": "revenue"}
    full = [*header, "Quantity", "Discount", "Profit"]
    assert export_profile(full) is not None and export_profile(full).name == "superstore_orders"  # type: ignore[union-attr]


@pytest.mark.parametrize(("sold", "stored", "revenue", "rate"), [
    (("40.00,5.00", "40.00,0.50"), (5.0, 0.5), (40.0, 40.0), False),  # money: an amount of 1 or more settles it
    (("30.00,0.25", "30.00,0"), (10.0, 0.0), (30.0, 30.0), True),  # rates: 30 after 25% off is 10 off 40
])
def test_a_discount_column_is_read_as_money_unless_its_values_are_rates(
        harness: Harness, sold: tuple[str, str], stored: tuple[float, float], revenue: tuple[float, float],
        rate: bool) -> None:
    body = (f"order_id,sku,date,units,revenue,Discount\nA1,SKU-1,2024-03-01,1,{sold[0]}\n"
            f"A2,SKU-2,2024-03-02,1,{sold[1]}\n")
    doc = harness.ingest(body.encode(), filename="discounts.csv", content_type="text/csv")
    assert doc["status"] == "processed" and doc["accepted"] == 2
    rows = harness.rows("SELECT order_id, revenue, discount, discount_included, quality_flags FROM sales "
                        "WHERE tenant_id = 'acme' ORDER BY order_id")
    assert [r["discount"] for r in rows] == pytest.approx(list(stored))
    assert [r["revenue"] for r in rows] == pytest.approx(list(revenue))  # the revenue the file states
    assert all(bool(r["discount_included"]) is rate for r in rows)  # a rate was already taken off it
    assert all(("discount:rate" in json.loads(r["quality_flags"] or "[]")) is rate for r in rows)
    assert ("'Discount' read as a discount rate" in (doc.get("note") or "")) is rate, doc.get("note")
