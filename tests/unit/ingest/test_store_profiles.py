"""Store-level public datasets: revenue totals without units, files whose rows feed three kinds, side files.

Walmart's and Rossmann's store sales give revenue per store and week or day, no units and (but for Walmart's
departments) no products: they load as flagged totals instead of being refused. Retail Store Inventory's and Retail
Price Optimization's rows are split into sales, stock and competitor prices (``shared.ingest.split_rows``).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from shared.ingest.headers import (
    NO_PRODUCTS_FLAG,
    NO_UNITS_FLAG,
    STORE_TOTAL_SKU,
    export_profile,
    map_columns,
    require_columns,
    unknown_flags,
)
from shared.ingest.kinds import dataset_part, detect_kind
from shared.ingest.parts import PartRole
from shared.ingest.split_rows import SPLITS, split_rows
from shared.models.records import DataKind
from shared.questions.totals import missing_from_totals
from shared.store.metrics import catalog
from tests.fixtures.public import store_shapes

WALMART = ["Store", "Date", "Weekly_Sales", "Holiday_Flag", "Temperature", "Fuel_Price", "CPI", "Unemployment"]
RECRUITING = ["Store", "Dept", "Date", "Weekly_Sales", "IsHoliday"]
ROSSMANN = ["Store", "DayOfWeek", "Date", "Sales", "Customers", "Open", "Promo", "StateHoliday", "SchoolHoliday"]


@pytest.mark.parametrize(("header", "flags", "sku"), [
    (WALMART, (NO_UNITS_FLAG, NO_PRODUCTS_FLAG), STORE_TOTAL_SKU),  # one per store: "store 3 total"
    (ROSSMANN, (NO_UNITS_FLAG, NO_PRODUCTS_FLAG), STORE_TOTAL_SKU),
    (RECRUITING, (NO_UNITS_FLAG,), None),  # the department is the product
])
def test_store_revenue_totals_load_flagged_as_giving_no_units(header: list[str], flags: tuple[str, ...],
                                                              sku: str | None) -> None:
    """They were refused ("missing required column(s) sku, units"); now every required field is present (the
    units a default 0, the SKU a stand-in where the data name no product) and the lines are flagged."""
    assert detect_kind(header) is DataKind.SALES
    mapping = require_columns(map_columns(header, DataKind.SALES))
    assert mapping.profile is not None and mapping.profile.aggregate in ("week", "day")
    assert unknown_flags(mapping.profile) == flags
    assert (mapping.profile.defaults or {}).get("units") == "0"
    assert dict(mapping.profile.cells.templates).get("sku") == sku
    assert mapping.fields[header.index("Store")] == "channel"


def test_only_store_totals_are_flagged() -> None:
    assert unknown_flags(None) == ()
    assert unknown_flags(export_profile(["date", "store", "item", "sales"])) == ()
    # the metrics layer reads the same labels ingest writes
    assert (catalog.NO_UNITS_FLAG, catalog.NO_PRODUCTS_FLAG) == (NO_UNITS_FLAG, NO_PRODUCTS_FLAG)


@pytest.mark.parametrize(("header", "name"), [
    (["Store", "Type", "Size"], "walmart_stores"),
    (["Store", "Date", "Temperature", "Fuel_Price", "MarkDown1", "MarkDown2", "MarkDown3", "MarkDown4", "MarkDown5",
      "CPI", "Unemployment", "IsHoliday"], "walmart_features"),
    (["Store", "StoreType", "Assortment", "CompetitionDistance", "CompetitionOpenSinceMonth",
      "CompetitionOpenSinceYear", "Promo2", "Promo2SinceWeek", "Promo2SinceYear", "PromoInterval"], "rossmann_store"),
    (["InventoryId", "Store", "Brand", "Description", "Size", "VendorNumber", "VendorName", "PONumber", "PODate",
      "ReceivingDate", "InvoiceDate", "PayDate", "PurchasePrice", "Quantity", "Dollars", "Classification"],
     "bibitor_purchases"),
])
def test_side_files_are_acknowledged(header: list[str], name: str) -> None:
    """Store attributes, forecast features and what the chain bought: recognised, nothing stored. Bibitor's
    purchases were loaded as sales before (a quantity, a date and a description read as a sale)."""
    part = dataset_part(header)
    assert part is not None and part.name == name and part.role is PartRole.UNUSED


def test_a_walmart_sales_file_is_no_store_list() -> None:
    assert dataset_part(RECRUITING) is None


def test_retail_price_optimization_is_no_olist_products_file() -> None:
    """Its header holds Olist's product columns (product_id, product_category_name, product_photos_qty): it was
    read as Olist's catalogue and its sales lost."""
    header = store_shapes.PRICE_HEADER
    part = dataset_part(header)
    assert part is not None and part.name == "retail_price_optimization" and part.role is PartRole.SPLIT_ROWS


