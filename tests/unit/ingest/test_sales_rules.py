from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.ingest.customers import customer_hash, hash_customers
from shared.ingest.reader import Chunk
from shared.ingest.sales import align_orders, derive_sales, line_kind, order_runs, spread_by_value

KEY = b"k" * 32


def _cols(**columns: list[Any]) -> tuple[dict[str, pd.Series], pd.Index]:
    index = pd.RangeIndex(len(next(iter(columns.values()))))
    typed: dict[str, pd.Series] = {}
    for name, values in columns.items():
        if name in ("units", "returned_units"):
            typed[name] = pd.Series(pd.array(values, dtype="Int64"), index=index)
        elif name in ("revenue", "unit_price", "discount", "refund", "order_discount", "order_refund", "line_net"):
            typed[name] = pd.Series(values, index=index, dtype="float64")
        else:
            typed[name] = pd.Series(values, index=index, dtype=object)
    return typed, index


def _values(col: pd.Series) -> list[Any]:
    return [None if pd.isna(v) else v for v in col.tolist()]


def test_a_negative_line_becomes_a_return_kept_apart_from_sales() -> None:
    cols, index = _cols(units=[3, -2, 0, 2], revenue=[30.0, -20.0, -5.0, None], unit_price=[10.0, 10.0, None, -7.5])
    derive_sales(cols, index)
    assert _values(cols["units"]) == [3, 0, 0, 0]
    assert _values(cols["revenue"]) == [30.0, 0.0, 0.0, 0.0]
    assert _values(cols["returned_units"]) == [None, 2, 0, 2]
    assert _values(cols["refund"]) == [None, 20.0, 5.0, 15.0]
    assert _values(cols["unit_price"]) == [10.0, 10.0, None, 7.5]


def test_returns_and_refund_columns_win_over_the_derived_amounts_and_lose_their_sign() -> None:
    cols, index = _cols(units=[-3, 1], revenue=[-30.0, 10.0], returned_units=[2, -1], refund=[None, -4.0],
                        discount=[-1.0, 2.0])
    derive_sales(cols, index)
    assert _values(cols["returned_units"]) == [2, 1]
    # the return line's own discount went back with it: refunded is its value less the discount, no discount given
    assert _values(cols["refund"]) == [29.0, 4.0]
    assert _values(cols["discount"]) == [None, 2.0]
    assert _values(cols["units"]) == [0, 1]


def test_a_refund_line_gives_back_its_discount() -> None:
    """Square's Refund line: Gross Sales -$4.50 with Discounts $0.50 refunds $4.00 and is no discount given."""
    cols, index = _cols(units=[1, -1], revenue=[4.5, -4.5], discount=[-0.5, 0.5])
    derive_sales(cols, index)
    assert _values(cols["refund"]) == [None, 4.0]
    assert _values(cols["discount"]) == [0.5, None]
    assert _values(cols["returned_units"]) == [None, 1]


def test_line_net_gives_the_discount() -> None:
    cols, index = _cols(units=[2, 1], revenue=[50.0, 20.0], line_net=[45.0, 21.0])
    derive_sales(cols, index)
    assert _values(cols["discount"]) == [5.0, 0.0] and "line_net" not in cols


def test_an_order_discount_is_spread_by_value_net_of_line_discounts() -> None:
    cols, index = _cols(order_id=["a", "a", "a", "b", "c"], units=[1, 1, 2, 1, 1],
                        revenue=[10.0, 30.0, None, 10.0, 0.0], unit_price=[None, None, 5.0, None, None],
                        discount=[None, 1.0, None, None, None], order_discount=[6.0, None, None, None, 3.0])
    derive_sales(cols, index)
    # order a: values 10, 30, 10; 6.00 of which 1.00 is on a line already -> 5.00 by value
    assert _values(cols["discount"]) == [1.0, 4.0, 1.0, None, 3.0]


def test_order_level_cells_are_filled_down_within_the_order() -> None:
    cols, index = _cols(order_id=["#1", "#1", "#2", "#2"], units=[1, 1, 1, 1],
                        date=[pd.Timestamp("2025-01-01"), pd.NaT, pd.Timestamp("2025-01-02"), pd.NaT],
                        currency=["EUR", None, "USD", None], channel=["web", None, None, None])
    cols["date"] = cols["date"].astype("datetime64[s]")
    derive_sales(cols, index)
    assert [str(d)[:10] for d in cols["date"]] == ["2025-01-01", "2025-01-01", "2025-01-02", "2025-01-02"]
    assert _values(cols["currency"]) == ["EUR", "EUR", "USD", "USD"]
    assert _values(cols["channel"]) == ["web", "web", None, None]
    assert str(cols["date"].dtype) == "datetime64[s]"


