"""Three more exports merchants drop, through the real CLI, against pandas truths (written and measured before any
change made for them): Token of Trust's monthly order extract (a refund a row of its own), Loyverse POS's receipts by
item (refund receipts negative) and Big Cartel's orders download (an order a row, its items packed in one cell), each
generated in its published shape (``public13_shapes``), ingested with ``ecomintel ingest`` and asked what a merchant
asks of it.
"""

from __future__ import annotations

import pandas as pd

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.public_questions_harness import (  # noqa: F401 (a test: run over this module's sets)
    question_test,
    read,
    test_every_file_is_stored_as_it_means,
)
from tests.e2e.ingest.test_public_questions_public10 import standard_asks
from tests.e2e.ingest.test_public_questions_public11 import _lines
from tests.fixtures.public import public13_shapes as shapes


# Token of Trust: a line item a row, Quantity at Sales Price; a Refund row a return of its line (positive amounts); the
# state is the one in "City, State Zip (Shipping)".
def _token_of_trust(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    qty, price = raw["Quantity"].astype(int), raw["Sales Price ($)**"].astype(float)
    return _lines(
        raw,
        {
            "order": "Invoice Number",
            "product": "LINEITEM NAME",
            "state": raw["City, State Zip (Shipping)"].str.extract(r",\s*([A-Z]{2})\s+\d{5}$")[0],
        },
        raw["Transaction Type"] == "Sale",
        (qty * price).round(2),
        qty,
        pd.to_datetime(raw["Invoice Date"], format="%m/%d/%Y"),
    )


# Loyverse: a receipt's item a row, Gross sales its revenue before Discounts; a Refund receipt's row (negative) a return
# of what was paid for it (its Net sales).
def _loyverse(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    sold = raw["Receipt type"] == "Sale"
    frame = _lines(
        raw,
        {"order": "Receipt number", "product": "Item"},
        sold,
        raw["Gross sales"].astype(float).abs(),
        raw["Quantity"].astype(int).abs(),
        pd.to_datetime(raw["Date"], format="%m/%d/%Y %H:%M").dt.normalize(),
    )
    net = raw["Net sales"].astype(float).abs()
    return frame.assign(discount=raw["Discounts"].astype(float).where(sold, 0.0), refund=net.where(~sold, 0.0))


# Big Cartel: an order a row, each packed item a line (quantity at price); cancelled orders no sale.
def _big_cartel(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Status"] != "cancelled"]
    rows = []
    for _, order in raw.iterrows():
        for item in order["Items"].split(";"):
            cells = dict(part.split(":", 1) for part in item.split("|"))
            qty, price = int(cells["quantity"]), float(cells["price"])
            rows.append(
                {
                    "order": order["Number"],
                    "product": cells["product_name"],
                    "state": order["Shipping state"],
                    "qty": qty,
                    "value": round(qty * price, 2),
                    "refund": 0.0,
                    "day": pd.Timestamp(order["Created at"][:10]),
                }
            )
    return pd.DataFrame(rows)


TOKEN_OF_TRUST_ASKS = standard_asks(
    "revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "top_state", "aov"
)
LOYVERSE_ASKS = standard_asks(
    "revenue_march", "units_april", "top_product", "orders_may", "discount_2024", "refund_2024", "aov"
)
BIG_CARTEL_ASKS = standard_asks("revenue_march", "units_april", "top_product", "orders_may", "top_state", "aov")

DATASETS: dict[str, pq.Dataset] = {
    "token_of_trust": pq.Dataset(
        "token_of_trust", lambda: shapes.token_of_trust_orders(300, seed=311), _token_of_trust, TOKEN_OF_TRUST_ASKS
    ),
    "loyverse": pq.Dataset("loyverse", lambda: shapes.loyverse_receipts(400, seed=312), _loyverse, LOYVERSE_ASKS),
    # refused until its profile read its packed items (``key:value|key:value``, items joined by ``;``)
    "big_cartel": pq.Dataset(
        "big_cartel", lambda: shapes.big_cartel_orders(300, seed=313), _big_cartel, BIG_CARTEL_ASKS
    ),
}
#: Answered wrong today (each is fixed at its cause, then taken off this list).
WRONG_TODAY: frozenset[str] = frozenset()
test_question_of_a_public13_export = question_test(DATASETS, WRONG_TODAY)
