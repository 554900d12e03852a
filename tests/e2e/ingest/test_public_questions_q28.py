"""The twenty-eighth question round on public-shaped files (its development set): three relational exports.

Kaggle's Predict Future Sales (1C Company's daily item counts per shop, returns as ``-1.0``, Russian names in three
lookup files), Maven Analytics' Global Electronics Retailer (order lines without prices beside a catalogue priced
``$12.99 `` in ``Unit Price USD``, stores by country, a customer directory and exchange rates) and Maven's Fuzzy
Factory (an orders file of totals beside its items file, ``price_usd``, refunds by order item). Each file is ingested
with ``ecomintel ingest``, then asked what its merchant asks through the CLI; each first sentence is checked against
a pandas truth over the raw files.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.cli_helpers import ask_cli
from tests.e2e.ingest.conftest import Ingested
from tests.e2e.ingest.public_questions_harness import AOV, BEST_MONTH, LAST_MONTH, MOM, Ask, money_sum, question_test
from tests.fixtures.public import pubq28_shapes


def _csv(files: dict[str, str], name: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(files[name]), dtype=str, keep_default_na=False)


def _future_sales(files: dict[str, str]) -> pd.DataFrame:
    """A row a day, shop and item; a negative count is units returned (refunded at the line's price)."""
    raw = _csv(files, "sales_train.csv")
    items = _csv(files, "items.csv").set_index("item_id")
    categories = _csv(files, "item_categories.csv").set_index("item_category_id")["item_category_name"]
    shops = _csv(files, "shops.csv").set_index("shop_id")["shop_name"]
    count, price = raw["item_cnt_day"].astype(float), raw["item_price"].astype(float)
    return pd.DataFrame({
        "product": raw["item_id"].map(items["item_name"]),
        "category": raw["item_id"].map(items["item_category_id"]).map(categories),
        "shop": raw["shop_id"].map(shops),
        "qty": count.clip(lower=0),
        "returned": (-count).clip(lower=0),
        "value": (price * count.clip(lower=0)).round(2),
        "refund": (price * (-count).clip(lower=0)).round(2),
        "day": pd.to_datetime(raw["date"], format="%d.%m.%Y"),
    })  # fmt: skip


def _money(cells: pd.Series) -> pd.Series:
    return cells.str.replace(r"[$,\s]", "", regex=True).astype(float)


def _electronics(files: dict[str, str]) -> pd.DataFrame:
    """A line's value is its quantity at the catalogue's price in dollars (the lines carry none)."""
    raw = _csv(files, "Sales.csv")
    products = _csv(files, "Products.csv").set_index("ProductKey")
    stores = _csv(files, "Stores.csv").set_index("StoreKey")
    qty = raw["Quantity"].astype(int)
    return pd.DataFrame({
        "order": raw["Order Number"],
        "product": raw["ProductKey"].map(products["Product Name"]),
        "category": raw["ProductKey"].map(products["Category"]),
        "brand": raw["ProductKey"].map(products["Brand"]),
        "country": raw["StoreKey"].map(stores["Country"]),
        "state": raw["StoreKey"].map(stores["State"]),
        "customer": raw["CustomerKey"],
        "qty": qty,
        "value": (qty * raw["ProductKey"].map(_money(products["Unit Price USD"]))).round(2),
        "refund": 0.0,
        "day": pd.to_datetime(raw["Order Date"], format="%m/%d/%Y"),
    })  # fmt: skip


def _fuzzy(files: dict[str, str]) -> pd.DataFrame:
    """An item a row, one unit at its price; the order's date and buyer from orders.csv; refunds by item."""
    items = _csv(files, "order_items.csv")
    orders = _csv(files, "orders.csv").set_index("order_id")
    names = _csv(files, "products.csv").set_index("product_id")["product_name"]
    refunds = _csv(files, "order_item_refunds.csv")
    return pd.DataFrame({
        "order": items["order_id"],
        "product": items["product_id"].map(names),
        "customer": items["order_id"].map(orders["user_id"]),
        "qty": 1,
        "value": items["price_usd"].astype(float),
        "refund": items["order_item_id"].map(refunds.set_index("order_item_id")["refund_amount_usd"].astype(float))
        .fillna(0.0),
        "refund_day": items["order_item_id"].map(pd.to_datetime(refunds.set_index("order_item_id")["created_at"])),
        "day": pd.to_datetime(items["created_at"]).dt.normalize(),
    })  # fmt: skip


def _units(frame: pd.DataFrame) -> int:
    return int(frame["qty"].sum())


def _range(frame: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    return frame[(frame["day"] >= pd.Timestamp(start)) & (frame["day"] <= pd.Timestamp(end))]


def _growth(frame: pd.DataFrame, now: tuple[str, str], before: tuple[str, str], column: str = "value") -> float:
    a, b = _range(frame, *now)[column].sum(), _range(frame, *before)[column].sum()
    return round(100 * (a - b) / abs(b), 1)


def _share(frame: pd.DataFrame, by: str, name: str) -> float:
    return round(100 * frame.loc[frame[by] == name, "value"].sum() / frame["value"].sum(), 1)


def _orders(frame: pd.DataFrame) -> int:
    return int(frame.loc[frame["value"] > 0, "order"].nunique())


def _customers(frame: pd.DataFrame) -> int:
    return int(frame["customer"].nunique())


def _aov(frame: pd.DataFrame) -> float:
    return round(float(frame["value"].sum()) / frame["order"].nunique(), 2)


def _return_rate(frame: pd.DataFrame) -> float:
    return round(100 * frame["returned"].sum() / frame["qty"].sum(), 1)


FUTURE_SALES_ASKS = [
    LAST_MONTH,
    Ask("How many units did we sell in October 2015?", lambda f: _units(pq._month(f, "2015-10"))),
    Ask("How many units were returned in September 2015?", lambda f: int(pq._month(f, "2015-09")["returned"].sum())),
    Ask("Which category had the most revenue?", lambda f: pq._top(f, "category")),
    Ask("Which product sold the most units?", lambda f: pq._top(f, "product", "qty")),
    Ask("What was revenue in June 2015?", lambda f: money_sum(pq._month(f, "2015-06"))),
    MOM,
    BEST_MONTH,
    Ask("What share of revenue came from Игры - PS3?", lambda f: _share(f, "category", "Игры - PS3"), percent=True),
    Ask("Which shop had the most revenue?", lambda f: pq._top(f, "shop")),
    Ask("What was revenue in Q2 2015?", lambda f: money_sum(_range(f, "2015-04-01", "2015-06-30"))),
    Ask("How many units did we sell in 2015?", lambda f: _units(pq._year(f, 2015))),
    Ask("What is our return rate?", _return_rate, percent=True),
    Ask(
        "Which category sold the most units in September 2015?",
        lambda f: pq._top(pq._month(f, "2015-09"), "category", "qty"),
    ),
    Ask(
        "How much did Игры - PS3 make in August 2015?",
        lambda f: money_sum(pq._month(f[f["category"] == "Игры - PS3"], "2015-08")),
    ),
    Ask("How much was refunded last month?", lambda f: money_sum(pq._last_whole_month(f), "refund")),
    Ask("What was revenue in the first half of 2015?", lambda f: money_sum(_range(f, "2015-01-01", "2015-06-30"))),
    Ask("Which day of the week had the most revenue?", pq._weekday),
    Ask("How much revenue did we make in November 2014?", lambda f: money_sum(pq._month(f, "2014-11"))),
    Ask(
        "What was revenue growth in Q3 2015 vs Q2 2015?",
        lambda f: _growth(f, ("2015-07-01", "2015-09-30"), ("2015-04-01", "2015-06-30")),
        percent=True,
    ),
]
ELECTRONICS_ASKS = [
    LAST_MONTH,
    Ask("How many orders did we have in November 2020?", lambda f: _orders(pq._month(f, "2020-11"))),
    AOV,
    Ask("Which category had the most revenue?", lambda f: pq._top(f, "category")),
    Ask("Which brand sold the most units?", lambda f: pq._top(f, "brand", "qty")),
    Ask("Which country had the most revenue?", lambda f: pq._top(f, "country")),
    Ask("What was revenue in Germany in 2020?", lambda f: money_sum(pq._year(f[f["country"] == "Germany"], 2020))),
    Ask("Which state had the most revenue in 2019?", lambda f: pq._top(pq._year(f, 2019), "state")),
    Ask("How many units did we sell in 2019?", lambda f: _units(pq._year(f, 2019))),
    Ask("What was revenue in Q4 2020?", lambda f: money_sum(_range(f, "2020-10-01", "2020-12-31"))),
    Ask("How many customers bought from us in 2020?", lambda f: _customers(pq._year(f, 2020))),
    Ask(
        "How much did revenue grow in 2020 vs 2019?",
        lambda f: _growth(f, ("2020-01-01", "2020-12-31"), ("2019-01-01", "2019-12-31")),
        percent=True,
    ),
    Ask("Which product had the most revenue in 2020?", lambda f: pq._top(pq._year(f, 2020), "product")),
    Ask("What share of revenue came from Computers?", lambda f: _share(f, "category", "Computers"), percent=True),
    Ask("What was the average order value in December 2020?", lambda f: _aov(pq._month(f, "2020-12"))),
    Ask("How many units per order on average?", lambda f: round(f["qty"].sum() / f["order"].nunique(), 2)),
    BEST_MONTH,
    MOM,
    Ask("How much did Contoso products make in 2020?", lambda f: money_sum(pq._year(f[f["brand"] == "Contoso"], 2020))),
    Ask(
        "How many orders came from the United Kingdom in 2020?",
        lambda f: _orders(pq._year(f[f["country"] == "United Kingdom"], 2020)),
    ),
]
FUZZY_ASKS = [
    LAST_MONTH,
    Ask("How many orders did we have in January 2015?", lambda f: _orders(pq._month(f, "2015-01"))),
    AOV,
    Ask("Which product had the most revenue?", lambda f: pq._top(f, "product")),
    Ask("Which product sold the most units in 2014?", lambda f: pq._top(pq._year(f, 2014), "product", "qty")),
    Ask("What was revenue in 2014?", lambda f: money_sum(pq._year(f, 2014))),
    Ask("How many units did we sell in December 2014?", lambda f: _units(pq._month(f, "2014-12"))),
    MOM,
    BEST_MONTH,
    Ask("How many customers ordered in 2014?", lambda f: _customers(pq._year(f, 2014))),
    Ask("How much was refunded in 2014?", lambda f: money_sum(f[f["refund_day"].dt.year == 2014], "refund")),
    Ask(
        "What share of revenue came from The Original Mr. Fuzzy?",
        lambda f: _share(f, "product", "The Original Mr. Fuzzy"),
        percent=True,
    ),
    Ask(
        "How many units of The Forever Love Bear did we sell in February 2015?",
        lambda f: _units(pq._month(f[f["product"] == "The Forever Love Bear"], "2015-02")),
    ),
    Ask("What is revenue year to date?", lambda f: money_sum(_range(f, "2015-01-01", "2015-03-19"))),
    Ask("How many items per order on average?", lambda f: round(len(f) / f["order"].nunique(), 2)),
    Ask("Which day of the week had the most revenue?", pq._weekday),
    Ask(
        "What was revenue growth in Q4 2014 vs Q3 2014?",
        lambda f: _growth(f, ("2014-10-01", "2014-12-31"), ("2014-07-01", "2014-09-30")),
        percent=True,
    ),
    Ask("How much revenue have we made in March 2015 so far?", lambda f: money_sum(pq._month(f, "2015-03"))),
    Ask("Which product had the most revenue last month?", lambda f: pq._top(pq._last_whole_month(f), "product")),
    Ask("How many orders had more than one item?", lambda f: int((f.groupby("order").size() > 1).sum())),
]

DATASETS: dict[str, pq.Dataset] = {
    "future_sales": pq.Dataset(
        "future_sales", lambda: pubq28_shapes.predict_future_sales(2500, seed=281), _future_sales, FUTURE_SALES_ASKS
    ),
    "electronics": pq.Dataset(
        "electronics",
        lambda: pubq28_shapes.global_electronics(700, seed=282),
        _electronics,
        ELECTRONICS_ASKS,
        no_currency=False,
    ),
    "fuzzy": pq.Dataset(
        "fuzzy", lambda: pubq28_shapes.fuzzy_factory(1200, seed=283), _fuzzy, FUZZY_ASKS, no_currency=False
    ),
}
#: Answered wrong today (see docs/questions.md, "Twenty-eighth round"): Fuzzy Factory's buyer (``user_id`` on
#: orders.csv) does not reach the items, which carry their own date and are stored as they are; its refunds name an
#: order item and no product (acknowledged with a note, not stored).
WRONG_TODAY: frozenset[str] = frozenset(
    {
        "fuzzy: How many customers ordered in 2014?",
        "fuzzy: How much was refunded in 2014?",
    }
)
test_question_of_a_q28_dataset = question_test(DATASETS, WRONG_TODAY)


def test_every_row_is_stored_skipped_with_a_reason_or_held(ingested: Ingested) -> None:
    """Every file is read: its rows stored, or skipped with a note saying why (a directory, exchange rates, refunds
    by order item); none is refused."""
    for name, (_, _, docs) in ingested.items():
        for file_name, doc in docs.items():
            rows = doc["accepted"] + doc["rejected"] + doc["duplicates"] + doc["skipped"] + doc["held"]
            assert rows == doc["rows_read"], (name, file_name, doc)
            if doc["skipped"]:
                assert doc.get("note"), (name, file_name, doc)


def test_lines_without_prices_take_the_catalogues_dollars(
    homes: dict[str, tuple[Path, pd.DataFrame]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: ``Unit Price USD`` was no price (the currency code after the name), so revenue was nothing."""
    home, frame = homes["electronics"]
    answer = ask_cli(home, "What was revenue in 2019?", monkeypatch, capsys)
    assert f"{money_sum(pq._year(frame, 2019)):,.2f}" in pq._first_sentence(answer), answer
