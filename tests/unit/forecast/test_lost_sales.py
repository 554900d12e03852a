"""Revenue lost to stock-outs: out-of-stock days x the in-stock daily rate x revenue per unit, said as an estimate."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from shared.forecast.lost_sales import estimate_lost_sales, lost_sales_answer

START, END = date(2025, 3, 1), date(2025, 3, 31)


def _sales(rows: list[tuple[str, date, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["sku", "date", "units", "price"])
    return frame.assign(date=pd.to_datetime(frame["date"]))


def _counts(rows: list[tuple[str, str, date, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["sku", "location", "date", "on_hand"])


def test_out_of_stock_days_times_the_in_stock_rate_and_price() -> None:
    """A: 2 a day at $10 until a count of 0 on 22 Mar (10 days out to the 31st): 20 units, $200 lost."""
    days = [START - timedelta(days=90) + timedelta(days=i) for i in range(90 + 21)]  # 30 Nov - 21 Mar
    sales = _sales([("A", d, 2.0, 10.0) for d in days])
    counts = _counts([("A", "main", date(2025, 3, 1), 30.0), ("A", "main", date(2025, 3, 22), 0.0)])
    est = estimate_lost_sales(sales, counts, START, END)
    row = est.rows.iloc[0]
    assert (row["sku"], row["out_of_stock_days"]) == ("A", 10)
    assert row["daily_rate"] == pytest.approx(2.0) and row["price"] == pytest.approx(10.0)
    assert est.units == pytest.approx(20.0) and est.revenue == pytest.approx(200.0)


def test_a_sale_proves_stock_and_other_locations_count_and_uncounted_days_are_not_out() -> None:
    """B sells on a day counted 0 (not out); C has stock elsewhere (not out); D was never counted (not seen)."""
    sales = _sales([("B", date(2025, 3, 10), 1.0, 5.0), ("B", date(2025, 2, 1), 1.0, 5.0)])
    counts = _counts([("B", "main", date(2025, 3, 10), 0.0), ("B", "main", date(2025, 3, 12), 4.0),
                      ("C", "north", date(2025, 3, 1), 0.0), ("C", "south", date(2025, 3, 1), 3.0),
                      ("E", "main", date(2025, 3, 30), 0.0)])
    est = estimate_lost_sales(sales, counts, START, END)
    out = dict(zip(est.rows["sku"], est.rows["out_of_stock_days"], strict=True))
    assert out == {"B": 1, "E": 2}  # B: 11 Mar only (10 Mar sold); E: 30-31 Mar, not the days before its count
    assert est.counted_skus == 3 and "C" not in out and "D" not in out
    assert est.rows.set_index("sku")["lost_revenue"].isna()["E"]  # never sold: no price, no rate


def test_the_answer_says_it_is_an_estimate_and_how() -> None:
    sales = _sales([("A", START - timedelta(days=i), 2.0, 10.0) for i in range(1, 60)])
    est = estimate_lost_sales(sales, _counts([("A", "main", START, 0.0)]), START, END)
    answer = lost_sales_answer(est, lambda v: f"${v:,.2f}")
    assert answer.text.startswith("Stock-outs cost an estimated $"), answer.text
    assert "in March 2025 (1-31 Mar 2025)" in answer.text and "This is an estimate" in answer.text
    assert "out-of-stock days" in answer.method and answer.rows[0][0] == "A"
    none = lost_sales_answer(estimate_lost_sales(sales, _counts([("A", "main", START, 5.0)]), START, END),
                             lambda v: f"${v:,.2f}")
    assert none.text.startswith("No product was out of stock in March 2025")
