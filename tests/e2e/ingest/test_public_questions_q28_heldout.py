"""The twenty-eighth question round's held-out set: two more public shapes, asked in other words.

JD.com's order data (the 2020 MSOM challenge: hashed ids, a list and a paid price per unit, gift lines at 0) and
Kaggle's Grocery Sales Database (sales naming their product by id, ``TotalPrice`` 0.0 on every row as published, a
discount rate). Written and committed before it was run; measured once (docs/questions.md, "Twenty-eighth round").
"""

from __future__ import annotations

import io

import pandas as pd

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.public_questions_harness import BEST_MONTH, Ask, money_sum, question_test
from tests.fixtures.public import pubq28_heldout_shapes


def _csv(files: dict[str, str], name: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(files[name]), dtype=str, keep_default_na=False)


def _jd(files: dict[str, str]) -> pd.DataFrame:
    """A line's revenue is its quantity at its price before discounts (the house's revenue, docs/metrics.md; the
    measured truth was what was paid, ``final_unit_price``: corrected after the one measurement), its discount the
    difference to what was paid."""
    raw = _csv(files, "JD_order_data.csv")
    qty = raw["quantity"].astype(int)
    final, original = raw["final_unit_price"].astype(float), raw["original_unit_price"].astype(float)
    return pd.DataFrame({"order": raw["order_ID"], "customer": raw["user_ID"], "sku": raw["sku_ID"], "qty": qty,
                         "value": (original * qty).round(2), "discount": ((original - final) * qty).round(2),
                         "refund": 0.0, "day": pd.to_datetime(raw["order_date"], format="%Y-%m-%d")})  # fmt: skip


def _grocery(files: dict[str, str]) -> pd.DataFrame:
    """A line's revenue is its product's price times its quantity, before the discount rate (TotalPrice is 0.0; the
    house's revenue is before discounts: the measured truth took the rate off, corrected after the one measurement)."""
    raw = _csv(files, "sales.csv")
    products = _csv(files, "products.csv").set_index("ProductID")
    categories = _csv(files, "categories.csv").set_index("CategoryID")["CategoryName"]
    qty, rate = raw["Quantity"].astype(int), raw["Discount"].astype(float)
    gross = qty * raw["ProductID"].map(products["Price"].astype(float))
    return pd.DataFrame({
        "order": raw["TransactionNumber"], "customer": raw["CustomerID"],
        "product": raw["ProductID"].map(products["ProductName"]),
        "category": raw["ProductID"].map(products["CategoryID"]).map(categories), "qty": qty,
        "value": gross, "discount": (gross * rate).round(2), "refund": 0.0,
        "day": pd.to_datetime(raw["SalesDate"]).dt.normalize(),
    })  # fmt: skip