def test_cancelled_lines_are_rejected_with_the_status() -> None:
    cols, index = _cols(units=[1, 1, 1], status=["paid", "Voided", None])
    outcome = derive_sales(cols, index)
    assert _values(outcome.errors)[0] is None and _values(outcome.errors)[2] is None
    assert "'Voided'" in outcome.errors[1] and outcome.error_field[1] == "status" and "status" not in cols


def test_defaults_fill_only_missing_values() -> None:
    cols, index = _cols(units=[1, 1], channel=["Amazon.de", None])
    derive_sales(cols, index, defaults={"channel": "amazon"})
    assert _values(cols["channel"]) == ["Amazon.de", "amazon"]


def test_customers_are_hashed_email_first_and_normalised() -> None:
    cols, index = _cols(units=[1, 1, 1, 1], customer_email=[" A@B.com", "a@b.COM", None, ""],
                        customer_id=["9", "9", "9", None])
    derive_sales(cols, index, customer_key=lambda: KEY)
    assert _values(cols["customer_hash"]) == [customer_hash("a@b.com", KEY)] * 2 + [customer_hash("9", KEY), None]
    assert "customer_email" not in cols and "customer_id" not in cols


def test_hashes_depend_on_the_key() -> None:
    emails = pd.Series(["x@y.z"])
    assert hash_customers(emails, None, KEY)[0] != hash_customers(emails, None, b"o" * 32)[0]


@given(st.lists(st.tuples(st.integers(0, 3), st.floats(0, 500).map(lambda v: round(v, 2))), min_size=1, max_size=30),
       st.floats(0, 1000).map(lambda v: round(v, 2)))
@settings(max_examples=200, deadline=None)
def test_spread_adds_up_to_the_order_amount_in_cents(lines: list[tuple[int, float]], amount: float) -> None:
    groups = np.array([g for g, _ in lines])
    value = np.array([v for _, v in lines])
    first = pd.Series(groups).duplicated().to_numpy()
    order_amount = np.where(first, np.nan, amount)
    out = spread_by_value(order_amount, np.full(len(lines), np.nan), value, groups)
    for g in set(groups.tolist()):
        assert round(out[groups == g].sum(), 2) == pytest.approx(amount, abs=1e-9)
        assert (out[groups == g] >= 0).all()


def test_line_kind_marks_only_returns() -> None:
    units = pd.Series(pd.array([3, 0, 0, 0, 2], dtype="Int64"))
    returned = pd.Series(pd.array([None, 1, None, 0, 2], dtype="Int64"))
    refund = pd.Series([None, None, 5.0, 0.0, 20.0])
    assert line_kind(units, returned, refund).tolist() == [None, "return", "return", None, None]


def test_order_runs_split_on_change_and_missing() -> None:
    runs = order_runs(pd.Series(["a", "a", None, None, "b", "a"], dtype=object))
    assert runs.tolist() == [1, 1, 2, 3, 4, 5]


def _chunk(orders: list[str], start: int) -> Chunk:
    return Chunk(pd.DataFrame({"c0": orders}), np.arange(start, start + len(orders)))


def test_align_orders_never_splits_an_order_between_chunks() -> None:
    chunks = [_chunk(["a", "b", "b"], 1), _chunk(["b", "c"], 4), _chunk(["c", "c"], 6), _chunk(["d"], 8)]
    out = list(align_orders(chunks, "c0", max_carry=10))
    assert [c.frame["c0"].tolist() for c in out] == [["a"], ["b", "b", "b"], ["c", "c", "c"], ["d"]]
    assert [c.row_numbers.tolist() for c in out] == [[1], [2, 3, 4], [5, 6, 7], [8]]


def test_align_orders_lets_a_huge_order_through() -> None:
    chunks = [_chunk(["x", "x"], 1), _chunk(["x", "x"], 3), _chunk(["x"], 5)]
    out = list(align_orders(chunks, "c0", max_carry=3))
    assert sum(len(c.frame) for c in out) == 5 and max(len(c.frame) for c in out) <= 4


