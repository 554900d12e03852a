"""The time of day of a sale, asked of three public exports that stamp each sale (question round hour, the development
set, written and measured before the time of day was kept): the Coffee Sales Dataset (``Date`` beside ``Time``
``10:15:50.520000``), Maven's Pizza Sales (``order_date`` ``1/1/2015`` beside ``order_time`` ``11:38:36``, orders of
several lines) and the French bakery's tickets (``date`` beside ``time`` ``08:38``, refunds as negative quantities);
and two that carry no time of day (the Fast Food Sales Report, the Car Sales Data), which must say so. Generated in
their published shapes, ingested with ``ecomintel ingest`` and asked what a merchant asks of them.

An hour is named by its span, ``10:00-11:00``; "busiest" counts sales (orders), "the most revenue" or "the most
coffee" their money or units; before noon is the hours from midnight to 12:00, the evening 17:00-22:00.
"""

from __future__ import annotations

import pandas as pd

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.public_questions_harness import (  # noqa: F401 (a test: run over this module's sets)
    Ask,
    money_sum,
    question_test,
    read,
    sales_frame,
    test_every_file_is_stored_as_it_means,
)
from tests.e2e.ingest.test_public_questions_more import Says
from tests.e2e.ingest.test_public_questions_pubq17 import _car_sales, _fast_food
from tests.fixtures.public import maven_shapes, pubq17_shapes
from tests.fixtures.public import pubq14_heldout_shapes as bakery_shapes


def span(hour: int) -> str:
    """An hour as the answers name it: ``10:00-11:00``."""
    return f"{hour:02d}:00-{(hour + 1) % 24:02d}:00"


def busiest(frame: pd.DataFrame, value: str = "orders", *, quietest: bool = False) -> tuple[str, float]:
    """The hour with the most (``quietest``: the fewest) ``value`` (``orders``: distinct orders); ties by hour."""
    grouped = frame.groupby("hour").agg(orders=("order", "nunique"), qty=("qty", "sum"), value=("value", "sum"))
    grouped["value"] = grouped["value"].round(2)
    ranked = grouped.reset_index().sort_values([value, "hour"], ascending=[quietest, True]).iloc[0]
    return span(int(ranked["hour"])), float(ranked[value])


