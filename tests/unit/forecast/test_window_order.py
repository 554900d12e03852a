"""What to order for a named week still to come: its expected units less today's stock left when it starts."""

from __future__ import annotations

from datetime import date

from shared.forecast.window_order import WindowOrder, window_order_text

START = date(2027, 11, 22)
PERIOD = "2027-11-22 to 2027-11-28"


def test_a_week_a_year_away_finds_none_of_todays_stock_left() -> None:
    o = WindowOrder(expected=259.4, before=15_091.0, on_hand=4_042.0, on_order=533.0)
    assert (o.left, o.order) == (0.0, 260)
    text = window_order_text(o, what="", period=PERIOD, start=START)
    assert text.startswith("Order about 260 units for 2027-11-22 to 2027-11-28: 259 expected over those days;")
    assert (
        "(4,042 on hand and 533 on order) is expected to sell before then (15,091 units expected up to 21 Nov" in text
    )


def test_stock_left_when_the_week_starts_is_taken_off() -> None:
    o = WindowOrder(expected=120.0, before=70.0, on_hand=100.0, on_order=0.0)
    assert (o.left, o.order) == (30.0, 90)
    text = window_order_text(o, what=" of SKU-1", period=PERIOD, start=START)
    assert text.startswith(
        "Order about 90 units of SKU-1 for 2027-11-22 to 2027-11-28: 120 expected over those days "
        "less the 30 of today's stock (100 on hand) left by 21 Nov 2027"
    )


def test_enough_stock_left_orders_none() -> None:
    o = WindowOrder(expected=40.0, before=10.0, on_hand=80.0, on_order=5.0)
    assert o.order == 0
    assert window_order_text(o, what="", period=PERIOD, start=START).startswith("Order about 0 units for ")
