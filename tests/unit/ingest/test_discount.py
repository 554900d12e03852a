"""A discount column read as a rate or an amount, and a rate's amount (``shared.ingest.discount``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from shared.ingest.discount import decide_rate, rate_amounts, rate_header
from shared.ingest.sales import derive_sales


@pytest.mark.parametrize(("header", "rate"), [
    ("Discount", True), ("discount", True), ("Discount Rate", True), ("Discount %", True), ("discount_pct", True),
    ("Discount Amount", False), ("Discount ($)", False), ("Discount USD", False), ("Lineitem discount", False),
    ("Total Discount", False),
])
def test_only_a_discount_named_without_money_may_be_a_rate(header: str, rate: bool) -> None:
    assert rate_header(header) is rate


@pytest.mark.parametrize(("values", "decided"), [
    ([0.2, 0.0, 0.45, None], True),  # Superstore
    ([0.0, 0.0], None),  # nothing off: cannot tell yet
    ([0.5, 2.0], False),  # a value of 1 or more is money
    ([5.0, 0.0], False),
    ([-0.1, 0.2], False),
])
def test_values_all_below_one_with_some_above_zero_are_rates(values: list[float | None], decided: bool | None) -> None:
    assert decide_rate(pd.Series(values, dtype="Float64")) is decided


def test_a_rate_is_the_amount_off_the_price_before_it() -> None:
    rate = pd.Series([0.45, 0.0, None, 0.2], dtype="Float64")
    amount = rate_amounts(rate, np.array([957.5775, 10.0, 10.0, np.nan]))
    assert amount[0] == pytest.approx(783.47)  # 957.58 is 55% of 1,741.05
    assert amount[1] == 0
    assert np.isnan(amount[2]) and np.isnan(amount[3])  # no rate, or no revenue: no amount


def test_sales_rules_store_a_rate_as_its_amount_and_cost_from_profit_on_the_net() -> None:
    index = pd.RangeIndex(2)
    columns: dict[str, pd.Series] = {"revenue": pd.Series([80.0, 50.0], dtype="Float64"),
                                     "units": pd.Series([2, 1], dtype="Int64"),
               "discount_rate": pd.Series([0.2, 0.0], dtype="Float64"),
               "line_profit": pd.Series([30.0, 5.0], dtype="Float64")}
    derive_sales(columns, index)
    assert list(columns["discount"]) == [20.0, 0.0]
    assert list(columns["revenue"]) == [80.0, 50.0]  # the export's own figure ("sales" is Superstore's Sales)
    assert list(columns["discount_included"]) == [True, True]  # net revenue must not take it off again
    assert list(columns["line_cost"]) == [50.0, 45.0]  # Sales - Profit, on what the line sold for