def _cells(text: str) -> pd.DataFrame:
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    return frame.apply(lambda c: c.str.strip())


def test_a_store_day_row_feeds_a_sales_line_a_stock_count_and_a_competitor_price() -> None:
    header = ",".join(store_shapes.INVENTORY_HEADER)
    cells = _cells(f"{header}\n2022-01-03,S002,P0007,Toys,East,120,10,55,9.5,20.00,15,Sunny,1,19.00,Winter\n"
                   "not a date,S001,P0001,Toys,West,1,1,1,1,1.00,0,Sunny,0,1.00,Winter\n")
    out = split_rows(cells, SPLITS["retail_store_inventory"])
    assert out.bad_date.tolist() == [False, True]  # rejected by the caller, nothing derived from it
    line = out.sales.iloc[0].to_dict()
    assert line["day_total_of"] == "retail_store_inventory" and line["date"] == "2022-01-03"
    assert (line["sku"], line["units"], line["unit_price"], line["channel"], line["region"]) == \
        ("P0007", "10", "20.00", "S002", "East")
    assert line["discount"] == 30.0  # 15% of 10 x 20.00, in money
    assert out.stock.iloc[0].to_dict() == {"sku": "P0007", "date": "2022-01-03", "on_hand": "120",
                                           "location": "S002"}
    assert out.competitors.to_dict("records") == [{"sku": "P0007", "competitor": "competitor of S002",
                                                   "date": "2022-01-03", "price": "19.00"}]


def test_a_product_month_is_read_day_first_with_three_competitors() -> None:
    """``01-05-2017`` is 1 May 2017 (month starts: no part is over 12, so the publisher's order decides)."""
    text = store_shapes.retail_price(products=1, months=3, seed=3)["retail_price.csv"]
    cells = _cells(text)
    out = split_rows(cells, SPLITS["retail_price_optimization"], None)
    assert set(out.sales["date"]) <= {"2017-05-01", "2017-06-01", "2017-07-01"}
    assert list(out.sales.columns[:1]) == ["month_total_of"]
    assert len(out.competitors) == 3 * len(out.sales) and out.stock.empty
    assert set(out.competitors["competitor"]) == {"competitor 1", "competitor 2", "competitor 3"}


@pytest.mark.parametrize(("row", "metric", "dims", "missing"), [
    ({"unitless_lines": 10, "productless_lines": 10}, "units", [], "units"),
    ({"unitless_lines": 10, "productless_lines": 10}, "revenue", ["sku"], "products"),
    ({"unitless_lines": 10, "productless_lines": 0}, "revenue", ["sku"], None),  # departments are products
    ({"unitless_lines": 0, "productless_lines": 0}, "units", [], None),
    ({"unitless_lines": 10, "productless_lines": 10}, "revenue", ["channel"], None),
    (None, "units", [], None),
])
def test_what_revenue_totals_cannot_answer(row: dict[str, int] | None, metric: str, dims: list[str],
                                           missing: str | None) -> None:
    assert missing_from_totals(row, metric, dims) == missing
