"""Rules a family of published retail files shares (Maven's playground sets, Kaggle's sales sheets): each would
have refused or misread such a file without it."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from shared.ingest.catalogue_prices import CATALOGUE_PRICE_FLAG, priced_from_catalogue, with_catalogue_flag
from shared.ingest.derive import derive_missing
from shared.ingest.headers import map_columns
from shared.ingest.join import recognise
from shared.ingest.kinds import detect_kind, undated_sales_part
from shared.ingest.lineage import content_digests, in_file_keys
from shared.ingest.lines import LINE_ID_PREFIX, DistinctLines
from shared.ingest.parse import parse_date
from shared.ingest.parts import PartRole
from shared.models.records import DataKind, SaleRecord


def _fields(header: list[str], kind: DataKind = DataKind.SALES) -> dict[str, str]:
    mapping = map_columns(header, kind)
    return {mapping.headers[i]: f for i, f in mapping.fields.items()}


def test_excel_day_month_name_two_digit_year_dates_read() -> None:
    """Chocolate Sales' ``04-Jan-22``: the month's name makes the order certain; yy is 20yy below 70."""
    parsed = parse_date(pd.Series(["04-Jan-22", "31-Aug-22", "15-Mar-99", "30-Feb-22"]), order="mdy")
    assert parsed.values.tolist()[:3] == [pd.Timestamp("2022-01-04"), pd.Timestamp("2022-08-31"),
                                          pd.Timestamp("1999-03-15")]
    assert parsed.bad.tolist() == [False, False, False, True]  # no 30 February


@pytest.mark.parametrize(("header", "expected"), [
    # Maven Coffee Shop Sales
    (["transaction_id", "transaction_date", "transaction_time", "transaction_qty", "store_id", "store_location",
      "product_id", "unit_price", "product_category", "product_type", "product_detail"],
     {"transaction_id": "order_id", "transaction_date": "date", "transaction_qty": "units", "store_location": "channel",
      "product_id": "sku", "unit_price": "unit_price", "product_category": "product_category",
      "product_detail": "product_title"}),
    # Adidas US Sales: no product code (the product is its name), profit in money, the way it was sold
    (["Retailer", "Retailer ID", "Invoice Date", "Region", "State", "City", "Product", "Price per Unit", "Units Sold",
      "Total Sales", "Operating Profit", "Operating Margin", "Sales Method"],
     {"Invoice Date": "date", "Region": "region", "State": "state", "Product": "product_title",
      "Price per Unit": "unit_price", "Units Sold": "units", "Total Sales": "revenue",
      "Operating Profit": "line_profit", "Sales Method": "channel"}),
    # Mexico Toys' sales: a sale id is the order; the store's number is not taken for a channel name
    (["Sale_ID", "Date", "Store_ID", "Product_ID", "Units"],
     {"Sale_ID": "order_id", "Date": "date", "Product_ID": "sku", "Units": "units"}),
    # Pizza Sales: the pizza's name and category by the thing sold (pizza_id is the line's number)
    (["pizza_id", "order_id", "pizza_name_id", "quantity", "order_date", "order_time", "unit_price", "total_price",
      "pizza_size", "pizza_category", "pizza_ingredients", "pizza_name"],
     {"order_id": "order_id", "quantity": "units", "order_date": "date", "unit_price": "unit_price",
      "total_price": "revenue", "pizza_category": "product_category", "pizza_name": "product_title"}),
    # Chocolate Sales: boxes shipped are the units; the salesperson who sold them its seller (pubq16)
    (["Sales Person", "Country", "Product", "Date", "Amount", "Boxes Shipped"],
     {"Sales Person": "seller", "Country": "country", "Product": "product_title", "Date": "date", "Amount": "revenue",
      "Boxes Shipped": "units"}),
])
def test_published_sales_headers_map(header: list[str], expected: dict[str, str]) -> None:
    assert detect_kind(header) is DataKind.SALES
    assert _fields(header) == expected


def test_a_thing_named_by_a_person_or_place_is_no_product() -> None:
    """``Cust_name``, ``store_name`` and ``category_name`` name no product; a SKU column leaves names alone.

    A ``category_name`` is the product's category (DataCo's Category Name, pubq16), never its name.
    """
    fields = _fields(["Cust_name", "Store_Name", "category_name", "Date", "qty", "amount"])
    assert "product_title" not in fields.values() and fields.get("category_name") == "product_category"
    assert "pizza_name" not in _fields(["sku", "pizza_name", "date", "qty"])


def test_catalogue_files_with_product_prefixed_money() -> None:
    """Mexico Toys' products.csv: ``Product_Cost`` and ``Product_Price`` (``$9.99 ``) are cost and price."""
    header = ["Product_ID", "Product_Name", "Product_Category", "Product_Cost", "Product_Price"]
    assert detect_kind(header) is DataKind.PRODUCTS
    assert _fields(header, DataKind.PRODUCTS) == {"Product_ID": "sku", "Product_Name": "title",
                                                  "Product_Category": "category", "Product_Cost": "cost",
                                                  "Product_Price": "price"}