def _range(frame: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    return frame[(frame["day"] >= pd.Timestamp(start)) & (frame["day"] <= pd.Timestamp(end))]


def _aov(frame: pd.DataFrame) -> float:
    return round(float(frame["value"].sum()) / frame["order"].nunique(), 2)


def _growth(now: pd.DataFrame, before: pd.DataFrame) -> float:
    return round(100 * (now["value"].sum() - before["value"].sum()) / abs(before["value"].sum()), 1)


MARCH = ("2018-03-01", "2018-03-31")
JD_ASKS = [
    Ask("what were total sales in march 2018?", lambda f: money_sum(_range(f, *MARCH))),
    Ask("how many orders were placed in March 2018?", lambda f: int(f["order"].nunique())),
    Ask("what's the average basket value?", _aov),
    Ask("how many unique buyers did we have?", lambda f: int(f["customer"].nunique())),
    Ask("which SKU brought in the most money?", lambda f: pq._top(f, "sku")),
    Ask("which sku moved the most units?", lambda f: pq._top(f, "sku", "qty")),
    Ask("total discounts given in March 2018?", lambda f: money_sum(f, "discount")),
    Ask("what was revenue on March 15, 2018?", lambda f: money_sum(_range(f, "2018-03-15", "2018-03-15"))),
    Ask("revenue in the first week of March 2018", lambda f: money_sum(_range(f, "2018-03-01", "2018-03-07"))),
    Ask("how many units went out in march 2018?", lambda f: int(f["qty"].sum())),
    Ask(
        "which day in March 2018 had the highest sales?",
        lambda f: (lambda top: (f"{pd.Timestamp(top[0]):%-d %b %Y}", top[1]))(pq._top(f, "day")),
    ),
    Ask("what was the busiest weekday by revenue?", pq._weekday),
    Ask("what's the average number of units per order?", lambda f: round(f["qty"].sum() / f["order"].nunique(), 2)),
    Ask(
        "how much revenue came in between March 10 and March 20, 2018?",
        lambda f: money_sum(_range(f, "2018-03-10", "2018-03-20")),
    ),
    Ask(
        "how many customers ordered more than once?",
        lambda f: int((f.groupby("customer")["order"].nunique() > 1).sum()),
    ),
    Ask("How much did we sell on weekends in March 2018?", lambda f: money_sum(f[f["day"].dt.dayofweek >= 5])),
    Ask(
        "How many orders did we get on March 8th 2018?",
        lambda f: int(_range(f, "2018-03-08", "2018-03-08")["order"].nunique()),
    ),
    Ask("what was our revenue per day on average in March 2018?", lambda f: round(f["value"].sum() / 31, 2)),
    Ask("What was the biggest order?", lambda f: round(float(f.groupby("order")["value"].sum().max()), 2)),
    Ask("How many different SKUs sold in March 2018?", lambda f: int(f.loc[f["qty"] > 0, "sku"].nunique())),
]
GROCERY_ASKS = [
    Ask("how much did we sell last month?", lambda f: money_sum(pq._month(f, "2018-04"))),
    Ask("total revenue for February 2018?", lambda f: money_sum(pq._month(f, "2018-02"))),
    Ask("how many transactions were there in March 2018?", lambda f: int(pq._month(f, "2018-03")["order"].nunique())),
    Ask("which category earned the most?", lambda f: pq._top(f, "category")),
    Ask("top selling product by quantity?", lambda f: pq._top(f, "product", "qty")),
    Ask(
        "which product generated the most revenue in Q1 2018?",
        lambda f: pq._top(_range(f, "2018-01-01", "2018-03-31"), "product"),
    ),
    Ask("how many items did we sell in January 2018?", lambda f: int(pq._month(f, "2018-01")["qty"].sum())),
    Ask(
        "how many different customers bought in April 2018?",
        lambda f: int(pq._month(f, "2018-04")["customer"].nunique()),
    ),
    Ask("average transaction value?", _aov),
    Ask(
        "how did April 2018 compare with March 2018 in revenue?",
        lambda f: _growth(pq._month(f, "2018-04"), pq._month(f, "2018-03")),
        percent=True,
    ),
    Ask(
        "what % of revenue came from Beverages?",
        lambda f: round(100 * f.loc[f["category"] == "Beverages", "value"].sum() / f["value"].sum(), 1),
        percent=True,
    ),
    Ask(
        "how much revenue did Dairy bring in during March 2018?",
        lambda f: money_sum(pq._month(f[f["category"] == "Dairy"], "2018-03")),
    ),
    Ask("total discount given in 2018?", lambda f: money_sum(f, "discount")),
    BEST_MONTH,
    Ask("sales so far in May 2018?", lambda f: money_sum(pq._month(f, "2018-05"))),
    Ask(
        "how many units of Onion Powder sold in February 2018?",
        lambda f: int(pq._month(f[f["product"] == "Onion Powder"], "2018-02")["qty"].sum()),
    ),
    Ask("what's revenue for Q1 2018?", lambda f: money_sum(_range(f, "2018-01-01", "2018-03-31"))),
    Ask("which weekday sells the most units?", lambda f: pq._top(f.assign(wd=f["day"].dt.day_name()), "wd", "qty")),
    Ask("average quantity per transaction?", lambda f: round(f["qty"].sum() / f["order"].nunique(), 2)),
    Ask(
        "which category sold the fewest units?",
        lambda f: (lambda g: (str(g.index[0]), float(g.iloc[0])))(f.groupby("category")["qty"].sum().sort_values()),
    ),
]

DATASETS: dict[str, pq.Dataset] = {
    "jd": pq.Dataset("jd", lambda: pubq28_heldout_shapes.jd_orders(600, seed=284), _jd, JD_ASKS),
    "grocery": pq.Dataset(
        "grocery", lambda: pubq28_heldout_shapes.grocery_sales(1500, seed=285), _grocery, GROCERY_ASKS
    ),
}
#: Answered wrong today (docs/questions.md, "Twenty-eighth round": 8/40 at the one measurement, these left after the
#: fixes): Beverages is a category of categories.csv no product is in, unknown to the reader, so the share is the
#: whole store's revenue.
WRONG_TODAY: frozenset[str] = frozenset({"grocery: what % of revenue came from Beverages?"})
test_question_of_a_q28_held_out_dataset = question_test(DATASETS, WRONG_TODAY)
