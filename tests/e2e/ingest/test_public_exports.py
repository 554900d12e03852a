"""Other platforms' exports and public review datasets, as published, through the real CLI, against pandas truths.

Etsy's Sold Order Items and Sold Orders, eBay's Orders report, Square's Item Sales, BigCommerce's orders export,
Shopify's products and inventory exports, and the TripAdvisor, Yelp, Sephora and Google Play review sets, each
generated in its published shape (``tests/fixtures/public/export_shapes.py``), are ingested with ``ecomintel ingest``
and asked what a merchant asks of them. Each file must be read as its kind, with every row landed, skipped with a
count or rejected with a reason; the truths are computed here with pandas from the same CSV text, by each
platform's own rules (an Etsy order's discount is written on each of its items and counted once; an eBay order of
several items is a summary line and its item lines; a Square ``Refund`` line and a BigCommerce ``Refunded`` order
are returns, a ``Cancelled`` order no sale; a BigCommerce order's products are packed in one cell).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.e2e.ingest.cli_helpers import ingest_files, ingest_one
from tests.e2e.ingest.test_public_questions import (
    Ask,
    Dataset,
    _last_whole_month,
    _month,
    _top,
    ask_and_check,
    dataset_cases,
    dataset_homes,
)
from tests.e2e.ingest.test_public_questions_more import Says, check
from tests.e2e.sentiment.test_public_review_questions import ReviewAsk, check_review_answer
from tests.fixtures.public import export_shapes


def _text(files: dict[str, str]) -> str:
    return next(iter(files.values()))


def _aov(frame: pd.DataFrame) -> float:
    sold = frame[frame["qty"] > 0]
    return round(frame["value"].sum() / sold["order"].nunique(), 2)


def _sales_asks(month: str, *, customers: bool = True, place: str = "") -> list[Ask]:
    """What a merchant asks of any order-line export (a month of the data, the last whole month, the best sellers)."""
    asks = [
        Ask(f"What was revenue in {pd.Period(month):%B %Y}?", lambda f: round(_month(f, month)["value"].sum(), 2)),
        Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
        Ask("How many units did we sell last month?", lambda f: int(_last_whole_month(f)["qty"].sum())),
        Ask("Which product made the most revenue?", lambda f: _top(f[f["qty"] > 0], "title")),
        Ask(f"How many orders did we have in {pd.Period(month):%B %Y}?",
            lambda f: _month(f[f["qty"] > 0], month)["order"].nunique()),
        Ask("What is our average order value?", _aov),
    ]
    if customers:
        asks.append(Ask("How many customers did we have?", lambda f: f.loc[f["qty"] > 0, "customer"].nunique()))
    if place:
        asks.append(Ask(f"Which {place} had the most revenue?", lambda f: _top(f[f["qty"] > 0], "place")))
    return asks


# Etsy Sold Order Items: one row per item; Item Total = Price x Quantity; the order's Discount Amount on each item
def _etsy_items(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(_text(files)), dtype=str, keep_default_na=False)
    return pd.DataFrame({"order": raw["Order ID"], "title": raw["Item Name"],
                         "sku": raw["SKU"].where(raw["SKU"] != "", raw["Item Name"]),
                         "qty": raw["Quantity"].astype(int), "value": raw["Item Total"].astype(float),
                         "customer": raw["Buyer"], "place": raw["Ship State"],
                         "discount": raw["Discount Amount"].astype(float),
                         "day": pd.to_datetime(raw["Sale Date"], format="%m/%d/%y")})


ETSY_ITEMS_ASKS = [*_sales_asks("2024-03", place="state"),
                   Ask("How much did we give away in discounts?",
                       lambda f: round(f.groupby("order")["discount"].first().sum(), 2))]


# Etsy Sold Orders: one row per order, no products; a Fully Refunded order is a return
def _etsy_orders(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(_text(files)), dtype=str, keep_default_na=False)
    refunded = raw["Status"] == "Fully Refunded"
    value, off = raw["Order Value"].astype(float), raw["Discount Amount"].astype(float)
    # a refunded order gives back what the buyer paid for the items: their value less the discount
    return pd.DataFrame({"order": raw["Order ID"], "qty": raw["Number of Items"].astype(int).where(~refunded, 0),
                         "value": value.where(~refunded, 0.0), "refund": (value - off).where(refunded, 0.0),
                         "customer": raw["Buyer"], "day": pd.to_datetime(raw["Sale Date"], format="%m/%d/%y")})


ETSY_ORDERS_ASKS = [
    Ask("What was revenue in March 2024?", lambda f: round(_month(f, "2024-03")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("How many orders did we have in April 2024?", lambda f: _month(f[f["qty"] > 0], "2024-04")["order"].nunique()),
    Ask("What is our average order value?", _aov),
    Ask("How much did we refund?", lambda f: round(f["refund"].sum(), 2)),
    Ask("How many units did we sell last month?", lambda f: int(_last_whole_month(f)["qty"].sum())),
    Ask("How many customers did we have?", lambda f: f.loc[f["qty"] > 0, "customer"].nunique()),
    Ask("Which product made the most revenue?",
        lambda f: Says(r"^Your sales data are orders naming no product, so revenue cannot be split by product")),
]


# eBay Orders report: item lines (an order of several items also has a summary line with no item, not a sale)
def _ebay(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(_text(files)), dtype=str, keep_default_na=False, skiprows=1)
    raw = raw[raw["Item Number"] != ""]
    price = raw["Sold For"].str.replace("$", "", regex=False).str.replace(",", "", regex=False).astype(float)
    qty = raw["Quantity"].astype(int)
    return pd.DataFrame({"order": raw["Order Number"], "title": raw["Item Title"], "qty": qty,
                         "value": (price * qty).round(2), "customer": raw["Buyer Username"],
                         "place": raw["Ship To State"], "day": pd.to_datetime(raw["Sale Date"], format="%b-%d-%y")})


EBAY_ASKS = _sales_asks("2024-02", place="state")


# Square Item Sales: Payment lines are sales at Gross Sales, Refund lines returns; the Item names the product
def _square(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(_text(files)), dtype=str, keep_default_na=False)

    def money(column: str) -> pd.Series:
        return raw[column].str.replace(r"[$,]", "", regex=True).astype(float)

    refund = raw["Event Type"] == "Refund"
    qty = raw["Qty"].astype(int)
    return pd.DataFrame({"order": raw["Transaction ID"], "title": raw["Item"], "category": raw["Category"],
                         "qty": qty.where(~refund, 0), "returned": (-qty).where(refund, 0),
                         "value": money("Gross Sales").where(~refund, 0.0),
                         "refund": (-money("Net Sales")).where(refund, 0.0),  # the value less its discount
                         "discount": (-money("Discounts")).where(~refund, 0.0), "customer": raw["Customer ID"],
                         "day": pd.to_datetime(raw["Date"], format="%Y-%m-%d")})


SQUARE_ASKS = [
    *_sales_asks("2024-04", customers=False),
    Ask("Which category had the most revenue?", lambda f: _top(f[f["qty"] > 0], "category")),
    Ask("How many units were returned?", lambda f: int(f["returned"].sum())),
    Ask("How much did we refund?", lambda f: round(f["refund"].sum(), 2)),
    Ask("How much did we give away in discounts in March 2024?",
        lambda f: round(_month(f, "2024-03")["discount"].sum(), 2)),
]

_PACKED = re.compile(r"Product Qty: (\d+), Product SKU: ([^,]*), Product Name: (.*?), Product Weight: .*?"
                     r"Product Unit Price: ([\d.]+)")


# BigCommerce: one row per order, its products packed in Product Details; Cancelled is no sale, Refunded a return
def _bigcommerce(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(_text(files)), dtype=str, keep_default_na=False)
    rows: list[dict[str, Any]] = []
    for _, order in raw[raw["Order Status"] != "Cancelled"].iterrows():
        refunded = order["Order Status"] == "Refunded"
        for part in order["Product Details"].split("|"):
            match = _PACKED.search(part)
            assert match is not None, part
            qty, price = int(match.group(1)), float(match.group(4))
            rows.append({"order": order["Order ID"], "sku": match.group(2), "title": match.group(3),
                         "qty": 0 if refunded else qty, "returned": qty if refunded else 0,
                         "value": 0.0 if refunded else round(qty * price, 2),
                         "customer": order["Customer Email"],
                         "day": pd.to_datetime(order["Order Date"], format="%d/%m/%Y")})
    frame = pd.DataFrame(rows)
    frame.attrs["refunds"] = _bigcommerce_refunds(files)
    return frame


def _bigcommerce_refunds(files: dict[str, str]) -> float:
    """Each order's Refund Amount, at most its products' value (a Refunded order's amount holds shipping and tax)."""
    raw = pd.read_csv(io.StringIO(_text(files)), dtype=str, keep_default_na=False)
    kept = raw[raw["Order Status"] != "Cancelled"]
    items = kept["Subtotal (ex tax)"].str.replace(r"[$,]", "", regex=True).astype(float)
    return round(kept["Refund Amount"].astype(float).clip(upper=items).sum(), 2)


BIGCOMMERCE_ASKS = [*_sales_asks("2024-03"),
                    Ask("How many units were returned?", lambda f: int(f["returned"].sum())),
                    # a Refunded order's Refund Amount is its total (with shipping and tax: its products are refunded
                    # their value), a Partially Refunded order's what was given back: each spread over its lines
                    Ask("How much did we refund?", lambda f: float(f.attrs["refunds"])),
                    Ask("Which product sold the most units?", lambda f: _top(f, "title", "qty"))]


# Shopify products: one row per variant (the title on the first); image rows carry no variant
def _shopify_products(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(files["products_export_1.csv"]), dtype=str, keep_default_na=False)
    raw["Title"] = raw["Title"].replace("", pd.NA).groupby(raw["Handle"]).transform("first")
    raw = raw[raw["Variant SKU"] != ""]
    return pd.DataFrame({"sku": raw["Variant SKU"], "title": raw["Title"], "price": raw["Variant Price"].astype(float),
                         "qty": raw["Variant Inventory Qty"].astype(int)})


def _priciest(frame: pd.DataFrame) -> tuple[str, float]:
    best = frame.sort_values(["price", "sku"], ascending=[False, True]).iloc[0]
    return str(best["title"]), float(best["price"])


SHOPIFY_PRODUCTS_ASKS = [
    Ask("How many products do we have?", lambda f: f["sku"].nunique()),
    Ask("What is the average price of our products?", lambda f: round(f["price"].mean(), 2)),
    Ask("What is our most expensive product?", _priciest),
]


# Shopify products and inventory exports together: the catalogue (its Type the category) and stock per location
def _shopify_catalogue(files: dict[str, str]) -> pd.DataFrame:
    products = _shopify_products(files)
    raw = pd.read_csv(io.StringIO(files["products_export_1.csv"]), dtype=str, keep_default_na=False)
    raw["Type"] = raw["Type"].replace("", pd.NA).groupby(raw["Handle"]).transform("first")
    types = raw[raw["Variant SKU"] != ""].set_index("Variant SKU")["Type"]
    stock = pd.read_csv(io.StringIO(files["inventory_export_1.csv"]), dtype={"SKU": str})
    on_hand = stock.groupby("SKU")["On hand"].sum()
    return products.assign(category=products["sku"].map(types), on_hand=products["sku"].map(on_hand).fillna(0))


SHOPIFY_CATALOGUE_ASKS = [
    *SHOPIFY_PRODUCTS_ASKS,
    Ask("How many products do we have in Hoodie?", lambda f: int((f["category"] == "Hoodie").sum())),
    Ask("Which category has the most products?", lambda f: _top(f, "category", "sku", "nunique")),
    Ask("What is the average price of our products in Cap?",
        lambda f: round(f.loc[f["category"] == "Cap", "price"].mean(), 2)),
    Ask("How many units do we have in stock?", lambda f: int(f["on_hand"].sum())),
    Ask("Which product has the most stock?", lambda f: _top(f, "sku", "on_hand")),
]

DATASETS: dict[str, Dataset] = {
    "etsy_order_items": Dataset("etsy_order_items",
                                lambda: {"EtsySoldOrderItems2024.csv": export_shapes.etsy_order_items(900, seed=41)},
                                _etsy_items, ETSY_ITEMS_ASKS, no_currency=False),
    "etsy_orders": Dataset("etsy_orders", lambda: {"EtsySoldOrders2024.csv": export_shapes.etsy_orders(900, seed=41)},
                           _etsy_orders, ETSY_ORDERS_ASKS, no_currency=False),
    "ebay_orders": Dataset("ebay_orders", lambda: {"eBay-OrdersReport-Jun-30-2024.csv":
                                                   export_shapes.ebay_orders(900, seed=42)},
                           _ebay, EBAY_ASKS, no_currency=False),
    "square_items": Dataset("square_items", lambda: {"items-2024-01-01-2024-07-01.csv":
                                                     export_shapes.square_items(1200, seed=43)},
                            _square, SQUARE_ASKS, no_currency=False),
    "bigcommerce_orders": Dataset("bigcommerce_orders",
                                  lambda: {"orders-2024-07-01.csv": export_shapes.bigcommerce_orders(700, seed=44)},
                                  _bigcommerce, BIGCOMMERCE_ASKS, no_currency=False),
    "shopify_products": Dataset("shopify_products",
                                lambda: {"products_export_1.csv": export_shapes.shopify_products(80, seed=45)},
                                _shopify_products, SHOPIFY_PRODUCTS_ASKS, no_currency=False),
    "shopify_catalogue": Dataset("shopify_catalogue",
                                 lambda: {"products_export_1.csv": export_shapes.shopify_products(80, seed=46),
                                          "inventory_export_1.csv": export_shapes.shopify_inventory(80, seed=46)},
                                 _shopify_catalogue, SHOPIFY_CATALOGUE_ASKS, no_currency=False),
}
#: Answered wrong today (each is fixed at its cause, then taken off this list).
WRONG_TODAY: frozenset[str] = frozenset()
CASES = dataset_cases(DATASETS, WRONG_TODAY)


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, pd.DataFrame]]]:
    """Each export ingested once through the CLI into its own embedded home."""
    yield dataset_homes(tmp_path_factory, DATASETS)


