"""The time of day of a sale, held out (question round hour): written after the development set's fixes and measured
once. Other shapes than the development set's: Maven's Restaurant Orders (a 12-hour ``order_time`` ``1:05:09 PM``
beside ``order_date`` ``1/5/23``, the items priced from the menu), UCI Online Retail (the time inside the date column,
``12/1/2010 8:26``, cancelled ``C`` invoices) and Amazon's All Orders report (``purchase-date``
``2024-03-01T17:13:27-08:00``: an ISO timestamp with the seller's offset, whose clock as written is the hour).
"""

from __future__ import annotations

import io

import pandas as pd

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.public_questions_harness import Ask, money_sum, question_test
from tests.e2e.ingest.test_public_questions_hour import busiest, hours
from tests.fixtures.public import public6_shapes, shapes


def _clock_hour(text: pd.Series, fmt: str) -> pd.Series:
    return pd.to_datetime(text, format=fmt).dt.hour


# Restaurant: an item a row at its menu price; the order's time on each of its rows (12-hour clock).
def _restaurant(files: dict[str, str]) -> pd.DataFrame:
    lines = pd.read_csv(io.StringIO(files["order_details.csv"]), dtype=str, keep_default_na=False)
    menu = pd.read_csv(io.StringIO(files["menu_items.csv"]), dtype=str, keep_default_na=False)
    raw = lines.merge(menu, left_on="item_id", right_on="menu_item_id")
    return pd.DataFrame(
        {
            "order": raw["order_id"],
            "product": raw["item_name"],
            "category": raw["category"],
            "hour": _clock_hour(raw["order_time"], "%I:%M:%S %p"),
            "qty": 1,
            "value": raw["price"].astype(float),
            "refund": 0.0,
            "day": pd.to_datetime(raw["order_date"], format="%m/%d/%y"),
        }
    )


RESTAURANT_ASKS = [
    Ask("When are we busiest during the day?", busiest),
    Ask("Which hour do we take the most money?", lambda f: busiest(f, "value")),
    Ask("What is the quietest hour of the day?", lambda f: busiest(f, quietest=True)),
    Ask("How much revenue do we do at lunchtime?", lambda f: money_sum(hours(f, 12, 14))),
    Ask("How many orders did we get after 8pm?", lambda f: int(hours(f, 20, 24)["order"].nunique())),
    Ask("What was the busiest hour in February 2023?", lambda f: busiest(pq._month(f, "2023-02"))),
]


# Online Retail: the invoice's time inside InvoiceDate; sold lines are ordinary invoices with a positive quantity.
def _retail(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(files["online_retail.csv"]), dtype={"InvoiceNo": str, "StockCode": str})
    stamp = pd.to_datetime(raw["InvoiceDate"], format="%m/%d/%Y %H:%M")
    frame = pd.DataFrame(
        {
            "order": raw["InvoiceNo"],
            "product": raw["Description"],
            "qty": raw["Quantity"],
            "hour": stamp.dt.hour,
            "value": (raw["Quantity"] * raw["UnitPrice"]).round(2),
            "refund": 0.0,
            "day": stamp.dt.normalize(),
        }
    )
    return frame[~frame["order"].str.startswith("C") & (frame["qty"] > 0)]


RETAIL_ASKS = [
    Ask("What's the peak hour for orders?", busiest),
    Ask("Which hour of the day generates the most sales revenue?", lambda f: busiest(f, "value")),
    Ask("How much did we sell before 10am?", lambda f: money_sum(hours(f, 0, 10))),
    Ask("What were sales in the afternoon?", lambda f: money_sum(hours(f, 12, 17))),
    Ask("What time of day do customers buy the most units?", lambda f: busiest(f, "qty")),
]


# Amazon: item-price the line's total; a cancelled item is no sale; the purchase-date's clock as written.
def _amazon(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(files["All Orders Report.txt"]), sep="\t", dtype=str, keep_default_na=False)
    sold = raw[raw["item-status"] != "Cancelled"]
    return pd.DataFrame(
        {
            "order": sold["amazon-order-id"],
            "product": sold["sku"],
            "hour": sold["purchase-date"].str[11:13].astype(int),
            "qty": sold["quantity"].astype(int),
            "value": sold["item-price"].astype(float),
            "refund": 0.0,
            "day": pd.to_datetime(sold["purchase-date"].str[:10], format="%Y-%m-%d"),
        }
    )


AMAZON_ASKS = [
    Ask("What hour of the day do we get the most orders?", busiest),
    Ask("Revenue by hour of day - which hour is top?", lambda f: busiest(f, "value")),
    Ask("How much revenue came in between 9am and 5pm?", lambda f: money_sum(hours(f, 9, 17))),
    Ask("Which hour had the fewest orders?", lambda f: busiest(f, quietest=True)),
    Ask("How many units did we sell in the morning?", lambda f: int(hours(f, 5, 12)["qty"].sum())),
]

DATASETS: dict[str, pq.Dataset] = {
    "restaurant_times": pq.Dataset(
        "restaurant_times", lambda: public6_shapes.restaurant_orders(900, seed=191), _restaurant, RESTAURANT_ASKS
    ),
    "retail_times": pq.Dataset(
        "retail_times",
        lambda: {"online_retail.csv": shapes.online_retail(2000, seed=192)},
        _retail,
        RETAIL_ASKS,
        no_currency=False,
    ),
    "amazon_times": pq.Dataset(
        "amazon_times", lambda: public6_shapes.amazon_all_orders(900, seed=193), _amazon, AMAZON_ASKS, no_currency=False
    ),
}
#: Answered wrong today. Measured once, after the development set's fixes: 10 of 16 (Online Retail 5/5, Amazon 5/5; the
#: Restaurant Orders 0/6: its lines are joined to their orders and the menu by ``order_join``, whose derived file
#: carried no time of day, so every question by hour said the exports carry none). Then the relational join carries
#: each line's (or its order's) time of day: 16 of 16.
WRONG_TODAY: frozenset[str] = frozenset()
test_question_of_an_hour_heldout_dataset = question_test(DATASETS, WRONG_TODAY)
