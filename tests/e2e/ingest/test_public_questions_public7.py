"""WooCommerce's order exports as merchants download them, through the real CLI, against pandas truths.

"Advanced Order Export For WooCommerce" (one row per item, the order's totals repeated on each) and WooCommerce's own
Analytics > Orders download (one row per order, products packed, money written ``$1,234.50``), generated in their
published shapes (``public7_shapes``), ingested with ``ecomintel ingest``, every row accounted for (stored, or
rejected with a reason, checked against pandas) and asked what a merchant asks of them. Before this round the
plugin's file was read as a catalogue (no sale stored) and the Analytics download was refused (kind unknown).

Also BikeStores with its store names uploaded after the sales and stock that name stores by id (``stores.csv`` last
alphabetically): the labelled rows are restated under the names, re-keyed, never counted twice.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from shared.questions.order_percentile import ordinal
from tests.e2e.ingest.cli_helpers import ask_cli, ingest_recorded, stored_row
from tests.e2e.ingest.test_public_questions import (
    Ask,
    Dataset,
    _last_whole_month,
    _mom_pct,
    _month,
    _top,
    _weekday,
    ask_and_check,
    dataset_cases,
)
from tests.e2e.ingest.test_public_questions_maven import _bikes
from tests.e2e.ingest.test_public_questions_more import check
from tests.fixtures.public import maven_shapes, public7_shapes

_NO_SALE = ("Cancelled", "Failed")


def _raw(files: dict[str, str]) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(next(iter(files.values()))), dtype=str, keep_default_na=False)


# Order export: a line is Quantity (- Refund) at Item Cost; Cancelled and Failed orders are no sale, Refunded orders
# returns (no revenue, the units back); the Cart Discount Amount is the order's, repeated on each line.
def _woo_export(files: dict[str, str]) -> pd.DataFrame:
    raw = _raw(files)
    raw = raw[~raw["Order Status"].isin(_NO_SALE)]
    sold = raw["Order Status"] != "Refunded"
    qty, price = raw["Quantity (- Refund)"].astype(int), raw["Item Cost"].astype(float)
    orders = raw.drop_duplicates("Order Number")
    frame = pd.DataFrame({"order": raw["Order Number"], "product": raw["SKU"], "sold": sold,
                          "qty": qty.where(sold, 0), "returned": qty.where(~sold, 0),
                          "value": (qty * price).round(2).where(sold, 0.0),
                          "state": raw["State Code (Shipping)"],
                          "day": pd.to_datetime(raw["Order Date"], format="%Y-%m-%d %H:%M")})
    sold_orders = orders[orders["Order Status"] != "Refunded"]
    frame.attrs["discount_q1"] = round(float(sold_orders[sold_orders["Order Date"] < "2024-04"]
                                             ["Cart Discount Amount"].astype(float).sum()), 2)
    # refunds: each order's Order Refund Amount once (a partial refund of a Completed order), at most what its items
    # were paid (a Refunded order's total also holds its shipping and tax, no product's refund)
    items = (qty * price).groupby(raw["Order Number"]).sum().reindex(orders["Order Number"]).to_numpy()
    paid = items - orders["Cart Discount Amount"].astype(float).to_numpy()
    capped = orders["Order Refund Amount"].astype(float).clip(upper=pd.Series(paid, index=orders.index).round(2))
    frame["refund"] = capped.reindex(raw.index).fillna(0.0)
    frame["discount"] = orders["Cart Discount Amount"].astype(float).where(sold).reindex(raw.index).fillna(0.0)
    return frame


def _net(frame: pd.DataFrame) -> float:
    """Revenue less the sold orders' cart discounts, less every refund (a partial refund netted, not dropped)."""
    return round(frame["value"].sum() - frame["discount"].sum() - frame["refund"].sum(), 2)


def _sold(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["sold"]]


def _aov(frame: pd.DataFrame) -> float:
    return round(frame["value"].sum() / _sold(frame)["order"].nunique(), 2)


