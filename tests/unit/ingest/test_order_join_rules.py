"""The relational export's rules: which table a header is (by its columns), lines of one product added up, a
discount rate off units x unit price, coded statuses, rejected orders no sale."""

from __future__ import annotations

import pandas as pd
import pytest

from shared.ingest.order_join import coded_statuses, merge_lines
from shared.ingest.order_parts import lookup_thing, order_part
from shared.ingest.parts import PartRole
from shared.ingest.sales import derive_sales
from shared.models.records import DataKind


@pytest.mark.parametrize(("header", "role", "kind"), [
    # BikeStores (SQL Server sample database)
    ("order_id,customer_id,order_status,order_date,required_date,shipped_date,store_id,staff_id",
     PartRole.ORDER_HEADERS, DataKind.SALES),
    ("order_id,item_id,product_id,quantity,list_price,discount", PartRole.ORDER_LINES, DataKind.SALES),
    ("brand_id,brand_name", PartRole.NAMES, DataKind.PRODUCTS),
    ("store_id,store_name,phone,email,street,city,state,zip_code", PartRole.NAMES, DataKind.PRODUCTS),
    ("product_id,product_name,brand_id,category_id,model_year,list_price", PartRole.PRODUCTS_BY_ID,
     DataKind.PRODUCTS),
    ("store_id,product_id,quantity", PartRole.STOCK_COUNTS, DataKind.INVENTORY),
    ("customer_id,first_name,last_name,phone,email,street,city,state,zip_code", PartRole.UNUSED, DataKind.SALES),
    # Northwind
    ("OrderID,ProductID,UnitPrice,Quantity,Discount", PartRole.ORDER_LINES, DataKind.SALES),
    ("OrderID,CustomerID,EmployeeID,OrderDate,RequiredDate,ShippedDate,ShipVia,Freight,ShipName,ShipCountry",
     PartRole.ORDER_HEADERS, DataKind.SALES),
    ("CategoryID,CategoryName,Description,Picture", PartRole.NAMES, DataKind.PRODUCTS),
    ("employeeID,lastName,firstName,title,titleOfCourtesy,birthDate,hireDate,notes", PartRole.UNUSED,
     DataKind.SALES),  # a staff directory, not reviews because it has a "title" and "notes"
    # Maven's AdventureWorks: ...Key ids, a subcategory naming its category, returns, territories
    ("ProductCategoryKey,CategoryName", PartRole.NAMES, DataKind.PRODUCTS),
    ("ProductSubcategoryKey,SubcategoryName,ProductCategoryKey", PartRole.NAMES, DataKind.PRODUCTS),
    ("ProductKey,ProductSubcategoryKey,ProductSKU,ProductName,ProductCost,ProductPrice", PartRole.PRODUCTS_BY_ID,
     DataKind.PRODUCTS),
    ("ReturnDate,TerritoryKey,ProductKey,ReturnQuantity", PartRole.ORDER_LINES, DataKind.SALES),
    ("SalesTerritoryKey,Region,Country,Continent", PartRole.PLACES, DataKind.SALES),
    # Maven's Restaurant Orders: one line per item, no quantity
    ("order_details_id,order_id,order_date,order_time,item_id", PartRole.ORDER_LINES, DataKind.SALES),
])
def test_a_relational_table_is_told_by_its_columns(header: str, role: PartRole, kind: DataKind) -> None:
    part = order_part(header.split(","))
    assert part is not None and (part.role, part.kind) == (role, kind)


@pytest.mark.parametrize("header", [
    "sku,date,units,revenue",  # dated sales read as they are
    "Order ID,Date,SKU,Qty,Amount",
    "Store_ID,Product_ID,Stock_On_Hand",  # a stock file the inventory aliases read
    "Product_ID,Product_Name,Product_Category,Product_Cost,Product_Price",  # a catalogue naming its category
    "User_ID,Product_ID,Gender,Age,Purchase",  # undated sales with no order: not order lines
    "product_id,product_name",  # the catalogue is not a lookup table
    "OrderDate,StockDate,OrderNumber,ProductKey,CustomerKey,TerritoryKey,OrderLineItem,OrderQuantity",  # dated sales
    "menu_item_id,item_name,category,price",  # a menu: the catalogue
])
def test_files_read_as_they_are_are_not_taken_for_relational_tables(header: str) -> None:
    assert order_part(header.split(",")) is None


def test_a_lookup_names_one_thing_that_is_not_the_product_or_a_person() -> None:
    assert lookup_thing(["category_id", "category_name"]) == "category"
    assert lookup_thing(["ProductSubcategoryKey", "SubcategoryName", "ProductCategoryKey"]) == "subcategory"
    assert lookup_thing(["product_id", "product_name"]) is None
    assert lookup_thing(["customer_id", "customer_name"]) is None


