"""Rules of round public14 (nine more exports checked row for row), each failing without its fix."""

from __future__ import annotations

import pandas as pd

from shared.ingest.derive import summary_rows
from shared.ingest.discount import beyond_line_values, percent_discounts, without_percent
from shared.ingest.headers import map_columns
from shared.ingest.profile_cells import apply_cells
from shared.ingest.sales import derive_sales, order_columns_on_every_row, refund_flags_as_status
from shared.models.records import DataKind
from tests.fixtures.public.public14_heldout_shapes import PAYHIP_HEADER, QUICKBOOKS_HEADER, RAKUTEN_HEADER
from tests.fixtures.public.public14_shapes import (
    CDISCOUNT_HEADER,
    LEMON_SQUEEZY_HEADER,
    SETTLEMENT_HEADER,
    SHIPSTATION_HEADER,
    SQUARE_ONLINE_HEADER,
    TEACHABLE_HEADER,
    XERO_HEADER,
    ZOHO_HEADER,
)
from tests.unit.ingest.test_public13_rules import _fields
from tests.unit.ingest.test_sales_rules import _cols


def test_a_group_dash_field_name_is_read_by_its_field() -> None:
    """ShipStation's ``Date - Order Date``: no date was read, so the file was stored as products."""
    fields = _fields(SHIPSTATION_HEADER)
    assert fields["Date - Order Date"] == "date" and "Date - Ship Date" not in fields
    assert fields["Item - Unit Price"] == "unit_price" and fields["Item - Qty"] == "units"


def test_erp_and_course_platform_names() -> None:
    """Zoho's SalesOrder Number and Item Total, Xero's UnitAmount and InventoryItemCode, Teachable's Purchased At,
    Course, List Price and Final Price, Square Online's Product Total, Cdiscount's French order, date and SKU."""
    zoho, xero = _fields(ZOHO_HEADER), _fields(XERO_HEADER)
    assert (zoho["SalesOrder Number"], zoho["Item Total"]) == ("order_id", "revenue") and "Total" not in zoho
    assert (xero["*UnitAmount"], xero["InventoryItemCode"]) == ("unit_price", "sku")
    teachable = _fields(TEACHABLE_HEADER)
    assert teachable["Purchased At"] == "date" and teachable["Course"] == "product_title"
    assert (teachable["List Price"], teachable["Final Price"], teachable["Student Name"]) == (
        "unit_price",
        "line_net",
        "customer_id",
    )
    assert _fields(SQUARE_ONLINE_HEADER)["Product Total"] == "revenue"
    cdiscount = _fields(CDISCOUNT_HEADER)
    assert (cdiscount["Référence commande"], cdiscount["Date de création"], cdiscount["Référence vendeur"]) == (
        "order_id",
        "date",
        "sku",
    )


def test_percentage_discounts_are_rates() -> None:
    """``10.00%`` was "not a number" (every Zoho line rejected); ``Discount (%)`` 10 was 10.00 of money."""
    assert percent_discounts(pd.Series(["0.00%", "10.00%", None]), "Discount") is True
    assert percent_discounts(pd.Series(["0", "10", "15.5"]), "Discount (%)") is True
    assert percent_discounts(pd.Series(["0.1", "0.2"]), "Discount (%)") is None  # fractions: the rate rule's
    assert percent_discounts(pd.Series(["2.50", "10"]), "Discount") is False
    assert without_percent(pd.Series(["10.00%", "5 %"])).tolist() == ["10.00", "5"]


def test_a_bare_discount_above_its_line_s_value_is_a_percentage() -> None:
    """Xero's ``Discount`` 15 on a 9.50 line: no amount off is more than the line."""
    units, price = pd.Series([1, 2], dtype="Int64"), pd.Series([9.5, 20.0])
    assert beyond_line_values(pd.Series([15.0, 10.0]), units, price)
    assert not beyond_line_values(pd.Series([5.0, 10.0]), units, price)
    assert not beyond_line_values(pd.Series([150.0, 10.0]), units, price)  # above 100: an amount (and refused later)


def test_an_order_s_total_and_discount_repeated_on_each_row_are_the_order_s() -> None:
    """Xero's invoice Total and Square Online's Discount on every row: each line was sold at the order's total and
    the order's discount was taken once per line."""
    cols, _ = _cols(
        order_id=["A", "A", "B", "B", "C"],
        units=[1, 3, 1, 1, 1],
        unit_price=[10.0, 5.0, 8.0, 4.0, 6.0],
        revenue=[29.0, 29.0, 14.0, 14.0, 6.0],
        discount=[2.0, 2.0, 1.0, 1.0, 0.0],
    )
    proven: set[str] = set()
    order_columns_on_every_row(cols, cols["order_id"], proven)
    assert "revenue" not in cols and cols["order_discount"].tolist() == [2.0, 2.0, 1.0, 1.0, 0.0]
    assert proven == {"revenue", "discount"}
    # a later chunk of one order is read as the file was proven to be
    later, _ = _cols(order_id=["D"], units=[1], unit_price=[3.0], revenue=[9.0], discount=[1.0])
    order_columns_on_every_row(later, later["order_id"], proven)
    assert "revenue" not in later and "order_discount" in later


