"""Rules of round public13 (public12's held-out leftovers and three more exports), each failing without its fix."""

from __future__ import annotations

import pandas as pd

from shared.ingest.addresses import state_from_address
from shared.ingest.headers import map_columns
from shared.ingest.packed import split_items
from shared.ingest.sales import derive_sales
from shared.models.records import DataKind
from tests.fixtures.public.public12_heldout_shapes import MERCADO_PAGO_HEADER, MERCARI_HEADER
from tests.fixtures.public.public13_shapes import BIG_CARTEL_HEADER, TOKEN_OF_TRUST_HEADER
from tests.unit.ingest.test_sales_rules import _cols


def _fields(header: list[str]) -> dict[str, str]:
    mapping = map_columns(header, DataKind.SALES)
    return {header[i]: f for i, f in mapping.fields.items()}


def test_mercari_s_item_id_is_the_sale_and_its_title_the_product() -> None:
    """A listing is one item sold once: its id is no product (every listing was a product of its own)."""
    fields = _fields(MERCARI_HEADER)
    assert (fields["Item Id"], fields["Item Title"]) == ("order_id", "product_title")
    assert "sku" not in fields.values()


def test_mercado_pago_s_sales_report_is_read_as_sales() -> None:
    """It was "cannot tell the kind": Transaction amount LC is its revenue, Purchase order its order."""
    fields = _fields(MERCADO_PAGO_HEADER)
    assert fields["Transaction amount LC"] == "revenue" and fields["Purchase order"] == "order_id"
    assert fields["Status description"] == "status"


def test_an_order_extract_s_price_address_and_transaction_type_are_read() -> None:
    """Token of Trust: Sales Price ($)** a unit price, "City, State Zip (Shipping)" an address, Transaction Type the
    status where no column names one (none of them was read: no revenue, no state, refunds sold)."""
    fields = _fields(TOKEN_OF_TRUST_HEADER)
    assert fields["Sales Price ($)**"] == "unit_price"
    assert fields["City, State Zip (Shipping)"] == "ship_address"
    assert fields["Transaction Type"] == "status"
    assert _fields(["Order ID", "Status", "Transaction Type", "SKU", "Date", "Quantity"])["Status"] == "status"
    raw = pd.DataFrame({"ship_address": ["Seattle, WA 98101", "Austin, TX 78701-1234"]})
    assert state_from_address(raw)["state"].tolist() == ["WA", "TX"]


def test_a_refund_transaction_is_a_return_and_refunded_alone_is_still_a_sale() -> None:
    cols, index = _cols(units=[2, 2, 1], unit_price=[15.0, 15.0, 9.0], status=["Sale", "Refund", "refunded"])
    derive_sales(cols, index)
    assert cols["units"].tolist() == [2, 0, 1]
    assert cols["returned_units"].tolist()[1] == 2 and cols["refund"].tolist()[1] == 30.0


def test_items_packed_as_key_value_pairs_are_lines_of_their_own() -> None:
    """Big Cartel: ``key:value`` pairs joined by ``|``, items by ``;`` (refused whole: "cannot tell the kind")."""
    mapping = map_columns(BIG_CARTEL_HEADER, DataKind.SALES)
    assert mapping.profile is not None and mapping.profile.packed is not None
    cell = "product_name:Tee: Black|quantity:2|price:20.0|total:40.0;product_name:Cap|quantity:1|price:12.5"
    assert split_items(cell, mapping.profile.packed) == [
        {"product_name": "Tee: Black", "quantity": "2", "price": "20.0", "total": "40.0"},
        {"product_name": "Cap", "quantity": "1", "price": "12.5"},
    ]
