"""Rules of round public15 (public14's leftovers and more exports checked row for row), each failing without its fix."""

from __future__ import annotations

import numpy as np
import pandas as pd

from shared.ingest.derive import first_rows
from shared.ingest.headers import map_columns
from shared.ingest.item_rows import ItemQuantities, read_together
from shared.ingest.sales import derive_sales, total_with_shipping
from shared.models.records import DataKind
from shared.money import MARKERS, normalise_amount, parse_money
from tests.fixtures.public.public14_shapes import SETTLEMENT_HEADER
from tests.fixtures.public.public15_heldout_shapes import EBAY_TRANSACTIONS_HEADER
from tests.unit.ingest.test_sales_rules import _cols


def _settlement_profile():  # type: ignore[no-untyped-def]
    mapping = map_columns(SETTLEMENT_HEADER, DataKind.SALES)
    assert mapping.profile is not None and mapping.profile.item_rows is not None
    return mapping.profile


def test_an_item_s_promotion_and_refund_rows_are_read_with_its_line() -> None:
    """Amazon's settlement report: the Promotion row's amount was skipped (the discount lost) and the Refund's
    Principal, naming no quantity, rejected (the refund lost). The promotion is its own event's line's discount; the
    refund gives back the units its order named, even when the order was in an earlier chunk."""
    profile = _settlement_profile()
    assert profile.item_rows is not None
    raw = pd.DataFrame(
        {
            "order_id": ["A", "A", "A", "B", "B", "C"],
            "item_code": ["1", "1", "1", "2", "2", "3"],
            "item_event": ["Order", "Order", "Refund", "Refund", "Refund", "Refund"],
            "line_type": [
                "itemprice principal",
                "promotion principal",
                "itemprice principal",
                "itemprice principal",
                "promotion principal",
                "itemprice principal",
            ],
            "revenue": ["40.00", "-4.00", "-36.00", "-20.00", "2.00", "-9.00"],
            "units": ["2", "", "", "", "", ""],
        }
    )
    lines = np.array([True, False, True, True, False, True])
    known = ItemQuantities()
    earlier = pd.DataFrame(  # item B's order, in an earlier chunk
        {
            "order_id": ["B"],
            "item_code": ["2"],
            "item_event": ["Order"],
            "line_type": ["itemprice principal"],
            "revenue": ["30.00"],
            "units": ["3"],
        }
    )
    read_together(earlier, profile.item_rows, np.array([True]), "line_type", known, decimal_comma=False)
    out = read_together(raw, profile.item_rows, lines, "line_type", known, decimal_comma=False).raw
    assert out["discount"].tolist()[0] == "-4.00"  # the order's promotion on the order's line (sign dropped later)
    assert pd.isna(out["discount"].tolist()[2]) and out["discount"].tolist()[3] == "2.00"  # a refund's on the refund's
    assert out["units"].tolist() == ["2", "", "2", "3", "", ""]  # C's order is in no chunk: its refund stays unread
    assert len(known) == 2  # B's and A's quantities


def test_amazon_s_settlement_currency_is_its_summary_row_s() -> None:
    """The report names its currency on the summary row only: the lines were stored with none."""
    profile = _settlement_profile()
    fields = {SETTLEMENT_HEADER[i]: f for i, f in map_columns(SETTLEMENT_HEADER, DataKind.SALES).fields.items()}
    assert fields["currency"] == "currency" and "currency" in profile.fill_down


def test_a_bare_pending_in_a_column_of_payment_states_is_no_sale_yet() -> None:
    """Sellfy's ``Pending`` beside ``Completed`` and ``Refunded``: its unpaid orders were stored as sales."""
    cols, index = _cols(units=[1, 1, 1], unit_price=[5.0] * 3, status=["Completed", "Pending", "Refunded"])
    outcome = derive_sales(cols, index, payment_states=set())
    assert outcome.errors.notna().tolist() == [False, True, False] and "not a sale yet" in str(outcome.errors[1])


def test_the_payment_states_are_carried_across_chunks() -> None:
    """A later chunk of the same file writing only ``Completed`` and ``Pending`` reads its Pending the same way."""
    seen: set[str] = set()
    first, index = _cols(units=[1, 1], unit_price=[5.0] * 2, status=["Completed", "Refunded"])
    derive_sales(first, index, payment_states=seen)
    later, index = _cols(units=[1, 1], unit_price=[5.0] * 2, status=["Completed", "Pending"])
    assert derive_sales(later, index, payment_states=seen).errors.notna().tolist() == [False, True]


def test_a_pending_order_among_an_order_s_progress_stays_a_sale() -> None:
    """Amazon's order statuses (``Shipped``, ``Cancelled``, ``Pending``) write no payment state: Pending is placed."""
    cols, index = _cols(units=[1, 1, 1], unit_price=[5.0] * 3, status=["Shipped", "Pending", "Cancelled"])
    assert derive_sales(cols, index, payment_states=set()).errors.notna().tolist() == [False, False, True]


def test_shopify_s_pending_financial_status_stays_a_sale() -> None:
    """Shopify's reports count an order when placed: its profile says its ``pending`` is a sale."""
    mapping = map_columns(
        ["Name", "Financial Status", "Lineitem quantity", "Lineitem sku", "Lineitem price"], DataKind.SALES
    )
    assert mapping.profile is not None
    cols, index = _cols(units=[1, 1], unit_price=[5.0] * 2, status=["paid", "pending"])
    outcome = derive_sales(cols, index, statuses=mapping.profile.statuses, payment_states=set())
    assert outcome.errors.notna().tolist() == [False, False]