def test_a_stock_file_without_dates_is_a_count_taken_on_upload() -> None:
    """Mexico Toys' inventory.csv: ``Store_ID,Product_ID,Stock_On_Hand``, no date."""
    header = ["Store_ID", "Product_ID", "Stock_On_Hand"]
    assert detect_kind(header) is DataKind.INVENTORY
    assert _fields(header, DataKind.INVENTORY) == {"Store_ID": "location", "Product_ID": "sku",
                                                   "Stock_On_Hand": "on_hand"}
    raw = derive_missing(DataKind.INVENTORY, pd.DataFrame({"sku": ["1"], "on_hand": ["4"]}), as_of=date(2026, 12, 6))
    assert raw["date"].tolist() == ["2026-12-06"]
    # a file with its own dates keeps them
    dated = pd.DataFrame({"sku": ["1"], "on_hand": ["4"], "date": ["2024-01-31"]})
    assert derive_missing(DataKind.INVENTORY, dated, as_of=date(2026, 12, 6))["date"].tolist() == ["2024-01-31"]


def _lines(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for name in SaleRecord.model_fields:
        if name not in frame:
            frame[name] = None
    return frame[list(SaleRecord.model_fields)]


def _keys(frame: pd.DataFrame) -> np.ndarray:
    return content_digests(frame, list(SaleRecord.natural_key))


def test_lines_without_order_ids_that_share_a_key_are_kept_apart() -> None:
    """Two lines of one product on one day sold in two states are two sales, not one revised; a line repeated
    exactly stays one line (same id, so a duplicate); the same file again gives the same ids."""
    day = pd.Timestamp("2020-01-01")
    rows = [{"sku": "Men's Apparel", "date": day, "units": 10, "revenue": 500.0, "state": "Texas"},
            {"sku": "Men's Apparel", "date": day, "units": 12, "revenue": 600.0, "state": "Maine"},
            {"sku": "Men's Apparel", "date": day, "units": 12, "revenue": 600.0, "state": "Maine"}]
    fields, appended = list(SaleRecord.model_fields), SaleRecord.appended_fields

    def run() -> list[object]:
        lines = DistinctLines()
        first = lines.apply(_lines(rows[:1]), _keys(_lines(rows[:1])), fields, appended)  # chunk 1
        rest = lines.apply(_lines(rows[1:]), _keys(_lines(rows[1:])), fields, appended)  # chunk 2
        assert lines.lines == 2
        return [*first["order_id"], *rest["order_id"]]

    ids = run()
    assert ids[0] is None and str(ids[1]).startswith(LINE_ID_PREFIX) and ids[1] == ids[2]
    assert run() == ids
    # lines with an order id are left alone
    ordered = _lines([{**r, "order_id": "A1"} for r in rows[:2]])
    assert DistinctLines().apply(ordered, _keys(ordered), fields, appended)["order_id"].tolist() == ["A1", "A1"]


def test_lines_without_prices_take_their_catalogue_price() -> None:
    raw = pd.DataFrame({"sku": ["1", "2", "3"], "units": ["2", "1", "4"]})
    priced, mask = priced_from_catalogue(raw, {"1": "15.99", "3": "2.99"})
    assert priced["unit_price"].tolist() == ["15.99", None, "2.99"] and mask.tolist() == [True, False, True]
    flags = with_catalogue_flag(pd.Series(["[]", "[]", '["a"]'], dtype=object), mask)
    assert flags.tolist() == [f'["{CATALOGUE_PRICE_FLAG}"]', "[]", f'["a", "{CATALOGUE_PRICE_FLAG}"]']


@pytest.mark.parametrize("header", [
    # Kaggle Black Friday, Diwali Sales, Big Mart: sales with no dates at all
    ["User_ID", "Product_ID", "Gender", "Age", "Occupation", "City_Category", "Stay_In_Current_City_Years",
     "Marital_Status", "Product_Category_1", "Product_Category_2", "Product_Category_3", "Purchase"],
    ["User_ID", "Cust_name", "Product_ID", "Gender", "Age Group", "Age", "Marital_Status", "State", "Zone",
     "Occupation", "Product_Category", "Orders", "Amount", "Status", "unnamed1"],
    ["Item_Identifier", "Item_Weight", "Item_Fat_Content", "Item_Visibility", "Item_Type", "Item_MRP",
     "Outlet_Identifier", "Outlet_Establishment_Year", "Outlet_Size", "Outlet_Location_Type", "Outlet_Type",
     "Item_Outlet_Sales"],
])
def test_sales_without_dates_are_acknowledged_not_refused(header: list[str]) -> None:
    """Told to be sales (so uploaded as such) and read as a file acknowledged with the reason, every row skipped."""
    assert detect_kind(header) is DataKind.SALES
    part = undated_sales_part(header)
    assert part is not None and part.kind is DataKind.SALES and "no dates" in part.about


@pytest.mark.parametrize(("header", "kind"), [
    (["sku", "title", "price", "quantity"], DataKind.PRODUCTS),  # a catalogue with its stock: still a catalogue
    (["sku", "date", "units", "revenue"], DataKind.SALES),  # dated sales: read as ever
    (["Store_ID", "Product_ID", "Stock_On_Hand"], DataKind.INVENTORY),  # a stock count taken on upload
])
def test_files_of_a_kind_are_no_undated_sales(header: list[str], kind: DataKind) -> None:
    assert detect_kind(header) is kind and undated_sales_part(header) is None


def test_order_lines_without_dates_are_joined_to_their_orders_not_acknowledged_undated() -> None:
    """BikeStores' order_items.csv: order lines whose dates are their orders' (``shared.ingest.order_join``)."""
    header = ["order_id", "item_id", "product_id", "quantity", "list_price", "discount"]
    assert undated_sales_part(header) is None
    part = recognise(header)
    assert part is not None and part.role is PartRole.ORDER_LINES


def test_rows_alike_in_their_records_are_one_row_only_when_the_file_wrote_the_same_cells() -> None:
    """Depop: a buyer's two sales of one item on one day differ only in Time of sale, which no field reads."""
    record = pd.DataFrame({"sku": ["boots"] * 3, "units": [1, 1, 1]})
    digests = content_digests(record, ["sku", "units"])
    cells = pd.DataFrame({"c0": ["13/03/2024"] * 3, "c1": ["17:21", "18:48", "18:48"], "c2": ["boots"] * 3})
    keys = in_file_keys(digests, cells)
    assert keys[0] != keys[1] and keys[1] == keys[2]  # two sales, then the second written again
    assert len(set(in_file_keys(digests, cells.iloc[:, [0, 2]]).tolist())) == 1  # without the time: one row
