"""public9's held-out sets: written after its fixes and measured before any change made for them.

Wix Stores' orders export (line items, the order's columns repeated on each: its Discount too), Square's Transactions
export (a payment a row, its items only named in a Description) and Kaggle's "Amazon Sales 2025" (an order a row,
``dd-mm-yy``), generated in their published shapes (``public9_shapes``), ingested with ``ecomintel ingest`` and asked
what a merchant asks of them.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.test_public_questions_more import check
from tests.fixtures.public import public9_shapes


def _read(files: dict[str, str]) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(next(iter(files.values()))), dtype=str, keep_default_na=False)


def _aov(frame: pd.DataFrame) -> float:
    sold = frame[frame["value"] > 0]
    return round(sold["value"].sum() / sold["order"].nunique(), 2)


def _dollars(cells: pd.Series) -> pd.Series:
    return cells.str.replace(r"[$,]", "", regex=True).astype(float)


def _spread(amount: pd.Series, value: pd.Series, order: pd.Series) -> pd.Series:
    """An order's ``amount`` (written on each of its lines) spread over its lines by ``value`` in whole cents that add
    up to it: each line's share of the running total rounded, less the lines' before it (rounding each line's share
    alone was a cent off the order's amount: Wix's order 10041 at 1,500 orders, 12.15 off 81.00 paid 68.86)."""
    cumulative = value.groupby(order).cumsum() / value.groupby(order).transform("sum")
    upto = (amount * cumulative).round(2)
    return (upto - upto.groupby(order).shift(fill_value=0.0)).round(2)


# Wix: a Paid order's lines are sales (Qty at Price), Not paid no sale yet, Refunded a return (its items' value less
# its discount refunded); the order's Discount is written on each of its lines (counted once, spread by value).
def _wix(files: dict[str, str]) -> pd.DataFrame:
    raw = _read(files)
    raw = raw[raw["Payment status"] != "Not paid"]
    gross = raw["Qty"].astype(int) * raw["Price"].astype(float)
    off = _spread(raw["Discount"].astype(float), gross, raw["Order number"])
    sold = raw["Payment status"] == "Paid"
    once = (~raw["Order number"].duplicated()) & sold  # the order's discount, counted on its first line
    return pd.DataFrame({"order": raw["Order number"], "product": raw["Item"], "country": raw["Billing country"],
                         "qty": raw["Qty"].astype(int).where(sold, 0), "value": gross.where(sold, 0.0),
                         "discount": raw["Discount"].astype(float).where(once, 0.0),
                         "refund": (gross - off).where(~sold, 0.0),
                         "day": pd.to_datetime(raw["Date created"], format="%b %d, %Y")})


WIX_ASKS = [
    pq.Ask("What was revenue in March 2024?", lambda f: round(pq._month(f, "2024-03")["value"].sum(), 2)),
    pq.Ask("How many units did we sell in April 2024?", lambda f: int(pq._month(f, "2024-04")["qty"].sum())),
    pq.Ask("Which product made the most revenue?", lambda f: pq._top(f, "product")),
    pq.Ask("Which country had the most revenue?", lambda f: pq._top(f, "country")),
    pq.Ask("How much discount did we give in 2024?", lambda f: round(pq._year(f, 2024)["discount"].sum(), 2)),
    pq.Ask("How many orders did we have in May 2024?", lambda f: pq._month(f[f["value"] > 0], "2024-05")["order"]
        .nunique()),
    pq.Ask("How much did we refund in 2024?", lambda f: round(pq._year(f, 2024)["refund"].sum(), 2)),
]


# Square Transactions: a Payment is a sale of its Gross Sales (Discounts off it), a Refund event a return of what was
# paid for the items (its Net Sales); the location the channel; no products or quantities.
def _square(files: dict[str, str]) -> pd.DataFrame:
    raw = _read(files)
    sold = raw["Event Type"] == "Payment"
    return pd.DataFrame({"order": raw["Transaction ID"], "location": raw["Location"],
                         "value": _dollars(raw["Gross Sales"]).where(sold, 0.0),
                         "refund": (-_dollars(raw["Net Sales"])).where(~sold, 0.0),
                         "day": pd.to_datetime(raw["Date"], format="%Y-%m-%d")})


SQUARE_ASKS = [
    pq.Ask("What was revenue in March 2024?", lambda f: round(pq._month(f, "2024-03")["value"].sum(), 2)),
    pq.Ask("How many orders did we have in April 2024?", lambda f: pq._month(f[f["value"] > 0], "2024-04")["order"]
        .nunique()),
    pq.Ask("What is our average order value?", _aov),
    pq.Ask("How much did we refund in 2024?", lambda f: round(pq._year(f, 2024)["refund"].sum(), 2)),
    pq.Ask("Which location had the most revenue?", lambda f: pq._top(f, "location")),
    pq.Ask("What did we make last month?", lambda f: round(pq._last_whole_month(f)["value"].sum(), 2)),
]


# Amazon Sales 2025: an order a row, Total Sales its revenue; Cancelled no sale (Pending and Completed sales).
def _amazon_2025(files: dict[str, str]) -> pd.DataFrame:
    raw = _read(files)
    raw = raw[raw["Status"] != "Cancelled"]
    return pd.DataFrame({"order": raw["Order ID"], "product": raw["Product"], "category": raw["Category"],
                         "city": raw["Customer Location"], "qty": raw["Quantity"].astype(int),
                         "value": raw["Total Sales"].astype(float),
                         "day": pd.to_datetime(raw["Date"], format="%d-%m-%y")})


AMAZON_2025_ASKS = [
    pq.Ask("What was revenue in March 2025?", lambda f: round(pq._month(f, "2025-03")["value"].sum(), 2)),
    pq.Ask("How many units did we sell in February 2025?", lambda f: int(pq._month(f, "2025-02")["qty"].sum())),
    pq.Ask("Which product made the most revenue?", lambda f: pq._top(f, "product")),
    pq.Ask("Which category had the most revenue?", lambda f: pq._top(f, "category")),
    pq.Ask("Which city had the most revenue?", lambda f: pq._top(f, "city")),
    pq.Ask("How many orders did we have in March 2025?", lambda f: pq._month(f, "2025-03")["order"].nunique()),
    pq.Ask("What is our average order value?", _aov),
]

DATASETS: dict[str, pq.Dataset] = {
    "wix": pq.Dataset("wix", lambda: public9_shapes.wix_orders(250, seed=98), _wix, WIX_ASKS, no_currency=False),
    "square_transactions": pq.Dataset("square_transactions", lambda: public9_shapes.square_transactions(400, seed=99),
                                   _square, SQUARE_ASKS, no_currency=False),
    "amazon_sales_2025": pq.Dataset("amazon_sales_2025", lambda: public9_shapes.amazon_sales_2025(250, seed=100),
                                 _amazon_2025, AMAZON_2025_ASKS),
}
#: Measured before any change made for them: 1 of 3 files stored as it means (Wix's held as order lines without
#: dates: "Date created" was no date; Square's Transactions refused: kind unknown; Amazon Sales 2025 stored), 6 of 20
#: questions right. After (generic: "Date created" a date, a city column the line's region; Wix's and Square's
#: Transactions profiles): 3 of 3 files, 18 of 20; then 19 of 20 (a Refunded Wix order, no refunded amount stated,
#: was refunded its lines' full value, 1,144.50 for 1,133.62 paid: its share of the order's discount is off now).
#: Answered wrong today (each is fixed at its cause, then taken off).
WRONG_TODAY: frozenset[str] = frozenset()
CASES = pq.dataset_cases(DATASETS, WRONG_TODAY)


@pytest.mark.parametrize(("dataset", "ask"), CASES)
def test_question_of_a_held_out_export(dataset: str, ask: pq.Ask, homes: dict[str, tuple[object, pd.DataFrame]],
                                       monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    pq.ask_and_check(DATASETS, homes, dataset, ask, check, monkeypatch, capsys)  # type: ignore[arg-type]