def hours(frame: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """The rows sold from ``first``:00 up to (not including) ``last``:00."""
    return frame[(frame["hour"] >= first) & (frame["hour"] < last)]


def _saturdays(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["day"].dt.day_name() == "Saturday"]


# Coffee: a cup a row, its own sale; Time the moment it was sold.
def _coffee(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return sales_frame(
        raw,
        {"product": "coffee_name"},
        order=raw.index,
        hour=raw["Time"].str[:2].astype(int),
        qty=1,
        value=raw["money"].astype(float),
        day=pd.to_datetime(raw["Date"], format="%Y-%m-%d"),
    )


COFFEE_ASKS = [
    Ask("What was our busiest hour?", busiest),
    Ask("When in the day do we sell the most coffee?", lambda f: busiest(f, "qty")),
    Ask("Which hour brings in the most revenue?", lambda f: busiest(f, "value")),
    Ask("How much did we make before noon?", lambda f: money_sum(hours(f, 0, 12))),
    Ask("What's our quietest hour?", lambda f: busiest(f, quietest=True)),
    Ask("Which hour on Saturdays is busiest?", lambda f: busiest(_saturdays(f))),
    Ask("How many coffees did we sell after 6pm?", lambda f: int(hours(f, 18, 24)["qty"].sum())),
    Ask("What time of day do we sell the most lattes?", lambda f: busiest(f[f["product"] == "Latte"], "qty")),
]


# Pizza: an order of one to four lines, all stamped with the order's time.
def _pizza(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return pd.DataFrame(
        {
            "order": raw["order_id"],
            "product": raw["pizza_name"],
            "hour": raw["order_time"].str.split(":").str[0].astype(int),
            "qty": raw["quantity"].astype(int),
            "value": raw["total_price"].astype(float),
            "refund": 0.0,
            "day": pd.to_datetime(raw["order_date"], format="%m/%d/%Y"),
        }
    )


PIZZA_ASKS = [
    Ask("What is our busiest hour?", busiest),
    Ask("Which hour of the day had the most revenue?", lambda f: busiest(f, "value")),
    Ask("What are our peak hours?", busiest),
    Ask("How many pizzas did we sell in the evening?", lambda f: int(hours(f, 17, 22)["qty"].sum())),
    Ask("How much revenue did we make between 12pm and 2pm?", lambda f: money_sum(hours(f, 12, 14))),
    Ask("Which hour in July 2015 was busiest?", lambda f: busiest(pq._month(f, "2015-07"))),
    Ask("At what time of day do we get the most orders?", busiest),
]


# Bakery: a ticket's article a row; a negative Quantity is a refund, not a sale.
def _bakery(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    qty = raw["Quantity"].astype(float)
    price = raw["unit_price"].str.replace(" €", "", regex=False).str.replace(",", ".", regex=False).astype(float)
    sold = qty > 0
    return pd.DataFrame(
        {
            "order": raw["ticket_number"],
            "product": raw["article"],
            "hour": raw["time"].str[:2].astype(int),
            "qty": qty.astype(int),
            "value": (qty * price).round(2),
            "refund": 0.0,
            "day": pd.to_datetime(raw["date"], format="%Y-%m-%d"),
        }
    )[sold]


BAKERY_ASKS = [
    Ask("What's our busiest hour?", busiest),
    Ask("How much do we make before noon?", lambda f: money_sum(hours(f, 0, 12))),
    Ask("Which hour sells the most croissants?", lambda f: busiest(f[f["product"] == "CROISSANT"], "qty")),
    Ask("What is our slowest time of day?", lambda f: busiest(f, quietest=True)),
    Ask("Which hour of the day brings the most revenue?", lambda f: busiest(f, "value")),
]

NO_TIME = Says(r"carr(?:y|ies) no time of day")
NO_TIME_ASKS = [
    Ask("What is our busiest hour?", lambda f: NO_TIME),
    Ask("What time of day do we sell the most?", lambda f: NO_TIME),
]

DATASETS: dict[str, pq.Dataset] = {
    "coffee_times": pq.Dataset("coffee_times", lambda: pubq17_shapes.coffee_sales(600, seed=181), _coffee, COFFEE_ASKS),
    "pizza_times": pq.Dataset("pizza_times", lambda: maven_shapes.pizza_sales(900, seed=182), _pizza, PIZZA_ASKS),
    "bakery_times": pq.Dataset(
        "bakery_times", lambda: bakery_shapes.bakery(300, seed=183), _bakery, BAKERY_ASKS, no_currency=False
    ),
    "fast_food_untimed": pq.Dataset(
        "fast_food_untimed", lambda: pubq17_shapes.fast_food_sales(200, seed=184), _fast_food, NO_TIME_ASKS
    ),
    "cars_untimed": pq.Dataset(
        "cars_untimed", lambda: pubq17_shapes.car_sales(150, seed=185), _car_sales, NO_TIME_ASKS[:1]
    ),
}
#: Answered wrong today. Measured before any change: 0 of 23 (every time-of-day question refused, "before noon" and
#: "after 6pm" answered as the whole day's, the stores without times refused without saying their exports carry
#: none). After: see docs/metrics.md. "Croissants" (the bakery's CROISSANT, in capitals and asked in the plural) is
#: matched since the shop's-clock round (a product code asked in the plural: ``vocabulary.singulars``).
WRONG_TODAY: frozenset[str] = frozenset()
test_question_of_an_hour_dataset = question_test(DATASETS, WRONG_TODAY)
