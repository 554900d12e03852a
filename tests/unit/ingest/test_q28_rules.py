"""The twenty-eighth question round's ingest rules: relational exports' columns and files read as they mean."""

from __future__ import annotations

import pandas as pd
import pytest

from shared.ingest.catalogue_prices import totals_all_zero
from shared.ingest.header_currency import split_currency
from shared.ingest.headers import map_columns
from shared.ingest.order_join import channel_named, channel_thing
from shared.ingest.order_parts import order_part
from shared.ingest.parts import PartRole
from shared.models.records import DataKind


def _fields(headers: list[str], kind: DataKind = DataKind.SALES) -> dict[str, str]:
    mapping = map_columns(headers, kind)
    return {headers[i]: f for i, f in mapping.fields.items()}


@pytest.mark.parametrize(
    ("header", "bare", "code"),
    [
        ("Unit Price USD", "Unit Price", "USD"),
        ("price_usd", "price", "USD"),
        ("refund_amount_usd", "refund_amount", "USD"),
        ("Sales EUR", "Sales", "EUR"),
        ("Total (ARS)", "Total", "ARS"),
    ],
)
def test_a_currency_code_after_a_money_word_is_no_part_of_the_name(header: str, bare: str, code: str) -> None:
    """Before: ``Unit Price USD`` and ``price_usd`` matched no field, so Maven's files had no money."""
    assert split_currency(header) == (bare, code)


@pytest.mark.parametrize("header", ["Order ALL", "Currency Code", "unit_price", "Product Name", "Store CAD Region"])
def test_a_code_like_word_elsewhere_stays_in_the_name(header: str) -> None:
    assert split_currency(header) == (header, None)


def test_maven_prices_in_dollars_are_prices() -> None:
    products = _fields(["ProductKey", "Product Name", "Unit Cost USD", "Unit Price USD", "Category"], DataKind.PRODUCTS)
    assert products["Unit Price USD"] == "price" and products["Unit Cost USD"] == "cost"
    items = _fields(["order_item_id", "created_at", "order_id", "product_id", "is_primary_item", "price_usd"])
    assert items["price_usd"] == "unit_price" and items["product_id"] == "sku"


def test_predict_future_sales_counts_are_units_and_its_shop_the_channel() -> None:
    fields = _fields(["date", "date_block_num", "shop_id", "item_id", "item_price", "item_cnt_day"])
    assert fields["item_cnt_day"] == "units" and fields["shop_id"] == "channel" and fields["item_id"] == "sku"


def test_jd_prices_before_and_after_their_discounts() -> None:
    fields = _fields(["order_ID", "user_ID", "sku_ID", "order_date", "quantity", "original_unit_price",
                      "final_unit_price", "gift_item"])  # fmt: skip
    assert fields["original_unit_price"] == "unit_price" and fields["final_unit_price"] == "unit_net"


def test_a_sales_date_is_the_date() -> None:
    fields = _fields(["SalesID", "CustomerID", "ProductID", "Quantity", "Discount", "TotalPrice", "SalesDate"])
    assert fields["SalesDate"] == "date"


def _role(headers: list[str]) -> tuple[str, PartRole] | None:
    part = order_part(headers)
    return (part.name, part.role) if part is not None else None


def test_a_customer_list_keyed_by_its_customer_is_a_directory() -> None:
    """Before: refused ("cannot tell the kind"), so the upload of Maven's five files failed on one."""
    headers = ["CustomerKey", "Gender", "Name", "City", "State Code", "State", "Zip Code", "Country", "Continent",
               "Birthday"]  # fmt: skip
    assert _role(headers) == ("directory", PartRole.UNUSED)


def test_exchange_rates_are_acknowledged() -> None:
    assert _role(["Date", "Currency", "Exchange"]) == ("exchange_rates", PartRole.UNUSED)


def test_an_orders_file_of_totals_is_the_orders_headers() -> None:
    """An order's total beside its count of items is the order's summary; its lines carry the money."""
    headers = ["order_id", "created_at", "website_session_id", "user_id", "primary_product_id", "items_purchased",
               "price_usd", "cogs_usd"]  # fmt: skip
    assert _role(headers) == ("order_headers", PartRole.ORDER_HEADERS)


def test_a_refund_by_order_item_is_no_orders_header() -> None:
    """Before: read as orders, its refund date would have been taken for the order's."""
    headers = ["order_item_refund_id", "created_at", "order_item_id", "order_id", "refund_amount_usd"]
    assert _role(headers) == ("item_refunds", PartRole.UNUSED)


def test_an_items_category_id_names_a_category() -> None:
    assert _role(["item_category_name", "item_category_id"]) == ("category_names", PartRole.NAMES)


def test_a_price_list_with_an_order_total_still_needs_its_items() -> None:
    """An order file naming its product stays what it was (not a header)."""
    assert _role(["order_id", "created_at", "product_id", "items_purchased", "price_usd"]) != (
        "order_headers",
        PartRole.ORDER_HEADERS,
    )


def test_a_line_total_of_zero_everywhere_is_no_total() -> None:
    assert totals_all_zero(pd.DataFrame({"sku": ["1", "2"], "units": ["3", "1"], "revenue": ["0.0", "0"]}))
    assert not totals_all_zero(pd.DataFrame({"sku": ["1", "2"], "revenue": ["0.0", "4.5"]}))
    assert not totals_all_zero(pd.DataFrame({"sku": ["1"], "unit_price": ["2"], "revenue": ["0.0"]}))
    assert not totals_all_zero(pd.DataFrame({"sku": ["1"], "units": ["2"]}))


def test_a_channel_given_by_id_takes_its_name_or_a_label() -> None:
    assert channel_thing("shop_id") == "shop" and channel_thing("Channel") is None
    assert channel_thing("customer_id") is None  # a person is no place of sale

    def lookup(link: str, ids: list[str]) -> pd.DataFrame:
        assert link == "name:shop"
        return pd.DataFrame({"ref_id": ["2"], "ref_value": ['Москва ТЦ "Семеновский"']})

    raw = pd.DataFrame({"channel": ["2", "7", None]})
    assert channel_named(raw, "shop", lookup)["channel"].tolist() == ['Москва ТЦ "Семеновский"', "shop 7", None]
