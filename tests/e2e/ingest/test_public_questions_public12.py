"""Merchant exports of round public12, through the real CLI, against pandas truths.

App Store Connect's Sales Summary reports (tab-separated, refunds as negative units, updates beside sales), Whatnot's
financial report (earnings, refunds and payouts a row each), Shopware 5's orders export (states as ids), Gumroad's
sales export, Depop's sales download (``£``), Bandcamp's sales report (refunds and payouts), Google Play's estimated
sales report (a charge a row, refunds their own) and Poshmark's sales report, each generated in its published shape
(``public12_shapes``), ingested file by file with ``ecomintel ingest`` and asked what a merchant asks of it.
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
from tests.e2e.ingest.test_public_questions_public11 import _dollars, _lines
from tests.fixtures.public import public12_shapes as shapes


def _pounds(cells: pd.Series) -> pd.Series:
    """``£12.50`` (or empty) as a number."""
    return pd.to_numeric(cells.str.replace(r"[£,]", "", regex=True), errors="coerce").fillna(0.0)


# App Store: a product's units of a day at its Customer Price; negative Units a refund of them; an update (7) no sale.
def _app_store(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files, sep="\t")
    raw = raw[raw["Product Type Identifier"] != "7"]
    units, price = raw["Units"].astype(int), raw["Customer Price"].astype(float)
    return _lines(
        raw,
        {"product": "Title"},
        units > 0,
        (units.abs() * price).round(2),
        units,
        pd.to_datetime(raw["Begin Date"], format="%m/%d/%Y"),
    )


# Whatnot: ORDER_EARNINGS rows are sales (original_item_price before its coupon_cost), an ORDER_REFUND row a refund of
# what was paid (post_coupon_price); payouts are no sale.
def _whatnot(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["transaction_type"].isin(("ORDER_EARNINGS", "ORDER_REFUND"))]
    sold = raw["transaction_type"] == "ORDER_EARNINGS"
    frame = _lines(
        raw,
        {"order": "order_id", "product": "listing_title", "state": "buyer_state"},
        sold,
        raw["original_item_price"].astype(float).abs(),
        raw["quantity_sold"].astype(int),
        pd.to_datetime(raw["transaction_completed_at_utc"]).dt.normalize(),
    )
    return frame.assign(
        refund=raw["post_coupon_price"].astype(float).abs().where(~sold, 0.0),
        discount=raw["coupon_cost"].astype(float).where(sold, 0.0),
    )


# Shopware 5: order states -1 and 4 cancelled, a payment still open (17) no sale yet, re-crediting (20) a return of the
# position's price x quantity.
def _shopware(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files, sep=";")
    raw = raw[~raw["status"].isin(("-1", "4")) & (raw["cleared"] != "17")]
    qty = raw["quantity"].astype(int)
    return _lines(
        raw,
        {"order": "number", "product": "articleName", "country": "billingCountry"},
        raw["cleared"] != "20",
        (qty * raw["price"].astype(float)).round(2),
        qty,
        pd.to_datetime(raw["orderTime"]).dt.normalize(),
    )


# Gumroad: Item Price x Quantity the revenue, the discount code's cut (less Subtotal) the discount; a fully refunded
# sale a return of its Subtotal, a partial refund a sale with its refund.
def _gumroad(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    qty = raw["Quantity"].astype(int)
    gross = (qty * raw["Item Price ($)"].astype(float)).round(2)
    subtotal = raw["Subtotal ($)"].astype(float)
    sold = raw["Fully Refunded?"] != "1"
    frame = _lines(
        raw,
        {"order": "Order Number", "product": "Item Name", "country": "Country"},
        sold,
        gross,
        qty,
        pd.to_datetime(raw["Purchase Date"], format="%Y-%m-%d"),
    )
    partial = raw["Partial Refund ($)"].astype(float)
    return frame.assign(
        discount=(gross - subtotal).round(2).where(sold, 0.0),
        refund=subtotal.where(~sold, partial),
    )


# Depop: a sold listing a row, one unit at its Item price; a refund (the column says how much, postage included) is a
# sale and its refund, as a Shopify order's Refunded Amount is: the items' part of it (the postage is no product's).
def _depop(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    price, refunded = _pounds(raw["Item price"]), _pounds(raw["Refunded to buyer amount"])
    frame = _lines(
        raw,
        {"product": "Description", "city": "City"},
        pd.Series(True, index=raw.index),
        price,
        pd.Series(1, index=raw.index),
        pd.to_datetime(raw["Date of sale"], format="%d/%m/%Y"),
    )
    return frame.assign(refund=refunded.clip(upper=price))


# Bandcamp: an item sold a row, its sub total and the fan's extra contribution its revenue; a refund row a return of
# them; payouts no sale.
def _bandcamp(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["item type"] != "payout"]
    value = (raw["sub total"].astype(float) + raw["additional fan contribution"].astype(float)).abs().round(2)
    return _lines(
        raw,
        {"product": "item name", "country": "country"},
        raw["item type"] != "refund",
        value,
        raw["quantity"].astype(int),
        pd.to_datetime(raw["date"].str.split().str[0], format="%m/%d/%y"),
    )


# Google Play: a charge a row, one unit at its Item Price (before tax); a Refund row a return of it.
def _google_play(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return _lines(
        raw,
        {"order": "Order Number", "product": "Product Title", "state": "State of Buyer"},
        raw["Financial Status"] == "Charged",
        raw["Item Price"].astype(float).abs(),
        pd.Series(1, index=raw.index),
        pd.to_datetime(raw["Order Charged Date"], format="%Y-%m-%d"),
    )


# Poshmark: a sold listing a row at its Order Price; Cancelled no sale, Returned a return of it.
def _poshmark(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Order Status"] != "Cancelled"]
    return _lines(
        raw,
        {"order": "Order Id", "product": "Listing Title", "state": "Buyer State"},
        raw["Order Status"] != "Returned",
        _dollars(raw["Order Price"]),
        pd.Series(1, index=raw.index),
        pd.to_datetime(raw["Order Date"], format="%m/%d/%Y"),
    )


_BY_COUNTRY = pq.Ask("Which country had the most revenue?", lambda f: pq._top(f, "country"))
_BY_CITY = pq.Ask("Which city had the most revenue?", lambda f: pq._top(f, "city"))
APP_STORE_ASKS = standard_asks("revenue_march", "units_april", "top_product", "refund_2024")
WHATNOT_ASKS = standard_asks(
    "revenue_march", "units_april", "top_product", "orders_may", "discount_2024", "refund_2024", "top_state", "aov"
)
SHOPWARE_ASKS = [
    *standard_asks("revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "aov"),
    _BY_COUNTRY,
]
GUMROAD_ASKS = [
    *standard_asks("revenue_march", "units_april", "top_product", "orders_may", "discount_2024", "refund_2024", "aov"),
    _BY_COUNTRY,
]
DEPOP_ASKS = [*standard_asks("revenue_march", "units_april", "top_product", "refund_2024"), _BY_CITY]
BANDCAMP_ASKS = [*standard_asks("revenue_march", "units_april", "top_product", "refund_2024"), _BY_COUNTRY]
GOOGLE_PLAY_ASKS = standard_asks(
    "revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "top_state"
)
POSHMARK_ASKS = standard_asks(
    "revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "top_state", "aov"
)

DATASETS: dict[str, pq.Dataset] = {
    "app_store": pq.Dataset(
        "app_store", lambda: shapes.app_store_sales(180, seed=211), _app_store, APP_STORE_ASKS, no_currency=False
    ),
    "whatnot": pq.Dataset(
        "whatnot", lambda: shapes.whatnot_financial(400, seed=212), _whatnot, WHATNOT_ASKS, no_currency=False
    ),
    "shopware": pq.Dataset(
        "shopware", lambda: shapes.shopware_orders(300, seed=213), _shopware, SHOPWARE_ASKS, no_currency=False
    ),
    "gumroad": pq.Dataset(
        "gumroad", lambda: shapes.gumroad_sales(500, seed=214), _gumroad, GUMROAD_ASKS, no_currency=False
    ),
    "depop": pq.Dataset("depop", lambda: shapes.depop_sales(500, seed=215), _depop, DEPOP_ASKS, no_currency=False),
    "bandcamp": pq.Dataset(
        "bandcamp", lambda: shapes.bandcamp_sales(500, seed=216), _bandcamp, BANDCAMP_ASKS, no_currency=False
    ),
    "google_play": pq.Dataset(
        "google_play",
        lambda: shapes.google_play_sales(500, seed=217),
        _google_play,
        GOOGLE_PLAY_ASKS,
        no_currency=False,
    ),
    "poshmark": pq.Dataset(
        "poshmark", lambda: shapes.poshmark_sales(500, seed=218), _poshmark, POSHMARK_ASKS, no_currency=False
    ),
}
#: Answered wrong today (each is fixed at its cause, then taken off this list).
WRONG_TODAY: frozenset[str] = frozenset()
test_question_of_a_public12_export = question_test(DATASETS, WRONG_TODAY)