def _order_value_at(frame: pd.DataFrame, percentile: int) -> tuple[str, float]:
    """The order value ``percentile``% of orders are at or below (one value per sold order), as pandas interpolates,
    after the words naming that percentile (the answer says which it computed)."""
    value = round(float(_sold(frame).groupby("order")["value"].sum().quantile(percentile / 100)), 2)
    return f"{ordinal(percentile)} percentile order value", value


WOO_EXPORT_ASKS = [
    Ask("What was revenue in March 2024?", lambda f: round(_month(f, "2024-03")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("How many orders did we have in May 2024?", lambda f: _sold(_month(f, "2024-05"))["order"].nunique()),
    Ask("How many units did we sell in April 2024?", lambda f: int(_month(f, "2024-04")["qty"].sum())),
    Ask("Which product made the most revenue?", lambda f: _top(f, "product")),
    Ask("Which product sold the most units?", lambda f: _top(f, "product", "qty")),
    Ask("What is our average order value?", _aov),
    Ask("Which state had the most revenue?", lambda f: _top(f, "state")),
    Ask("How many units were returned?", lambda f: int(f["returned"].sum())),
    # partial refunds (a Completed order's Order Refund Amount below its total) are refunds, netted
    Ask("How much did we refund in 2024?", lambda f: round(f["refund"].sum(), 2)),
    Ask("What was net revenue in May 2024?", lambda f: _net(_month(f, "2024-05"))),
    Ask("What were net sales in Q1 2024?", lambda f: _net(f[f["day"] < "2024-04-01"])),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most revenue?", _weekday),
    # any whole percentile, not only the fixed ones (before: the average, said to stand in)
    Ask("What is the 80th percentile order value?", lambda f: _order_value_at(f, 80)),
    Ask("What's the 60th percentile basket?", lambda f: _order_value_at(f, 60)),
    Ask("What was the 35th percentile order value in March 2024?", lambda f: _order_value_at(_month(f, "2024-03"), 35)),
]


# Analytics > Orders: one row per order, Net Sales its revenue, Items sold its units; refunded orders are returns.
def _woo_analytics(files: dict[str, str]) -> pd.DataFrame:
    raw = _raw(files)
    sold = raw["Status"] != "refunded"
    qty = raw["Items sold"].astype(int)
    return pd.DataFrame({"order": raw["Order #"], "sold": sold, "qty": qty.where(sold, 0),
                         "returned": qty.where(~sold, 0), "value": raw["Net Sales"].astype(float).where(sold, 0.0),
                         "day": pd.to_datetime(raw["Date"], format="%Y-%m-%d %H:%M:%S")})


WOO_ANALYTICS_ASKS = [
    Ask("What was revenue in October 2024?", lambda f: round(_month(f, "2024-10")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("How many orders did we have in November 2024?", lambda f: _sold(_month(f, "2024-11"))["order"].nunique()),
    Ask("How many units did we sell in December 2024?", lambda f: int(_month(f, "2024-12")["qty"].sum())),
    Ask("What is our average order value?", _aov),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    # held out: written after the any-percentile fix, measured before any change for them
    Ask("What's the 70th percentile cart value?", lambda f: _order_value_at(f, 70)),
    Ask("p85 order value", lambda f: _order_value_at(f, 85)),
    Ask("What was the 21st percentile order value in November 2024?",
        lambda f: _order_value_at(_month(f, "2024-11"), 21)),
    Ask("Order value at the 45th percentile?", lambda f: _order_value_at(f, 45)),
]

# Magento's order grid: one row per order, Subtotal its revenue; Canceled and Suspected Fraud no sale, Pending not yet
# (placed, not invoiced: no payment taken), Closed orders (refunded in full) returns whose refund is the Subtotal; no
# products or quantities.
_MAGENTO_NO_SALE = ("Canceled", "Suspected Fraud", "Pending")


def _dollars(cells: pd.Series) -> pd.Series:
    return cells.str.replace("$", "", regex=False).str.replace(",", "", regex=False).astype(float)


def _magento(files: dict[str, str]) -> pd.DataFrame:
    raw = _raw(files)
    raw = raw[~raw["Status"].isin(_MAGENTO_NO_SALE)]
    sold = raw["Status"] != "Closed"
    subtotal = _dollars(raw["Subtotal"])
    return pd.DataFrame({"order": raw["ID"], "sold": sold, "value": subtotal.where(sold, 0.0),
                         "refund": subtotal.where(~sold, 0.0),
                         "day": pd.to_datetime(raw["Purchase Date"], format="%b %d, %Y %I:%M:%S %p")})


MAGENTO_ASKS = [
    Ask("What was revenue in June 2024?", lambda f: round(_month(f, "2024-06")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("How many orders did we have in September 2024?", lambda f: _sold(_month(f, "2024-09"))["order"].nunique()),
    Ask("What is our average order value?", _aov),
    Ask("How much did we refund in 2024?", lambda f: round(f["refund"].sum(), 2)),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most revenue?", _weekday),
    # written after the orders fix and measured before any change for them (held out: 3/3 at once)
    Ask("How many orders did we get in 2024?", lambda f: _sold(f)["order"].nunique()),
    Ask("What was the average order value in March 2024?", lambda f: _aov(_month(f, "2024-03"))),
    Ask("What was the median order value?", lambda f: round(float(_sold(f)["value"].median()), 2)),
]

BIKES_STORE_ASKS = [
    Ask("Which store had the most revenue?", lambda f: _top(f, "store")),
    Ask("Which store had the most revenue in 2017?", lambda f: _top(f[f["day"].dt.year == 2017], "store")),
    Ask("Which store sold the most units?", lambda f: _top(f, "store", "qty")),
]


def _alphabetical(files: dict[str, str]) -> dict[str, str]:
    """The files as a folder lists them: ``stores.csv`` last, after the orders and stock that name stores by id."""
    return {name: files[name] for name in sorted(files)}


DATASETS: dict[str, Dataset] = {
    "woo_order_export": Dataset("woo_order_export", lambda: public7_shapes.woo_order_export(600, seed=71),
                                _woo_export, WOO_EXPORT_ASKS),
    "woo_analytics_orders": Dataset("woo_analytics_orders", lambda: public7_shapes.woo_analytics_orders(500, seed=72),
                                    _woo_analytics, WOO_ANALYTICS_ASKS),
    "magento_order_grid": Dataset("magento_order_grid", lambda: public7_shapes.magento_order_grid(600, seed=73),
                                  _magento, MAGENTO_ASKS),
    "bikestores_alphabetical": Dataset("bikestores_alphabetical",
                                       lambda: _alphabetical(maven_shapes.bikestores(800, seed=7)), _bikes,
                                       BIKES_STORE_ASKS),
}
#: Answered wrong today (each is fixed at its cause, then taken off this list).
WRONG_TODAY: frozenset[str] = frozenset()
CASES = dataset_cases(DATASETS, WRONG_TODAY)


def test_woo_order_export_stores_each_item_and_rejects_cancelled_and_failed_orders_with_the_reason(
        ingested: dict[str, tuple[Path, pd.DataFrame, dict[str, dict[str, Any]]]]) -> None:
    """Before: read as a catalogue (12 products, 1,014 duplicates, no sale stored)."""
    home, frame, docs = ingested["woo_order_export"]
    raw = _raw(DATASETS["woo_order_export"].files())
    doc = next(iter(docs.values()))
    no_sale = int(raw["Order Status"].isin(_NO_SALE).sum())
    assert (doc["kind"], doc["rows_read"], doc["accepted"], doc["rejected"]) == \
        ("sales", len(raw), len(raw) - no_sale, no_sale), doc
    reason = stored_row(home, "SELECT MIN(reason) AS r, COUNT(*) AS n FROM rejects WHERE tenant_id = @t")
    assert "not a sale" in reason["r"] and reason["n"] == no_sale, reason
    stored = stored_row(home, "SELECT COUNT(*) AS lines, SUM(units) AS units, SUM(revenue) AS value, "
                           "SUM(returned_units) AS returned, COUNT(DISTINCT order_id) AS orders, "
                           "SUM(discount) AS discount FROM sales WHERE tenant_id = @t")
    assert (stored["lines"], stored["units"], stored["returned"], stored["orders"]) == \
        (len(frame), frame["qty"].sum(), frame["returned"].sum(), frame["order"].nunique())
    assert stored["value"] == pytest.approx(frame["value"].sum())
    q1 = stored_row(home, "SELECT SUM(discount) AS d FROM sales WHERE tenant_id = @t AND units > 0 "
                       "AND date < DATE '2024-04-01'")
    assert q1["d"] == pytest.approx(frame.attrs["discount_q1"], abs=0.05)


def test_woo_analytics_orders_are_one_line_each_valued_at_net_sales(
        ingested: dict[str, tuple[Path, pd.DataFrame, dict[str, dict[str, Any]]]]) -> None:
    """Before: refused ("cannot tell the kind of data from the header")."""
    home, frame, docs = ingested["woo_analytics_orders"]
    doc = next(iter(docs.values()))
    assert (doc["kind"], doc["accepted"], doc["rejected"]) == ("sales", len(frame), 0), doc
    stored = stored_row(home, "SELECT COUNT(*) AS lines, SUM(units) AS units, SUM(revenue) AS value, "
                           "SUM(returned_units) AS returned FROM sales WHERE tenant_id = @t")
    assert (stored["lines"], stored["units"], stored["returned"]) == (len(frame), frame["qty"].sum(),
                                                                       frame["returned"].sum())
    assert stored["value"] == pytest.approx(frame["value"].sum())


def test_magento_order_grid_is_one_line_per_order_at_its_subtotal(
        ingested: dict[str, tuple[Path, pd.DataFrame, dict[str, dict[str, Any]]]]) -> None:
    """Before: refused ("cannot tell the kind of data from the header")."""
    home, frame, docs = ingested["magento_order_grid"]
    raw = _raw(DATASETS["magento_order_grid"].files())
    doc = next(iter(docs.values()))
    no_sale = int(raw["Status"].isin(_MAGENTO_NO_SALE).sum())
    assert (doc["kind"], doc["accepted"], doc["rejected"]) == ("sales", len(frame), no_sale), doc
    stored = stored_row(home, "SELECT COUNT(*) AS lines, SUM(revenue) AS value, SUM(refund) AS refund, "
                           "COUNT(DISTINCT order_id) AS orders FROM sales WHERE tenant_id = @t")
    assert (stored["lines"], stored["orders"]) == (len(frame), frame["order"].nunique())
    assert (stored["value"], stored["refund"]) == (pytest.approx(frame["value"].sum()),
                                                   pytest.approx(frame["refund"].sum()))
    # Pending: placed, not invoiced (no payment taken), rejected as not a sale yet, not as cancelled
    pending = stored_row(home, "SELECT COUNT(*) AS n FROM rejects WHERE tenant_id = @t "
                            "AND reason LIKE '%not yet invoiced%'")
    assert pending["n"] == int((raw["Status"] == "Pending").sum()) > 0


@pytest.mark.parametrize(("dataset", "ask"), CASES)
def test_question_of_a_woocommerce_export(dataset: str, ask: Ask, homes: dict[str, tuple[Path, pd.DataFrame]],
                                          monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ask_and_check(DATASETS, homes, dataset, ask, check, monkeypatch, capsys)


#: Upload orders in which the store names come after the rows naming stores by id (the last: orders, then the names,
#: then the lines: the lines take the orders' labels and the names at once).
_LATE_NAMES = (
    ("brands.csv", "categories.csv", "customers.csv", "order_items.csv", "orders.csv", "products.csv", "staffs.csv",
     "stocks.csv", "stores.csv"),
    ("brands.csv", "categories.csv", "products.csv", "orders.csv", "stocks.csv", "stores.csv", "order_items.csv"),
)


@pytest.mark.parametrize("order", _LATE_NAMES, ids=["alphabetical", "names-between-orders-and-lines"])
def test_store_names_uploaded_after_the_sales_and_stock_name_them_without_a_second_copy(
        order: tuple[str, ...], tmp_path: Path) -> None:
    """Before: the channel and the stock's location stayed ``store 1`` ... when stores.csv came after them. Now each
    labelled row is restated under the name, re-keyed (the channel is in the sales key): per store, the lines,
    units and revenue are pandas'; nothing is left labelled, nothing is counted twice, and uploading the orders and
    lines again adds nothing."""
    files = maven_shapes.bikestores(300, seed=17)
    home, _ = ingest_recorded(tmp_path, {n: files[n] for n in order}, "utf-8")
    frame = _bikes(files)
    by_store = frame.groupby("store").agg(units=("qty", "sum"), value=("value", "sum")).sort_index()

    def stored() -> pd.DataFrame:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("ECOMINTEL_HOME", str(home))
            from shared.deps import get_deps, reset_deps
            reset_deps()
            got = get_deps().warehouse.query(
                "SELECT channel AS store, SUM(units) AS units, SUM(revenue) AS value FROM sales "
                "WHERE tenant_id = @t GROUP BY channel ORDER BY channel", {"t": "acme"}).set_index("store")
            reset_deps()
        return got

    got = stored()
    assert list(got.index) == list(by_store.index)
    assert got["units"].tolist() == by_store["units"].tolist()
    assert got["value"].tolist() == pytest.approx(by_store["value"].tolist())
    stock = stored_row(home, "SELECT SUM(on_hand) AS units, COUNT(*) AS n, "
                          "SUM(CASE WHEN location LIKE 'store %' THEN 1 ELSE 0 END) AS labelled FROM inventory "
                          "WHERE tenant_id = @t")
    stocks = _read_csv(files["stocks.csv"])
    assert (stock["units"], stock["n"], stock["labelled"]) == (stocks["quantity"].astype(int).sum(), len(stocks), 0)
    _, docs = ingest_recorded(tmp_path, {n: files[n] for n in ("orders.csv", "order_items.csv")}, "utf-8")  # same home
    assert stored().equals(got), docs
    # the restated rows carry the keys the names-first order gives the same lines
    (tmp_path / "names_first").mkdir()
    names_first = {n: files[n] for n in sorted(order, key=lambda n: n != "stores.csv")}
    first, _ = ingest_recorded(tmp_path / "names_first", names_first, "utf-8")
    keys = "SELECT STRING_AGG(record_key, ',' ORDER BY record_key) AS k FROM sales WHERE tenant_id = @t"
    assert stored_row(home, keys)["k"] == stored_row(first, keys)["k"]


def _read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


#: Product lookups uploaded after the catalogue that names brands and categories by id (products.csv first).
_LATE_PRODUCT_NAMES = ("products.csv", "brands.csv", "categories.csv", "customers.csv", "orders.csv",
                       "order_items.csv", "staffs.csv", "stocks.csv", "stores.csv")


def test_brand_and_category_names_uploaded_after_the_catalogue_name_its_products(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: the catalogue kept the ids it was uploaded with (brand ``3``, category ``6``) when brands.csv and
    categories.csv came after products.csv: 'which brand had the most revenue' ranked ids. Now the products are
    restated under the names (each product once; its sales unchanged)."""
    files = maven_shapes.bikestores(300, seed=19)
    home, _ = ingest_recorded(tmp_path, {n: files[n] for n in _LATE_PRODUCT_NAMES}, "utf-8")
    frame = _bikes(files)
    names = maven_shapes.bikestores_names()
    products = _read_csv(files["products.csv"])
    stored = stored_row(home, "SELECT COUNT(*) AS n, COUNT(DISTINCT sku) AS skus, "
                           "STRING_AGG(sku || '=' || brand || '/' || category, ',' ORDER BY sku) AS named "
                           "FROM products WHERE tenant_id = @t")
    truth = ",".join(f"{i}={names[i][1]}/{names[i][2]}" for i in sorted(products["product_id"]))
    assert (stored["n"], stored["skus"]) == (len(products), len(products))
    assert stored["named"] == truth
    for question, by in (("Which brand had the most revenue?", "brand"),
                         ("Which category had the most revenue?", "category")):
        ask = Ask(question, _top_by(by))
        check(ask, ask_cli(home, question, monkeypatch, capsys), frame)


def _top_by(by: str) -> Callable[[pd.DataFrame], object]:
    """The truth of "which {by} had the most revenue"."""
    return lambda f: _top(f, by)
