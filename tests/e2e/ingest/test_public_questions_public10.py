"""Merchant exports of round public10, through the real CLI, against pandas truths.

TikTok Shop's order export, Mercado Libre's Ventas report (Spanish, a preamble above its header), Walmart Marketplace's
PO export, Toast's item selection details, Zettle's sold items in Swedish (``;`` and decimal commas), Faire's wholesale
orders, Judge.me's review export and Clover's orders export, each generated in its published shape
(``public10_shapes``), ingested file by file with ``ecomintel ingest`` and asked what a merchant asks of it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.conftest import Ingested
from tests.e2e.ingest.test_public_questions_more import check
from tests.e2e.sentiment.test_public_review_questions import ReviewAsk, check_review_answer
from tests.fixtures.public import public10_shapes as shapes


def read(files: dict[str, str], sep: str = ",", skip: int = 0) -> pd.DataFrame:
    """The dataset's one file as text cells."""
    return pd.read_csv(
        io.StringIO(next(iter(files.values()))), dtype=str, keep_default_na=False, sep=sep, skiprows=skip
    )


def aov(frame: pd.DataFrame) -> float:
    """Revenue per order of the orders with a sale."""
    sold = frame[frame["value"] > 0]
    return round(sold["value"].sum() / sold["order"].nunique(), 2)


def orders_in(frame: pd.DataFrame, month: str) -> int:
    """Orders with a sale in ``month``."""
    return int(pq._month(frame[frame["value"] > 0], month)["order"].nunique())


def _sum(frame: pd.DataFrame, month: str, column: str = "value") -> float:
    return round(float(pq._month(frame, month)[column].sum()), 2)


