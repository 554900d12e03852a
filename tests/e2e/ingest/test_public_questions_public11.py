"""Merchant exports of round public11, through the real CLI, against pandas truths.

Shopee's order export (Malaysia, currencies in the column names), Lazada's (an order item a row, one unit each),
Allegro's orders in Polish (``;``, decimal commas), bol.com's in Dutch (``€ 12,99``), Ecwid's order items (a payment
status only), Lightspeed Retail's sales lines (``$``, returns negative), Kaufland's order units in German and
Flipkart's seller orders, each generated in its published shape (``public11_shapes``), ingested file by file with
``ecomintel ingest`` and asked what a merchant asks of it.
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
from tests.fixtures.public import public11_shapes as shapes


def _comma(cells: pd.Series) -> pd.Series:
    """``€ 1.234,50`` / ``129,99`` as a number."""
    text = cells.str.replace("€", "", regex=False).str.strip().str.replace(".", "", regex=False)
    return text.str.replace(",", ".", regex=False).astype(float)


def _dollars(cells: pd.Series) -> pd.Series:
    """``$1,234.50`` / ``-$5.00`` as a number."""
    return cells.str.replace(r"[$,]", "", regex=True).astype(float)


def _lines(
    raw: pd.DataFrame,
    columns: dict[str, str | pd.Series],
    sold: pd.Series,
    value: pd.Series,
    qty: pd.Series,
    day: pd.Series,
) -> pd.DataFrame:
    """The truth frame of an export's kept rows: sold lines' units and value, the others' value as a refund."""
    frame = pd.DataFrame({k: raw[v] if isinstance(v, str) else v for k, v in columns.items()})
    return frame.assign(qty=qty.where(sold, 0), value=value.where(sold, 0.0), refund=value.where(~sold, 0.0), day=day)


