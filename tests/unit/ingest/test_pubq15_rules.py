"""Rules of question round pubq15 (public sales datasets asked through the CLI), each failing without its fix."""

from __future__ import annotations

import pandas as pd

from shared.ingest.derive import derive_missing, ids_name_each_sale
from shared.ingest.headers import SALE_ID
from shared.ingest.kinds import detect_kind
from shared.ingest.reader import CHUNK_CELLS, rows_within_budget
from shared.models.records import DataKind
from shared.questions import lexicon as lx
from tests.fixtures.public.pubq14_heldout_shapes import CAR_HEADER
from tests.fixtures.public.pubq15_shapes import ELECTRONIC_HEADER, VEHICLE_HEADER
from tests.unit.ingest.test_public13_rules import _fields


def test_a_vehicle_s_model_is_the_product_its_make_the_brand_and_the_file_sales() -> None:
    """Vehicle Sales Data was read as reviews (``body`` a review's text); the Car Sales Report's product was its
    dealer (``Dealer_Name`` read as ``{thing}_name``)."""
    assert detect_kind(VEHICLE_HEADER) is DataKind.SALES
    vehicles, cars = _fields(VEHICLE_HEADER), _fields(CAR_HEADER)
    assert (vehicles["model"], vehicles["make"]) == ("product_title", "product_brand")
    assert cars["Model"] == "product_title" and cars["Dealer_Name"] == "seller"  # who sold it (pubq16), no product
    assert cars["Company"] == "product_brand"  # the model's maker
    assert "Company" not in _fields(["Order ID", "Company", "Product", "Date", "Amount"])  # a customer's company


def test_an_id_of_the_thing_sold_is_a_sale_id_only_without_an_order_column() -> None:
    assert _fields(VEHICLE_HEADER)["vin"] == SALE_ID and _fields(CAR_HEADER)["Car_id"] == SALE_ID
    assert (
        SALE_ID not in _fields(["order_id", "pizza_id", "pizza_name", "quantity", "order_date", "unit_price"]).values()
    )
    assert _fields(["Customer_id", "Product", "Date", "Amount"]).get("Customer_id") != SALE_ID  # a person's id
    assert SALE_ID not in _fields(ELECTRONIC_HEADER).values()
    assert SALE_ID not in _fields(["product_id", "sku", "date", "qty"]).values()  # the product's id, sold again


def test_each_row_is_its_own_order_only_where_no_id_repeats() -> None:
    """Two cars sold one day to one "Gia" were one order (AOV 34,763.79 for 33,605.00)."""
    assert ids_name_each_sale(pd.Series(["C_CND_000001", "C_CND_000002", "C_CND_000003"]))
    assert not ids_name_each_sale(pd.Series(["A", "B", "A"]))  # a product sold again: no sale's own id
    assert not ids_name_each_sale(pd.Series(["A", None, "B"]))
    assert not ids_name_each_sale(pd.Series(["A"]))


def test_a_wide_file_reads_fewer_rows_a_chunk() -> None:
    """A settlement's 24 columns took 1.2M cells a chunk at 50,000 rows; a narrow file's chunks are as they were."""
    assert rows_within_budget(50_000, 24) * 24 <= CHUNK_CELLS < 50_000 * 24
    assert rows_within_budget(50_000, 8) == 50_000 and rows_within_budget(50_000, 1_000_000) == 1


def _dimension(question: str) -> list[str]:
    return [name for name, rx in lx.DIMENSION_WORDS if rx.search(question)]


def _refused(question: str) -> list[str]:
    return [concept for rx, concept, _ in lx.UNANSWERABLE if rx.search(question)]


def test_a_make_is_a_brand_and_a_seller_is_refused_with_its_reason() -> None:
    assert _dimension("Which make had the most revenue?") == ["brand"]
    assert "brand" not in _dimension("What did we make last month?")
    assert "sales by seller" in _refused("Which dealer had the most revenue?")
    assert "sales by seller" in _refused("Which seller sold the most cars?")
    assert "sales by salesperson" in _refused("revenue by salesperson")  # the staff member: its own refusal
    assert "sales by seller" not in _refused("Who are our top sellers?")  # the best-selling products
    assert "sales by seller" not in _refused("Which dealer region had the most revenue?")


def test_a_customer_s_purchase_with_its_money_and_no_quantity_is_one_unit() -> None:
    """pubq15's held-out: Coffee Sales was refused (no kind), Fashion Retail Sales read as reviews."""
    coffee = ["date", "datetime", "cash_type", "card", "money", "coffee_name"]
    fashion = ["Customer Reference ID", "Item Purchased", "Purchase Amount (USD)", "Date Purchase", "Review Rating",
               "Payment Method"]  # fmt: skip
    assert detect_kind(coffee) is DataKind.SALES and detect_kind(fashion) is DataKind.SALES
    assert _fields(coffee)["money"] == "revenue" and _fields(coffee)["card"] == "customer_id"
    assert _fields(fashion)["Date Purchase"] == "date" and _fields(fashion)["Item Purchased"] == "product_title"
    raw = pd.DataFrame({"customer_id": ["a"], "product_title": ["Latte"], "revenue": ["38.7"], "date": ["2024-03-01"]})
    assert derive_missing(DataKind.SALES, raw)["units"].tolist() == ["1"]
    weekly = pd.DataFrame({"sku": ["1"], "revenue": ["24924.5"], "date": ["2010-02-05"]})  # no customer: a total
    assert "units" not in derive_missing(DataKind.SALES, weekly)
