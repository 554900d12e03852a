"""Stock value, promotion shares and month to date, asked of a generated merchant: truths computed with pandas."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from shared.ingest.client import ingest_path
from shared.orchestration.client import ask
from tests.e2e.questions.conftest import END, TENANT, Ingested


def numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"-?\d[\d,]*\.?\d*", text)]


def states(text: str, value: float, tol: float = 0.01) -> bool:
    return any(abs(n - value) <= tol for n in numbers(text))


def answer(shop: Ingested, question: str, tenant: str = TENANT, as_of: str | None = None) -> str:
    resp = ask(shop.deps, question, tenant=tenant, use_cache=False, as_of=as_of)
    assert resp.report is not None
    return resp.report.answer


def _latest_stock(shop: Ingested) -> pd.DataFrame:
    inv = shop.merchant.inventory.assign(date=lambda f: pd.to_datetime(f["date"]).dt.date)
    return inv.sort_values("date", kind="stable").groupby(["sku", "location"]).tail(1)


@pytest.mark.parametrize("question", ["How much is our inventory worth?", "what's the value of our stock?"])
def test_stock_value_is_cost_times_on_hand_at_the_latest_count(shop: Ingested, question: str) -> None:
    latest = _latest_stock(shop).merge(shop.merchant.products[["sku", "cost"]], on="sku")
    value = float((latest["on_hand"] * latest["cost"]).sum())
    text = answer(shop, question)
    first = text.split(". ")[0]
    assert states(first, value) and "at cost" in first and "latest stock count" in first, text
    assert first.startswith("Stock at the latest stock count (counted up to 31 Mar 2025)"), text  # its date, said
    assert "$" in first  # the catalogue names USD: the amount says so


def test_stock_value_by_category(shop: Ingested) -> None:
    latest = _latest_stock(shop).merge(shop.merchant.products[["sku", "cost", "category"]], on="sku")
    by_cat = (latest["on_hand"] * latest["cost"]).groupby(latest["category"]).sum().sort_values(ascending=False)
    text = answer(shop, "inventory value by category")
    positions = [text.find(str(c)) for c in by_cat.index]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), text
    assert all(states(text, float(v)) for v in by_cat.values), text


def test_skus_without_a_cost_count_at_their_price_and_are_said(shop: Ingested, tmp_path: Path) -> None:
    tenant = "nocost"
    products = shop.merchant.products.copy()
    lacking = sorted(products["sku"])[:3]
    products.loc[products["sku"].isin(lacking), "cost"] = None
    for kind, frame in (("products", products), ("inventory", shop.merchant.inventory)):
        path = tmp_path / f"{kind}.csv"
        frame.to_csv(path, index=False)
        assert ingest_path(shop.deps, path, tenant, kind).status == "processed"
    latest = _latest_stock(shop).merge(products[["sku", "cost", "price"]], on="sku")
    at_cost = float((latest["on_hand"] * latest["cost"]).sum())
    no_cost = latest[latest["cost"].isna()]
    at_price = float((no_cost["on_hand"] * no_cost["price"]).sum())
    in_stock = latest[latest["on_hand"] > 0]
    text = answer(shop, "How much is our stock worth?", tenant)
    assert states(text, at_cost + at_price) and states(text, at_cost) and states(text, at_price), text
    assert f"{in_stock[in_stock['cost'].isna()]['sku'].nunique()} of the {in_stock['sku'].nunique()} SKUs" in text
    assert "current catalogue price" in text


@pytest.mark.parametrize("question", ["What's in stock right now?", "how many units of stock do we have?"])
def test_a_refused_latest_count_leaves_the_skus_count_before(shop: Ingested, tmp_path: Path, question: str) -> None:
    """A SKU whose count on the last day was refused (a negative on hand) is at its latest accepted count."""
    tenant = "refusedcount"
    inventory = shop.merchant.inventory.copy()
    day = pd.to_datetime(inventory["date"]).dt.date
    refused = sorted(inventory.loc[day == END, "sku"].unique())[0]
    last = (inventory["sku"] == refused) & (day == END)
    assert last.sum() == 1 and (inventory["sku"] == refused).sum() > 1
    inventory.loc[last, "on_hand"] = -5
    for kind, frame in (("products", shop.merchant.products), ("inventory", inventory)):
        path = tmp_path / f"{kind}.csv"
        frame.to_csv(path, index=False)
        assert ingest_path(shop.deps, path, tenant, kind).status == "processed"
    kept = inventory[~last].assign(date=lambda f: pd.to_datetime(f["date"]).dt.date)
    latest = kept.sort_values("date", kind="stable").groupby(["sku", "location"]).tail(1)
    before = int(latest.loc[latest["sku"] == refused, "on_hand"].iloc[0])
    counted_that_day = int(latest.loc[latest["date"] == END, "on_hand"].sum())
    total = int(latest["on_hand"].sum())
    assert before > 0 and total != counted_that_day
    text = answer(shop, question, tenant)
    assert states(text.split(". ")[0], float(total)), text  # not the SKUs counted on the last day alone


def _promoted(shop: Ingested) -> pd.DataFrame:
    s = shop.sales()
    sold = s[s["units"] > 0]
    return sold.assign(promoted=sold["promo"].astype(bool) | (sold["discount"].fillna(0) > 0))


def test_share_of_orders_discounted_last_month(shop: Ingested) -> None:
    lines = _promoted(shop)
    march = lines[lines["date"] >= date(2025, 3, 1)]
    orders = march.groupby("order_id")["promoted"].any()
    text = answer(shop, "What percent of orders were discounted last month?")
    first = text.split(": ")[0]
    assert states(first, float(orders.mean() * 100), 0.06) and "March 2025" in first, text
    assert states(text, float(orders.sum())) and states(text, float(len(orders))), text


def test_share_of_sales_on_promotion(shop: Ingested) -> None:
    lines = _promoted(shop)
    q1 = lines[(lines["date"] >= date(2025, 1, 1)) & (lines["date"] <= date(2025, 3, 31))]
    share = float(q1.loc[q1["promoted"], "revenue"].sum() / q1["revenue"].sum() * 100)
    text = answer(shop, "share of sales on promotion in Q1 2025")
    assert states(text.split(": ")[0], share, 0.06) and "Q1 2025" in text, text


def test_month_to_date_compares_the_same_days_of_the_month_before(shop: Ingested) -> None:
    s = shop.sales()
    now = float(s[(s["date"] >= date(2025, 3, 1)) & (s["date"] <= date(2025, 3, 14))]["revenue"].sum())
    before = float(s[(s["date"] >= date(2025, 2, 1)) & (s["date"] <= date(2025, 2, 14))]["revenue"].sum())
    text = answer(shop, "How are we doing this month so far vs last month?", as_of="2025-03-14")
    assert states(text, now) and states(text, before), text
    assert "1-14 Mar 2025" in text and "1-14 Feb 2025" in text, text
    assert END == date(2025, 3, 31)


def test_a_named_product_runs_out_counted_from_its_stock_count(shop: Ingested, tmp_path: Path) -> None:
    """The vase's count (60 on hand, 20 days before the data ends) less the 20 sold since, at the rate since."""
    tenant = "vases"
    counted = pd.Timestamp(END) - pd.Timedelta(days=20)
    products = pd.DataFrame({"sku": ["VASE-1", "TRAY-1"], "title": ["Ceramic Vase", "Oak Tray"],
                             "price": [30.0, 20.0], "cost": [12.0, 8.0], "currency": ["USD", "USD"]})
    days = pd.date_range(end=pd.Timestamp(END), periods=90, freq="D")
    vase = pd.DataFrame({"sku": "VASE-1", "date": days[days <= pd.Timestamp(END) - pd.Timedelta(days=10)],
                         "units": 2})
    tray = pd.DataFrame({"sku": "TRAY-1", "date": days, "units": 1})  # the data runs to END through the tray
    sales = pd.concat([vase, tray], ignore_index=True)
    sales = sales.assign(date=sales["date"].dt.date, unit_price=30.0, order_id=[f"O-{i}" for i in range(len(sales))])
    inventory = pd.DataFrame({"sku": ["VASE-1", "TRAY-1"], "date": [counted.date(), END], "on_hand": [60, 500],
                              "lead_time_days": [7, 7], "location": ["main", "main"]})
    for kind, frame in (("products", products), ("sales", sales), ("inventory", inventory)):
        path = tmp_path / f"{kind}.csv"
        frame.to_csv(path, index=False)
        assert ingest_path(shop.deps, path, tenant, kind).status == "processed"
    sold_since = float(vase[vase["date"] > counted]["units"].sum())  # 10 selling days after the count
    rate = sold_since / (pd.Timestamp(END) - counted).days
    run_out = (pd.Timestamp(END) + pd.Timedelta(days=int((60 - sold_since) / rate))).date()
    text = answer(shop, "When will the ceramic vase run out?", tenant)
    assert text.startswith(f"Ceramic Vase (VASE-1) runs out around {run_out.isoformat()}"), text  # named
    assert f"less {sold_since:.0f} sold since" in text and counted.date().isoformat() in text, text


