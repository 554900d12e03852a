"""Three more public sales datasets, through the real CLI, against pandas truths (question round pubq17, written and
measured before any change made for them): the Fast Food Sales Report (an order a row, dates written two ways, an item
type the kind of goods, a payment type sometimes empty), the Car Sales Data of a dealership (a car a row, no sale id, a
make, a model and a salesperson) and the Coffee Sales Dataset with each cup's time (no id, an hour of the day), each
generated in its published shape (``pubq17_shapes``), ingested with ``ecomintel ingest`` and asked what a merchant
asks of it.
"""

from __future__ import annotations

import pandas as pd

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.public_questions_harness import (  # noqa: F401 (a test: run over this module's sets)
    AOV,
    BEST_MONTH,
    LAST_MONTH,
    MOM,
    Ask,
    money_sum,
    orders_in,
    question_test,
    read,
    revenue_in,
    sales_frame,
    test_every_file_is_stored_as_it_means,
    top,
)
from tests.fixtures.public import pubq17_shapes as shapes


def _units(frame: pd.DataFrame) -> int:
    return int(frame["qty"].sum())


# Fast food: an order a row worth its transaction_amount; its date month first, with dashes or slashes; an empty
# transaction_type names no way of paying.
def _fast_food(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return sales_frame(
        raw,
        {"order": "order_id", "product": "item_name", "category": "item_type"},
        payment=raw["transaction_type"].replace("", None),
        qty=raw["quantity"].astype(int),
        value=raw["transaction_amount"].astype(float),
        day=pd.to_datetime(raw["date"].str.replace("-", "/"), format="%m/%d/%Y"),
    )


FAST_FOOD_ASKS = [
    revenue_in("2022-10"),
    Ask("How many units did we sell in December 2022?", lambda f: _units(pq._month(f, "2022-12"))),
    Ask("Which item made the most revenue?", lambda f: pq._top(f, "product")),
    Ask("Which item sold the most units?", lambda f: pq._top(f, "product", "qty")),
    top("category", "item type"),
    top("payment", "payment method"),
    Ask("How many beverages did we sell in 2022?", lambda f: _units(pq._year(f[f["category"] == "Beverages"], 2022))),
    Ask(
        "How many sandwiches did we sell in January 2023?",
        lambda f: _units(pq._month(f[f["product"] == "Sandwich"], "2023-01")),
    ),
    Ask(
        "How much revenue did Cold coffee bring in 2022?",
        lambda f: money_sum(pq._year(f[f["product"] == "Cold coffee"], 2022)),
    ),
    Ask("How many orders did we have in August 2022?", lambda f: orders_in(f, "2022-08")),
    AOV,
    LAST_MONTH,
    MOM,
    BEST_MONTH,
]


# Car sales: a car a row, one unit at its Sale Price, its own sale (no id; a customer name buys again on other days);
# the make its brand, the model what was sold, the salesperson who sold it.
def _car_sales(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return sales_frame(
        raw,
        {"customer": "Customer Name", "brand": "Car Make", "model": "Car Model", "seller": "Salesperson"},
        order=raw.index,
        qty=1,
        value=raw["Sale Price"].astype(float),
        day=pd.to_datetime(raw["Date"], format="%Y-%m-%d"),
    )


CAR_ASKS = [
    revenue_in("2023-01"),
    Ask("What was revenue in 2022?", lambda f: money_sum(pq._year(f, 2022))),
    Ask("How many cars did we sell in March 2023?", lambda f: _units(pq._month(f, "2023-03"))),
    Ask("How many cars did we sell in 2023?", lambda f: _units(pq._year(f, 2023))),
    top("brand", "make"),
    Ask("Which model sold the most units?", lambda f: pq._top(f, "model", "qty")),
    top("seller", "salesperson"),
    Ask("How much revenue did Toyota bring in 2023?", lambda f: money_sum(pq._year(f[f["brand"] == "Toyota"], 2023))),
    Ask("How many customers bought in 2023?", lambda f: int(pq._year(f, 2023)["customer"].nunique())),
    AOV,
    LAST_MONTH,
    MOM,
    BEST_MONTH,
]


# Coffee: a cup a row, its own sale (no id, no customer), one unit at its money; hour_of_day the hour it was sold.
def _coffee(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return sales_frame(
        raw,
        {"product": "coffee_name", "payment": "cash_type"},
        order=raw.index,
        hour=raw["hour_of_day"].astype(int),
        qty=1,
        value=raw["money"].astype(float),
        day=pd.to_datetime(raw["Date"], format="%Y-%m-%d"),
    )


def _busiest_hour(frame: pd.DataFrame) -> tuple[str, float]:
    """The hour of the day with the most cups sold, as the answers name it: "10:00-11:00"."""
    name, cups = pq._top(frame.assign(at=frame["hour"].map(lambda h: f"{h:02d}:00-{(h + 1) % 24:02d}:00")), "at", "qty")
    return name, cups


COFFEE_ASKS = [
    revenue_in("2024-06"),
    Ask("How many coffees did we sell in July 2024?", lambda f: _units(pq._month(f, "2024-07"))),
    Ask("Which coffee sold the most units?", lambda f: pq._top(f, "product", "qty")),
    Ask("Which product made the most revenue?", lambda f: pq._top(f, "product")),
    top("payment", "payment method"),
    Ask("How many lattes did we sell in 2024?", lambda f: _units(pq._year(f[f["product"] == "Latte"], 2024))),
    Ask("What was our busiest hour?", _busiest_hour),
    AOV,
    LAST_MONTH,
    MOM,
    BEST_MONTH,
]

DATASETS: dict[str, pq.Dataset] = {
    "fast_food": pq.Dataset("fast_food", lambda: shapes.fast_food_sales(500, seed=171), _fast_food, FAST_FOOD_ASKS),
    "car_sales": pq.Dataset("car_sales", lambda: shapes.car_sales(400, seed=172), _car_sales, CAR_ASKS),
    "coffee_hours": pq.Dataset("coffee_hours", lambda: shapes.coffee_sales(600, seed=173), _coffee, COFFEE_ASKS),
}
#: Answered wrong today. Measured before any change: 12 of 38 (fast food 12/14; the car sales and the timed coffee
#: sales refused: no kind told from their headers); after the rules of docs/ingest.md (pubq17): 33 of 38. Left: the
#: Car Sales Data draws each car's make apart from its model, while a brand is a product's (its first make): "which
#: make" and "Toyota's revenue" need a line's own brand; without a sale id a customer's day is one order, so two cars
#: sold to one name on one day are one order (the AOV); "busiest hour" needed the time of day kept on sales lines
#: (answered since the hour round: docs/metrics.md). Since each line is numbered by its place among its file's lines
#: of one key (docs/ingest.md, "An order's product on two rows"), two cars of one model sold to one name on one day
#: are two lines, each with its own salesperson (they were summed into the first line, its salesperson's): 35 of 38.
WRONG_TODAY: frozenset[str] = frozenset(
    {
        "car_sales: Which make had the most revenue?",
        "car_sales: How much revenue did Toyota bring in 2023?",
        "car_sales: What is our average order value?",
    }
)
test_question_of_a_pubq17_dataset = question_test(DATASETS, WRONG_TODAY)