# TikTok Shop: a SKU line a row; Cancelled no sale; a Return/Refund a return of what was paid for it (after the seller's
# discount); revenue the line before discounts, the seller's discount its discount.
def _tiktok(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Order Status"] != "Cancelled"]
    sold = raw["Cancelation/Return Type"] != "Return/Refund"
    gross, off = raw["SKU Subtotal Before Discount"].astype(float), raw["SKU Seller Discount"].astype(float)
    return pd.DataFrame(
        {
            "order": raw["Order ID"].str.strip(),
            "product": raw["Product Name"],
            "state": raw["Province"],
            "qty": raw["Quantity"].astype(int).where(sold, 0),
            "value": gross.where(sold, 0.0),
            "discount": off.where(sold, 0.0),
            "refund": (gross - off).where(~sold, 0.0),
            "day": pd.to_datetime(raw["Created Time"], format="%d/%m/%Y %H:%M:%S").dt.normalize(),
        }
    )


#: The questions most exports of this round are asked, by name: each set picks those its columns can answer.
STANDARD_ASKS = {
    "revenue_march": pq.Ask("What was revenue in March 2024?", lambda f: _sum(f, "2024-03")),
    "units_april": pq.Ask(
        "How many units did we sell in April 2024?", lambda f: int(pq._month(f, "2024-04")["qty"].sum())
    ),
    "top_product": pq.Ask("Which product made the most revenue?", lambda f: pq._top(f, "product")),
    "orders_may": pq.Ask("How many orders did we have in May 2024?", lambda f: orders_in(f, "2024-05")),
    "orders_april": pq.Ask("How many orders did we have in April 2024?", lambda f: orders_in(f, "2024-04")),
    "discount_2024": pq.Ask(
        "How much discount did we give in 2024?", lambda f: round(pq._year(f, 2024)["discount"].sum(), 2)
    ),
    "refund_2024": pq.Ask("How much did we refund in 2024?", lambda f: round(pq._year(f, 2024)["refund"].sum(), 2)),
    "top_state": pq.Ask("Which state had the most revenue?", lambda f: pq._top(f, "state")),
    "aov": pq.Ask("What is our average order value?", aov),
    "last_month": pq.Ask("What did we make last month?", lambda f: round(pq._last_whole_month(f)["value"].sum(), 2)),
}


def standard_asks(*names: str) -> list[pq.Ask]:
    """The named standard questions, in the order given."""
    return [STANDARD_ASKS[n] for n in names]


TIKTOK_ASKS = standard_asks(
    "revenue_march", "units_april", "top_product", "orders_may", "discount_2024", "refund_2024", "top_state", "aov"
)

#: Spanish month name -> number (the names the Mercado Libre export writes).
_MESES = {m: i + 1 for i, m in enumerate(shapes.MESES)}


def _fecha(cells: pd.Series) -> pd.Series:
    """``4 de julio de 2024 20:02 hs.`` as the day."""
    parts = cells.str.extract(r"^(\d+) de (\w+) de (\d{4})")
    return pd.to_datetime(
        pd.DataFrame({"year": parts[2].astype(int), "month": parts[1].map(_MESES), "day": parts[0].astype(int)})
    )


# Mercado Libre: a sale a row; Entregado a sale of Unidades worth Ingresos por productos, Cancelada no sale, a
# Devolución a return of its Ingresos; the second Estado is the buyer's province.
def _meli(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files, skip=4)
    raw = raw[raw["Estado"] != "Cancelada"]
    sold = raw["Estado"] == "Entregado"
    income = raw["Ingresos por productos (ARS)"].astype(float)
    return pd.DataFrame(
        {
            "order": raw["# de venta"],
            "product": raw["Título de la publicación"],
            "state": raw["Estado.1"],
            "qty": raw["Unidades"].astype(int).where(sold, 0),
            "value": income.where(sold, 0.0),
            "refund": income.where(~sold, 0.0),
            "day": _fecha(raw["Fecha de venta"]),
        }
    )


MELI_ASKS = standard_asks(
    "revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "top_state", "last_month"
)


# Walmart: a PO line a row, Item Cost its revenue for Qty units; a Cancelled line no sale; the order is Order#.
def _walmart(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Status"] != "Cancelled"]
    return pd.DataFrame(
        {
            "order": raw["Order#"],
            "product": raw["Item Description"],
            "state": raw["State"],
            "qty": raw["Qty"].astype(int),
            "value": raw["Item Cost"].astype(float),
            "day": pd.to_datetime(raw["Order Date"], format="%m/%d/%Y"),
        }
    )


WALMART_ASKS = standard_asks("revenue_march", "units_april", "top_product", "orders_may", "top_state", "aov")


# Toast: a menu item on a check a row; voided no sale; Gross Price the revenue, Discount its discount, Net Price after
# it; Sales Category the category; the Location the channel.
def _toast(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Void?"] != "true"]
    return pd.DataFrame(
        {
            "order": raw["Order Id"],
            "product": raw["Menu Item"],
            "category": raw["Sales Category"],
            "location": raw["Location"],
            "qty": raw["Qty"].astype(int),
            "value": raw["Gross Price"].astype(float),
            "discount": raw["Discount"].astype(float),
            "net": raw["Net Price"].astype(float),
            "day": pd.to_datetime(raw["Order Date"], format="%m/%d/%y %I:%M %p").dt.normalize(),
        }
    )


TOAST_ASKS = [
    *standard_asks("revenue_march"),
    pq.Ask("What were net sales in April 2024?", lambda f: _sum(f, "2024-04", "net")),
    pq.Ask("How many units did we sell in May 2024?", lambda f: int(pq._month(f, "2024-05")["qty"].sum())),
    pq.Ask("Which product made the most revenue?", lambda f: pq._top(f, "product")),
    pq.Ask("Which category had the most revenue?", lambda f: pq._top(f, "category")),
    pq.Ask("Which location had the most revenue?", lambda f: pq._top(f, "location")),
    pq.Ask("How many orders did we have in February 2024?", lambda f: orders_in(f, "2024-02")),
    pq.Ask("How much discount did we give in 2024?", lambda f: round(pq._year(f, 2024)["discount"].sum(), 2)),
]


def _kronor(cells: pd.Series) -> pd.Series:
    return cells.str.replace(",", ".", regex=False).astype(float)


# Zettle (Swedish): a product on a receipt a row; Antal at Pris its revenue, Rabatt its discount, Totalt after it.
def _zettle(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files, sep=";")
    qty = raw["Antal"].astype(int)
    return pd.DataFrame(
        {
            "order": raw["Kvittonummer"],
            "product": raw["Produkt"],
            "qty": qty,
            "value": (qty * _kronor(raw["Pris"])).round(2),
            "discount": _kronor(raw["Rabatt"]),
            "day": pd.to_datetime(raw["Datum"], format="%Y-%m-%d"),
        }
    )


ZETTLE_ASKS = standard_asks("revenue_march", "units_april", "top_product", "orders_may", "discount_2024", "last_month")


# Faire: a product of a retailer's order a row, Quantity at its Wholesale Price; a CANCELED order no sale.
def _faire(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Order Status"] != "CANCELED"]
    qty = raw["Quantity"].astype(int)
    return pd.DataFrame(
        {
            "order": raw["Order Number"],
            "product": raw["Product Name"],
            "state": raw["Retailer State"],
            "qty": qty,
            "value": (qty * raw["Wholesale Price"].astype(float)).round(2),
            "day": pd.to_datetime(raw["Order Date"], format="%Y-%m-%d"),
        }
    )


FAIRE_ASKS = standard_asks("revenue_march", "units_april", "top_product", "orders_may", "top_state", "aov")


# Clover: an order a row, no items; a Paid order's sales are its Order Total less tax and tip, before its Discount
# (gross sales, as every other export's revenue is); Open not paid yet; Refunded a return of what was paid for its
# goods: its Order Total less tax and tip (refunds count goods, not tax, tips or shipping, as Squarespace's and Wix's
# do; its Refunds Total, which holds the tax and tip too, is 1,331.05 where the goods were 1,205.55).
def _clover(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Order Payment State"] != "Open"]
    money = {c: raw[c].astype(float) for c in ("Order Total", "Tax Amount", "Tip", "Discount", "Refunds Total")}
    sold = raw["Order Payment State"] == "Paid"
    gross = (money["Order Total"] - money["Tax Amount"] - money["Tip"] + money["Discount"]).round(2)
    return pd.DataFrame(
        {
            "order": raw["Order ID"],
            "value": gross.where(sold, 0.0),
            "refund": (money["Order Total"] - money["Tax Amount"] - money["Tip"]).round(2).where(~sold, 0.0),
            "day": pd.to_datetime(raw["Order Date"].str[:11], format="%d-%b-%Y"),
        }
    )


CLOVER_ASKS = [
    *standard_asks("revenue_march", "orders_april", "aov", "refund_2024", "last_month"),
    pq.Ask("Which day of the week has the most revenue?", pq._weekday),
]


# Judge.me: a review a row, its rating 1-5.
def _judgeme(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return pd.DataFrame(
        {
            "rating": raw["rating"].astype(float),
            "product": raw["product_handle"],
            "day": pd.to_datetime(raw["review_date"].str[:10], format="%Y-%m-%d"),
        }
    )


JUDGEME_ASKS = [
    ReviewAsk("What is our average rating?", "", lambda f: round(float(f["rating"].mean()), 2)),
    ReviewAsk(
        "How many 1 star reviews did we get?", "rated 1 star", lambda f: int((f["rating"] == 1).sum()), after=" were"
    ),
    ReviewAsk(
        "How many 5 star reviews did we get?", "rated 5 stars", lambda f: int((f["rating"] == 5).sum()), after=" were"
    ),
    ReviewAsk(
        "What was the average rating in March 2024?",
        "",
        lambda f: round(float(f[f["day"].dt.to_period("M") == pd.Period("2024-03")]["rating"].mean()), 2),
    ),
    ReviewAsk("What do customers complain about?", "deliver"),
]

DATASETS: dict[str, pq.Dataset] = {
    "tiktok": pq.Dataset("tiktok", lambda: shapes.tiktok_orders(300, seed=101), _tiktok, TIKTOK_ASKS),
    "mercadolibre": pq.Dataset(
        "mercadolibre", lambda: shapes.mercadolibre_ventas(300, seed=102), _meli, MELI_ASKS, no_currency=False
    ),
    "walmart_marketplace": pq.Dataset(
        "walmart_marketplace", lambda: shapes.walmart_orders(300, seed=103), _walmart, WALMART_ASKS
    ),
    "toast": pq.Dataset("toast", lambda: shapes.toast_items(400, seed=104), _toast, TOAST_ASKS),
    "zettle": pq.Dataset("zettle", lambda: shapes.zettle_items(400, seed=105), _zettle, ZETTLE_ASKS),
    "faire": pq.Dataset("faire", lambda: shapes.faire_orders(200, seed=106), _faire, FAIRE_ASKS),
    "clover": pq.Dataset(
        "clover", lambda: shapes.clover_orders(400, seed=108), _clover, CLOVER_ASKS, no_currency=False
    ),
    "judgeme": pq.Dataset("judgeme", lambda: shapes.judgeme_reviews(300, seed=107), _judgeme, []),
}
#: Review questions, by dataset.
REVIEW_ASKS = {"judgeme": JUDGEME_ASKS}
#: Measured before any fix: 1 of 8 files stored as it means (Judge.me's), 9 of 52 questions right (5 of them
#: Judge.me's); after: 8 of 8 and 52 of 52 (``docs/ingest.md``, public10).
#: Answered wrong today (each is fixed at its cause, then taken off this list).
WRONG_TODAY: frozenset[str] = frozenset()
CASES = pq.dataset_cases(DATASETS, WRONG_TODAY)
#: The kind each file is stored as.
KINDS = {"judgeme": "reviews"}


@pytest.mark.parametrize(("dataset", "ask"), CASES)
def test_question_of_a_public10_export(
    dataset: str,
    ask: pq.Ask,
    homes: dict[str, tuple[Path, pd.DataFrame]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pq.ask_and_check(DATASETS, homes, dataset, ask, check, monkeypatch, capsys)


@pytest.mark.parametrize("ask", JUDGEME_ASKS, ids=str)
def test_review_question_of_a_judgeme_export(
    ask: ReviewAsk,
    homes: dict[str, tuple[Path, pd.DataFrame]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home, frame = homes["judgeme"]
    check_review_answer(home, frame, ask, monkeypatch, capsys)


def test_every_file_is_stored_as_it_means(ingested: Ingested) -> None:
    """Each file lands as its kind, every row stored, skipped with a count or rejected with a reason."""
    for name, (_, _, docs) in ingested.items():
        for doc in docs.values():
            assert doc["kind"] == KINDS.get(name, "sales"), (name, doc)
            assert doc["accepted"] > 0, (name, doc)