@pytest.mark.parametrize(("question", "all_time"), [
    ("How much stock is left of our bestseller?", False),
    ("How many units of our best-selling product do we have in stock?", False),
    ("How much stock do we have of our all-time bestseller?", True),
])
def test_the_bestsellers_stock_is_its_on_hand_at_the_latest_count_named(shop: Ingested, question: str,
                                                                        all_time: bool) -> None:
    sold = shop.sales()
    start = sold["date"].min() if all_time else sold["date"].max() - pd.Timedelta(days=89)
    units = sold[sold["date"] >= start].groupby("sku")["units"].sum().sort_values(ascending=False, kind="stable")
    best = str(units.index[0])
    latest = _latest_stock(shop)
    on_hand = int(latest.loc[latest["sku"] == best, "on_hand"].sum())
    title = str(shop.merchant.products.set_index("sku").loc[best, "title"])
    text = answer(shop, question)
    first = text.split(". ")[0]
    total = int(latest["on_hand"].sum())
    assert first.startswith(f"{on_hand:,} unit") and f"{title} ({best})" in first, (text, on_hand, total)
    assert states(text, float(units.iloc[0])) and ("all your sales" in text) is all_time, text
    assert on_hand != total and units.iloc[0] > units.iloc[1]  # one SKU, not the store; no tie for the top