def _fields(header: list[str]) -> dict[str, str]:
    mapping = map_columns(header, DataKind.SALES)
    return {header[i]: f for i, f in mapping.fields.items()}


def test_a_name_with_a_qualifier_is_read_without_it() -> None:
    """Newegg's ``Order Date & Time`` (no date read: every line held), BookTix's ``order_item_price`` and
    ``unix_date`` (the file refused)."""
    assert (
        _fields(["Order Number", "Order Date & Time", "Quantity Ordered", "Item Unit Price"])["Order Date & Time"]
        == "date"
    )
    booktix = _fields(["order_id", "show_name", "unix_date", "order_item_price", "order_item_discount"])
    assert (booktix["unix_date"], booktix["order_item_price"], booktix["order_item_discount"]) == (
        "date",
        "unit_price",
        "discount",
    )
    assert booktix["show_name"] == "product_title"


def test_marketplace_names_offer_sku_paid_price_num_items_shipping_price() -> None:
    """Mirakl's Offer SKU (the seller's, before the marketplace's Product SKU: every line was its own product),
    Jumia's Paid Price (after the voucher: no discount read), Shift4Shop's numitems (every line one unit)."""
    mirakl = _fields(["Date created", "Order number", "Quantity", "Offer SKU", "Product SKU", "Unit price",
                      "Shipping price", "Total price"])  # fmt: skip
    assert mirakl["Offer SKU"] == "sku" and mirakl["Shipping price"] == "shipping_amount"
    assert _fields(["Order Number", "Created at", "Seller SKU", "Paid Price", "Unit Price"])["Paid Price"] == "line_net"
    assert _fields(["orderid", "orderdate", "itemid", "numitems", "unitprice"])["numitems"] == "units"


def test_statuses_of_lines_never_sold_or_not_sold_yet() -> None:
    """A Mirakl order refused or waiting for its debit or acceptance, a checkout not completed, a parcel never
    delivered, a ticket exchanged, Newegg's Payment Pending and Shift4Shop's Cancel were stored as sales."""
    words = ["Refused", "Not Completed", "Delivery Failed", "exchanged", "Cancel", "Waiting for debit",
             "WAITING_ACCEPTANCE", "Payment Pending", "Awaiting Shipment", "Shipped"]  # fmt: skip
    cols, index = _cols(units=[1] * len(words), unit_price=[5.0] * len(words), status=words)
    errors = derive_sales(cols, index).errors
    assert errors.notna().tolist() == [True] * 8 + [False, False]
    assert "never delivered" in str(errors[2]) and "not a sale yet" in str(errors[5])


def test_a_line_s_total_with_its_shipping_is_valued_at_units_times_price() -> None:
    """Mirakl's Total price has the line's shipping in it: revenue and refunds counted the shipping as goods."""
    cols, index = _cols(units=[2, 1, 1], unit_price=[10.0, 5.0, 7.0], revenue=[23.9, 8.9, 7.0],
                        shipping_amount=[3.9, 3.9, 0.0])  # fmt: skip
    total_with_shipping(cols, index)
    assert cols["revenue"].tolist() == [20.0, 5.0, 7.0]
    kept, index = _cols(units=[2, 1], unit_price=[10.0, 5.0], revenue=[20.0, 8.9], shipping_amount=[3.9, 3.9])
    total_with_shipping(kept, index)  # a line whose total is its bare value: the totals are not after shipping
    assert kept["revenue"].tolist() == [20.0, 8.9]


def test_each_row_points_at_the_first_row_written_with_its_cells() -> None:
    """A cancelled item's second unit row was skipped as a unit of its first row (never stored), not rejected."""
    raw = pd.DataFrame({"sku": ["A", "B", "A", "A"], "status": ["Canceled", "Delivered", "Canceled", "Delivered"]})
    assert first_rows(raw).tolist() == [0, 1, 0, 3]


def test_a_currency_word_after_the_number_is_money() -> None:
    """Cooltix's forints (``12 500 Ft``: every ticket rejected, "not a number"), Polish zloty, Czech crowns."""
    assert parse_money("12\u00a0500 Ft") == 12500.0 and parse_money("450 Kč") == 450.0
    assert normalise_amount("129,99 zł", decimal_comma=True) == "129.99"
    assert MARKERS["Ft"] == "HUF" and MARKERS["kr"] is None


def test_ebay_s_transaction_report_reads_its_orders_and_refunds() -> None:
    """Every row was held (no date read); its labels and payouts were rejected for their ``--`` quantity."""
    mapping = map_columns(EBAY_TRANSACTIONS_HEADER, DataKind.SALES)
    assert mapping.profile is not None and mapping.profile.name == "ebay_transaction_report"
    fields = {EBAY_TRANSACTIONS_HEADER[i]: f for i, f in mapping.fields.items()}
    assert (fields["Transaction creation date"], fields["Custom label"], fields["Item subtotal"]) == (
        "date",
        "sku",
        "revenue",
    )
    assert mapping.profile.line_values == frozenset({"order", "refund"}) and "--" in mapping.profile.cells.missing


def test_ticketing_names() -> None:
    """Cooltix's Ticket Type and Ticket Price (the file was refused), a payments report's transaction date."""
    cooltix = _fields(["Attendee ID", "Order ID", "Order Date", "Ticket Type", "Ticket Price", "Status"])
    assert (cooltix["Ticket Type"], cooltix["Ticket Price"]) == ("product_title", "unit_price")
    assert _fields(["Transaction creation date", "Order", "Qty", "Price"])["Transaction creation date"] == "date"
