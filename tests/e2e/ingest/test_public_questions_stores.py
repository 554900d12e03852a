"""Store-level public retail datasets' questions through the real CLI, against pandas truths.

Walmart's two Kaggle sets (weekly revenue per store, or per store and department), Rossmann (daily revenue and a
customer count per store), the Store Item Demand Forecasting Challenge (daily units per store and item), the Retail
Store Inventory Forecasting Dataset (sales, stock and a competitor's price on one row), Retail Price Optimization
(monthly sales per product with three competitors' prices) and Bibitor's Inventory Analysis Case Study (a liquor
chain's sales, inventories and purchases), each generated in its published shape (``tests/fixtures/public/
store_shapes.py``), ingested file by file with ``ecomintel ingest`` and asked what a merchant asks of it. What a
dataset cannot answer (units of revenue-only totals, orders of daily totals) must be said in the first sentence.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest.test_public_questions import (
    Ask,
    Dataset,
    _first_sentence,
    _last_whole_month,
    _mom_pct,
    _month,
    _top,
    _weekday,
    ask_and_check,
    dataset_cases,
    dataset_homes,
)
from tests.e2e.ingest.test_public_questions_more import Says, check
from tests.fixtures.public import store_shapes


@dataclass(frozen=True)
class Answers:
    """The truth of a question whose figures are a model's (a forecast, days of cover): the first sentence answers
    it (``pattern``, with a figure), and refuses nothing."""

    pattern: str


def check_store(ask: Ask, answer: str, frame: pd.DataFrame) -> None:
    """``check``, and for a model's answer: the answer up front with a figure, not a refusal."""
    truth = ask.truth(frame)
    if isinstance(truth, Answers):
        sentence = _first_sentence(answer)
        assert re.search(truth.pattern, sentence, re.I) and re.search(r"\d", sentence), answer
        assert not re.search(r"\b(?:could not|cannot|can't|needs)\b", sentence, re.I), answer
        return
    check(ask, answer, frame)


def _units_mom(frame: pd.DataFrame) -> float:
    return _mom_pct(frame.assign(value=frame["qty"]))


NO_UNITS = Says(r"^Your sales data are revenue totals per store and (?:week|day) with no units, so units sold "
                r"cannot be counted")
NO_PRODUCTS = Says(r"^Your sales data are revenue totals per store and (?:week|day), naming no product, so .* "
                   r"cannot be split by product")
NO_PRICES = Says(r"needs prices \(a unit price or a line total\) on your sales lines")
NO_COMPETITORS = Says(r"competitor price")
NO_STOCK = Says(r"inventory|stock")


def _orders(period: str) -> Says:
    return Says(rf"^Your sales data are totals per {period}\b.*not orders, so orders cannot be counted")


# "8 SKUs are expected to sell ...", the store's series "We expect to sell ... across all 50 SKUs", or where "sales" is
# read as money, the store's series valued at its recent revenue per unit: "We expect revenue of about ..."
FORECAST = Ask("Forecast sales for the next 4 weeks",
               lambda f: Answers(r"\bexpect(?:ed)? to (?:sell|bring in)\b|^We expect revenue of about \S*\d"))
#: revenue totals give no units: no demand in units can be forecast, and the answer says why up front
NO_UNITS_FORECAST = Ask("How many units will we sell next month?", lambda f: Says(
    r"^Could not answer the demand forecast: your sales data are revenue totals with no units"))
#: but the money is given: a revenue (or "sales") forecast forecasts the revenue totals themselves
REVENUE_FORECASTS = [Ask(q, lambda f: Answers(r"^We expect revenue of about \S*\d[\d,]*\.\d\d over the next \d+ days"))
                     for q in ("What will revenue be next month?", "Forecast sales for the next 4 weeks")]
RUNS_OUT = Ask("Which products will run out of stock?", lambda f: Answers(r"\b(?:will|could) run out\b"))


def _above_competitors(frame: pd.DataFrame) -> int:
    """SKUs priced more than 5% above the median competitor on their latest day with both prices: our price that
    day is the average selling price over the SKU's lines (revenue / units), the competitors' their median."""
    sold = frame[frame["qty"] > 0]
    days = sold.groupby(["sku", "day"]).agg(value=("value", "sum"), qty=("qty", "sum")).reset_index()
    days["ours"] = days["value"] / days["qty"]
    comps = frame.groupby(["sku", "day"])["comp"].median().rename("median").reset_index()
    both = days.merge(comps, on=["sku", "day"]).sort_values("day").groupby("sku").tail(1)
    return int((100 * both["ours"] / both["median"] - 100 > 5.0).sum())