@pytest.mark.parametrize(("dataset", "ask"), CASES)
def test_question_of_a_platform_export(dataset: str, ask: Ask, homes: dict[str, tuple[Path, pd.DataFrame]],
                                       monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ask_and_check(DATASETS, homes, dataset, ask, check, monkeypatch, capsys)


# ------------------------------------------------------------------------------------------------ every row counted
def _lines(make: Callable[[dict[str, str]], pd.DataFrame], name: str, text: str) -> int:
    return len(make({name: text}))


#: file name, its text, the kind it must be read as, and how many records it must store (the rest skipped or
#: rejected with a reason, never lost)
FILES: list[tuple[str, Callable[[], str], str, Callable[[str], int]]] = [
    ("EtsySoldOrderItems2024.csv", lambda: export_shapes.etsy_order_items(120, seed=7), "sales",
     lambda t: _lines(_etsy_items, "x", t)),
    ("EtsySoldOrders2024.csv", lambda: export_shapes.etsy_orders(120, seed=7), "sales",
     lambda t: _lines(_etsy_orders, "x", t)),
    ("eBay-OrdersReport.csv", lambda: export_shapes.ebay_orders(120, seed=7), "sales",
     lambda t: _lines(_ebay, "x", t)),
    ("items-2024.csv", lambda: export_shapes.square_items(150, seed=7), "sales", lambda t: _lines(_square, "x", t)),
    ("orders-bigcommerce.csv", lambda: export_shapes.bigcommerce_orders(120, seed=7), "sales",
     lambda t: _lines(_bigcommerce, "x", t)),
    ("products_export_1.csv", lambda: export_shapes.shopify_products(30, seed=7), "products",
     lambda t: _lines(_shopify_products, "products_export_1.csv", t)),
    ("inventory_export_1.csv", lambda: export_shapes.shopify_inventory(30, seed=7), "inventory",
     lambda t: len(pd.read_csv(io.StringIO(t)))),
    ("tripadvisor_hotel_reviews.csv", lambda: export_shapes.tripadvisor(200, seed=7), "reviews",
     lambda t: len(pd.read_csv(io.StringIO(t)))),
    ("yelp_academic_dataset_review.csv", lambda: export_shapes.yelp(200, seed=7), "reviews",
     lambda t: len(pd.read_csv(io.StringIO(t)))),
    ("reviews_0-250.csv", lambda: export_shapes.sephora(200, seed=7), "reviews",
     lambda t: len(pd.read_csv(io.StringIO(t)))),
    ("com.example.app_reviews.csv", lambda: export_shapes.google_play(200, seed=7), "reviews",
     lambda t: len(pd.read_csv(io.StringIO(t)))),
]


@pytest.mark.parametrize(("name", "make", "kind", "stored"), [pytest.param(*f, id=f[0]) for f in FILES])
def test_an_export_is_read_as_its_kind_and_every_row_is_counted(
        name: str, make: Callable[[], str], kind: str, stored: Callable[[str], int], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ECOMINTEL_HOME", str(tmp_path / "home"))
    text = make()
    doc = ingest_one(tmp_path, name, text, capsys)
    assert doc["kind"] == kind, doc
    assert doc["accepted"] == stored(text), doc


# ------------------------------------------------------------------------------------------------ review sets
def _reviews(rating: str, text: str, date: str = "", product: str = "") -> Callable[[dict[str, str]], pd.DataFrame]:
    def read(files: dict[str, str]) -> pd.DataFrame:
        raw = pd.read_csv(io.StringIO(_text(files)), keep_default_na=False)
        frame = pd.DataFrame({"rating": raw[rating].astype(float), "text": raw[text]})
        if date:
            frame["day"] = pd.to_datetime(raw[date])
        if product:
            frame["product"] = raw[product]
        return frame
    return read


def _average(frame: pd.DataFrame) -> float:
    return round(float(frame["rating"].mean()), 2)


def _negative(frame: pd.DataFrame) -> float:
    return round(100 * float((frame["rating"] <= 2).mean()), 1)


def _stars(n: int) -> Callable[[pd.DataFrame], float]:
    return lambda f: int((f["rating"] == n).sum())


def _last_90_days(frame: pd.DataFrame) -> pd.DataFrame:
    """The reviews of the data's last 90 days (to its last review's day), as a change of rating is measured."""
    end = frame["day"].dt.normalize().max()
    return frame[frame["day"].dt.normalize() > end - pd.Timedelta(days=90)]


def _worst(frame: pd.DataFrame) -> tuple[str, float]:
    """The product with the lowest average rating of those with at least 5 reviews."""
    stats = frame.groupby("product")["rating"].agg(["mean", "size"])
    means: pd.Series = stats.loc[stats["size"] >= 5, "mean"].round(2).sort_values(kind="stable")
    return str(means.index[0]), float(means.to_numpy()[0])


P461200 = "P461200"  # the Sephora product whose ratings fall
COMMON_REVIEW_ASKS = [
    ReviewAsk("What is our average rating?", "", _average),
    ReviewAsk("What share of reviews are negative?", "negative", _negative, percent=True),
    ReviewAsk("How many 1 star reviews did we get?", "rated 1 star", _stars(1), after=" were"),
]
REVIEW_SETS: dict[str, tuple[Callable[[], dict[str, str]], Callable[[dict[str, str]], pd.DataFrame],
                             list[ReviewAsk]]] = {
    "tripadvisor": (lambda: {"tripadvisor_hotel_reviews.csv": export_shapes.tripadvisor(1500, seed=51)},
                    _reviews("Rating", "Review"),
                    [*COMMON_REVIEW_ASKS, ReviewAsk("What do guests complain about?", "nois"),
                     ReviewAsk("How many 5 star reviews did we get?", "rated 5 stars", _stars(5), after=" were"),
                     ReviewAsk("Is sentiment improving?", "are undated, so no change over time can be measured",
                               lambda f: len(f))]),
    "yelp": (lambda: {"yelp_academic_dataset_review.csv": export_shapes.yelp(1500, seed=52)},
             _reviews("stars", "text", "date", "business_id"),
             [*COMMON_REVIEW_ASKS, ReviewAsk("How many 5 star reviews did we get?", "rated 5 stars", _stars(5),
                                             after=" were"),
              ReviewAsk("What was the average rating in June 2018?", "",
                        lambda f: _average(f[f["day"].dt.to_period("M") == pd.Period("2018-06")])),
              ReviewAsk("Which product has the worst reviews?", "", lambda f: _worst(f)[1]),
              # the reviewed businesses are the set's products
              ReviewAsk("Which business has the worst reviews?", "", lambda f: _worst(f)[1])]),
    "sephora": (lambda: {"reviews_0-250.csv": export_shapes.sephora(1500, seed=53)},
                _reviews("rating", "review_text", "submission_time", "product_id"),
                [*COMMON_REVIEW_ASKS,
                 ReviewAsk("Which product has the worst reviews?", "watermelon glow"),
                 ReviewAsk(f"What is the average rating of {P461200}?", "watermelon glow",
                           lambda f: _average(f[f["product"] == P461200]), after="was"),
                 ReviewAsk("What is the average rating of Watermelon Glow Niacinamide Dew Drops?", "watermelon glow",
                           lambda f: _average(f[f["product"] == P461200]), after="was"),
                 ReviewAsk(f"How has the average rating of {P461200} changed?", "down",
                           lambda f: _average(_last_90_days(f)[_last_90_days(f)["product"] == P461200]),
                           after="was")]),
    "google_play": (lambda: {"com.example.app_reviews.csv": export_shapes.google_play(1500, seed=54)},
                    _reviews("score", "content", "at"),
                    [*COMMON_REVIEW_ASKS, ReviewAsk("What do users complain about?", "crash"),
                     ReviewAsk("Is sentiment improving?", "down", lambda f: _average(_last_90_days(f))),
                     ReviewAsk("What share of reviews were negative last month?", "negative",
                               lambda f: _negative(_last_whole_month(f)), percent=True),
                     # the change of the last 90 days, as "is sentiment improving?"
                     ReviewAsk("Is our rating improving?", "down", lambda f: _average(_last_90_days(f)))]),
}


@pytest.fixture(scope="module")
def review_homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, pd.DataFrame]]]:
    """Each review set ingested once through the CLI into its own embedded home."""
    made: dict[str, tuple[Path, pd.DataFrame]] = {}
    for name, (make, frame, _) in REVIEW_SETS.items():
        files = make()
        made[name] = (ingest_files(tmp_path_factory.mktemp(name), files), frame(files))
    yield made


#: Review questions answered wrong today (each is fixed at its cause, then taken off this list). Empty since #18's
#: fourth round: noise and cleanliness are complaint themes, "which business" ranks the reviewed businesses and
#: "is our rating improving?" is a change over time (docs/sentiment.md).
REVIEWS_WRONG_TODAY: frozenset[str] = frozenset()


@pytest.mark.parametrize(("dataset", "ask"), [
    pytest.param(name, ask, id=f"{name}: {ask.question}",
                 marks=[pytest.mark.xfail(strict=True)] if f"{name}: {ask.question}" in REVIEWS_WRONG_TODAY else [])
    for name, (_, _, asks) in REVIEW_SETS.items() for ask in asks])
def test_review_question_of_a_public_review_set(dataset: str, ask: ReviewAsk,
                                               review_homes: dict[str, tuple[Path, pd.DataFrame]],
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    home, frame = review_homes[dataset]
    check_review_answer(home, frame, ask, monkeypatch, capsys)