def test_processing_keys_agree_with_ingestion_and_keep_returns_apart() -> None:
    from shared.ingest.lineage import content_digests, hex_digests
    from shared.models.records import DataKind
    from shared.processing.lineage import record_key, record_keys

    frame = pd.DataFrame({
        "order_id": ["o1", "o1", None], "sku": ["A", "A", "B"],
        "date": pd.to_datetime(["2025-01-05", "2025-01-05", "2025-01-06"]).astype("datetime64[s]"),
        "channel": ["web", "web", None], "units": pd.array([3, 0, 1], dtype="Int64"),
        "returned_units": pd.array([None, 1, None], dtype="Int64"), "refund": [None, 10.0, None]})
    keys = record_keys(DataKind.SALES, frame)
    assert keys[0] != keys[1]  # the return is its own record
    assert keys == [record_key(DataKind.SALES, {str(k): v for k, v in row.items()})
                    for row in frame.to_dict("records")]
    # a sale line keeps the key rows had before returns existed
    plain = hex_digests(content_digests(frame[["order_id", "sku", "date", "channel"]],
                                        ["order_id", "sku", "date", "channel"])).to_pylist()
    assert keys[0] == plain[0] and keys[2] == plain[2] and keys[1] != plain[1]


def test_a_status_saying_the_goods_came_back_makes_the_line_a_return() -> None:
    cols, index = _cols(units=[1, 2, 1, 1], revenue=[574.0, 800.0, 100.0, 50.0],
                        status=["Shipped - Returned to Seller", "Shipped - Rejected by Buyer", "Shipped", "Cancelled"])
    outcome = derive_sales(cols, index)
    assert _values(cols["units"])[:3] == [0, 0, 1] and _values(cols["returned_units"])[:3] == [1, 2, None]
    assert _values(cols["refund"])[:3] == [574.0, 800.0, None] and _values(cols["revenue"])[:3] == [0.0, 0.0, 100.0]
    assert _values(outcome.errors)[:3] == [None, None, None] and "'Cancelled'" in outcome.errors[3]


def test_a_negative_line_at_no_price_is_a_stock_adjustment_not_a_return() -> None:
    """UCI Online Retail writes damaged or lost stock as -N at price 0 on an ordinary invoice: not a return."""
    cols, index = _cols(order_id=["536365", "536366", "C536379"], units=[-12, -3, -1],
                        unit_price=[0.0, 2.55, 27.5], revenue=[None, None, None])
    out = derive_sales(cols, index)
    assert out.errors[0].startswith("a negative quantity at a price of 0 is a stock adjustment")
    assert _values(out.error_field) == ["units", None, None]
    assert _values(out.errors)[1:] == [None, None] and _values(cols["returned_units"])[1:] == [3, 1]  # returns
    refunded, _ = _cols(units=[-2], unit_price=[0.0], refund=[5.0])
    assert _values(derive_sales(refunded, pd.RangeIndex(1)).errors) == [None]  # money went back: a return


def test_a_line_profit_gives_the_line_cost() -> None:
    """Superstore's Profit: cost of goods = Sales - Profit, never below 0, none on a return."""
    cols, index = _cols(units=[2, 3, 1, -1], revenue=[261.96, 957.58, 10.0, -5.0],
                        line_profit=[41.9136, -383.031, 12.0, 1.0])
    cols["line_profit"] = cols["line_profit"].astype("float64")
    derive_sales(cols, index)
    assert "line_profit" not in cols
    assert _values(cols["line_cost"]) == [pytest.approx(220.0464), pytest.approx(1340.611), 0.0, None]


def test_in_an_event_log_only_purchases_are_sales_and_browsing_is_counted_as_skipped() -> None:
    """REES46: views and cart events are no sale (skipped, counted by type); other events and purchases at a
    negative price are refused with the reason; purchases stay sales."""
    cols, index = _cols(event_type=["view", "cart", "purchase", "remove_from_cart", "refund", "purchase", "Purchase"],
                        unit_price=[5.0, 5.0, 5.0, 5.0, 5.0, -2.5, 3.0], units=[1] * 7)
    outcome = derive_sales(cols, index)
    assert outcome.skipped is not None
    assert outcome.skipped.tolist() == [True, True, False, True, False, False, False]
    assert outcome.skipped_events == {"view": 1, "cart": 1, "remove_from_cart": 1}
    assert _values(outcome.errors) == [
        None, None, None, None, "event 'refund' is not a purchase: only purchase events are sales",
        "a purchase at a negative price is not a sale (an event log records no returns)", None]
    assert _values(outcome.error_field)[4:6] == ["event_type", "unit_price"]
    assert "event_type" not in cols  # consumed, never stored


