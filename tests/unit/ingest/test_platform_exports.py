"""The cell and row rules other platforms' exports need: packed line items, SKUs named by the item, summary rows,
titles written once per product, and review sets that name no product."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from shared.ingest.derive import ONE_PRODUCT, derive_missing, filled_down, named_by_title, summary_rows
from shared.ingest.headers import (
    PLATFORM_PROFILES,
    ColumnMapping,
    export_profile,
    map_columns,
)
from shared.ingest.kinds import detect_kind
from shared.ingest.packed import expand_chunk, packed_mapping, split_items
from shared.ingest.reader import Chunk
from shared.models.records import DataKind
from tests.fixtures.public import export_shapes

_BIGCOMMERCE = next(p for p in PLATFORM_PROFILES if p.name == "bigcommerce_orders")


def test_a_packed_cell_splits_into_its_items_and_a_comma_in_a_name_stays() -> None:
    cell = ("Product ID: 101, Product Qty: 2, Product SKU: TNT-2P, Product Name: Trail Tent, 2 Person, Product "
            "Weight: 1.0000, Product Variation Details: , Product Unit Price: 189.00, Product Total Price: 378.00"
            " | Product ID: 103, Product Qty: 1, Product SKU: HDL-1, Product Name: Headlamp, Product Price: 24.99")
    assert _BIGCOMMERCE.packed is not None
    items = split_items(cell, _BIGCOMMERCE.packed)
    assert [(i["Product Qty"], i["Product SKU"], i["Product Name"]) for i in items] == [
        ("2", "TNT-2P", "Trail Tent, 2 Person"), ("1", "HDL-1", "Headlamp")]
    assert items[0]["Product Unit Price"] == "189.00" and items[0]["Product Variation Details"] == ""
    assert items[1]["Product Price"] == "24.99"


def test_each_packed_item_becomes_a_line_with_its_orders_cells_and_row_number() -> None:
    header = ["Order ID", "Order Date", "Order Status", "Subtotal (ex tax)", "Product Details"]
    mapping = packed_mapping(map_columns(header, DataKind.SALES))
    assert not mapping.missing_required  # the SKU and units come from the packed cell
    frame = pd.DataFrame({"c0": ["100", "101"], "c1": ["05/12/2024", "06/12/2024"], "c2": ["Shipped", "Refunded"],
                          "c3": ["50", "9"],
                          "c4": ["Product Qty: 1, Product SKU: A, Product Name: Cup, Product Unit Price: 20.00|"
                                 "Product Qty: 3, Product SKU: B, Product Name: Lid, Product Unit Price: 10.00",
                                 "Product Qty: 1, Product SKU: C, Product Name: Jar, Product Price: 9.00"]})
    out = expand_chunk(Chunk(frame=frame, row_numbers=np.array([1, 2])), mapping, len(header))
    columns = {f: out.frame[f"c{i}"].tolist() for i, f in mapping.fields.items()}
    assert columns["order_id"] == ["100", "100", "101"] and columns["status"] == ["Shipped", "Shipped", "Refunded"]
    assert columns["sku"] == ["A", "B", "C"] and columns["units"] == ["1", "3", "1"]
    assert columns["unit_price"] == ["20.00", "10.00", "9.00"]  # "Product Price" stands in for the unit price
    assert out.row_numbers.tolist() == [1, 1, 2] and out.rows_read == 3


def test_an_empty_sku_takes_the_items_name_and_a_line_with_neither_stays_empty() -> None:
    raw = pd.DataFrame({"sku": ["MUG-1", "", None, ""], "product_title": ["Mug", "Linen Towel", "Candle", ""]})
    assert named_by_title(raw)["sku"].tolist() == ["MUG-1", "Linen Towel", "Candle", ""]


def test_a_title_written_once_per_product_fills_down_across_chunks() -> None:
    above: dict[str, object] = {}
    first = filled_down(pd.DataFrame({"title": ["Tee", "", "Cap"], "price": ["1", "", "2"]}),
                        frozenset({"title"}), above)
    second = filled_down(pd.DataFrame({"title": ["", "Hoodie", ""]}, index=[3, 4, 5]), frozenset({"title"}), above)
    assert first["title"].tolist() == ["Tee", "Tee", "Cap"] and first["price"].tolist() == ["1", "", "2"]
    assert second["title"].tolist() == ["Cap", "Hoodie", "Hoodie"]


def test_summary_rows_are_those_without_the_item() -> None:
    raw = pd.DataFrame({"product_title": ["Lens", "", None, "Bowl"]})
    assert summary_rows(raw, "product_title").tolist() == [False, True, True, False]
    assert not summary_rows(raw, "sku").any()


def test_a_review_set_naming_no_product_is_of_one_thing() -> None:
    assert detect_kind(["Review", "Rating"]) is DataKind.REVIEWS
    assert not map_columns(["Review", "Rating"], DataKind.REVIEWS).missing_required
    raw = derive_missing(DataKind.REVIEWS, pd.DataFrame({"text": ["great", "awful"], "rating": ["5", "1"]}))
    assert raw["sku"].tolist() == [ONE_PRODUCT, ONE_PRODUCT] and raw["review_id"].nunique() == 2
    # a bare product column is still no review file
    with pytest.raises(Exception, match="cannot tell the kind"):
        detect_kind(["sku"])


@pytest.mark.parametrize(("text", "name", "kind"), [
    (export_shapes.etsy_order_items(3), "etsy_sold_order_items", DataKind.SALES),
    (export_shapes.etsy_orders(3), "etsy_sold_orders", DataKind.SALES),
    (export_shapes.ebay_orders(3).split("\r\n", 1)[1], "ebay_orders_report", DataKind.SALES),
    (export_shapes.square_items(3), "square_item_sales", DataKind.SALES),
    (export_shapes.bigcommerce_orders(3), "bigcommerce_orders", DataKind.SALES),
    (export_shapes.shopify_products(3), "shopify_products", DataKind.PRODUCTS),
    (export_shapes.shopify_inventory(3), "shopify_inventory", DataKind.INVENTORY),
])
def test_each_platform_export_is_recognised_by_its_header(text: str, name: str, kind: DataKind) -> None:
    header = [str(c) for c in pd.read_csv(io.StringIO(text), nrows=0).columns]
    profile = export_profile(header)
    assert profile is not None and profile.name == name and detect_kind(header) is kind
    mapping: ColumnMapping = packed_mapping(map_columns(header, kind))
    assert not mapping.missing_required, mapping.missing_required


def test_a_reviewed_products_name_and_brand_are_read_for_the_catalogue() -> None:
    """Sephora's reviews carry product_name and brand_name beside product_id: answers name the product."""
    header = ["", "author_id", "rating", "review_text", "product_id", "product_name", "brand_name"]
    mapping = map_columns(header, DataKind.REVIEWS)
    assert detect_kind(header) is DataKind.REVIEWS
    fields = mapping.as_document()
    assert fields["product_id"] == "sku" and fields["product_name"] == "product_title"
    assert fields["brand_name"] == "product_brand"