# Shopee: a SKU line a row; Cancelled no sale, Shipping and Completed sales; a Refund Approved line a return of its
# Product Subtotal (the Deal Price paid, after the seller's discount); revenue the Product Subtotal.
def _shopee(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Order Status"] != "Cancelled"]
    sold = raw["Return / Refund Status"] != "Refund Approved"
    return _lines(
        raw,
        {"order": "Order ID", "product": "Product Name", "state": "Province"},
        sold,
        raw["Product Subtotal (MYR)"].astype(float),
        raw["Quantity"].astype(int),
        pd.to_datetime(raw["Order Creation Date"], format="%Y-%m-%d %H:%M").dt.normalize(),
    )


# Lazada: an order item a row, one unit; canceled no sale; returned a return of its Unit Price.
def _lazada(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Status"] != "canceled"]
    return _lines(
        raw,
        {"order": "Order Number", "product": "Item Name", "region": "Shipping Region"},
        raw["Status"] != "returned",
        raw["Unit Price"].astype(float),
        pd.Series(1, index=raw.index),
        pd.to_datetime(raw["Created at"], format="%d %b %Y %H:%M").dt.normalize(),
    )


# Allegro: Anulowane (cancelled) no sale, Zwrócone (returned) a return of its Wartość; Ilość at Cena jednostkowa.
def _allegro(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files, sep=";")
    raw = raw[raw["Status"] != "Anulowane"]
    return _lines(
        raw,
        {"order": "Numer zamówienia", "product": "Nazwa oferty", "state": "Województwo"},
        raw["Status"] != "Zwrócone",
        _comma(raw["Wartość"]),
        raw["Ilość"].astype(int),
        pd.to_datetime(raw["Data zakupu"], format="%d.%m.%Y %H:%M").dt.normalize(),
    )


# bol.com: Geannuleerd (cancelled) no sale, Geretourneerd (returned) a return of its Totaalprijs.
def _bol(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files, sep=";")
    raw = raw[raw["Status"] != "Geannuleerd"]
    return _lines(
        raw,
        {"order": "Bestelnummer", "product": "Producttitel", "city": "Plaats"},
        raw["Status"] != "Geretourneerd",
        _comma(raw["Totaalprijs"]),
        raw["Aantal"].astype(int),
        pd.to_datetime(raw["Besteldatum"], format="%d-%m-%Y"),
    )


# Ecwid: the payment status decides: PAID a sale, REFUNDED a return, CANCELLED and AWAITING_PAYMENT no sale (a
# payment not taken is not revenue yet, as Ecwid's own reports count paid orders).
def _ecwid(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Payment Status"].isin(("PAID", "REFUNDED"))]
    qty = raw["Product Quantity"].astype(int)
    return _lines(
        raw,
        {"order": "Order Number", "product": "Product Name", "state": "Shipping State"},
        raw["Payment Status"] == "PAID",
        (qty * raw["Product Price"].astype(float)).round(2),
        qty,
        pd.to_datetime(raw["Order Date"].str[:10], format="%Y-%m-%d"),
    )


# Lightspeed Retail: a sale line a row, Subtotal its revenue before Discount; a negative Qty a return of |Subtotal|.
def _lightspeed(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    qty, sub = raw["Qty"].astype(int), _dollars(raw["Subtotal"])
    frame = _lines(
        raw,
        {"order": "Sale ID", "product": "Item", "category": "Category", "location": "Shop"},
        qty > 0,
        sub.abs(),
        qty,
        pd.to_datetime(raw["Date"], format="%m/%d/%Y"),
    )
    return frame.assign(discount=_dollars(raw["Discount"]))


# Kaufland: an order unit a row, one unit at its Preis; storniert no sale, retourniert a return of its Preis.
def _kaufland(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files, sep=";")
    raw = raw[raw["Status"] != "storniert"]
    return _lines(
        raw,
        {"order": "Bestellnummer", "product": "Artikelbezeichnung", "category": "Kategorie"},
        raw["Status"] != "retourniert",
        _comma(raw["Preis"]),
        pd.Series(1, index=raw.index),
        pd.to_datetime(raw["Bestelldatum"], format="%d.%m.%Y %H:%M:%S").dt.normalize(),
    )


# Flipkart: an order item a row, Quantity at Selling Price Per Item; CANCELLED no sale, RETURNED a return of it.
def _flipkart(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Order State"] != "CANCELLED"]
    qty = raw["Quantity"].astype(int)
    return _lines(
        raw,
        {"order": "Order Id", "product": "Product", "state": "State"},
        raw["Order State"] != "RETURNED",
        qty * raw["Selling Price Per Item"].astype(float),
        qty,
        pd.to_datetime(raw["Ordered On"], format="%b %d, %Y"),
    )


_MARKETPLACE = ("revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "top_state", "aov")
LIGHTSPEED_ASKS = [
    *standard_asks("revenue_march", "units_april", "top_product", "orders_may", "discount_2024", "refund_2024"),
    pq.Ask("Which category had the most revenue?", lambda f: pq._top(f, "category")),
    pq.Ask("Which store had the most revenue?", lambda f: pq._top(f, "location")),
]
KAUFLAND_ASKS = [
    *standard_asks("revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "aov"),
    pq.Ask("Which category had the most revenue?", lambda f: pq._top(f, "category")),
]
_BY_CITY = pq.Ask("Which city had the most revenue?", lambda f: pq._top(f, "city"))
# Lazada's Shipping Region is the region (its Shipping City came first and took it: public12)
LAZADA_ASKS = [
    *standard_asks("revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "aov"),
    pq.Ask("Which region had the most revenue?", lambda f: pq._top(f, "region")),
]
BOL_ASKS = [
    *standard_asks("revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "aov"),
    _BY_CITY,
]

DATASETS: dict[str, pq.Dataset] = {
    "shopee": pq.Dataset(
        "shopee", lambda: shapes.shopee_orders(300, seed=141), _shopee, standard_asks(*_MARKETPLACE), no_currency=False
    ),
    "lazada": pq.Dataset("lazada", lambda: shapes.lazada_orders(300, seed=142), _lazada, LAZADA_ASKS),
    "allegro": pq.Dataset(
        "allegro",
        lambda: shapes.allegro_orders(300, seed=143),
        _allegro,
        standard_asks(*_MARKETPLACE),
        no_currency=False,
    ),
    "bol": pq.Dataset("bol", lambda: shapes.bol_orders(300, seed=144), _bol, BOL_ASKS, no_currency=False),
    "ecwid": pq.Dataset(
        "ecwid", lambda: shapes.ecwid_orders(300, seed=145), _ecwid, standard_asks(*_MARKETPLACE), no_currency=False
    ),
    "lightspeed_retail": pq.Dataset(
        "lightspeed_retail",
        lambda: shapes.lightspeed_sales_lines(300, seed=146),
        _lightspeed,
        LIGHTSPEED_ASKS,
        no_currency=False,
    ),
    "kaufland": pq.Dataset(
        "kaufland", lambda: shapes.kaufland_orders(300, seed=147), _kaufland, KAUFLAND_ASKS, no_currency=False
    ),
    "flipkart_orders": pq.Dataset(
        "flipkart_orders", lambda: shapes.flipkart_orders(300, seed=148), _flipkart, standard_asks(*_MARKETPLACE)
    ),
}
#: Answered wrong today (each is fixed at its cause, then taken off this list).
WRONG_TODAY: frozenset[str] = frozenset()
test_question_of_a_public11_export = question_test(DATASETS, WRONG_TODAY)