def test_a_sales_file_without_an_event_column_skips_nothing() -> None:
    cols, index = _cols(units=[1, 2], revenue=[3.0, 4.0])
    outcome = derive_sales(cols, index)
    assert outcome.skipped is None and outcome.skipped_events is None


def test_a_purchase_without_a_session_is_its_customers_order_of_the_day() -> None:
    """Two customers' session-less purchases of one product on one day keep apart (no shared record key)."""
    cols, index = _cols(event_type=["purchase", "purchase", "purchase"], unit_price=[5.0, 5.0, 5.0], units=[1] * 3,
                        order_id=[None, "", "s-1"], customer_id=["41", "42", "41"])
    cols["date"] = pd.Series(pd.to_datetime(["2019-10-01", "2019-10-01", "2019-10-01"]), index=index)
    derive_sales(cols, index, customer_key=lambda: KEY)
    made = _values(cols["order_id"])
    assert made[2] == "s-1" and made[0] != made[1]
    assert made[0] == f"customer-{customer_hash('41', KEY)[:16]}-2019-10-01"


def test_an_exports_own_statuses_read_as_cancelled_or_returned() -> None:
    """Pakistan's Magento export: refund/order_refunded are returns (refunded what was paid), fraud no sale."""
    cols, index = _cols(units=[2, 1, 1, 3], unit_price=[100.0, 50.0, 40.0, 10.0], discount=[20.0, 0.0, 0.0, 5.0],
                        status=["refund", "fraud", "complete", "order_refunded"])
    out = derive_sales(cols, index, statuses={"refund": "returned", "order_refunded": "returned",
                                              "fraud": "cancelled"})
    assert _values(out.errors) == [None, "order status 'fraud': a cancelled order line is not a sale", None, None]
    assert _values(cols["units"]) == [0, 1, 1, 0]
    assert _values(cols["returned_units"]) == [2, None, None, 3]
    assert _values(cols["refund"]) == [180.0, None, None, 25.0]  # the value less the line's own discount
    assert _values(cols["discount"]) == [None, 0.0, 0.0, None]  # a sale undone gave no discount


def test_an_orders_stated_refund_is_its_refund_and_a_sale_undone_gets_no_order_discount() -> None:
    """WooCommerce: o1 refunded in part (stays completed: the sale kept, its refund spread by value), o2 refunded in
    full (a return whose refund is what its items were paid: the 93.50 refunded holds 3.50 of shipping and tax, and
    its lines were worth 100 less 10 off), o3 Magento's Pending."""
    cols, index = _cols(order_id=["o1", "o1", "o2", "o3"], units=[1, 3, 2, 1], unit_price=[40.0, 20.0, 50.0, 9.0],
                        order_refund=[25.0, 25.0, 93.5, 0.0], order_discount=[10.0, 10.0, 10.0, 0.0],
                        status=["completed", "completed", "refunded", "pending"])
    out = derive_sales(cols, index, statuses={"refunded": "returned", "pending": "unpaid"})
    assert _values(cols["units"])[:3] == [1, 3, 0]
    assert _values(cols["refund"])[:3] == [10.0, 15.0, 90.0]  # 25 spread 40:60; o2 its items' 90, not 100 or 93.50
    assert _values(cols["discount"])[:3] == [4.0, 6.0, None]  # o2 was undone: no discount given
    assert _values(out.errors)[3] == ("order status 'pending': placed but not yet invoiced (no payment taken), not a "
                                      "sale yet")


def test_a_count_of_items_on_promotion_marks_the_line_on_promotion() -> None:
    cols, index = _cols(units=[5, 5, 5], promo_count=[0.0, 12.0, None])
    cols["promo_count"] = cols["promo_count"].astype("float64")
    derive_sales(cols, index)
    assert "promo_count" not in cols and _values(cols["promo"]) == [False, True, None]


