"""Rules of question round pubq17 (public sales datasets asked through the CLI), each failing without its fix."""

from __future__ import annotations

import pandas as pd

from shared.ingest.derive import derive_missing, payment_words_column, stamped_orders
from shared.ingest.headers import map_columns, written_out
from shared.ingest.kinds import detect_kind
from shared.models.records import DataKind
from shared.questions import lexicon as lx
from shared.questions.goods import as_products, goods_noun, goods_nouns
from tests.fixtures.public.pubq17_shapes import CAR_SALES_HEADER, COFFEE_HEADER, FAST_FOOD_HEADER
from tests.unit.ingest.test_public13_rules import _fields


def test_a_car_model_and_make_are_the_product_and_its_brand() -> None:
    """The Car Sales Data was refused (no kind told): ``Car Model`` and ``Car Make`` were no columns."""
    assert detect_kind(CAR_SALES_HEADER) is DataKind.SALES
    fields = _fields(CAR_SALES_HEADER)
    assert (fields["Car Model"], fields["Car Make"], fields["Salesperson"]) == (
        "product_title",
        "product_brand",
        "seller",
    )
    assert _fields(["Date", "Product", "Model", "Car Model", "Qty", "Total"])["Product"] == "product_title"


def test_a_row_stamped_with_its_time_of_day_is_one_sale() -> None:
    """The timed Coffee Sales name no customer and no quantity: a cup a row, not a period's total."""
    mapping = map_columns(COFFEE_HEADER, DataKind.SALES)
    assert mapping.stamped and mapping.headers[mapping.time_column or 0] == "Time"  # the second, over the hour
    assert not mapping.missing_required and detect_kind(COFFEE_HEADER) is DataKind.SALES
    raw = pd.DataFrame({"date": ["2024-03-01"], "revenue": ["38.7"], "product_title": ["Latte"]})
    assert derive_missing(DataKind.SALES, raw, stamped=True)["units"].tolist() == ["1"]
    assert "units" not in derive_missing(DataKind.SALES, raw)  # a store's week: no time of day, stays as it is
    weekly = map_columns(["Store", "Date", "Weekly_Sales", "Item"], DataKind.SALES)
    assert not weekly.stamped
    assert not map_columns(["Date", "Time_of_Day", "money", "coffee_name"], DataKind.SALES).stamped  # "Morning"


def test_each_stamped_row_without_an_order_is_the_order_of_its_moment() -> None:
    """Two cups of one coffee one day, paid alike, were one line (a duplicate): their times tell them apart."""
    raw = pd.DataFrame({"date": ["2024-03-01", "2024-03-01", "2024-03-01"], "revenue": ["38.7"] * 3})
    orders = stamped_orders(raw, pd.Series(["10:15:50.520000", "16:02:11.040000", ""]))["order_id"].tolist()
    assert orders[0] != orders[1] and orders[0].startswith("at-2024-03-01T10:15") and pd.isna(orders[2])
    with_card = stamped_orders(raw.assign(customer_id=["A", "B", "A"]), pd.Series(["10:00", "10:00", "11:00"]))
    assert with_card["order_id"].nunique() == 3  # two cards at one moment: two sales


def test_a_transaction_type_of_payment_words_is_how_the_order_was_paid() -> None:
    """The Fast Food Sales Report's ``transaction_type`` (Cash, Online, empty) was read as the line's status."""
    mapping = map_columns(FAST_FOOD_HEADER, DataKind.SALES)
    at = FAST_FOOD_HEADER.index("transaction_type")
    assert mapping.fields[at] == "status"
    frame = pd.DataFrame({f"c{i}": [""] * 3 for i in range(len(FAST_FOOD_HEADER))})
    frame[f"c{at}"] = ["Cash", "Online", ""]
    assert payment_words_column(frame, mapping.headers, mapping.fields) == at
    frame[f"c{at}"] = ["Sale", "Refund", "Sale"]  # Token of Trust's: a kind of transaction, the status
    assert payment_words_column(frame, mapping.headers, mapping.fields) is None
    frame[f"c{at}"] = ["Online", "Online", ""]  # a channel as much as a way of paying: said nothing
    assert payment_words_column(frame, mapping.headers, mapping.fields) is None


def test_an_item_type_is_the_category() -> None:
    found = [d for d, rx in lx.DIMENSION_WORDS if rx.search("which item type had the most revenue")]
    assert found[0] == "category"  # before the item (a product): the first dimension named wins


def test_the_kind_of_goods_is_named_by_the_headers_of_the_goods() -> None:
    assert goods_nouns(
        [
            dict.fromkeys(CAR_SALES_HEADER),
            {"Car Model": "product_title", "Car Make": "product_brand", "Customer Name": "customer_id"},
        ]
    ) == ["car"]
    assert goods_nouns([{"coffee_name": "product_title", "Bottles Sold": "units", "Car_id": "sale_id"}]) == [
        "bottle",
        "car",
        "coffee",
    ]
    for header in (
        "item_name",
        "Product Name",
        "Vendor Name",
        "Item Description",
        "Category Name",
        "Customer ID",
        "Store Name",
        "Sales Person",
    ):
        assert goods_noun(header) is None, header
    assert goods_nouns([{"pizza_name": None}]) == []  # a column not read as the goods says nothing


def test_the_kind_of_goods_in_a_question_is_every_product() -> None:
    """ "How many cars did we sell" was refused: no product is called "cars"."""
    assert (
        as_products("How many cars did we sell in March 2023?", ["car"]) == "How many units did we sell in March 2023?"
    )
    assert as_products("Which coffee sold the most units?", ["coffee"]) == "Which product sold the most units?"
    assert as_products("what were our top 3 pastries", ["pastry"]) == "what were our top 3 products"
    assert as_products("How many cartons did we sell?", ["car"]) == "How many cartons did we sell?"


def test_a_shortened_transaction_is_written_out_and_a_prefixed_quantity_read() -> None:
    """The Vending Machine Sales' every row was skipped: no date told from ``TransDate``, no units from ``RQty``."""
    header = ["Status", "Location", "Machine", "Product", "Transaction", "TransDate", "Type", "RPrice", "RQty",
              "MPrice", "MQty", "LineTotal", "TransTotal"]  # fmt: skip
    fields = _fields(header)
    assert (fields["TransDate"], fields["RQty"], fields["RPrice"]) == ("date", "units", "unit_price")
    assert fields["Transaction"] == "order_id" and "MQty" not in fields
    assert written_out("Transport Cost") == [] and written_out("Transfer") == []
    assert _fields(["Order ID", "Transaction", "Date", "Qty", "Total"])["Order ID"] == "order_id"
