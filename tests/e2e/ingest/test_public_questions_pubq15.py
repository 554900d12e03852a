"""Three more public sales datasets, through the real CLI, against pandas truths (question round pubq15, written and
measured before any change made for them): Electronic Sales Sep2023-Sep2024 (a purchase a row, no order number, a
payment method, cancelled orders), the Retail Transaction Dataset (a transaction a row, no transaction id, a discount
in percent beside the total after it, a store's street address) and Vehicle Sales Data (a car a row, its VIN unique,
a make and a model, the seller that sold it), each generated in its published shape (``pubq15_shapes``), ingested with
``ecomintel ingest`` and asked what a merchant asks of it.
"""

from __future__ import annotations

import pandas as pd

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.public_questions_harness import (  # noqa: F401 (a test: run over this module's sets)
    BEST_MONTH,
    LAST_MONTH,
    MOM,
    Ask,
    aov,
    money_sum,
    orders_in,
    question_test,
    read,
    revenue_in,
    test_every_file_is_stored_as_it_means,
    top,
)
from tests.fixtures.public import pubq15_shapes as shapes


# Electronic sales: a purchase a row (its own order), Cancelled no sale; Total Price = Unit Price x Quantity.
def _electronic(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Order Status"] != "Cancelled"].reset_index(drop=True)
    return pd.DataFrame(
        {
            "order": raw.index,
            "customer": raw["Customer ID"],
            "product": raw["SKU"],
            "category": raw["Product Type"],
            "payment": raw["Payment Method"],
            "qty": raw["Quantity"].astype(int),
            "value": raw["Total Price"].astype(float),
            "refund": 0.0,
            "day": pd.to_datetime(raw["Purchase Date"], format="%Y-%m-%d"),
        }
    )


ELECTRONIC_ASKS = [
    revenue_in("2024-03"),
    Ask("What was revenue in 2023?", lambda f: money_sum(pq._year(f, 2023))),
    Ask("How many units did we sell in 2024?", lambda f: int(pq._year(f, 2024)["qty"].sum())),
    top("category", "product type"),
    Ask("Which product sold the most units?", lambda f: pq._top(f, "product", "qty")),
    top("payment", "payment method"),
    Ask("How many orders did we have in January 2024?", lambda f: orders_in(f, "2024-01")),
    Ask("How many customers bought in 2024?", lambda f: int(pq._year(f, 2024)["customer"].nunique())),
    Ask(
        "How many smartphones did we sell in 2024?",
        lambda f: int(pq._year(f[f["category"] == "Smartphone"], 2024)["qty"].sum()),
    ),
    Ask("What is our average order value?", aov),
    LAST_MONTH,
    MOM,
    BEST_MONTH,
]


# Retail transactions: a transaction a row (its own order); TotalAmount what was paid, after DiscountApplied(%) of
# Quantity x Price; the store its street address.
def _retail(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    gross = raw["Quantity"].astype(int) * raw["Price"].astype(float)
    paid = raw["TotalAmount"].astype(float)
    return pd.DataFrame(
        {
            "order": raw.index,
            "customer": raw["CustomerID"],
            "product": raw["ProductID"],
            "category": raw["ProductCategory"],
            "payment": raw["PaymentMethod"],
            "qty": raw["Quantity"].astype(int),
            "value": paid,
            "discount": (gross - paid).round(2),  # each line's in cents, as a line keeps its money
            "refund": 0.0,
            "day": pd.to_datetime(raw["TransactionDate"], format="%m/%d/%Y %H:%M").dt.normalize(),
        }
    )


RETAIL_ASKS = [
    revenue_in("2023-08"),
    Ask("How many units did we sell in February 2024?", lambda f: int(pq._month(f, "2024-02")["qty"].sum())),
    top("category", "category"),
    Ask("Which product sold the most units?", lambda f: pq._top(f, "product", "qty")),
    Ask("How much discount did we give in 2023?", lambda f: money_sum(pq._year(f, 2023), "discount")),
    top("payment", "payment method"),
    Ask(
        "How much revenue did Books bring in 2023?",
        lambda f: money_sum(pq._year(f[f["category"] == "Books"], 2023)),
    ),
    Ask("How many orders did we have in March 2024?", lambda f: orders_in(f, "2024-03")),
    Ask("What is our average order value?", aov),
    LAST_MONTH,
    MOM,
    BEST_MONTH,
]


# Vehicle sales: a car a row (its VIN its own sale), one unit at its sellingprice; the make its brand, the model its
# product, the seller the dealer that sold it.
def _vehicles(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return pd.DataFrame(
        {
            "order": raw["vin"],
            "brand": raw["make"],
            "product": raw["model"],
            "seller": raw["seller"],
            "qty": 1,
            "value": raw["sellingprice"].astype(float),
            "refund": 0.0,
            "day": pd.to_datetime(raw["saledate"].str[4:15], format="%b %d %Y"),
        }
    )


VEHICLE_ASKS = [
    Ask("What was revenue in 2014?", lambda f: money_sum(pq._year(f, 2014))),
    revenue_in("2015-02"),
    Ask("How many cars did we sell in 2014?", lambda f: int(pq._year(f, 2014)["qty"].sum())),
    top("brand", "make"),
    Ask("Which model made the most revenue?", lambda f: pq._top(f, "product")),
    Ask("Which seller sold the most cars?", lambda f: pq._top(f, "seller", "qty")),
    Ask("How much revenue did Kia bring in 2014?", lambda f: money_sum(pq._year(f[f["brand"] == "Kia"], 2014))),
    Ask("How many orders did we have in March 2015?", lambda f: orders_in(f, "2015-03")),
    Ask("What is our average order value?", aov),
    LAST_MONTH,
    MOM,
    BEST_MONTH,
]

DATASETS: dict[str, pq.Dataset] = {
    "electronic_sales": pq.Dataset(
        "electronic_sales", lambda: shapes.electronic_sales(400, seed=151), _electronic, ELECTRONIC_ASKS
    ),
    "retail_transaction_dataset": pq.Dataset(
        "retail_transaction_dataset", lambda: shapes.retail_transactions(400, seed=152), _retail, RETAIL_ASKS
    ),
    "vehicle_sales": pq.Dataset("vehicle_sales", lambda: shapes.vehicle_sales(400, seed=153), _vehicles, VEHICLE_ASKS),
}
#: Answered wrong today: "cars" is read as a product's name, not the kind of goods the file sells. (Payment method and
#: seller, refused here at first, are kept on sales lines since pubq16.) Measured before any change: 22 of 37
#: (electronic 12/13, retail 10/12, vehicles 0/12: read as reviews).
WRONG_TODAY: frozenset[str] = frozenset(
    {
        "vehicle_sales: How many cars did we sell in 2014?",
    }
)
test_question_of_a_pubq15_dataset = question_test(DATASETS, WRONG_TODAY)