def test_a_line_s_own_total_equal_on_each_row_is_kept() -> None:
    """Lines of one value each (two of one price): the equal totals are the lines', not the order's."""
    cols, _ = _cols(
        order_id=["A", "A", "B", "B"],
        units=[1, 1, 2, 2],
        unit_price=[5.0, 5.0, 4.0, 4.0],
        revenue=[5.0, 5.0, 8.0, 8.0],
        discount=[1.0, 1.0, 0.5, 0.5],
    )
    order_columns_on_every_row(cols, cols["order_id"], set())
    assert cols["revenue"].tolist() == [5.0, 5.0, 8.0, 8.0] and "order_discount" not in cols


def test_draft_quotation_and_awaiting_payment_orders_are_no_sale_yet() -> None:
    cols, index = _cols(
        units=[1, 1, 1, 1, 1],
        unit_price=[5.0] * 5,
        status=["DRAFT", "Quotation", "Awaiting Payment", "PAID", "Sales Order"],
    )
    outcome = derive_sales(cols, index)
    assert outcome.errors.notna().tolist() == [True, True, True, False, False]
    assert "not a sale yet" in str(outcome.errors[0])


def test_an_order_refunded_with_no_amount_stated_is_refunded_what_was_paid() -> None:
    """Teachable's and Lemon Squeezy's ``refunded``: the sale was stored with no refund (the money lost)."""
    cols, index = _cols(units=[1, 1], unit_price=[49.0, 29.0], discount=[12.25, 0.0], status=["refunded", "paid"])
    derive_sales(cols, index)
    assert cols["units"].tolist() == [1, 1]  # still a sale, and its refund
    assert cols["refund"].tolist()[0] == 36.75 and pd.isna(cols["refund"].tolist()[1])
    stated, index = _cols(units=[1], unit_price=[49.0], refund=[10.0], status=["refunded"])
    derive_sales(stated, index)  # a refund the file states (Shopify's Refunded Amount) is kept
    assert stated["refund"].tolist() == [10.0]


def test_lemon_squeezy_s_subtotal_is_revenue_before_its_discount() -> None:
    """It was refused ("cannot tell the kind"); read generically, total (tax in) was revenue and refunded an amount."""
    mapping = map_columns(LEMON_SQUEEZY_HEADER, DataKind.SALES)
    assert mapping.profile is not None and mapping.profile.name == "lemon_squeezy_orders"
    fields = {LEMON_SQUEEZY_HEADER[i]: f for i, f in mapping.fields.items()}
    assert (fields["subtotal"], fields["discount_total"]) == ("revenue", "discount") and "refunded" not in fields


def test_a_yes_no_refunded_column_is_the_order_s_state_not_an_amount() -> None:
    """Payhip's ``Refunded`` ``Yes``/``No``: every row was rejected ("not a number")."""
    raw = pd.DataFrame({"refund": ["Yes", "No", None, "yes"], "status": [None, None, None, "Cancelled"]})
    read = refund_flags_as_status(raw)
    assert "refund" not in read and read["status"].fillna("").tolist() == ["refunded", "", "", "Cancelled"]
    amounts = pd.DataFrame({"refund": ["0", "1", "12.50"]})
    assert refund_flags_as_status(amounts) is amounts  # amounts (a 0 and a 1 among them) stay amounts


def test_held_out_names_french_sales_quickbooks_and_coupons() -> None:
    """Rakuten France's Date de vente, Prix de vente, Titre and Référence produit; QuickBooks' Num and Product/Service;
    Payhip's Coupon Discount (Rakuten's and QuickBooks' files were refused)."""
    rakuten = _fields(RAKUTEN_HEADER)
    assert (rakuten["Date de vente"], rakuten["Prix de vente"], rakuten["Titre"], rakuten["Référence produit"]) == (
        "date",
        "unit_price",
        "product_title",
        "sku",
    )
    quickbooks = _fields(QUICKBOOKS_HEADER)
    assert (quickbooks["Num"], quickbooks["Product/Service"]) == ("order_id", "product_title")
    assert _fields(PAYHIP_HEADER)["Coupon Discount"] == "discount"


def test_amazon_s_settlement_report_reads_each_item_s_principal() -> None:
    """Every row was held (no date read); an item's money is on several rows: only its Principal is the line."""
    mapping = map_columns(SETTLEMENT_HEADER, DataKind.SALES)
    assert mapping.profile is not None and mapping.profile.name == "amazon_settlement_v2"
    fields = {SETTLEMENT_HEADER[i]: f for i, f in mapping.fields.items()}
    assert (fields["posted-date"], fields["amount"], fields["quantity-purchased"]) == ("date", "revenue", "units")
    raw = apply_cells(
        pd.DataFrame(
            {
                "amount_type": ["ItemPrice", "ItemPrice", "Promotion", None],
                "amount_description": ["Principal", "Tax", "Principal", None],
            }
        ),
        mapping.profile.cells,
    )
    assert summary_rows(raw, "line_type", mapping.profile.line_values).tolist() == [False, True, True, True]
