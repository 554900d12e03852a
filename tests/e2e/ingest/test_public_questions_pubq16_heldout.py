"""pubq16's held-out sets: written after its fixes and measured once before any change made for them.

Iowa Liquor Sales (an invoice line a row, ``$`` money, the store that bought, its county, the vendor) and Kaggle's
dirty Cafe Sales (a transaction a row, any cell sometimes ``ERROR``, ``UNKNOWN`` or empty), generated in their
published shapes (``pubq16_heldout_shapes``), ingested with ``ecomintel ingest`` and asked what a merchant asks.
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
from tests.fixtures.public import pubq16_heldout_shapes as shapes


def _dollars(column: pd.Series) -> pd.Series:
    return column.str.replace("$", "", regex=False).astype(float)


# Iowa: an invoice line a row (its number its own sale); Bottles Sold the units, Sale (Dollars) the money.
def _iowa(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return sales_frame(
        raw,
        {
            "order": "Invoice/Item Number",
            "product": "Item Description",
            "category": "Category Name",
            "vendor": "Vendor Name",
            "store": "Store Name",
            "county": "County",
        },
        qty=raw["Bottles Sold"].astype(int),
        value=_dollars(raw["Sale (Dollars)"]),
        day=pd.to_datetime(raw["Date"], format="%m/%d/%Y"),
    )


IOWA_ASKS = [
    revenue_in("2016-03"),
    Ask("How many units did we sell in May 2016?", lambda f: int(pq._month(f, "2016-05")["qty"].sum())),
    Ask("How many bottles did we sell in June 2016?", lambda f: int(pq._month(f, "2016-06")["qty"].sum())),
    top("category", "category"),
    top("vendor", "vendor"),
    top("store", "store"),
    top("county", "county"),
    Ask("Which product sold the most units?", lambda f: pq._top(f, "product", "qty")),
    Ask(
        "How much revenue did Fireball Cinnamon Whiskey bring in April 2016?",
        lambda f: money_sum(pq._month(f[f["product"] == "Fireball Cinnamon Whiskey"], "2016-04")),
    ),
    Ask("What is our average order value?", aov),
    LAST_MONTH,
    MOM,
    BEST_MONTH,
]


def _number(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column, errors="coerce")


# Cafe: a transaction a row; a dirty cell (ERROR, UNKNOWN, empty) says nothing: the quantity is Total Spent / Price Per
# Unit where it is dirty, the money Quantity x Price Per Unit where Total Spent is; a row with no date or no money
# cannot be counted. An item not named still took its money.
def _cafe(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    qty, price, total = _number(raw["Quantity"]), _number(raw["Price Per Unit"]), _number(raw["Total Spent"])
    qty = qty.fillna(total / price)
    value = total.fillna(qty * price)
    day = pd.to_datetime(raw["Transaction Date"], format="%Y-%m-%d", errors="coerce")
    frame = pd.DataFrame(
        {
            "order": raw["Transaction ID"],
            "product": raw["Item"],
            "payment": raw["Payment Method"],
            "location": raw["Location"],
            "qty": qty,
            "value": value,
            "refund": 0.0,
            "day": day,
        }
    )
    return frame[frame["day"].notna() & frame["value"].notna()].reset_index(drop=True)


CAFE_ASKS = [
    revenue_in("2023-05"),
    Ask("How many units did we sell in August 2023?", lambda f: int(pq._month(f, "2023-08")["qty"].sum())),
    Ask("Which item made the most revenue?", lambda f: pq._top(f, "product")),
    Ask("Which item sold the most units?", lambda f: pq._top(f, "product", "qty")),
    top("payment", "payment method"),
    Ask(
        "How many coffees did we sell in October 2023?",
        lambda f: int(pq._month(f[f["product"] == "Coffee"], "2023-10")["qty"].sum()),
    ),
    Ask(
        "How much revenue did Salad bring in 2023?",
        lambda f: money_sum(pq._year(f[f["product"] == "Salad"], 2023)),
    ),
    Ask("How many orders did we have in March 2023?", lambda f: orders_in(f, "2023-03")),
    Ask("What is our average order value?", aov),
    LAST_MONTH,
    MOM,
    BEST_MONTH,
]

DATASETS: dict[str, pq.Dataset] = {
    "iowa_liquor": pq.Dataset(
        "iowa_liquor", lambda: shapes.iowa_liquor(500, seed=165), _iowa, IOWA_ASKS, no_currency=False
    ),  # its money is written in dollars
    "cafe_sales": pq.Dataset("cafe_sales", lambda: shapes.cafe_sales(600, seed=166), _cafe, CAFE_ASKS),
}
#: Answered wrong today. Measured once, before any change for them: 0 of 25 (Iowa's header read as no kind; the dirty
#: cafe's ERROR and UNKNOWN cells rejected whole rows and its Total Spent was no column). After the general rules marked
#: in docs/ingest.md (pubq16): 14 of 25; "bottles" the kind of goods Bottles Sold names, every product, since pubq17
#: (15 of 25); "coffees" the product Coffee in the plural since the shop-clock round (16 of 25). Left: the cafe's rows
#: with no item are rejected (no product) though the till took their money, and a row with neither its price nor its
#: total is priced at its product's price where the truth counts no money.
WRONG_TODAY: frozenset[str] = frozenset(
    {
        *(
            f"cafe_sales: {q}"
            for q in (
                "What was revenue in May 2023?",
                "Which item made the most revenue?",
                "Which item sold the most units?",
                "Which payment method had the most revenue?",
                "How much revenue did Salad bring in 2023?",
                "How many orders did we have in March 2023?",
                "What is our average order value?",
                "What did we make last month?",
                "How did sales change month over month?",
            )
        ),
    }
)
test_question_of_a_pubq16_heldout_dataset = question_test(DATASETS, WRONG_TODAY)