def test_woocommerces_order_exports_are_known_by_their_headers() -> None:
    """The plugin's one-row-per-item export was read as a catalogue and Analytics' orders download refused; each is a
    sales profile now: units at Item Cost with the order's cart discount spread, or Net Sales per order."""
    from tests.fixtures.public import public7_shapes

    plugin = export_profile(public7_shapes.ORDER_EXPORT_HEADER)
    analytics = export_profile(public7_shapes.ANALYTICS_HEADER)
    assert plugin is not None and plugin.name == "woo_order_export" and plugin.kind is DataKind.SALES
    assert analytics is not None and analytics.name == "woo_analytics_orders" and analytics.no_products
    assert (plugin.columns["quantityrefund"], plugin.columns["itemcost"], plugin.columns["cartdiscountamount"]) == (
        "units", "unit_price", "order_discount")
    assert "ordertotalamount" not in plugin.columns  # the order's total, on each of its lines: never summed
    assert analytics.columns["netsales"] == "revenue" and analytics.statuses == {"refunded": "returned"}


def test_magentos_order_grid_is_a_sales_profile_of_orders_without_products_or_quantities() -> None:
    """Refused before (no kind told from its header); Subtotal is the revenue, Grand Total (with shipping and tax,
    less discounts) is not; Closed (refunded in full) a return, Suspected Fraud no sale, Pending not yet."""
    from tests.fixtures.public import public7_shapes

    grid = export_profile(public7_shapes.MAGENTO_GRID_HEADER)
    assert grid is not None and grid.name == "magento_order_grid" and grid.kind is DataKind.SALES
    assert grid.columns["subtotal"] == "revenue" and "grandtotalpurchased" not in grid.columns
    assert grid.no_units and grid.no_products
    assert {k: v for k, v in (grid.statuses or {}).items() if v != "unpaid"} == {"closed": "returned",
                                                                                "suspected fraud": "cancelled"}
    assert (grid.statuses or {})["pending"] == "unpaid"  # placed, not invoiced: not a sale yet
