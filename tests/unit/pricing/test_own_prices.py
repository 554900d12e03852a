"""``price_history``: when and how our own list prices changed, from the sales rows' list prices."""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.pricing.own_prices import own_price_answer, price_changes

TODAY = date(2026, 12, 5)


def _daily(sku: str, path: list[tuple[str, float]]) -> pd.DataFrame:
    return pd.DataFrame({"sku": sku, "date": [pd.Timestamp(d) for d, _ in path], "list_price": [p for _, p in path]})


KETTLE = _daily(
    "K",
    [
        ("2026-01-05", 119.99),
        ("2026-02-01", 119.99),
        ("2026-02-09", 128.99),
        ("2026-05-02", 128.99),
        ("2026-08-21", 128.99),
        ("2026-08-29", 122.99),
        ("2026-12-02", 122.99),
    ],
)


def test_a_change_is_dated_by_the_first_sale_at_the_new_price_with_the_last_at_the_old() -> None:
    out = own_price_answer(KETTLE, ["K"], start=None, end=None, today=TODAY)
    assert out.text.startswith(
        "K's list price was last changed on 29 Aug 2026, from 128.99 to 122.99 (-4.7%; the "
        "last sale at the old price was on 21 Aug 2026)"
    ), out.text
    assert "119.99 to 128.99 on 9 Feb 2026" in out.text and len(out.rows) == 2


def test_a_period_says_the_price_in_force_and_the_changes_in_it() -> None:
    march = own_price_answer(KETTLE, ["K"], start=date(2026, 3, 1), end=date(2026, 3, 31), today=TODAY)
    assert march.text.startswith("K's list price was not changed between 1 Mar 2026 and 31 Mar 2026: 128.99 at its")
    raised = own_price_answer(KETTLE, ["K"], start=date(2026, 1, 1), end=None, today=TODAY, direction="up")
    assert raised.text.startswith(
        "K's list price was raised 1 time between 1 Jan 2026 and 5 Dec 2026: 119.99 at its "
        "start, then 119.99 to 128.99 on 9 Feb 2026"
    ), raised.text


def test_one_odd_day_between_two_at_the_same_price_is_no_change() -> None:
    blip = _daily("B", [("2026-11-16", 14.99), ("2026-11-21", 13.99), ("2026-11-23", 14.99), ("2026-11-24", 14.99)])
    assert price_changes(blip).empty


def test_the_catalogue_counts_products_that_changed_in_the_window() -> None:
    other = _daily("T", [("2026-10-01", 30.0), ("2026-11-01", 27.0)])
    out = own_price_answer(pd.concat([KETTLE, other]), [], start=None, end=None, today=TODAY, direction="down")
    # the kettle's cut of 29 Aug is before the default 90 days
    assert out.text.startswith(
        "1 of 2 products had their list price lowered between 7 Sep 2026 and 5 Dec 2026 (0 raises and 1 cuts in all"
    ), out.text


def test_a_sku_code_seen_only_in_sales_is_no_catalogue_product_but_is_said_apart() -> None:
    toaster = _daily("T", [("2026-10-01", 30.0), ("2026-11-01", 27.0)])
    stray = _daily("SKU-T", [("2026-10-02", 30.0), ("2026-11-02", 28.0)])
    out = own_price_answer(
        pd.concat([KETTLE, toaster, stray]), [], start=None, end=None, today=TODAY, catalogue={"K", "T"}
    )
    assert out.text.startswith("1 of 2 products changed list price between 7 Sep 2026 and 5 Dec 2026"), out.text
    assert "1 more SKU code seen only in sales, not in the catalogue, changed too (SKU-T)" in out.text
    assert [r[0] for r in out.rows] == ["T"]