def test_woocommerce_stored_status_slugs_read_without_their_wc_prefix() -> None:
    """``wc-cancelled`` and ``wc-failed`` are no sale, ``wc-refunded`` a return where refunded is one; before, the
    prefix hid the word and each was stored as a sale."""
    cols, index = _cols(units=[1, 1, 2, 1], unit_price=[10.0, 10.0, 5.0, 8.0],
                        status=["wc-completed", "wc-cancelled", "wc-refunded", "WC-Failed"])
    out = derive_sales(cols, index, statuses={"refunded": "returned"})
    assert _values(out.errors) == [None, "order status 'wc-cancelled': a cancelled order line is not a sale", None,
                                   "order status 'WC-Failed': the payment failed, and a failed payment is not a sale"]
    assert _values(cols["units"])[0] == 1 and _values(cols["units"])[2] == 0
    assert _values(cols["returned_units"])[2] == 2


def test_lines_of_a_file_without_orders_are_each_customers_order_of_the_day() -> None:
    """H&M's transactions name a customer, an article and a day, no order: two customers' purchases of one article on
    one day must not share a record key (the later replaced the earlier); one customer's day is one order."""
    cols, index = _cols(units=[1, 1, 1], sku=["A", "A", "B"], customer_id=["c1", "c2", "c1"],
                        date=["2020-03-01", "2020-03-01", "2020-03-01"])
    derive_sales(cols, index, customer_key=lambda: KEY)
    orders = _values(cols["order_id"])
    assert orders[0] != orders[1] and orders[0] == orders[2] and orders[0].endswith("-2020-03-01")
    assert "c1" not in orders[0]  # the keyed hash, never the clear id


def test_an_order_refund_beyond_its_items_is_shipping_and_tax_not_the_products() -> None:
    """An order refunded in full with its shipping and tax (Squarespace's Amount Refunded, WooCommerce's Order Refund
    Amount: the order's total) refunds its items what was paid for them; before, the lines carried the shipping and tax
    too and net revenue went below zero. A partial refund below the items' value is kept whole."""
    cols, index = _cols(order_id=["o1", "o1", "o2"], units=[1, 1, 2], unit_price=[30.0, 10.0, 20.0],
                        order_refund=[52.4, 52.4, 15.0], order_discount=[4.0, 4.0, 0.0],
                        status=["refunded", "refunded", "completed"])
    derive_sales(cols, index, statuses={"refunded": "returned"})
    assert _values(cols["refund"]) == [27.0, 9.0, 15.0]  # o1: 40 less 4 off (not 52.40 with 6 shipping, 6.40 tax)


def test_a_line_total_after_its_discount_and_the_discount_give_the_lines_value() -> None:
    """Lightspeed X-Series (Vend) writes a sale line's Subtotal after its Discount: revenue is the two added, so net
    revenue is the subtotal; before, the Subtotal was no revenue and the lines were valued at nothing."""
    cols, index = _cols(order_id=["r1", "r1"], units=[2, 1], line_net=[25.2, 14.0], discount=[2.8, 0.0])
    derive_sales(cols, index)
    assert _values(cols["revenue"]) == [28.0, 14.0] and _values(cols["discount"]) == [2.8, 0.0]


def test_an_order_undone_by_its_status_is_refunded_what_was_paid_less_its_discount() -> None:
    """Wix: a Refunded order states no refunded amount; its lines are refunded their value less their share of the
    order's discount (what the buyer paid). Before: their full value (the discount refunded too)."""
    cols, index = _cols(order_id=["o1", "o1", "o2"], units=[1, 2, 1], unit_price=[30.0, 5.0, 10.0],
                        order_discount=[4.0, 4.0, 1.0], status=["refunded", "refunded", "paid"])
    derive_sales(cols, index, statuses={"refunded": "returned"})
    assert _values(cols["refund"])[:2] == [27.0, 9.0]  # 30 and 10 less the 4 off shared 3:1
    assert _values(cols["discount"]) == [None, None, 1.0]


def test_a_returned_line_of_an_export_without_quantities_sells_nothing() -> None:
    """Mercado Pago: a payment a row, each one unit (the profile's default); a Refunded one came back, it sold none
    (it was a sale of one more unit at no revenue beside its refund, counted as an order)."""
    cols, index = _cols(revenue=[100.0, 80.0], status=["approved", "returned"])
    derive_sales(cols, index, defaults={"units": "1"})
    assert cols["units"].tolist() == [1, 0]
    assert cols["returned_units"].tolist() == [pd.NA, 1]
    assert cols["refund"].tolist()[1] == 80.0 and cols["revenue"].tolist() == [100.0, 0.0]
