from __future__ import annotations

import pytest

from shared.errors import InvalidInput
from shared.ingest.headers import map_columns, normalise_header, require_columns
from shared.ingest.kinds import dataset_part, detect_kind
from shared.ingest.parts import PartRole
from shared.models.records import DataKind


@pytest.mark.parametrize(("header", "field"), [
    ("qty", "units"), ("Quantity", "units"), ("Units Sold", "units"), ("units_sold", "units"),
    ("product_id", "sku"), ("Item SKU", "sku"), ("ORDER-DATE", "date"), ("day", "date"),
])
def test_sales_aliases(header: str, field: str) -> None:
    mapping = map_columns(["x", header], DataKind.SALES)
    assert mapping.fields == {1: field}


@pytest.mark.parametrize(("header", "field"), [("stars", "rating"), ("Score", "rating"), ("body", "text"),
                                                ("Review", "text")])
def test_review_aliases(header: str, field: str) -> None:
    assert map_columns([header], DataKind.REVIEWS).fields == {0: field}


def test_normalise_is_case_space_and_punctuation_insensitive() -> None:
    assert normalise_header(" Units-Sold ") == normalise_header("units_sold") == normalise_header("UNITS SOLD")
    assert normalise_header("\ufeffsku") == "sku"


def test_exact_field_name_wins_over_alias_and_extra_columns_are_unmapped() -> None:
    mapping = map_columns(["product_id", "sku", "date", "qty", "notes"], DataKind.SALES)
    assert mapping.as_document() == {"product_id": None, "sku": "sku", "date": "date", "qty": "units",
                                     "notes": None}


@pytest.mark.parametrize(("header", "kind"), [
    (["Order Date", "Product ID", "Qty", "Price"], DataKind.SALES),
    (["sku", "title", "price"], DataKind.PRODUCTS),
    (["review_id", "sku", "date", "stars", "body"], DataKind.REVIEWS),
    (["sku", "competitor", "date", "price"], DataKind.COMPETITOR_PRICES),
    (["sku", "date", "stock", "warehouse"], DataKind.INVENTORY),
])
def test_detect_kind(header: list[str], kind: DataKind) -> None:
    assert detect_kind(header) is kind


def test_a_review_file_without_a_date_column_is_reviews_and_a_bare_sku_column_is_not() -> None:
    """Reviews may be undated (no date column), so a review file is told by a rating, a text or a title too."""
    assert detect_kind(["sku", "stars", "review"]) is DataKind.REVIEWS
    assert not map_columns(["sku", "stars", "review"], DataKind.REVIEWS).missing_required
    with pytest.raises(InvalidInput, match="cannot tell the kind"):
        detect_kind(["sku", "colour"])


def test_undetectable_header_names_the_columns() -> None:
    with pytest.raises(InvalidInput, match="columns seen: foo, bar"):
        detect_kind(["foo", "bar"])


def test_missing_required_columns_are_named() -> None:
    with pytest.raises(InvalidInput, match="missing required column.*date"):
        require_columns(map_columns(["sku", "units"], DataKind.SALES))


@pytest.mark.parametrize(("header", "field"), [
    ("Discount", "discount"), ("Line Discount", "discount"), ("Refund Amount", "refund"), ("Returns", "returned_units"),
    ("Qty Returned", "returned_units"), ("Customer Email", "customer_email"), ("E-mail", "customer_email"),
    ("Customer ID", "customer_id"), ("customer_hash", "customer_id"), ("Order Discount", "order_discount"),
    ("Discount Amount", "discount"), ("Refunded Amount", "refund"), ("Cart Discount", "order_discount"),
    ("Order Status", "status"),
])
def test_sales_source_and_new_field_aliases(header: str, field: str) -> None:
    assert map_columns(["x", header], DataKind.SALES).fields == {1: field}


def test_a_customer_hash_column_is_never_stored_as_it_is() -> None:
    mapping = map_columns(["sku", "date", "units", "customer_hash"], DataKind.SALES)
    assert mapping.as_document()["customer_hash"] == "customer_id"  # hashed with the tenant's key


def test_a_native_export_maps_by_its_own_columns_only() -> None:
    shopify = ["Name", "Email", "Financial Status", "Currency", "Subtotal", "Total", "Discount Amount", "Created at",
               "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku", "Refunded Amount", "Source"]
    mapping = map_columns(shopify, DataKind.SALES)
    assert mapping.profile is not None and mapping.profile.name == "shopify_orders"
    doc = mapping.as_document()
    assert doc["Total"] is None and doc["Subtotal"] is None  # order totals are not a line's revenue
    assert (doc["Name"], doc["Lineitem sku"], doc["Discount Amount"], doc["Refunded Amount"]) == (
        "order_id", "sku", "order_discount", "order_refund")
    assert detect_kind(shopify) is DataKind.SALES


