"""Three more public sales datasets, through the real CLI, against pandas truths (question round pubq16, written and
measured before any change made for them): DataCo's supply-chain orders (53 columns, an order's lines together, how it
was paid in a bare ``Type``, cancelled and fraud-held orders, the line before and after its discount), the Online
Sales Dataset of a popular marketplace (a transaction a row, a region and a payment method) and the Ta Feng grocery
(``AMOUNT`` the units, ``SALES_PRICE`` the money, no transaction id), each generated in its published shape
(``pubq16_shapes``), ingested with ``ecomintel ingest`` and asked what a merchant asks of it.
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
    sales_frame,
    test_every_file_is_stored_as_it_means,
    top,
)
from tests.fixtures.public import pubq16_shapes as shapes

#: DataCo's order statuses that are no sale: cancelled, held as suspected fraud, placed and not paid yet.
DATACO_NO_SALE = ("CANCELED", "SUSPECTED_FRAUD", "PENDING_PAYMENT")


# DataCo: an order line a row; Sales the line before its discount, Order Item Discount its discount; Type how the
# order was paid; the order's own country (Order Country), not the customer's.
def _dataco(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[~raw["Order Status"].isin(DATACO_NO_SALE)].reset_index(drop=True)
    return sales_frame(
        raw,
        {
            "order": "Order Id",
            "customer": "Order Customer Id",
            "category": "Category Name",
            "payment": "Type",
            "country": "Order Country",
        },
        product=raw["Product Name"].str.strip(),
        qty=raw["Order Item Quantity"].astype(int),
        value=raw["Sales"].astype(float),
        discount=raw["Order Item Discount"].astype(float),
        day=pd.to_datetime(raw["order date (DateOrders)"], format="%m/%d/%Y %H:%M").dt.normalize(),
    )


DATACO_ASKS = [
    revenue_in("2017-03"),
    Ask("What was revenue in 2017?", lambda f: money_sum(pq._year(f, 2017))),
    Ask("How many units did we sell in June 2017?", lambda f: int(pq._month(f, "2017-06")["qty"].sum())),
    top("category", "category"),
    Ask("Which product sold the most units?", lambda f: pq._top(f, "product", "qty")),
    top("payment", "payment method"),
    top("country", "country"),
    Ask("How many orders did we have in May 2017?", lambda f: orders_in(f, "2017-05")),
    Ask("How much discount did we give in 2017?", lambda f: money_sum(pq._year(f, 2017), "discount")),
    Ask("How many customers bought in 2017?", lambda f: int(pq._year(f, 2017)["customer"].nunique())),
    Ask("What is our average order value?", aov),
    LAST_MONTH,
    MOM,
    BEST_MONTH,
]


# Online Sales: a transaction a row, its Transaction ID its order; Total Revenue = Units Sold x Unit Price.
def _online(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return sales_frame(
        raw,
        {
            "order": "Transaction ID",
            "product": "Product Name",
            "category": "Product Category",
            "region": "Region",
            "payment": "Payment Method",
        },
        qty=raw["Units Sold"].astype(int),
        value=raw["Total Revenue"].astype(float),
        day=pd.to_datetime(raw["Date"], format="%Y-%m-%d"),
    )


def _paypal_share(frame: pd.DataFrame) -> float:
    return round(100 * frame.loc[frame["payment"] == "PayPal", "value"].sum() / frame["value"].sum(), 1)


ONLINE_ASKS = [
    revenue_in("2024-03"),
    Ask("How many units did we sell in 2024?", lambda f: int(pq._year(f, 2024)["qty"].sum())),
    top("category", "product category"),
    Ask("Which product sold the most units?", lambda f: pq._top(f, "product", "qty")),
    top("region", "region"),
    top("payment", "payment method"),
    Ask(
        "How much revenue did Electronics bring in March 2024?",
        lambda f: money_sum(pq._month(f[f["category"] == "Electronics"], "2024-03")),
    ),
    Ask("What share of revenue was paid with PayPal?", _paypal_share, percent=True),
    Ask("How many orders did we have in April 2024?", lambda f: orders_in(f, "2024-04")),
    Ask("What is our average order value?", aov),
    LAST_MONTH,
    MOM,
    BEST_MONTH,
]


# Ta Feng: a product bought a row; AMOUNT its units, SALES_PRICE its money; a customer's day is one basket (order).
def _ta_feng(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    day = pd.to_datetime(raw["TRANSACTION_DT"], format="%m/%d/%Y")
    return sales_frame(
        raw,
        {"customer": "CUSTOMER_ID", "product": "PRODUCT_ID", "category": "PRODUCT_SUBCLASS"},
        order=raw["CUSTOMER_ID"] + "@" + day.dt.strftime("%Y-%m-%d"),
        qty=raw["AMOUNT"].astype(int),
        value=raw["SALES_PRICE"].astype(float),
        day=day,
    )


TA_FENG_ASKS = [
    revenue_in("2000-12"),
    Ask("What was revenue in 2001?", lambda f: money_sum(pq._year(f, 2001))),
    Ask("How many units did we sell in January 2001?", lambda f: int(pq._month(f, "2001-01")["qty"].sum())),
    Ask("Which product sold the most units?", lambda f: pq._top(f, "product", "qty")),
    Ask("Which product made the most revenue?", lambda f: pq._top(f, "product")),
    Ask("How many customers bought in December 2000?", lambda f: int(pq._month(f, "2000-12")["customer"].nunique())),
    Ask("How many orders did we have in January 2001?", lambda f: orders_in(f, "2001-01")),
    Ask("What is our average order value?", aov),
    LAST_MONTH,
    MOM,
    BEST_MONTH,
]

DATASETS: dict[str, pq.Dataset] = {
    "dataco": pq.Dataset("dataco", lambda: shapes.dataco(300, seed=161), _dataco, DATACO_ASKS),
    "online_sales": pq.Dataset("online_sales", lambda: shapes.online_sales(300, seed=162), _online, ONLINE_ASKS),
    "ta_feng": pq.Dataset("ta_feng", lambda: shapes.ta_feng(1200, seed=163), _ta_feng, TA_FENG_ASKS),
}
#: Answered wrong today.
WRONG_TODAY: frozenset[str] = frozenset()
test_question_of_a_pubq16_dataset = question_test(DATASETS, WRONG_TODAY)