def _best_week(frame: pd.DataFrame) -> Answers:
    """The week (Monday to Sunday) with the most revenue in the last 26 weeks (182 days to the data's last day),
    named by its Monday ("28 Feb 2022"), its revenue after."""
    frame = frame[frame["day"] > frame["day"].max() - pd.Timedelta(days=182)]
    weeks = frame.assign(week=(frame["day"] - pd.to_timedelta(frame["day"].dt.weekday, unit="D")))
    name, value = _top(weeks.assign(week=weeks["week"].dt.strftime("%Y-%m-%d")), "week")
    monday = pd.Timestamp(name)
    return Answers(rf"highest in the week of {monday.day} {monday:%b %Y} \({value:,.2f}\)")


# Walmart Dataset (Walmart.csv): revenue per store and week (dated by the week's Friday, dd-mm-yyyy); no units,
# products, orders or customers.
def _walmart(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(files["Walmart.csv"]))
    return pd.DataFrame({"store": "store " + raw["Store"].astype(str), "value": raw["Weekly_Sales"],
                         "day": pd.to_datetime(raw["Date"], format="%d-%m-%Y")})


WALMART_ASKS = [
    Ask("What was revenue last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("What was revenue in December 2010?", lambda f: round(_month(f, "2010-12")["value"].sum(), 2)),
    Ask("Which store had the most revenue?", lambda f: _top(f, "store")),
    Ask("Which store had the most revenue last month?", lambda f: _top(_last_whole_month(f), "store")),
    Ask("What was revenue of store 2 in March 2010?",
        lambda f: ("store 2", round(_month(f[f["store"] == "store 2"], "2010-03")["value"].sum(), 2))),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("How many units did we sell last month?", lambda f: NO_UNITS),
    Ask("Which product made the most revenue?", lambda f: NO_PRODUCTS),
    Ask("How many orders did we have last month?", lambda f: _orders("week")),
    NO_UNITS_FORECAST,
    *REVENUE_FORECASTS,
]


# Walmart Recruiting (train.csv): revenue per store, department and week (ISO Fridays); a negative week (more
# returned than sold) is a return: its amount is refunded, not revenue.
def _walmart_recruiting(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(files["train.csv"]))
    sales = raw["Weekly_Sales"]
    return pd.DataFrame({"store": "store " + raw["Store"].astype(str), "dept": "dept " + raw["Dept"].astype(str),
                         "value": sales.clip(lower=0), "refund": (-sales).clip(lower=0),
                         "day": pd.to_datetime(raw["Date"], format="%Y-%m-%d")})


WALMART_RECRUITING_ASKS = [
    Ask("What was revenue last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("What was revenue in November 2010?", lambda f: round(_month(f, "2010-11")["value"].sum(), 2)),
    Ask("Which store had the most revenue?", lambda f: _top(f, "store")),
    Ask("Which department had the most revenue?", lambda f: _top(f, "dept")),
    Ask("How much did we refund?", lambda f: round(f["refund"].sum(), 2)),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("How many units did we sell last month?", lambda f: NO_UNITS),
    Ask("How many orders did we have last month?", lambda f: _orders("week")),
    NO_UNITS_FORECAST,
    *REVENUE_FORECASTS,
]


# Rossmann (train.csv): revenue and a customer count per store and day; closed days are 0 sales.
def _rossmann(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(files["train.csv"]), dtype={"StateHoliday": str})
    return pd.DataFrame({"store": "store " + raw["Store"].astype(str), "value": raw["Sales"].astype(float),
                         "visits": raw["Customers"], "day": pd.to_datetime(raw["Date"], format="%Y-%m-%d")})


ROSSMANN_ASKS = [
    Ask("What was revenue last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("What was revenue in May 2015?", lambda f: round(_month(f, "2015-05")["value"].sum(), 2)),
    Ask("Which store had the most revenue?", lambda f: _top(f, "store")),
    Ask("Which store had the most revenue in June 2015?", lambda f: _top(_month(f, "2015-06"), "store")),
    Ask("Which day of the week has the most revenue?", _weekday),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("What is the weekly revenue trend?", _best_week),
    Ask("How many units did we sell last month?", lambda f: NO_UNITS),
    Ask("Which product sold the most?", lambda f: NO_PRODUCTS),
    # Customers is the day's visits, not distinct customers: not stored, and not answered as customers
    Ask("How many customers did we have last month?", lambda f: Says(r"needs a customer id")),
    Ask("How many orders did we have last month?", lambda f: _orders("day")),
    NO_UNITS_FORECAST,
    *REVENUE_FORECASTS,
]


# Store Item Demand (train.csv): units per day, store and item; no prices.
def _store_item(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(files["train.csv"]))
    return pd.DataFrame({"sku": "item " + raw["item"].astype(str), "store": "store " + raw["store"].astype(str),
                         "qty": raw["sales"], "day": pd.to_datetime(raw["date"], format="%Y-%m-%d")})


STORE_ITEM_ASKS = [
    Ask("How many units did we sell last month?", lambda f: int(_last_whole_month(f)["qty"].sum())),
    Ask("How many units did we sell in March 2017?", lambda f: int(_month(f, "2017-03")["qty"].sum())),
    Ask("Which product sold the most units?", lambda f: _top(f, "sku", "qty")),
    Ask("Which store sold the most units?", lambda f: _top(f, "store", "qty")),
    Ask("How many units of item 3 did we sell last month?",
        lambda f: ("item 3", int(_last_whole_month(f, f["sku"] == "item 3")["qty"].sum()))),
    Ask("Which day of the week sells the most units?",
        lambda f: _top(f.assign(wd=f["day"].dt.day_name()), "wd", "qty")),
    Ask("How did units sold change month over month?", _units_mom, percent=True),
    Ask("What was revenue last month?", lambda f: NO_PRICES),
    Ask("How many orders did we have last month?", lambda f: _orders("day")),
    FORECAST,
]


# Retail Store Inventory Forecasting: per day, store and product, units sold at Price less Discount (a
# percentage), the day's Inventory Level, and a competitor's price.
def _inventory(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(files["retail_store_inventory.csv"]))
    gross = (raw["Units Sold"] * raw["Price"]).round(2)
    return pd.DataFrame({"sku": raw["Product ID"], "store": raw["Store ID"], "category": raw["Category"],
                         "region": raw["Region"], "qty": raw["Units Sold"], "value": gross,
                         "stock": raw["Inventory Level"], "price": raw["Price"], "comp": raw["Competitor Pricing"],
                         "day": pd.to_datetime(raw["Date"], format="%Y-%m-%d")})


def _stock_on_hand(frame: pd.DataFrame) -> int:
    last = frame[frame["day"] == frame["day"].max()]
    return int(last["stock"].sum())


INVENTORY_ASKS = [
    Ask("What was revenue last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("How many units did we sell in February 2022?", lambda f: int(_month(f, "2022-02")["qty"].sum())),
    Ask("Which product sold the most units?", lambda f: _top(f, "sku", "qty")),
    Ask("Which category had the most revenue?", lambda f: _top(f, "category")),
    Ask("Which store sold the most units?", lambda f: _top(f, "store", "qty")),
    Ask("Which region had the most revenue?", lambda f: _top(f, "region")),
    Ask("How many units do we have in stock?", _stock_on_hand),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("How many orders did we have last month?", lambda f: _orders("day")),
    Ask("Which products are priced above competitors?", _above_competitors),
    Ask("What is the weekly revenue trend?", _best_week),
    FORECAST,
    RUNS_OUT,
]


# Retail Price Optimization: per product and month, qty at unit_price (total_price their product), three
# competitors' prices.
def _price_opt(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(files["retail_price.csv"]))
    return pd.DataFrame({"sku": raw["product_id"], "category": raw["product_category_name"], "qty": raw["qty"],
                         "value": raw["total_price"], "price": raw["unit_price"],
                         "comp": raw[["comp_1", "comp_2", "comp_3"]].median(axis=1),
                         "day": pd.to_datetime(raw["month_year"], format="%d-%m-%Y")})


PRICE_ASKS = [
    Ask("What was revenue in March 2018?", lambda f: round(_month(f, "2018-03")["value"].sum(), 2)),
    Ask("What was revenue last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("How many units did we sell in 2017?", lambda f: int(f[f["day"].dt.year == 2017]["qty"].sum())),
    Ask("Which category had the most revenue?", lambda f: _top(f, "category")),
    Ask("Which product sold the most units?", lambda f: _top(f, "sku", "qty")),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("How many orders did we have last month?", lambda f: _orders("month")),
    Ask("Which products are priced above competitors?", _above_competitors),
    Ask("How many units do we have in stock?", lambda f: NO_STOCK),
]


# Bibitor: sales lines per store, brand and day (SalesDollars the line's total); ending inventory on 31 Dec.
def _bibitor(files: dict[str, str]) -> pd.DataFrame:
    raw = pd.read_csv(io.StringIO(files["SalesFINAL12312016.csv"]))
    return pd.DataFrame({"sku": raw["Brand"].astype(str), "title": raw["Description"],
                         "store": "store " + raw["Store"].astype(str), "qty": raw["SalesQuantity"],
                         "value": raw["SalesDollars"], "day": pd.to_datetime(raw["SalesDate"], format="%m/%d/%Y")})


def _bibitor_stock(files: dict[str, str]) -> int:
    return int(pd.read_csv(io.StringIO(files["EndInvFINAL12312016.csv"]))["onHand"].sum())


BIBITOR_ASKS = [
    Ask("What was revenue last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("What was revenue in February 2016?", lambda f: round(_month(f, "2016-02")["value"].sum(), 2)),
    Ask("How many units did we sell in March 2016?", lambda f: int(_month(f, "2016-03")["qty"].sum())),
    Ask("Which product made the most revenue?", lambda f: _top(f, "title")),
    Ask("Which store had the most revenue?", lambda f: _top(f, "store")),
    Ask("Which day of the week has the most revenue?", _weekday),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("How many units do we have in stock?", lambda f: int(f.attrs["stock"])),
    Ask("How many orders did we have last month?", lambda f: _orders("day")),
    Ask("Which products are priced above competitors?", lambda f: NO_COMPETITORS),
]


def _with_stock(files: dict[str, str]) -> pd.DataFrame:
    frame = _bibitor(files)
    frame.attrs["stock"] = _bibitor_stock(files)
    return frame


WALMART_RECRUITING_ORDER = ("train.csv", "stores.csv", "features.csv")
BIBITOR_ORDER = ("BegInvFINAL12312016.csv", "SalesFINAL12312016.csv", "PurchasesFINAL12312016.csv",
                 "2017PurchasePricesDec.csv", "InvoicePurchases12312016.csv", "EndInvFINAL12312016.csv")
DATASETS: dict[str, Dataset] = {
    "walmart": Dataset("walmart", lambda: store_shapes.walmart(seed=41), _walmart, WALMART_ASKS),
    "walmart_recruiting": Dataset(
        "walmart_recruiting",
        lambda: {n: store_shapes.walmart_recruiting(seed=42)[n] for n in WALMART_RECRUITING_ORDER},
        _walmart_recruiting, WALMART_RECRUITING_ASKS),
    "rossmann": Dataset("rossmann", lambda: store_shapes.rossmann(seed=43), _rossmann, ROSSMANN_ASKS),
    "store_item_demand": Dataset("store_item_demand", lambda: store_shapes.store_item_demand(seed=44), _store_item,
                                 STORE_ITEM_ASKS),
    "retail_store_inventory": Dataset("retail_store_inventory", lambda: store_shapes.retail_store_inventory(seed=45),
                                      _inventory, INVENTORY_ASKS),
    "retail_price": Dataset("retail_price", lambda: store_shapes.retail_price(seed=46), _price_opt, PRICE_ASKS),
    "bibitor": Dataset("bibitor", lambda: {n: store_shapes.bibitor(seed=47)[n] for n in BIBITOR_ORDER},
                       _with_stock, BIBITOR_ASKS),
}
#: Answered wrong today (each is fixed at its cause, then taken off this list).
WRONG_TODAY: frozenset[str] = frozenset()
CASES = dataset_cases(DATASETS, WRONG_TODAY)


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, pd.DataFrame]]]:
    """Each dataset ingested once through the CLI into its own embedded home, file by file."""
    yield dataset_homes(tmp_path_factory, DATASETS)


@pytest.mark.parametrize(("dataset", "ask"), CASES)
def test_question_of_a_store_dataset(dataset: str, ask: Ask, homes: dict[str, tuple[Path, pd.DataFrame]],
                                     monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ask_and_check(DATASETS, homes, dataset, ask, check_store, monkeypatch, capsys)