def test_amazon_item_price_is_the_line_total() -> None:
    header = ["amazon-order-id", "purchase-date", "order-status", "sku", "quantity", "currency", "item-price",
              "item-promotion-discount"]
    assert map_columns(header, DataKind.SALES).as_document()["item-price"] == "revenue"
    assert map_columns(["sku", "date", "qty", "item_price"], DataKind.SALES).as_document()["item_price"] == "unit_price"


def test_a_business_report_without_a_date_says_what_to_do() -> None:
    header = ["(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Units Ordered", "Ordered Product Sales"]
    assert detect_kind(header) is DataKind.SALES
    with pytest.raises(InvalidInput, match="All Orders report"):
        require_columns(map_columns(header, DataKind.SALES))


def test_a_sales_file_with_a_category_and_no_product_column_sells_its_categories() -> None:
    """Kaggle's "Retail Sales Dataset": no product id; the category stands for the product (it was refused as
    "cannot tell the kind")."""
    header = ["Transaction ID", "Date", "Customer ID", "Gender", "Age", "Product Category", "Quantity",
              "Price per Unit", "Total Amount"]
    assert detect_kind(header) is DataKind.SALES
    mapping = map_columns(header, DataKind.SALES)
    assert mapping.category_as_product and not mapping.missing_required
    assert {h: f for h, f in mapping.as_document().items() if f} == {
        "Transaction ID": "order_id", "Date": "date", "Customer ID": "customer_id",
        "Product Category": "product_category", "Quantity": "units", "Price per Unit": "unit_price",
        "Total Amount": "revenue"}
    # a file that names its products keeps them
    assert not map_columns(["sku", "category", "date", "units"], DataKind.SALES).category_as_product


def test_supermarket_sales_revenue_is_the_sale_before_tax() -> None:
    header = ["Invoice ID", "Branch", "City", "Customer type", "Gender", "Product line", "Unit price", "Quantity",
              "Tax 5%", "Total", "Date", "Time", "Payment", "cogs", "gross margin percentage", "gross income",
              "Rating"]
    assert detect_kind(header) is DataKind.SALES
    mapping = map_columns(header, DataKind.SALES)
    assert mapping.profile is not None and mapping.profile.name == "supermarket_sales"
    doc = mapping.as_document()
    assert doc["cogs"] == "revenue" and doc["Total"] is None and doc["gross income"] is None
    assert doc["Rating"] is None and doc["Product line"] == "product_category" and mapping.category_as_product


def test_rees46_events_and_the_amazon_sales_catalogue_are_recognised() -> None:
    events = ["event_time", "event_type", "product_id", "category_id", "category_code", "brand", "price", "user_id",
              "user_session"]
    assert detect_kind(events) is DataKind.SALES
    doc = map_columns(events, DataKind.SALES).as_document()
    assert (doc["event_time"], doc["event_type"], doc["user_session"], doc["price"]) == (
        "date", "event_type", "order_id", "unit_price")
    listings = ["product_id", "product_name", "category", "discounted_price", "actual_price", "discount_percentage",
                "rating", "rating_count", "about_product", "user_id", "user_name", "review_id", "review_title",
                "review_content", "img_link", "product_link"]
    assert detect_kind(listings) is DataKind.PRODUCTS  # not reviews: its reviews are comma-joined lists
    mapping = map_columns(listings, DataKind.PRODUCTS)
    assert mapping.profile is not None and mapping.profile.top_level == {"category"}
    assert {h: f for h, f in mapping.as_document().items() if f} == {
        "product_id": "sku", "product_name": "title", "category": "category", "discounted_price": "price",
        "actual_price": "msrp"}


@pytest.mark.parametrize("header", [
    ["order_id", "user_id", "eval_set", "order_number", "order_dow", "order_hour_of_day", "days_since_prior_order"],
    ["order_id", "product_id", "add_to_cart_order", "reordered"],
])
def test_instacart_orders_are_acknowledged_not_refused(header: list[str]) -> None:
    """Instacart publishes no calendar dates and no prices: its order files are recognised (nothing stored, every
    row counted as skipped, the note says why) rather than refused as "cannot tell the kind"."""
    part = dataset_part(header)
    assert part is not None and part.role is PartRole.UNUSED and "nothing ecomintel stores" in part.about
    assert detect_kind(header) is DataKind.SALES


def test_an_event_column_of_a_sales_file_is_no_event_log() -> None:
    """Only ``event_type`` makes a file an event log: a promotion named in an "Event" column is not one."""
    mapping = map_columns(["sku", "date", "units", "revenue", "Event"], DataKind.SALES)
    assert "event_type" not in mapping.fields.values()
    assert map_columns(["sku", "date", "units", "event_type"], DataKind.SALES).as_document()["event_type"] == \
        "event_type"