def test_lines_of_one_order_naming_a_product_twice_are_one_line_with_both_added_up() -> None:
    lines = pd.DataFrame({"order_id": ["1", "1", "2"], "sku": ["9", "9", "9"], "units": ["1", "2", "1"],
                          "unit_price": ["10", "10", "10"], "revenue": ["10", "20", "10"],
                          "discount_amount": ["1", "4", "0"], "date": ["2017-01-02"] * 3})
    merged = merge_lines(lines)
    assert merged.to_dict("records") == [
        {"order_id": "1", "sku": "9", "units": "3", "unit_price": "10", "revenue": "30", "discount_amount": "5",
         "date": "2017-01-02"},
        {"order_id": "2", "sku": "9", "units": "1", "unit_price": "10", "revenue": "10", "discount_amount": "0",
         "date": "2017-01-02"}]


def test_bikestores_status_codes_are_read_by_its_shape_only() -> None:
    bikes = "order_id,customer_id,order_status,order_date,required_date,shipped_date,store_id,staff_id".split(",")
    assert coded_statuses(bikes)["3"] == "rejected"
    assert coded_statuses(["order_id", "order_status", "order_date"]) == {}


def test_a_rate_on_a_line_without_revenue_is_off_units_times_unit_price_not_yet_taken_off() -> None:
    index = pd.RangeIndex(2)
    columns = {"units": pd.Series(pd.array([2, 1], dtype="Int64"), index=index),
               "unit_price": pd.Series([100.0, 50.0], index=index),
               "discount_rate": pd.Series([0.1, 0.2], index=index),
               "sku": pd.Series(["a", "b"], index=index, dtype=object)}
    derive_sales(columns, index)
    assert columns["discount"].tolist() == [20.0, 10.0]  # not 200 x 0.1 / 0.9
    assert columns["discount_included"].tolist() == [False, False]


def test_a_rejected_order_is_no_sale() -> None:
    index = pd.RangeIndex(1)
    columns = {"units": pd.Series(pd.array([1], dtype="Int64"), index=index),
               "status": pd.Series(["rejected"], index=index, dtype=object),
               "sku": pd.Series(["a"], index=index, dtype=object)}
    out = derive_sales(columns, index)
    assert "not a sale" in str(out.errors.iloc[0])


def test_a_product_key_and_a_menu_item_id_name_the_product() -> None:
    from shared.ingest.headers import map_columns
    from shared.ingest.kinds import detect_kind

    sales = map_columns("OrderDate,OrderNumber,ProductKey,CustomerKey,OrderQuantity".split(","), DataKind.SALES)
    assert {"sku", "customer_id", "order_id", "units", "date"} <= set(sales.fields.values())
    assert detect_kind("menu_item_id,item_name,category,price".split(",")) is DataKind.PRODUCTS
    products = map_columns("ProductKey,ProductSubcategoryKey,ProductSKU,ProductName".split(","), DataKind.PRODUCTS)
    assert products.fields[0] == "sku"  # the key the sales files name, not ProductSKU


def test_seller_central_reports_are_read_by_their_profiles() -> None:
    """The Manage FBA Inventory report is stock (it was read as a catalogue); All Orders keeps where it shipped."""
    from shared.ingest.headers import map_columns
    from shared.ingest.kinds import detect_kind
    from tests.fixtures.public.public6_shapes import AMAZON_ORDERS_HEADER, FBA_INVENTORY_HEADER

    assert detect_kind(FBA_INVENTORY_HEADER) is DataKind.INVENTORY
    stock = map_columns(FBA_INVENTORY_HEADER, DataKind.INVENTORY)
    assert stock.source_column("on_hand") == "afn-fulfillable-quantity" and not stock.missing_required
    orders = map_columns(AMAZON_ORDERS_HEADER, DataKind.SALES)
    assert (orders.source_column("state"), orders.source_column("product_title")) == ("ship-state", "product-name")


def test_sales_product_data_skips_its_empty_rows_by_its_profile() -> None:
    from shared.ingest.headers import export_profile
    from tests.fixtures.public.public6_shapes import GALLI_HEADER

    profile = export_profile(GALLI_HEADER)
    assert profile is not None and profile.skip_blank_rows


def test_a_us_address_gives_the_state_where_the_row_has_none() -> None:
    from shared.ingest.addresses import state_from_address

    raw = pd.DataFrame({"ship_address": ["917 1st St, Dallas, TX 75001", "59 rue de l'Abbaye, Reims", None,
                                         "1 Main St, Austin, TX 73301"],
                        "state": [None, None, None, "Texas"]})
    out = state_from_address(raw)
    assert "ship_address" not in out
    assert out["state"].tolist() == ["TX", None, None, "Texas"]
