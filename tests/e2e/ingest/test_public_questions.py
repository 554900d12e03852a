"""A merchant's questions of public sales datasets, through the real CLI, against pandas truths.

Each dataset's shape (``tests/fixtures/public/shapes.py``: the published header, date format and quirks,
months of seeded lines) is ingested once with ``ecomintel ingest``; each question is asked with ``ecomintel
ask`` and the first sentence's number (and, for a ranking, the name first named) is compared with the truth
computed here with pandas from the same CSV, by the dataset's own rules (Online Retail: a ``C`` invoice is
a cancellation, a negative line on another invoice a stock adjustment; Superstore: Sales after discount,
Profit per line; the Sale Report: cancelled lines are no sale, ``Returned to Seller`` lines are returns;
Supermarket sales: revenue before tax; REES46: only purchase events are sales).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from shared.cli.main import main
from shared.orchestration.report import Report
from tests.e2e.ingest.cli_helpers import ask_cli, ingest_files
from tests.fixtures.public import shapes

Truth = Callable[[pd.DataFrame], object]


@dataclass(frozen=True)
class Ask:
    """A question and its truth: a number, or a ``(name, number)`` for "which X" (the name comes first)."""

    question: str
    truth: Truth
    percent: bool = False  # the number is a percentage, compared to 0.1 points

    def __str__(self) -> str:
        return self.question


def _first_sentence(answer: str) -> str:
    # not after a ranking's item number ("...: 1. TAMIL NADU (...); 2. DELHI"), nor a title's "Mr." ("The Original
    # Mr. Fuzzy", a product of Maven's Fuzzy Factory)
    return re.split(r"(?<=[a-z0-9)%])(?<![:;] \d)(?<![:;] \d\d)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)\. (?=[A-Z])",
                    answer)[0]


_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?%?")
_DATES = re.compile(r"\([^()]*\)|\b(?:19|20)\d\d\b|\b\d{1,2}(?:-\d{1,2})? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
                    r"Nov|Dec)\w*|\b(?:Q[1-4]|H[12])\b|\btop \d+\b|\b\d+ (?:days|weeks|months)\b", re.I)


def first_number(sentence: str, *, percent: bool = False) -> float:
    """The first figure (``percent``: the first percentage) of a sentence once its dates, period labels and
    parenthesised asides are taken out."""
    text = _DATES.sub(" ", sentence)
    found = [m for m in _NUMBER.finditer(text) if m.group(0).endswith("%") or not percent]
    assert found, sentence
    value = float(found[0].group(0).rstrip("%").replace(",", ""))
    return -value if percent and re.search(r"\b(?:down|fell|lower)\W*$", text[:found[0].start()]) else value


def _check(ask: Ask, answer: str, frame: pd.DataFrame) -> None:
    sentence = _first_sentence(answer)
    truth = ask.truth(frame)
    if isinstance(truth, tuple):
        name, value = truth
        assert str(name).lower() in sentence.lower(), (sentence, truth)
        after = sentence[sentence.lower().index(str(name).lower()) + len(str(name)):]
        # a ranked list gives each value in brackets: "1. TAMIL NADU (₹172,129.00); 2. ..." (not a SKU's)
        listed = re.match(r"(?:\s*\([^()]*[A-Za-z][^()]*\))?\s*\(\W?(-?[\d,]+(?:\.\d+)?%?)\)", after)
        in_list = re.search(r"\d\. " + re.escape(str(name)), sentence, re.I) is not None
        got = first_number(listed.group(1)) if listed and in_list else first_number(after, percent=ask.percent)
    elif truth == 0 and re.match(r"There (?:was|were) no ", sentence):
        return  # "There were no units returned in November 2011": none is the answer
    else:
        value, got = truth, first_number(sentence, percent=ask.percent)
    tolerance = 0.051 if ask.percent else max(0.006, abs(float(value)) * 1e-6)
    assert abs(got - float(value)) <= tolerance, (sentence, value)


# ------------------------------------------------------------------------------------------------ truths
def _top(frame: pd.DataFrame, by: str, value: str = "value", agg: str = "sum") -> tuple[str, float]:
    """The group with the most ``value``; of groups tied at the cent, the first by name (as the answers rank)."""
    grouped = frame.groupby(by)[value].agg(agg).round(2).rename("v").reset_index()
    grouped["name"] = grouped[by].astype(str)
    best = grouped.sort_values(["v", "name"], ascending=[False, True]).iloc[0]
    return str(best["name"]), float(best["v"])


def _month(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    return frame[frame["day"].dt.to_period("M") == pd.Period(period)]


def _year(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    return frame[frame["day"].dt.year == year]


def _last_whole_month(frame: pd.DataFrame, rows: pd.Series | None = None) -> pd.DataFrame:
    """The rows (of ``rows``, a mask) in the data's last whole month, read from all of the data's dates."""
    last = frame["day"].max()
    month = last.to_period("M") if last == (last + pd.offsets.MonthEnd(0)) else last.to_period("M") - 1
    in_month = frame["day"].dt.to_period("M") == month
    return frame[in_month & (rows if rows is not None else True)]


def _before_last_whole_month(frame: pd.DataFrame) -> pd.DataFrame:
    month = _last_whole_month(frame)["day"].dt.to_period("M").iloc[0] - 1
    return frame[frame["day"].dt.to_period("M") == month]


def _mom_pct(frame: pd.DataFrame) -> float:
    now, before = _last_whole_month(frame)["value"].sum(), _before_last_whole_month(frame)["value"].sum()
    return round(100 * (now - before) / abs(before), 1)


def _best_whole_month(frame: pd.DataFrame) -> tuple[str, float]:
    """The whole month with the most revenue (a month the data ends in part of is left out), as "Jul 2011"."""
    months = frame.assign(month=frame["day"].dt.to_period("M"))
    months = months[months["month"] <= _last_whole_month(frame)["day"].dt.to_period("M").iloc[0]]
    name, value = _top(months, "month")
    return f"{pd.Period(name):%b %Y}", value


def _weekday(frame: pd.DataFrame) -> tuple[str, float]:
    return _top(frame.assign(wd=frame["day"].dt.day_name()), "wd")


# Online Retail (I and II): sold lines are on ordinary invoices with a positive quantity.
def _retail(text: str, second: bool) -> pd.DataFrame:
    names = ("Invoice", "Price", "Customer ID") if second else ("InvoiceNo", "UnitPrice", "CustomerID")
    raw = pd.read_csv(io.StringIO(text), dtype={names[0]: str, "StockCode": str})
    frame = pd.DataFrame({
        "invoice": raw[names[0]], "sku": raw["StockCode"], "product": raw["Description"], "qty": raw["Quantity"],
        "price": raw[names[1]], "customer": raw[names[2]], "country": raw["Country"],
        "day": pd.to_datetime(raw["InvoiceDate"], format="%Y-%m-%d %H:%M:%S" if second else "%m/%d/%Y %H:%M")
        .dt.normalize()})
    frame["cancelled"] = frame["invoice"].str.startswith("C")
    frame["sold"] = ~frame["cancelled"] & (frame["qty"] > 0)
    frame["value"] = (frame["qty"] * frame["price"]).where(frame["sold"], 0.0)
    return frame


def _sold(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["sold"]]


def _retail_asks(first_month: str, busy_month: str, cancel_month: str, year: int) -> list[Ask]:
    return [
        Ask(f"What was revenue in {pd.Period(busy_month):%B %Y}?",
            lambda f: round(_month(f, busy_month)["value"].sum(), 2)),
        Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
        Ask(f"How much did we sell in {pd.Period(first_month):%B %Y}?",
            lambda f: round(_month(f, first_month)["value"].sum(), 2)),
        Ask("Which product made the most revenue?", lambda f: _top(_sold(f), "product")),
        Ask("Which country had the most revenue?", lambda f: _top(_sold(f), "country")),
        Ask(f"Which country outside the UK bought the most in {year}?",
            lambda f: _top(_year(_sold(f[f["country"] != "United Kingdom"]), year), "country")),
        Ask("What was revenue from Germany last month?",
            lambda f: round(_last_whole_month(f, f["country"] == "Germany")["value"].sum(), 2)),
        Ask("How many units were returned?", lambda f: int(-f.loc[f["cancelled"], "qty"].sum())),
        Ask(f"How many units were cancelled in {pd.Period(cancel_month):%B %Y}?",
            lambda f: int(-_month(f[f["cancelled"]], cancel_month)["qty"].sum())),
        Ask("How many units were cancelled last month?",
            lambda f: int(-_last_whole_month(f, f["cancelled"])["qty"].sum())),
        Ask("How many units did we sell last month?", lambda f: int(_last_whole_month(f, f["sold"])["qty"].sum())),
        Ask(f"How many customers did we have in {year}?",
            lambda f: _year(_sold(f), year)["customer"].dropna().nunique()),
        Ask("How many orders did we have last month?", lambda f: _last_whole_month(f, f["sold"])["invoice"].nunique()),
        Ask("What is our average order value?", lambda f: round(f["value"].sum() / _sold(f)["invoice"].nunique(), 2)),
        Ask("How did revenue change month over month?", _mom_pct, percent=True),
        Ask("Which day of the week has the most revenue?", _weekday),
        Ask("How much revenue did we lose to cancellations?",
            lambda f: round(float((-f["qty"] * f["price"])[f["cancelled"]].round(2).sum()), 2)),
        Ask(f"How many invoices did we have in {year}?", lambda f: _year(_sold(f), year)["invoice"].nunique()),
        Ask("How many countries do we sell to?", lambda f: _sold(f)["country"].nunique()),
        Ask("What share of revenue comes from the UK?",
            lambda f: round(100 * f.loc[f["country"] == "United Kingdom", "value"].sum() / f["value"].sum(), 1),
            percent=True),
        Ask("Which month had the highest revenue?", _best_whole_month),
    ]


# Superstore: Sales are after the discount, a rate d: the line's discount is Sales x d / (1 - d), its price before
# the discount Sales + that; "sales" and "revenue" are the Sales column itself; Profit is the line's.
def _superstore(text: str, dayfirst: bool = False) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(text))
    if dayfirst:  # the Kaggle "Superstore Sales" download: no Quantity, Discount or Profit; dd/mm/yyyy
        raw = raw.assign(Quantity=1, Discount=0.0, Profit=float("nan"),
                         **{"Order Date": pd.to_datetime(raw["Order Date"], format="%d/%m/%Y")
                            .dt.strftime("%m/%d/%Y")})
    return pd.DataFrame({"order": raw["Order ID"], "sku": raw["Product ID"], "product": raw["Product Name"],
                         "category": raw["Category"], "region": raw["Region"], "state": raw["State"],
                         "customer": raw["Customer ID"], "qty": raw["Quantity"], "net": raw["Sales"],
                         "profit": raw["Profit"], "rate": raw["Discount"],
                         "day": pd.to_datetime(raw["Order Date"], format="%m/%d/%Y")}).pipe(_discounted)


def _discounted(frame: pd.DataFrame) -> pd.DataFrame:
    off = (frame["net"] * frame["rate"] / (1 - frame["rate"])).round(2)
    return frame.assign(off=off, value=frame["net"], before=frame["net"] + off)


def _discount_rate(frame: pd.DataFrame) -> float:
    return round(100 * frame["off"].sum() / frame["before"].sum(), 1)


def _top_discount_rate(frame: pd.DataFrame, by: str) -> tuple[str, float]:
    rates = frame.groupby(by)[["off", "before"]].apply(_discount_rate).sort_values(ascending=False)
    return str(rates.index[0]), float(rates.iloc[0])


SUPERSTORE_ASKS = [
    Ask("What were sales in 2016?", lambda f: round(_year(f, 2016)["value"].sum(), 2)),
    Ask("What were sales last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("What was revenue in November 2017?", lambda f: round(_month(f, "2017-11")["value"].sum(), 2)),
    Ask("Which category had the most sales in 2017?", lambda f: _top(_year(f, 2017), "category")),
    Ask("Which region had the most sales?", lambda f: _top(f, "region")),
    Ask("Which state has the highest sales?", lambda f: _top(f, "state")),
    Ask("What was our profit in 2017?", lambda f: round(_year(f, 2017)["profit"].sum(), 2)),
    Ask("What is our profit margin?", lambda f: round(100 * f["profit"].sum() / f["net"].sum(), 1), percent=True),
    Ask("Which region made the most profit?", lambda f: _top(f, "region", "profit")),
    Ask("Which product made the most profit?", lambda f: _top(f, "product", "profit")),
    Ask("How many customers did we have in 2017?", lambda f: _year(f, 2017)["customer"].nunique()),
    Ask("How many orders did we have in 2017?", lambda f: _year(f, 2017)["order"].nunique()),
    Ask("What was the average order value in 2017?",
        lambda f: round(_year(f, 2017)["value"].sum() / _year(f, 2017)["order"].nunique(), 2)),
    Ask("How many units did we sell in 2015?", lambda f: int(_year(f, 2015)["qty"].sum())),
    Ask("How did sales change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most sales?", _weekday),
    Ask("What were net sales in 2016?", lambda f: round(_year(f, 2016)["value"].sum(), 2)),  # not less the discount
    Ask("What was our average discount?", _discount_rate, percent=True),
    Ask("How much did we give away in discounts last year?", lambda f: round(_year(f, 2016)["off"].sum(), 2)),
    Ask("Which category had the highest discount rate?", lambda f: _top_discount_rate(f, "category"),
        percent=True),
    Ask("What share of orders had a discount?",
        lambda f: round(100 * f.loc[f["rate"] > 0, "order"].nunique() / f["order"].nunique(), 1), percent=True),
]


# Amazon India's Sale Report: cancelled lines are no sale, nor are bare Pending ones yet (placed, the payment not yet
# authorised: Amazon's order status); "Returned to Seller" lines are returns.
def _sale_report(text: str) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(text))
    status = raw["Status"].str.lower()
    returned = status.str.contains("returned to seller")
    sold = ~status.eq("cancelled") & ~status.eq("pending") & ~returned
    return pd.DataFrame({"order": raw["Order ID"], "sku": raw["SKU"], "category": raw["Category"],
                         "style": raw["Style"],
                         "state": raw["ship-state"], "qty": raw["Qty"].where(sold, 0),
                         "returned": raw["Qty"].where(returned, 0), "sold": sold,
                         "value": raw["Amount"].fillna(0).where(sold, 0.0),
                         "day": pd.to_datetime(raw["Date"], format="%m-%d-%y")})


SALE_REPORT_ASKS = [
    Ask("What did we make in May 2022?", lambda f: round(_month(f, "2022-05")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("Which category had the most revenue?", lambda f: _top(f, "category")),
    Ask("Which state had the most revenue?", lambda f: _top(f, "state")),
    Ask("What was revenue in Maharashtra in April 2022?",
        lambda f: round(_month(f[f["state"] == "MAHARASHTRA"], "2022-04")["value"].sum(), 2)),
    Ask("How many units did we sell in April 2022?", lambda f: int(_month(f, "2022-04")["qty"].sum())),
    Ask("How many units were returned?", lambda f: int(f["returned"].sum())),
    Ask("How many orders did we have in May 2022?",
        lambda f: _month(f[f["sold"] & (f["qty"] > 0)], "2022-05")["order"].nunique()),
    Ask("What was the average order value in May 2022?",
        lambda f: round(_month(f, "2022-05")["value"].sum()
                        / _month(f[f["sold"] & (f["qty"] > 0)], "2022-05")["order"].nunique(), 2)),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most revenue?", _weekday),
    Ask("Top 5 states by revenue", lambda f: _top(f, "state")),
    Ask("Which style had the most revenue?", lambda f: _top(f, "style")),
    Ask("How many units were returned in May 2022?", lambda f: int(_month(f, "2022-05")["returned"].sum())),
]


# Olist: items (one row per unit) of orders that were not canceled or unavailable, dated by their order;
# customers are people (customer_unique_id), categories in English words.
def _olist(files: dict[str, str]) -> pd.DataFrame:
    orders = pd.read_csv(io.StringIO(files["olist_orders_dataset.csv"]))
    items = pd.read_csv(io.StringIO(files["olist_order_items_dataset.csv"]))
    products = pd.read_csv(io.StringIO(files["olist_products_dataset.csv"]))
    customers = pd.read_csv(io.StringIO(files["olist_customers_dataset.csv"]))
    names = pd.read_csv(io.StringIO(files["product_category_name_translation.csv"].lstrip("\ufeff")))
    english = dict(zip(names["product_category_name"], names["product_category_name_english"], strict=True))
    frame = (items.merge(orders, on="order_id").merge(products, on="product_id", how="left")
             .merge(customers, on="customer_id", how="left"))
    frame = frame[~frame["order_status"].isin(["canceled", "unavailable"])]
    return pd.DataFrame({"order": frame["order_id"], "sku": frame["product_id"], "qty": 1, "value": frame["price"],
                         "category": frame["product_category_name"].map(english).str.replace("_", " "),
                         "customer": frame["customer_unique_id"], "state": frame["customer_state"],
                         "day": pd.to_datetime(frame["order_purchase_timestamp"]).dt.normalize()})


def _repeat_rate(frame: pd.DataFrame) -> float:
    orders = frame.groupby("customer")["order"].nunique()
    return round(100 * float((orders >= 2).sum()) / len(orders), 1)


OLIST_ASKS = [
    Ask("What did we make in March 2018?", lambda f: round(_month(f, "2018-03")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("Which category had the most revenue?", lambda f: _top(f, "category")),
    Ask("Which category sold the most in 2017?", lambda f: _top(_year(f, 2017), "category", "qty")),
    Ask("How many orders did we have in 2017?", lambda f: _year(f, 2017)["order"].nunique()),
    Ask("How many customers did we have in 2018?", lambda f: _year(f, 2018)["customer"].nunique()),
    Ask("What was the average order value in 2018?",
        lambda f: round(_year(f, 2018)["value"].sum() / _year(f, 2018)["order"].nunique(), 2)),
    Ask("How many units did we sell last month?", lambda f: int(_last_whole_month(f)["qty"].sum())),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most revenue?", _weekday),
    Ask("How many different products did we sell in 2018?", lambda f: _year(f, 2018)["sku"].nunique()),
    Ask("What share of customers ordered again?", _repeat_rate, percent=True),
    Ask("Which state had the most revenue?", lambda f: _top(f, "state")),
    Ask("What was revenue in RJ in 2018?", lambda f: round(_year(f[f["state"] == "RJ"], 2018)["value"].sum(), 2)),
    Ask("How many customers did we have in MG?", lambda f: f[f["state"] == "MG"]["customer"].nunique()),
]


# Kaggle "Retail Sales Dataset": one row per transaction, no product column (the category is the product),
# Total Amount = Quantity x Price per Unit.
def _retail_sales(text: str) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(text))
    return pd.DataFrame({"order": raw["Transaction ID"], "customer": raw["Customer ID"],
                         "category": raw["Product Category"], "qty": raw["Quantity"], "value": raw["Total Amount"],
                         "day": pd.to_datetime(raw["Date"], format="%Y-%m-%d")})


RETAIL_SALES_ASKS = [
    Ask("What was revenue in May 2023?", lambda f: round(_month(f, "2023-05")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("Which category had the most revenue?", lambda f: _top(f, "category")),
    Ask("Which category sold the most units?", lambda f: _top(f, "category", "qty")),
    Ask("Which product category had the most revenue?", lambda f: _top(f, "category")),
    Ask("Which product made the most revenue?", lambda f: _top(f, "category")),  # the category is the product
    Ask("What was revenue from Electronics in 2023?",
        lambda f: round(_year(f[f["category"] == "Electronics"], 2023)["value"].sum(), 2)),
    Ask("How many units did we sell in 2023?", lambda f: int(_year(f, 2023)["qty"].sum())),
    Ask("How many customers did we have in 2023?", lambda f: _year(f, 2023)["customer"].nunique()),
    Ask("How many orders did we have in March 2023?", lambda f: _month(f, "2023-03")["order"].nunique()),
    Ask("What is our average order value?", lambda f: round(f["value"].sum() / f["order"].nunique(), 2)),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most revenue?", _weekday),
    Ask("Which month had the highest revenue?", _best_whole_month),
    Ask("How many transactions did we have in 2023?", lambda f: _year(f, 2023)["order"].nunique()),
    Ask("What was revenue from Beauty last month?",
        lambda f: round(_last_whole_month(f, f["category"] == "Beauty")["value"].sum(), 2)),
]


# Kaggle "Supermarket sales": revenue is the sale before the 5% tax (cogs = Unit price x Quantity), not Total;
# one line per invoice; the Product line is the product.
def _supermarket(text: str) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(text))
    assert ((raw["Unit price"] * raw["Quantity"]).round(2) == raw["cogs"]).all()  # the published identity
    return pd.DataFrame({"order": raw["Invoice ID"], "category": raw["Product line"], "qty": raw["Quantity"],
                         "value": raw["cogs"], "day": pd.to_datetime(raw["Date"], format="%m/%d/%Y")})


SUPERMARKET_ASKS = [
    Ask("What were sales in February 2019?", lambda f: round(_month(f, "2019-02")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("Which product line had the most sales?", lambda f: _top(f, "category")),
    Ask("Which product line sold the most units?", lambda f: _top(f, "category", "qty")),
    Ask("What were sales of Health and beauty in March 2019?",
        lambda f: round(_month(f[f["category"] == "Health and beauty"], "2019-03")["value"].sum(), 2)),
    Ask("How many units did we sell in January 2019?", lambda f: int(_month(f, "2019-01")["qty"].sum())),
    Ask("How many orders did we have in March 2019?", lambda f: _month(f, "2019-03")["order"].nunique()),
    Ask("What was the average order value?", lambda f: round(f["value"].sum() / f["order"].nunique(), 2)),
    Ask("How did sales change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most sales?", _weekday),
    Ask("Which month had the highest sales?", _best_whole_month),
    Ask("How many invoices did we have in January 2019?", lambda f: _month(f, "2019-01")["order"].nunique()),
    Ask("Which product line had the highest sales in January 2019?", lambda f: _top(_month(f, "2019-01"), "category")),
]


# REES46 events: a purchase event is one unit sold at its price (views and cart events are no sale); a row logged
# twice (identical) is one event; a purchase at a negative price is refused; a session's purchases are one order
# (without a session, the customer's purchases of the day).
def _rees46(text: str) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(text), dtype={"user_session": str, "brand": str}).drop_duplicates()
    bought = raw[(raw["event_type"] == "purchase") & (raw["price"] >= 0)]
    day = bought["event_time"].str[:10]
    # a purchase without a session is its customer's order of the day
    order = bought["user_session"].fillna(bought["user_id"].astype(str) + " " + day)
    return pd.DataFrame({"order": order, "customer": bought["user_id"], "sku": bought["product_id"],
                         "brand": bought["brand"], "qty": 1, "value": bought["price"],
                         "day": pd.to_datetime(day, format="%Y-%m-%d")})


REES46_ASKS = [
    Ask("What was revenue in December 2019?", lambda f: round(_month(f, "2019-12")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("How many units did we sell in January 2020?", lambda f: int(_month(f, "2020-01")["qty"].sum())),
    Ask("How many orders did we have in November 2019?", lambda f: _month(f, "2019-11")["order"].nunique()),
    Ask("How many customers did we have in 2020?", lambda f: _year(f, 2020)["customer"].nunique()),
    Ask("What is our average order value?", lambda f: round(f["value"].sum() / f["order"].nunique(), 2)),
    Ask("Which product made the most revenue?", lambda f: _top(f, "sku")),
    Ask("Which brand had the most revenue?", lambda f: _top(f, "brand")),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most revenue?", _weekday),
    Ask("How many different products did we sell in 2019?", lambda f: _year(f, 2019)["sku"].nunique()),
]


# Kaggle "Amazon Sales Dataset": a catalogue (rows repeated exactly are one product), prices in rupees, the
# category's first part, discount = 1 - discounted_price / actual_price.
def _rupees(column: pd.Series) -> pd.Series:
    return column.str.replace(r"[₹,]", "", regex=True).astype(float)


def _amazon_sales(text: str) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(text)).drop_duplicates()
    price, listed = _rupees(raw["discounted_price"]), _rupees(raw["actual_price"])
    return pd.DataFrame({"sku": raw["product_id"], "product": raw["product_name"],
                         "category": raw["category"].str.split("|").str[0], "price": price, "msrp": listed,
                         "discount": 100 * (listed - price) / listed})


AMAZON_SALES_ASKS = [
    Ask("How many products do we have?", lambda f: f["sku"].nunique()),
    Ask("What is our most expensive product?",
        lambda f: (f["sku"].iloc[f["price"].argmax()], float(f["price"].max()))),
    Ask("Which category has the highest average discount?",
        lambda f: _top(f, "category", "discount", "mean"), percent=True),
    Ask("Which category has the most products?", lambda f: _top(f, "category", "sku", "nunique")),
    Ask("What is the average price of our products?", lambda f: round(f["price"].mean(), 2)),
]


# Kaggle "Sample Sales Data": SALES is the line's revenue (PRICEEACH is capped at 100); Cancelled lines are no
# sale; TERRITORY "NA" is North America, not a missing value.
def _sample_sales(text: str) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(text), keep_default_na=False)
    sold = raw[raw["STATUS"] != "Cancelled"]
    return pd.DataFrame({"order": sold["ORDERNUMBER"], "sku": sold["PRODUCTCODE"], "category": sold["PRODUCTLINE"],
                         "customer": sold["CUSTOMERNAME"], "country": sold["COUNTRY"], "region": sold["TERRITORY"],
                         "qty": sold["QUANTITYORDERED"], "value": sold["SALES"],
                         "day": pd.to_datetime(sold["ORDERDATE"], format="%m/%d/%Y %H:%M")})


SAMPLE_SALES_ASKS = [
    Ask("What were sales in 2004?", lambda f: round(_year(f, 2004)["value"].sum(), 2)),
    Ask("What was revenue in November 2004?", lambda f: round(_month(f, "2004-11")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("Which product line had the most sales?", lambda f: _top(f, "category")),
    Ask("Which country had the most sales?", lambda f: _top(f, "country")),
    Ask("Which territory had the most sales in 2004?", lambda f: _top(_year(f, 2004), "region")),
    Ask("What was revenue from France in 2004?",
        lambda f: round(_year(f[f["country"] == "France"], 2004)["value"].sum(), 2)),
    Ask("How many units did we sell in 2003?", lambda f: int(_year(f, 2003)["qty"].sum())),
    Ask("How many orders did we have in 2004?", lambda f: _year(f, 2004)["order"].nunique()),
    Ask("How many customers did we have in 2004?", lambda f: _year(f, 2004)["customer"].nunique()),
    Ask("What was the average order value in 2004?",
        lambda f: round(_year(f, 2004)["value"].sum() / _year(f, 2004)["order"].nunique(), 2)),
    Ask("How did sales change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most sales?", _weekday),
    Ask("Which product made the most revenue?", lambda f: _top(f, "sku")),
    Ask("Which month had the highest sales?", _best_whole_month),
]


# Kaggle "Customer Shopping Dataset": one line per invoice, price is the line's total (not a unit price), the
# category is the product, the mall the channel; dates day first.
def _customer_shopping(text: str) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(text))
    return pd.DataFrame({"order": raw["invoice_no"], "customer": raw["customer_id"], "category": raw["category"],
                         "mall": raw["shopping_mall"], "qty": raw["quantity"], "value": raw["price"],
                         "day": pd.to_datetime(raw["invoice_date"], format="%d/%m/%Y")})


CUSTOMER_SHOPPING_ASKS = [
    Ask("What were sales in 2022?", lambda f: round(_year(f, 2022)["value"].sum(), 2)),
    Ask("What was revenue in May 2022?", lambda f: round(_month(f, "2022-05")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("Which category had the most revenue?", lambda f: _top(f, "category")),
    Ask("Which category sold the most units in 2021?", lambda f: _top(_year(f, 2021), "category", "qty")),
    Ask("Which shopping mall had the most revenue?", lambda f: _top(f, "mall")),
    Ask("How many units did we sell in 2022?", lambda f: int(_year(f, 2022)["qty"].sum())),
    Ask("How many orders did we have in 2021?", lambda f: _year(f, 2021)["order"].nunique()),
    Ask("What was the average order value in 2022?",
        lambda f: round(_year(f, 2022)["value"].sum() / _year(f, 2022)["order"].nunique(), 2)),
    Ask("How did sales change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most sales?", _weekday),
    Ask("What was revenue from Shoes in 2022?",
        lambda f: round(_year(f[f["category"] == "Shoes"], 2022)["value"].sum(), 2)),
]


# Kaggle "Flipkart Products": a catalogue; the category tree's first part; price the discounted price.
def _flipkart(text: str) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(text)).drop_duplicates("pid")
    return pd.DataFrame({"sku": raw["pid"], "category": raw["product_category_tree"].str.strip('[]"').str.split(
        " >> ").str[0], "price": raw["discounted_price"]})


FLIPKART_ASKS = [
    Ask("How many products do we have?", lambda f: f["sku"].nunique()),
    Ask("How many products do we have in Clothing?", lambda f: int((f["category"] == "Clothing").sum())),
    Ask("How many products do we have in Jewellery?", lambda f: int((f["category"] == "Jewellery").sum())),
    Ask("What is our most expensive product?", lambda f: (f["sku"].iloc[f["price"].argmax()], float(f["price"].max()))),
]


@dataclass(frozen=True)
class Dataset:
    name: str
    files: Callable[[], dict[str, str]]  # file name -> CSV text, ingested in this order
    frame: Callable[[dict[str, str]], pd.DataFrame]
    asks: list[Ask]
    no_currency: bool = True  # the dataset names no currency: the answer must not invent one
    encoding: str = "utf-8"  # how the published files are encoded


def _one(name: str, text: Callable[[], str]) -> Callable[[], dict[str, str]]:
    return lambda: {f"{name}.csv": text()}


def _only(read: Callable[[str], pd.DataFrame]) -> Callable[[dict[str, str]], pd.DataFrame]:
    return lambda files: read(next(iter(files.values())))


OLIST_ORDER = ("product_category_name_translation.csv", "olist_products_dataset.csv", "olist_customers_dataset.csv",
               "olist_orders_dataset.csv", "olist_order_items_dataset.csv")
DATASETS = {
    "online_retail": Dataset("online_retail", _one("online_retail", lambda: shapes.online_retail(3000, seed=1)),
                             _only(lambda t: _retail(t, False)),
                             _retail_asks("2010-12", "2011-03", "2011-09", 2011)),
    "online_retail_ii": Dataset("online_retail_ii",
                                _one("online_retail_ii", lambda: shapes.online_retail(3000, seed=2, second=True)),
                                _only(lambda t: _retail(t, True)), _retail_asks("2009-12", "2010-03", "2010-06", 2010)),
    "superstore": Dataset("superstore", _one("superstore", lambda: shapes.superstore(2000, seed=3)),
                          _only(_superstore), SUPERSTORE_ASKS),
    "superstore_sales": Dataset("superstore_sales",
                                _one("superstore_sales", lambda: shapes.superstore(2000, seed=6, kaggle_sales=True)),
                                _only(lambda t: _superstore(t, dayfirst=True)),
                                [a for a in SUPERSTORE_ASKS if not re.search(r"profit|units|discount", a.question)]),
    "sale_report": Dataset("sale_report", _one("sale_report", lambda: shapes.sale_report(2000, seed=4)),
                           _only(_sale_report), SALE_REPORT_ASKS, no_currency=False),
    "olist": Dataset("olist", lambda: {n: shapes.olist(1500, seed=5)[n] for n in OLIST_ORDER}, _olist, OLIST_ASKS,
                     no_currency=False),
    "retail_sales": Dataset("retail_sales", _one("retail_sales_dataset", lambda: shapes.retail_sales(1000, seed=7)),
                            _only(_retail_sales), RETAIL_SALES_ASKS),
    "supermarket_sales": Dataset("supermarket_sales",
                                 _one("supermarket_sales", lambda: shapes.supermarket_sales(1000, seed=8)),
                                 _only(_supermarket), SUPERMARKET_ASKS),
    "rees46": Dataset("rees46", _one("2019-Oct", lambda: shapes.rees46(6000, seed=9)), _only(_rees46), REES46_ASKS),
    "amazon_sales": Dataset("amazon_sales", _one("amazon", lambda: shapes.amazon_sales(1465, seed=10)),
                            _only(_amazon_sales), AMAZON_SALES_ASKS, no_currency=False),
    "sample_sales": Dataset("sample_sales", _one("sales_data_sample", lambda: shapes.sample_sales(2823, seed=11)),
                            _only(_sample_sales), SAMPLE_SALES_ASKS, encoding="cp1252"),
    "customer_shopping": Dataset("customer_shopping",
                                 _one("customer_shopping_data", lambda: shapes.customer_shopping(3000, seed=12)),
                                 _only(_customer_shopping), CUSTOMER_SHOPPING_ASKS),
    "flipkart": Dataset("flipkart", _one("flipkart_com-ecommerce_sample", lambda: shapes.flipkart(2000, seed=13)),
                        _only(_flipkart), FLIPKART_ASKS),
}
def dataset_cases(datasets: dict[str, Dataset], wrong_today: frozenset[str]) -> list[Any]:
    """One test case per dataset question; those answered wrong today are strict expected failures."""
    return [pytest.param(name, ask, id=f"{name}: {ask.question}",
                         marks=[pytest.mark.xfail(strict=True)] if f"{name}: {ask.question}" in wrong_today else [])
            for name, d in datasets.items() for ask in d.asks]


#: A currency sign or code: an answer on data that name no currency must show none.
_CURRENCY = re.compile(r"[$£€₹]|\b(?:GBP|USD|EUR|INR|PKR)\b")


def ask_and_check(datasets: dict[str, Dataset], homes: dict[str, tuple[Path, pd.DataFrame]], dataset: str,
                  ask: Ask, check: Callable[[Ask, str, pd.DataFrame], None], monkeypatch: pytest.MonkeyPatch,
                  capsys: pytest.CaptureFixture[str]) -> None:
    """Ask ``ask`` of the dataset's home through the CLI, check the answer against the data, and that a dataset
    naming no currency is answered without one."""
    home, frame = homes[dataset]
    answer = ask_cli(home, ask.question, monkeypatch, capsys)
    check(ask, answer, frame)
    if datasets[dataset].no_currency:
        assert not _CURRENCY.search(answer), answer


def dataset_homes(tmp_path_factory: pytest.TempPathFactory,
                  datasets: dict[str, Dataset]) -> dict[str, tuple[Path, pd.DataFrame]]:
    """Each dataset ingested once through the CLI, file by file, into its own embedded home; with its truth frame."""
    made: dict[str, tuple[Path, pd.DataFrame]] = {}
    for name, dataset in datasets.items():
        files = dataset.files()
        made[name] = (ingest_files(tmp_path_factory.mktemp(name), files, dataset.encoding), dataset.frame(files))
    return made


#: Answered wrong today (each is fixed at its cause, then taken off this list). The catalogue questions of the
#: Amazon Sales Dataset and Flipkart's need catalogue measures the metrics layer does not have yet (price and list
#: price by product and category): they are read as sales or competitor-price questions and refused.
WRONG_TODAY: frozenset[str] = frozenset({
    "amazon_sales: Which category has the highest average discount?",
})
CASES = dataset_cases(DATASETS, WRONG_TODAY)


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, pd.DataFrame]]]:
    """Each dataset ingested once through the CLI into its own embedded home."""
    yield dataset_homes(tmp_path_factory, DATASETS)


@pytest.mark.parametrize(("dataset", "ask"), CASES)
def test_question_of_a_public_dataset(dataset: str, ask: Ask, homes: dict[str, tuple[Path, pd.DataFrame]],
                                      monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ask_and_check(DATASETS, homes, dataset, ask, _check, monkeypatch, capsys)


def test_a_count_of_products_reads_every_product_not_the_first_thousand(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Olist sells 32,951 products: "how many different products did we sell" counts them all."""
    lines = ["sku,date,units,revenue"] + [f"SKU-{i:05d},2024-03-{1 + i % 28:02d},1,9.50" for i in range(1500)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n")
    assert main(["ingest", str(path), "--tenant", "acme", "--json"]) == 0
    capsys.readouterr()
    assert main(["ask", "How many different products did we sell in March 2024?", "--tenant", "acme", "--json",
                 "--no-cache"]) == 0
    answer = Report.model_validate(json.loads(capsys.readouterr().out)).answer
    assert answer.startswith("1,500 products sold at least one unit in March 2024"), answer