@pytest.mark.parametrize("question", ["How many SKUs have no cost in the catalogue?",
                                      "which products are missing a cost?"])
def test_products_without_a_cost_are_counted_from_the_catalogue_and_named(shop: Ingested, tmp_path: Path,
                                                                          question: str) -> None:
    tenant = "uncosted"
    products = shop.merchant.products.copy()
    lacking = sorted(products["sku"])[-2:]
    products.loc[products["sku"].isin(lacking), "cost"] = None
    path = tmp_path / "products.csv"
    products.to_csv(path, index=False)
    assert ingest_path(shop.deps, path, tenant, "products").status == "processed"
    text = answer(shop, question, tenant)
    assert text.startswith(f"2 of your {len(products)} catalogue products have no cost: "), text
    titles = products.set_index("sku")["title"]
    assert all(f"{titles[s]} ({s})" in text for s in lacking), text


def test_a_year_of_one_day_says_so_and_gives_the_last_complete_year(shop: Ingested) -> None:
    """Data ending 1 Jan: the year so far is 1 day, said first, then the last complete year's figure."""
    s = shop.sales()
    day = float(s[s["date"] == date(2025, 1, 1)]["revenue"].sum())
    year = float(s[(s["date"] >= date(2024, 1, 1)) & (s["date"] <= date(2024, 12, 31))]["revenue"].sum())
    text = answer(shop, "How did we do this year", as_of="2025-01-01")
    assert text.startswith("2025 so far is 1 day (1 Jan 2025): revenue in 2025 to date (1 Jan 2025) was"), text
    first, _, rest = text.partition(" For the last complete year, ")
    assert states(first, day) and rest.startswith("revenue in 2024 (1 Jan - 31 Dec 2024) was"), text
    assert states(rest, year), text
