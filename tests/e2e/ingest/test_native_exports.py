"""Native exports as downloaded (Shopify, WooCommerce, Amazon) go in through the real upload path.

Every row lands or is rejected with a reason; revenue, discount, refund and units are exactly as the
export means them; no clear customer value reaches the warehouse, the rejects or an export.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from shared.ingest.customers import customer_hash, tenant_customer_key
from shared.ingest.export import stored_rows, to_csv
from shared.ingest.upload import kind_from_head
from shared.models.records import DataKind
from tests.e2e.ingest.conftest import Harness

EXPORTS = Path(__file__).parents[2] / "fixtures" / "exports"
COLUMNS = ("order_id", "sku", "units", "revenue", "unit_price", "discount", "refund", "returned_units", "channel",
           "currency", "date")
#: Every clear personal value in the fixtures (e-mails in any spelling, names, phones, streets).
PERSONAL = ("@example", "jane", "doe", "sam lee", "ana silva", "bad row", "kim@", "park", "555 0", "555-0",
            "market st", "elm rd")


def _ingest(harness: Harness, name: str) -> dict[str, Any]:
    content_type = "text/tab-separated-values" if name.endswith(".txt") else "text/csv"
    return harness.ingest((EXPORTS / name).read_bytes(), filename=name, content_type=content_type)


def _sales(harness: Harness) -> dict[tuple[str, str], dict[str, Any]]:
    rows = harness.rows(f"SELECT {', '.join(COLUMNS)}, customer_hash FROM sales WHERE tenant_id = 'acme'")
    for r in rows:
        r.update({k: _plain(v) for k, v in r.items()}, date=str(r["date"])[:10])
    return {(r["order_id"], r["sku"]): r for r in rows}


def _plain(value: Any) -> Any:
    """``None`` for a missing value (the warehouse hands NaN for a NULL float)."""
    return None if isinstance(value, float) and value != value else value


def _rejects(harness: Harness) -> dict[int, dict[str, Any]]:
    return {r["row_number"]: r for r in harness.rows("SELECT row_number, `column`, reason, raw FROM rejects")}


def _hash(harness: Harness, value: str) -> str:
    return customer_hash(value, tenant_customer_key(harness.deps.documents, "acme"))


def _no_clear_personal_values(harness: Harness) -> None:
    for table in ("stg_sales", "sales", "rejects"):
        for row in harness.rows(f"SELECT * FROM `{table}` WHERE tenant_id = 'acme'"):
            text = json.dumps(row, default=str).lower()
            assert not [p for p in PERSONAL if p in text], (table, row)
    # what `ecomintel export` writes: the new columns, and a hash where a customer was
    wh = harness.deps.warehouse
    sales_csv = to_csv(stored_rows(wh, "acme", DataKind.SALES))
    header = sales_csv.splitlines()[0].split(",")
    assert {"discount", "refund", "returned_units", "customer_hash"} <= set(header)
    for text in (sales_csv, to_csv(stored_rows(wh, "acme", DataKind.SALES, rejects=True))):
        assert not [p for p in PERSONAL if p in text.lower()]


def _line(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[c] for c in COLUMNS[2:])


@pytest.mark.parametrize("name", ["shopify_orders_export.csv", "woocommerce_orders_export.csv",
                                  "amazon_all_orders.txt", "amazon_business_report_by_child_item.csv"])
def test_kind_is_detected_from_the_native_header(name: str) -> None:
    assert kind_from_head((EXPORTS / name).read_bytes()[:4096]) is DataKind.SALES


def test_shopify_orders_export(harness: Harness, capfd: pytest.CaptureFixture[str],
                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    doc = _ingest(harness, "shopify_orders_export.csv")
    assert (doc["status"], doc["rows_read"], doc["accepted"], doc["rejected"]) == ("processed", 10, 8, 2)
    assert doc["column_mapping"]["Total"] is None and doc["column_mapping"]["Lineitem sku"] == "sku"
    sales = _sales(harness)
    assert len(sales) == 8
    # units, revenue (gross), unit price, discount, refund, returned units, channel, currency, date
    assert _line(sales[("#1001", "KIT-0001")]) == (2, 40.0, 20.0, 4.0, 0.0, None, "web", "USD", "2025-03-01")
    assert _line(sales[("#1001", "KIT-0002")]) == (1, 60.0, 60.0, 6.0, 0.0, None, "web", "USD", "2025-03-01")
    # order-level cells (date, currency, channel) only on the first line are filled down; the order's
    # refund is spread by value; the line discount already covers the order's discount amount
    assert _line(sales[("#1002", "HOM-0001")]) == (1, 30.0, 30.0, 5.0, 7.5, None, "pos", "USD", "2025-03-02")
    assert _line(sales[("#1002", "HOM-0002")]) == (3, 30.0, 10.0, 0.0, 7.5, None, "pos", "USD", "2025-03-02")
    # refunded in full: 30.00 with its 5.00 shipping, the cap refunded its 25.00 (the shipping is no product's refund)
    assert _line(sales[("#1004", "APP-0002")]) == (1, 25.0, 25.0, 0.0, 25.0, None, "web", "USD", "2025-03-03")
    # 10.00 over three lines of equal value: cents that add up exactly
    assert [sales[("#1005", s)]["discount"] for s in ("ELE-0001", "ELE-0002", "ELE-0003")] == [3.33, 3.34, 3.33]
    assert {sales[("#1005", s)]["currency"] for s in ("ELE-0001", "ELE-0002", "ELE-0003")} == {"EUR"}
    # one customer however the e-mail is spelt; another customer hashes differently
    jane = _hash(harness, "jane.doe@example.com")
    assert {sales[k]["customer_hash"] for k in sales if k[0] in ("#1001", "#1002")} == {jane}
    assert sales[("#1004", "APP-0002")]["customer_hash"] == _hash(harness, "sam.lee@example.org") != jane
    rejects = _rejects(harness)
    assert set(rejects) == {5, 10}
    assert rejects[5]["column"] == "Financial Status" and "cancelled order line is not a sale" in rejects[5]["reason"]
    assert rejects[10]["column"] == "Lineitem quantity" and "not a number" in rejects[10]["reason"]
    assert "[redacted]" in rejects[10]["raw"] and "Toaster" in rejects[10]["raw"]
    _no_clear_personal_values(harness)
    # nor in the logs, and the tenant's key is never logged
    records = json.dumps([r.__dict__ for r in caplog.records], default=str)
    logs = ("".join(capfd.readouterr()) + records).lower()
    assert "ingestion staged" in logs and not [p for p in PERSONAL if p in logs]
    assert tenant_customer_key(harness.deps.documents, "acme").hex() not in logs


def test_woocommerce_orders_export(harness: Harness) -> None:
    doc = _ingest(harness, "woocommerce_orders_export.csv")
    assert (doc["status"], doc["rows_read"], doc["accepted"], doc["rejected"]) == ("processed", 5, 3, 2)
    sales = _sales(harness)
    # revenue is the line subtotal; the discount is subtotal - total; refunds and refunded quantities per line
    assert _line(sales[("2001", "KIT-0004")])[:6] == (2, 50.0, 25.0, 5.0, 0.0, 0)
    assert _line(sales[("2001", "KIT-0005")])[:6] == (1, 20.0, 20.0, 2.0, 0.0, 0)
    assert _line(sales[("2002", "HOM-0003")]) == (3, 30.0, 10.0, 0.0, 10.0, 1, "woocommerce", "USD", "2025-03-03")
    # a guest order (customer id 0) is told apart by its e-mail, the same customer as in other shops
    assert sales[("2002", "HOM-0003")]["customer_hash"] == _hash(harness, "jane.doe@example.com")
    assert sales[("2001", "KIT-0004")]["customer_hash"] == _hash(harness, "sam.lee@example.org")
    rejects = _rejects(harness)
    assert rejects[4]["column"] == "status" and "'cancelled'" in rejects[4]["reason"]
    assert rejects[5]["column"] == "item_sku" and "required value missing" in rejects[5]["reason"]
    _no_clear_personal_values(harness)


def test_amazon_all_orders_report(harness: Harness) -> None:
    doc = _ingest(harness, "amazon_all_orders.txt")
    assert (doc["status"], doc["delimiter"], doc["rows_read"], doc["accepted"], doc["rejected"]) == \
        ("processed", "\t", 5, 4, 1)
    sales = _sales(harness)
    # item-price is the line's total; promotion discounts are amounts whatever their sign
    assert _line(sales[("111-0000001-0000001", "KIT-0001")]) == (
        2, 39.98, 19.99, 5.0, None, None, "Amazon.com", "USD", "2025-03-03")
    assert _line(sales[("111-0000001-0000001", "KIT-0002")])[:4] == (1, 60.0, 60.0, 0.0)
    assert _line(sales[("111-0000003-0000003", "HOM-0001")])[:4] == (1, 25.0, 25.0, 0.0)
    assert _line(sales[("202-0000004-0000004", "APP-0002")]) == (
        1, 12.5, 12.5, 2.5, None, None, "Amazon.co.uk", "GBP", "2025-03-04")
    assert all(r["customer_hash"] is None for r in sales.values())  # the report carries no buyer
    rejects = _rejects(harness)
    assert list(rejects) == [3] and "'Cancelled'" in rejects[3]["reason"]


def test_amazon_business_report_needs_a_date(harness: Harness) -> None:
    doc = _ingest(harness, "amazon_business_report_by_child_item.csv")
    assert doc["status"] == "failed" and "date" in doc["error"] and "All Orders report" in doc["error"]
    dated = _ingest(harness, "amazon_business_report_by_child_item_dated.csv")
    assert (dated["status"], dated["accepted"], dated["rejected"]) == ("processed", 3, 0)
    rows = {r["sku"]: r for r in harness.rows("SELECT sku, units, revenue, channel, date FROM sales")}
    kettle = rows["KIT-0001"]
    assert (kettle["units"], kettle["revenue"], kettle["channel"]) == (6, 1199.4, "amazon")
    assert (rows["HOM-0001"]["units"], rows["HOM-0001"]["revenue"]) == (0, 0.0)


def test_a_return_does_not_replace_its_sale_line(harness: Harness) -> None:
    harness.ingest(b"order_id,sku,date,units,unit_price,channel\no1,A,2025-01-05,3,10.00,web\n")
    harness.ingest(b"order_id,sku,date,units,unit_price,channel\no1,A,2025-01-05,-1,10.00,web\n", filename="r.csv")
    rows = harness.rows("SELECT units, revenue, returned_units, refund FROM sales ORDER BY units DESC")
    assert [(r["units"], r["revenue"], r["returned_units"], _plain(r["refund"])) for r in rows] == [
        (3, 30.0, None, None), (0, 0.0, 1, 10.0)]
    # a corrected return (same order line, newer file) replaces the earlier return, not the sale
    harness.ingest(b"order_id,sku,date,units,unit_price,channel\no1,A,2025-01-05,-2,10.00,web\n", filename="r2.csv")
    rows = harness.rows("SELECT units, returned_units, refund FROM sales ORDER BY units DESC")
    assert [(r["units"], r["returned_units"], _plain(r["refund"])) for r in rows] == [(3, None, None), (0, 2, 20.0)]


def test_an_accounting_negative_is_a_return(harness: Harness) -> None:
    doc = harness.ingest(b"sku,date,qty,unit_price,total\nA,2025-01-05,1,12.00,(12.00)\n")
    assert (doc["accepted"], doc["rejected"]) == (1, 0)
    row = harness.rows("SELECT units, revenue, returned_units, refund FROM sales")[0]
    assert (row["units"], row["revenue"], row["returned_units"], row["refund"]) == (0, 0.0, 1, 12.0)


def test_the_customer_key_is_per_tenant_and_never_exported(harness: Harness) -> None:
    data = b"order_id,sku,date,units,customer_email\no1,A,2025-01-05,1,Someone@Example.com\n"
    harness.ingest(data)
    harness.ingest(data, tenant="globex")
    acme = harness.rows("SELECT customer_hash FROM sales WHERE tenant_id = 'acme'")[0]["customer_hash"]
    globex = harness.rows("SELECT customer_hash FROM sales WHERE tenant_id = 'globex'")[0]["customer_hash"]
    assert len(acme) == 64 and acme != globex
    assert acme == _hash(harness, "someone@example.com")
    _no_clear_personal_values(harness)
