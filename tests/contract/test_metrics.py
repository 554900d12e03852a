"""The metrics layer on every warehouse (DuckDB, the BigQuery emulator), checked against pandas truth.

The rows are inserted once per engine (module scope); each test compiles a query through the layer and
compares every value with the same quantity computed from the inserted frames in ``metrics_truth``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, cast

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.store.metrics.catalog import DIMENSIONS, METRICS
from shared.store.metrics.compile import MetricQueryError, compile_metric_query
from shared.store.metrics.model import MetricQuery, TimeRange
from shared.store.metrics.run import run_metric_query
from tests.contract.conftest import ADAPTER_FAMILIES, adapter
from tests.contract.metrics_truth import (
    OTHER,
    TENANT,
    close,
    in_range,
    key_of,
    known,
    price_truth,
    review_truth,
    sales_truth,
    seed,
    stock_truth,
    with_catalogue,
)

Q1 = TimeRange(start=date(2025, 1, 1), end=date(2025, 3, 31), label="Q1 2025")
SALES_METRICS = ["revenue", "net_revenue", "discounts", "refunds", "units", "returned_units", "return_rate",
                 "orders", "aov", "units_per_order", "asp", "cost", "margin", "margin_pct", "discount_rate",
                 "refund_rate", "customers", "repeat_customer_rate"]


class Seeded:
    """A warehouse holding both tenants' rows, and the first tenant's frames."""

    def __init__(self, warehouse: Any, frames: dict[str, pd.DataFrame]) -> None:
        self.warehouse = warehouse
        self.frames = frames
        self.products = frames["products"]
        self.sales = with_catalogue(frames["sales"], self.products)

    def run(self, **query: Any) -> Any:
        return run_metric_query(self.warehouse, MetricQuery(tenant_id=query.pop("tenant_id", TENANT), **query))


@pytest.fixture(scope="module", params=ADAPTER_FAMILIES)
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    with adapter(request.param, "warehouse", tmp_path_factory.mktemp("metrics")) as warehouse:
        yield Seeded(warehouse, seed(warehouse))


def _assert_row(row: dict[str, Any], truth: dict[str, Any], metrics: list[str]) -> None:
    for m in metrics:
        assert close(row[m], truth[m]), (m, row[m], truth[m])


def test_value_for_a_period_every_sales_metric(seeded: Seeded) -> None:
    truth = sales_truth(in_range(seeded.sales, Q1.start, Q1.end))
    for part in (SALES_METRICS[:8], SALES_METRICS[8:16], SALES_METRICS[16:]):
        rows = seeded.run(metrics=part, time_range=Q1).rows
        assert len(rows) == 1
        _assert_row(rows[0], truth, part)
    result = seeded.run(metrics=SALES_METRICS[:8], time_range=Q1)
    assert result.currency == "EUR"
    assert isinstance(result.rows[0]["orders"], int) and isinstance(result.rows[0]["revenue"], float)
    assert result.statement.params["tenant"] == TENANT
    assert "@tenant" in result.statement.sql or "$tenant" in result.statement.sql


def test_breakdown_with_share_of_total(seeded: Seeded) -> None:
    result = seeded.run(metrics=["revenue", "aov"], dimensions=["category"], time_range=Q1, share_of_total=True,
                        order_by="revenue")
    rows = in_range(seeded.sales, Q1.start, Q1.end)
    total = sales_truth(rows)["revenue"]
    want = {cat: sales_truth(g) for cat, g in rows.groupby("category", dropna=False)}
    assert [r["category"] for r in result.rows] == sorted(want, key=lambda c: -(want[c]["revenue"] or 0))
    for row in result.rows:
        _assert_row(row, want[row["category"]], ["revenue", "aov"])
        assert close(row["revenue_share"], known(want[row["category"]]["revenue"]) / known(total))
        assert row["aov_share"] is None  # a ratio has no share of a total
    assert close(sum(r["revenue_share"] for r in result.rows), 1.0)


def test_top_n_products_and_bottom_n(seeded: Seeded) -> None:
    rows = in_range(seeded.sales, Q1.start, Q1.end)
    want = {p: known(sales_truth(g)["units"]) for p, g in rows.groupby("product")}
    ranked = sorted(want, key=lambda p: (-want[p], p))
    top = seeded.run(metrics=["units"], dimensions=["product"], time_range=Q1, order_by="units", limit=2)
    assert [(r["product"], r["units"]) for r in top.rows] == [(p, want[p]) for p in ranked[:2]]
    assert top.truncated
    bottom = seeded.run(metrics=["units"], dimensions=["product"], time_range=Q1, order_by="units",
                        descending=False, limit=1)
    low = sorted(want, key=lambda p: (want[p], p))[0]
    assert bottom.rows == [{"product": low, "units": want[low]}]


def test_previous_period_of_a_quarter_is_the_previous_quarter(seeded: Seeded) -> None:
    result = seeded.run(metrics=["revenue", "orders"], time_range=Q1, compare="previous_period")
    assert result.previous_range is not None
    assert (result.previous_range.start, result.previous_range.end) == (date(2024, 10, 1), date(2024, 12, 31))
    now = sales_truth(in_range(seeded.sales, Q1.start, Q1.end))
    before = sales_truth(in_range(seeded.sales, date(2024, 10, 1), date(2024, 12, 31)))
    row = result.rows[0]
    assert close(row["revenue"], now["revenue"]) and close(row["revenue_previous"], before["revenue"])
    assert row["orders_previous"] == before["orders"]
    assert close(row["revenue_change_pct"],
                 100 * (known(now["revenue"]) - known(before["revenue"])) / known(before["revenue"]))


@pytest.mark.parametrize("descending", [True, False])
def test_ranking_by_change_against_the_period_before(seeded: Seeded, descending: bool) -> None:
    now = {p: sales_truth(g)["revenue"] for p, g in in_range(seeded.sales, Q1.start, Q1.end).groupby("product")}
    before = {p: sales_truth(g)["revenue"]
              for p, g in in_range(seeded.sales, date(2024, 10, 1), date(2024, 12, 31)).groupby("product")}
    change = {p: 100 * (known(now[p]) - known(before[p])) / abs(known(before[p])) for p in now if before.get(p)}
    ranked = sorted(change, key=lambda p: (-change[p] if descending else change[p], p))
    result = seeded.run(metrics=["revenue"], dimensions=["product"], time_range=Q1, compare="previous_period",
                        order_by="revenue", order_by_change=True, descending=descending, limit=2)
    assert [r["product"] for r in result.rows] == ranked[:2]
    assert all(close(r["revenue_change_pct"], change[r["product"]]) for r in result.rows)


def test_a_february_against_the_same_month_of_a_leap_year_reads_its_29th(seeded: Seeded) -> None:
    feb = TimeRange(start=date(2025, 2, 1), end=date(2025, 2, 28), label="February 2025")
    result = seeded.run(metrics=["revenue", "units"], time_range=feb, compare="previous_year")
    assert result.previous_range is not None
    assert (result.previous_range.start, result.previous_range.end) == (date(2024, 2, 1), date(2024, 2, 29))
    before = sales_truth(in_range(seeded.sales, date(2024, 2, 1), date(2024, 2, 29)))
    without_29th = sales_truth(in_range(seeded.sales, date(2024, 2, 1), date(2024, 2, 28)))
    assert before["units"] != without_29th["units"]  # the seed sells on 29 Feb, so leaving it out shows
    row = result.rows[0]
    assert close(row["revenue_previous"], before["revenue"]) and row["units_previous"] == before["units"]


def test_the_same_days_a_week_earlier(seeded: Seeded) -> None:
    day = date(2025, 2, 12)
    result = seeded.run(metrics=["revenue"], time_range=TimeRange(start=day, end=day, label="12 Feb 2025"),
                        compare="previous_week")
    assert result.previous_range is not None
    assert (result.previous_range.start, result.previous_range.end) == (date(2025, 2, 5), date(2025, 2, 5))
    before = sales_truth(in_range(seeded.sales, date(2025, 2, 5), date(2025, 2, 5)))["revenue"]
    assert close(result.rows[0]["revenue_previous"], before)


def test_month_to_date_against_the_same_days_of_the_month_before(seeded: Seeded) -> None:
    span = TimeRange(start=date(2025, 3, 1), end=date(2025, 3, 14), label="March 2025 to date")
    result = seeded.run(metrics=["revenue"], time_range=span, compare="previous_period_to_date")
    assert result.previous_range is not None
    assert (result.previous_range.start, result.previous_range.end) == (date(2025, 2, 1), date(2025, 2, 14))
    assert close(result.rows[0]["revenue_previous"],
                 sales_truth(in_range(seeded.sales, date(2025, 2, 1), date(2025, 2, 14)))["revenue"])
    daily = seeded.run(metrics=["revenue"], dimensions=["date"], grain="day", time_range=span,
                       compare="previous_period_to_date")
    for row in daily.rows:  # each day beside the same day of February
        same = (pd.Timestamp(row["date"]) - pd.DateOffset(months=1)).date()
        assert close(row["revenue_previous"], sales_truth(in_range(seeded.sales, same, same))["revenue"])


def test_change_of_a_metric_that_is_a_difference(seeded: Seeded) -> None:
    """margin = net - cost: its change must be (now - before) / |before|, not now - net_before - cost_before."""
    result = seeded.run(metrics=["margin"], time_range=Q1, compare="previous_period")
    now = sales_truth(in_range(seeded.sales, Q1.start, Q1.end))["margin"]
    before = sales_truth(in_range(seeded.sales, date(2024, 10, 1), date(2024, 12, 31)))["margin"]
    row = result.rows[0]
    assert close(row["margin"], now) and close(row["margin_previous"], before)
    assert close(row["margin_change_pct"], 100 * (known(now) - known(before)) / abs(known(before)))


def test_previous_period_of_arbitrary_days_is_the_same_length_before(seeded: Seeded) -> None:
    span = TimeRange(start=date(2025, 3, 10), end=date(2025, 3, 23))
    result = seeded.run(metrics=["units"], time_range=span, compare="previous_period")
    assert result.previous_range is not None
    assert (result.previous_range.start, result.previous_range.end) == (date(2025, 2, 24), date(2025, 3, 9))
    assert result.rows[0]["units_previous"] == sales_truth(in_range(seeded.sales, date(2025, 2, 24),
                                                                    date(2025, 3, 9)))["units"]


def test_year_over_year_monthly_trend(seeded: Seeded) -> None:
    result = seeded.run(metrics=["revenue"], dimensions=["date"], grain="month", time_range=Q1,
                        compare="previous_year")
    assert [r["date"] for r in result.rows] == [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)]
    for row in result.rows:
        month = row["date"].month
        now = in_range(seeded.sales, date(2025, month, 1), date(2025, month, 28 if month == 2 else 31))
        before = in_range(seeded.sales, date(2024, month, 1), date(2024, month, 29 if month == 2 else 31))
        assert close(row["revenue"], sales_truth(now)["revenue"])
        assert close(row["revenue_previous"], sales_truth(before)["revenue"])


def test_weekly_trend_buckets_start_on_monday_and_the_first_is_clipped(seeded: Seeded) -> None:
    march = TimeRange(start=date(2025, 3, 1), end=date(2025, 3, 31))  # a Saturday
    result = seeded.run(metrics=["units"], dimensions=["date"], grain="week", time_range=march)
    rows = in_range(seeded.sales, march.start, march.end).copy()
    rows["week"] = [max(d - pd.Timedelta(days=d.weekday()), march.start) for d in rows["date"]]
    want = rows.groupby("week")["units"].sum()
    assert [(r["date"], r["units"]) for r in result.rows] == [(w, int(u)) for w, u in want.items()]


def test_weekday_breakdown_in_week_order(seeded: Seeded) -> None:
    result = seeded.run(metrics=["orders"], dimensions=["weekday"], time_range=Q1)
    rows = in_range(seeded.sales, Q1.start, Q1.end).copy()
    rows["weekday"] = [d.strftime("%A") for d in rows["date"]]
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert [r["weekday"] for r in result.rows] == [n for n in names if n in set(rows["weekday"])]
    for row in result.rows:
        assert row["orders"] == sales_truth(rows[rows["weekday"] == row["weekday"]])["orders"]


@pytest.mark.parametrize(("filters", "keep"), [
    ([{"dimension": "channel", "values": ["web"]}], lambda f: f["channel"] == "web"),
    ([{"dimension": "channel", "op": "not_in", "values": ["web"]}], lambda f: f["channel"] != "web"),
    ([{"dimension": "category", "values": ["Vases"]}, {"dimension": "brand", "op": "not_in", "values": ["Ori"]}],
     lambda f: (f["category"] == "Vases") & (f["brand"] != "Ori")),
    ([{"dimension": "sku", "values": ["A-1", "C-1", "nope"]}], lambda f: f["sku"].isin(["A-1", "C-1"])),
    ([{"dimension": "product", "values": ["acme product B-2"]}], lambda f: f["product"] == "acme product B-2"),
    ([{"dimension": "weekday", "values": ["saturday", "Sunday"]}],
     lambda f: pd.Series([d.weekday() >= 5 for d in f["date"]], index=f.index)),
])
def test_filters(seeded: Seeded, filters: list[dict[str, Any]], keep: Any) -> None:
    result = seeded.run(metrics=["revenue", "orders", "margin"], time_range=Q1, filters=filters)
    rows = in_range(seeded.sales, Q1.start, Q1.end)
    truth = sales_truth(rows[keep(rows)])
    _assert_row(result.rows[0], truth, ["revenue", "orders", "margin"])


def test_tenant_isolation(seeded: Seeded) -> None:
    mine = seeded.run(metrics=["revenue", "review_count", "stock_on_hand", "price_index"], dimensions=["sku"])
    theirs = seeded.run(tenant_id=OTHER, metrics=["revenue"], dimensions=["category"])
    for row in mine.rows:
        sku = row["sku"]
        assert close(row["revenue"], sales_truth(seeded.sales[seeded.sales["sku"] == sku])["revenue"])
        reviews = seeded.frames["reviews"]
        assert row["review_count"] == len(reviews[reviews["sku"] == sku])
    # the other tenant's catalogue has categories the first tenant's does not: none of mine appear there
    assert {r["category"] for r in theirs.rows} == {"Lamps", "Rugs", "Vases"}
    assert close(sum(r["revenue"] for r in mine.rows), sales_truth(seeded.sales)["revenue"])
    nobody = seeded.run(tenant_id="nobody", metrics=["revenue", "orders"])
    assert nobody.rows == [{"revenue": None, "orders": None}]


def test_review_metrics_by_sku_and_channel(seeded: Seeded) -> None:
    result = seeded.run(metrics=["review_count", "avg_rating", "negative_review_share", "negative_reviews"],
                        dimensions=["sku", "channel"], time_range=Q1)
    reviews = in_range(seeded.frames["reviews"], Q1.start, Q1.end)
    want = {(s, c): review_truth(g) for (s, c), g in reviews.groupby(["sku", "channel"], dropna=False)}
    got = {(r["sku"], r["channel"]): r for r in result.rows}
    assert set(got) == {(s, key_of(c)) for s, c in want}
    for (sku, channel), truth in want.items():
        _assert_row(got[(sku, key_of(channel))], truth,
                    ["review_count", "avg_rating", "negative_review_share", "negative_reviews"])


def test_stock_and_days_of_cover(seeded: Seeded) -> None:
    result = seeded.run(metrics=["stock_on_hand", "days_of_cover", "units"], dimensions=["category"], time_range=Q1)
    inv = with_catalogue(in_range(seeded.frames["inventory"], Q1.start, Q1.end), seeded.products)
    sales = in_range(seeded.sales, Q1.start, Q1.end)
    for row in result.rows:
        stock = stock_truth(inv[inv["category"] == row["category"]])
        units = sales_truth(sales[sales["category"] == row["category"]])["units"]
        assert row["stock_on_hand"] == stock
        assert close(row["days_of_cover"], known(stock) / (known(units) / Q1.days))


def test_stock_value_at_cost_and_at_price_where_no_cost(seeded: Seeded) -> None:
    """C-1 has no cost: its stock counts at its catalogue price and it is the one SKU without a cost."""
    result = seeded.run(metrics=["inventory_value", "inventory_retail_value", "uncosted_skus", "stocked_skus"],
                        dimensions=["category"], time_range=Q1)
    inv = with_catalogue(in_range(seeded.frames["inventory"], Q1.start, Q1.end), seeded.products)
    latest = inv[inv["date"] == inv.groupby(["sku", "location"])["date"].transform("max")]
    price = latest["sku"].map(seeded.products.set_index("sku")["price"])
    at_price = (latest["on_hand"] * price).where(latest["cost"].isna())
    value = (latest["on_hand"] * latest["cost"]).fillna(at_price)
    assert {r["category"] for r in result.rows} == set(latest["category"])
    for row in result.rows:
        part = latest["category"] == row["category"]
        assert close(row["inventory_value"], float(value[part].sum()))
        retail = float(at_price[part].sum()) if at_price[part].notna().any() else None
        assert (row["inventory_retail_value"] is None and retail is None) or close(row["inventory_retail_value"],
                                                                                    retail)
        stocked = latest[part & (latest["on_hand"] > 0)]
        assert row["uncosted_skus"] == stocked[stocked["cost"].isna()]["sku"].nunique()
        assert row["stocked_skus"] == stocked["sku"].nunique()
    assert result.currency == "EUR"  # the catalogue's


@pytest.mark.parametrize("time_range", [None, Q1])
def test_catalogue_products_without_a_cost_whatever_the_period(seeded: Seeded, time_range: TimeRange | None) -> None:
    """Every catalogue product counts (sold, in stock or neither); a period does not apply to the catalogue."""
    products = seeded.products
    total = seeded.run(metrics=["uncosted_products", "catalogue_products"], time_range=time_range).rows[0]
    assert total["catalogue_products"] == products["sku"].nunique()
    assert total["uncosted_products"] == products[products["cost"].isna()]["sku"].nunique() > 0
    by_sku = seeded.run(metrics=["uncosted_products"], dimensions=["sku"]).rows
    lacking = sorted(products[products["cost"].isna()]["sku"])
    assert sorted(r["sku"] for r in by_sku if r["uncosted_products"]) == lacking
    by_category = seeded.run(metrics=["uncosted_products"], dimensions=["category"]).rows
    assert sum(r["uncosted_products"] for r in by_category) == total["uncosted_products"]
    named = seeded.run(metrics=["catalogue_products"], dimensions=["product"]).rows  # the other tenant's same SKUs
    assert sorted(r["product"] for r in named) == sorted(products["title"])  # are not this tenant's products


def test_catalogue_prices_rank_and_average_the_priced_products(seeded: Seeded) -> None:
    """"Our most expensive product", "the average price of our products": the catalogue's current prices."""
    products = seeded.products
    priced = products[products["price"].notna()]
    assert len(priced) >= 3
    top = seeded.run(metrics=["catalogue_price"], dimensions=["sku"], order_by="catalogue_price", limit=3).rows
    expected = priced.sort_values(["price", "sku"], ascending=[False, True]).head(3)
    assert [round(r["catalogue_price"], 6) for r in top] == [round(float(p), 6) for p in expected["price"]]
    cheapest = seeded.run(metrics=["catalogue_price"], dimensions=["sku"], order_by="catalogue_price",
                          descending=False, limit=1).rows
    assert cheapest[0]["catalogue_price"] == pytest.approx(float(priced["price"].min()))
    mean = seeded.run(metrics=["catalogue_price"]).rows[0]["catalogue_price"]
    assert mean == pytest.approx(float(priced["price"].mean()))  # products without a price are left out
    by_category = {r["category"]: r["catalogue_price"] for r in seeded.run(
        metrics=["catalogue_price"], dimensions=["category"]).rows}
    truth = priced.groupby("category")["price"].mean()
    assert by_category == pytest.approx({str(k): float(v) for k, v in truth.items()})


def test_orders_and_revenue_with_a_discount(seeded: Seeded) -> None:
    result = seeded.run(metrics=["promo_order_share", "promo_orders", "promo_revenue_share", "discounted_orders",
                                 "discounted_order_share"], time_range=Q1)
    sales = in_range(seeded.sales, Q1.start, Q1.end)
    gross = sales["revenue"].where(sales["revenue"].notna(), sales["units"] * sales["unit_price"])
    hit = sales["discount"].fillna(0) > 0
    sold = sales[(sales["units"] > 0) & hit]
    promo_orders = sold["order_id"].dropna().nunique() + int(sold["order_id"].isna().sum())
    row = result.rows[0]
    assert row["promo_orders"] == promo_orders
    assert close(row["promo_order_share"], 100 * promo_orders / known(sales_truth(sales)["orders"]))
    assert close(row["promo_revenue_share"], 100 * float(gross[hit].sum()) / float(gross.sum()))
    # these rows hold no promotion flag: the orders with a discount are the same orders
    assert row["discounted_orders"] == promo_orders and close(row["discounted_order_share"], row["promo_order_share"])


def test_units_on_promotion(seeded: Seeded) -> None:
    row = seeded.run(metrics=["promo_units", "promo_unit_share", "units"], time_range=Q1).rows[0]
    sales = in_range(seeded.sales, Q1.start, Q1.end)
    hit = sales["discount"].fillna(0) > 0
    if "promo" in sales:
        hit = hit | sales["promo"].fillna(False).astype(bool)
    assert close(row["promo_units"], float(sales.loc[hit, "units"].sum()))
    assert close(row["promo_unit_share"], 100 * float(sales.loc[hit, "units"].sum()) / float(sales["units"].sum()))


def test_orders_of_two_or_more_units(seeded: Seeded) -> None:
    result = seeded.run(metrics=["multi_item_orders", "multi_item_order_share"], time_range=Q1)
    sold = in_range(seeded.sales, Q1.start, Q1.end)
    sold = sold[sold["units"] > 0]
    per_order = sold.dropna(subset=["order_id"]).groupby("order_id")["units"].sum()
    count = int((per_order >= 2).sum()) + int((sold["order_id"].isna() & (sold["units"] >= 2)).sum())
    assert result.rows[0]["multi_item_orders"] == count
    assert close(result.rows[0]["multi_item_order_share"], 100 * count / known(sales_truth(sold)["orders"]))


@pytest.mark.parametrize("bound", [3, 5])
def test_orders_of_at_least_n_units_and_the_largest_in_units(seeded: Seeded, bound: int) -> None:
    """'orders with 3 or more items': the orders whose sold lines add up to the bound; the most units in one order."""
    result = seeded.run(metrics=["multi_item_orders", "largest_order_units"], time_range=Q1,
                        order_units_at_least=bound)
    sold = in_range(seeded.sales, Q1.start, Q1.end)
    sold = sold[sold["units"] > 0]
    per_order = sold.dropna(subset=["order_id"]).groupby("order_id")["units"].sum()
    loose = sold[sold["order_id"].isna()]["units"]
    assert result.rows[0]["multi_item_orders"] == int((per_order >= bound).sum()) + int((loose >= bound).sum())
    assert result.rows[0]["largest_order_units"] == max(per_order.max(), loose.max() if len(loose) else 0)


@pytest.mark.parametrize(("at_least", "at_most"), [(3, 3), (1, 1), (None, 2), (2, 4)])
def test_orders_of_exactly_or_at_most_n_units(seeded: Seeded, at_least: int | None, at_most: int) -> None:
    """'orders with exactly 3 items', 'orders of fewer than 3 units': the orders whose units are in the range."""
    result = seeded.run(metrics=["multi_item_orders", "multi_item_order_share"], time_range=Q1,
                        order_units_at_least=at_least, order_units_at_most=at_most)
    sold = in_range(seeded.sales, Q1.start, Q1.end)
    sold = sold[sold["units"] > 0]
    per_order = sold.dropna(subset=["order_id"]).groupby("order_id")["units"].sum()
    loose = sold[sold["order_id"].isna()]["units"]
    low = at_least or 1
    count = int(per_order.between(low, at_most).sum()) + int(loose.between(low, at_most).sum())
    assert 0 < count < len(per_order) + len(loose)  # the range keeps some orders and drops others
    assert result.rows[0]["multi_item_orders"] == count
    assert close(result.rows[0]["multi_item_order_share"], 100 * count / known(sales_truth(sold)["orders"]))


def test_stock_trend_takes_each_months_last_snapshot(seeded: Seeded) -> None:
    result = seeded.run(metrics=["stock_on_hand"], dimensions=["date"], grain="month", time_range=Q1)
    inv = seeded.frames["inventory"]
    for row in result.rows:
        month = in_range(inv, row["date"], (pd.Timestamp(row["date"]) + pd.offsets.MonthEnd(0)).date())
        assert row["stock_on_hand"] == stock_truth(month)


def test_price_index_and_cheapest_share(seeded: Seeded) -> None:
    comp = in_range(seeded.frames["competitor_prices"], Q1.start, Q1.end)
    overall = seeded.run(metrics=["price_index", "cheapest_share"], time_range=Q1)
    _assert_row(overall.rows[0], price_truth(comp, seeded.products), ["price_index", "cheapest_share"])
    by_comp = seeded.run(metrics=["price_index", "cheapest_share"], dimensions=["competitor"], time_range=Q1,
                         order_by="price_index")
    for row in by_comp.rows:
        truth = price_truth(comp[comp["competitor"] == row["competitor"]], seeded.products, by_competitor=True)
        _assert_row(row, truth, ["price_index", "cheapest_share"])


def test_metrics_from_four_facts_by_sku(seeded: Seeded) -> None:
    result = seeded.run(metrics=["revenue", "avg_rating", "stock_on_hand", "price_index"], dimensions=["sku"],
                        time_range=Q1, order_by="revenue")
    comp = in_range(seeded.frames["competitor_prices"], Q1.start, Q1.end)
    for row in result.rows:
        sku = row["sku"]
        assert close(row["revenue"], sales_truth(in_range(seeded.sales[seeded.sales["sku"] == sku],
                                                          Q1.start, Q1.end))["revenue"])
        reviews = in_range(seeded.frames["reviews"], Q1.start, Q1.end)
        assert close(row["avg_rating"], review_truth(reviews[reviews["sku"] == sku])["avg_rating"])
        inv = in_range(seeded.frames["inventory"], Q1.start, Q1.end)
        assert row["stock_on_hand"] == stock_truth(inv[inv["sku"] == sku])
        assert close(row["price_index"], price_truth(comp[comp["sku"] == sku], seeded.products)["price_index"])


def test_an_empty_period_has_no_values(seeded: Seeded) -> None:
    empty = TimeRange(start=date(2030, 1, 1), end=date(2030, 1, 31))
    result = seeded.run(metrics=["revenue", "orders", "aov", "avg_rating"], time_range=empty)
    assert result.rows == [{"revenue": None, "orders": None, "aov": None, "avg_rating": None}]


def test_filter_values_are_data(seeded: Seeded) -> None:
    evil = "x' OR '1'='1"
    result = seeded.run(metrics=["revenue"], filters=[{"dimension": "sku", "values": [evil]}])
    assert result.rows == [{"revenue": None}]
    assert evil not in result.statement.sql


@pytest.mark.parametrize(("query", "message"), [
    ({"metrics": ["revenue"], "dimensions": ["competitor"]}, "no competitor"),
    ({"metrics": ["stock_on_hand"], "filters": [{"dimension": "channel", "values": ["web"]}]}, "no channel"),
    ({"metrics": ["days_of_cover"], "dimensions": ["date"]}, "date or weekday"),
    ({"metrics": ["revenue"], "dimensions": ["sku", "sku"]}, "twice"),
    ({"metrics": ["revenue"], "filters": [{"dimension": "date", "values": ["last tuesday"]}]}, "YYYY-MM-DD"),
])
def test_what_cannot_be_asked_is_refused(query: dict[str, Any], message: str) -> None:
    with pytest.raises(MetricQueryError, match=message):
        compile_metric_query(MetricQuery(tenant_id=TENANT, **query))


_DIMS = ["sku", "category", "brand", "channel", "product"]


@given(data=st.data())
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_any_breakdown_and_filter_matches_pandas(seeded: Seeded, data: st.DataObject) -> None:
    dims = data.draw(st.lists(st.sampled_from(_DIMS), max_size=2, unique=True), label="dimensions")
    start = data.draw(st.dates(min_value=date(2023, 12, 1), max_value=date(2025, 6, 30)), label="start")
    end = data.draw(st.dates(min_value=start, max_value=date(2025, 7, 31)), label="end")
    column = data.draw(st.sampled_from(["channel", "category", "sku"]), label="filter on")
    pool = {"channel": ["web", "amazon"], "category": ["Vases", "Lamps"], "sku": ["A-1", "B-1", "C-1"]}[column]
    values = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True), label="values")
    op = data.draw(st.sampled_from(["in", "not_in"]), label="op")
    result = seeded.run(metrics=["revenue", "units", "orders"], dimensions=dims,
                        time_range=TimeRange(start=start, end=end),
                        filters=[{"dimension": column, "op": op, "values": values}])
    rows = in_range(seeded.sales, start, end)
    member = rows[column].isin(values)
    rows = rows[member if op == "in" else ~member]
    if not dims:
        _assert_row(result.rows[0], sales_truth(rows), ["revenue", "units", "orders"])
        return
    want = {tuple(key_of(k) for k in (key if isinstance(key, tuple) else (key,))): sales_truth(g)
            for key, g in rows.groupby(dims, dropna=False)}
    got = {tuple(r[d] for d in dims): r for r in result.rows}
    assert set(got) == set(want)
    for key, truth in want.items():
        _assert_row(got[key], truth, ["revenue", "units", "orders"])


_ranges = st.builds(lambda s, n: TimeRange(start=s, end=s + timedelta(days=n)),
                    st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 7, 1)), st.integers(0, 200))
_any_query: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries({
    "metrics": st.lists(st.sampled_from(sorted(METRICS)), min_size=1, max_size=4, unique=True),
    "dimensions": st.lists(st.sampled_from(sorted(DIMENSIONS)), max_size=2, unique=True),
    "grain": st.sampled_from(["day", "week", "month", "quarter", "year"]),
    "time_range": st.one_of(st.none(), _ranges),
    "compare": st.sampled_from([None, "previous_period", "previous_year"]),
    "filters": st.lists(st.builds(dict, dimension=st.sampled_from(["sku", "category", "weekday", "competitor"]),
                                  op=st.sampled_from(["in", "not_in"]),
                                  values=st.sampled_from([["A-1", "Vases"], ["Monday"], ["zeta"]])), max_size=1),
    "share_of_total": st.booleans(),
    "limit": st.one_of(st.none(), st.integers(1, 5)),
})


@given(fields=_any_query)
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_any_valid_query_runs_or_is_refused(seeded: Seeded, fields: dict[str, Any]) -> None:
    if fields["time_range"] is None:
        fields["compare"] = None
    fields["order_by"] = fields["metrics"][0]
    query = MetricQuery(tenant_id=TENANT, **fields)
    try:
        result = run_metric_query(seeded.warehouse, query)
    except MetricQueryError:
        return
    assert len(result.rows) <= (query.limit or 1000)
    assert all(set(row) == set(result.columns) for row in result.rows)
    if query.share_of_total and not query.limit:
        for m in query.metrics:
            shares = [r[f"{m}_share"] for r in result.rows if r.get(f"{m}_share") is not None]
            assert sum(shares) <= 1 + 1e-9 or any(s < 0 for s in shares)
    values = [r[query.metrics[0]] for r in result.rows if r[query.metrics[0]] is not None]
    assert values == sorted(values, reverse=True)  # order_by, descending, None last
    assert (result.previous_range is not None) == (query.compare is not None)


@pytest.mark.parametrize(("above", "below"), [(100.0, None), (None, 20.0), (20.0, 100.0)])
def test_orders_by_their_value(seeded: Seeded, above: float | None, below: float | None) -> None:
    """An order's value is the revenue of its sold lines together (a line without an order id: its own)."""
    result = seeded.run(metrics=["value_orders", "value_order_share", "value_revenue", "largest_order",
                                 "smallest_order"], time_range=Q1, order_value_above=above, order_value_below=below)
    sold = in_range(seeded.sales, Q1.start, Q1.end)
    sold = sold[sold["units"] > 0]
    gross = sold["revenue"].where(sold["revenue"].notna(), sold["units"] * sold["unit_price"])
    keyed = sold.assign(gross=gross, key=sold["order_id"].where(sold["order_id"].notna(),
                                                                 "line:" + sold.index.astype(str)))
    per_order = keyed.groupby("key")["gross"].sum()
    kept = per_order[(per_order > (above if above is not None else -1e18))
                     & (per_order < (below if below is not None else 1e18))]
    row = result.rows[0]
    assert row["value_orders"] == len(kept)
    orders = sales_truth(sold)["orders"]
    assert orders is not None and close(row["value_order_share"], 100 * len(kept) / orders)
    assert close(row["value_revenue"] or 0.0, float(kept.sum()))  # no order in range: no revenue (NULL)
    assert close(row["largest_order"], float(per_order.max()))
    assert close(row["smallest_order"], float(per_order.min()))  # the order value range filters no order's value


def test_new_and_returning_customers(seeded: Seeded) -> None:
    """New: the customer's first purchase in all the tenant's sales falls in the period; the rest returned."""
    feb = TimeRange(start=date(2025, 2, 1), end=date(2025, 2, 28), label="February 2025")
    sold = seeded.sales[(seeded.sales["units"] > 0) & seeded.sales["customer_hash"].notna()]
    first = cast(dict[str, date], sold.groupby("customer_hash")["date"].min().to_dict())
    in_feb = set(in_range(sold, feb.start, feb.end)["customer_hash"])
    new = sum(1 for c in in_feb if first[c] >= feb.start)
    row = seeded.run(metrics=["new_customers", "returning_customers", "customers"], time_range=feb).rows[0]
    assert (row["new_customers"], row["returning_customers"], row["customers"]) == (new, len(in_feb) - new,
                                                                                   len(in_feb))
    by_month = {r["date"]: r["new_customers"] for r in seeded.run(
        metrics=["new_customers"], dimensions=["date"], grain="month", time_range=Q1).rows}
    months = sold.assign(m=[date(d.year, d.month, 1) for d in sold["date"]])
    truth: dict[date, int] = {}
    for m, g in months.groupby("m"):
        month = cast(date, m)
        if Q1.start <= month <= Q1.end:
            truth[month] = sum(1 for c in set(g["customer_hash"]) if first[c] >= month)
    assert {k: v for k, v in by_month.items() if v} == {k: v for k, v in truth.items() if v}


def test_revenue_of_new_and_returning_customers(seeded: Seeded) -> None:
    """Shopify's customer type, order by order: a returning customer's order came after a day the customer bought on.

    A customer first seen in the period is returning on their later days in it
    (:func:`test_a_new_customer_returns_within_the_period`).
    """
    feb = TimeRange(start=date(2025, 2, 1), end=date(2025, 2, 28), label="February 2025")
    sold = seeded.sales[(seeded.sales["units"] > 0) & seeded.sales["customer_hash"].notna()]
    first = cast(dict[str, date], sold.groupby("customer_hash")["date"].min().to_dict())
    lines = in_range(sold, feb.start, feb.end)
    gross = lines["revenue"].where(lines["revenue"].notna(), lines["units"] * lines["unit_price"])
    back = [d > first[c] for d, c in zip(lines["date"], lines["customer_hash"], strict=True)]
    row = seeded.run(metrics=["new_customer_revenue", "returning_customer_revenue",
                              "returning_customer_revenue_share"], time_range=feb).rows[0]
    returning = float(gross[back].sum())
    assert close(row["new_customer_revenue"] or 0.0, float(gross.sum()) - returning)
    assert close(row["returning_customer_revenue"], returning)
    assert close(row["returning_customer_revenue_share"], 100 * returning / float(gross.sum()))


def test_a_new_customer_returns_within_the_period(seeded: Seeded) -> None:
    """A customer first seen on 3 Mar who buys again on 20 Mar: the second order is a returning customer's.

    "Customers who had bought before the period" would call all of March's money new (the definition before).
    """
    from tests.contract.metrics_truth import _lineage

    rows = [{"sku": "A", "date": date(2025, 3, d), "units": 1, "unit_price": p, "revenue": p, "currency": "EUR",
             "order_id": o, "customer_hash": c}
            for d, p, o, c in ((3, 10.0, "o1", "ann"), (20, 30.0, "o2", "ann"), (5, 7.0, "o3", "bob"),
                               (1, 100.0, "o4", "cat"))]
    rows.append({"sku": "A", "date": date(2025, 2, 1), "units": 1, "unit_price": 5.0, "revenue": 5.0,
                 "currency": "EUR", "order_id": "o0", "customer_hash": "cat"})
    seeded.warehouse.insert("sales", _lineage("shopify", "sales", rows))
    march = TimeRange(start=date(2025, 3, 1), end=date(2025, 3, 31), label="March 2025")
    row = seeded.run(tenant_id="shopify", time_range=march, metrics=[
        "new_customer_revenue", "returning_customer_revenue", "returning_customer_revenue_share",
        "new_customer_revenue_share"]).rows[0]
    assert (row["new_customer_revenue"], row["returning_customer_revenue"]) == (17.0, 130.0)
    assert close(row["returning_customer_revenue_share"], 100 * 130 / 147)
    assert close(row["new_customer_revenue_share"], 100 * 17 / 147)


def test_net_units_and_revenue_less_refunds_rank_by_product(seeded: Seeded) -> None:
    """Units less units returned and revenue less refunds (discounts kept), per SKU: what a net ranking orders by."""
    lines = in_range(seeded.sales, Q1.start, Q1.end)
    gross = lines["revenue"].where(lines["revenue"].notna(), lines["units"] * lines["unit_price"])
    frame = lines.assign(g=gross, r=lines["refund"].fillna(0.0),
                         ret=pd.to_numeric(lines["returned_units"], errors="coerce").fillna(0.0))
    per = frame.groupby("sku").agg(units=("units", "sum"), ret=("ret", "sum"), g=("g", "sum"), r=("r", "sum"))
    rows = seeded.run(metrics=["net_units", "revenue_less_refunds"], dimensions=["sku"], time_range=Q1).rows
    assert {r["sku"] for r in rows} == set(per.index)
    for r in rows:
        truth = per.loc[r["sku"]]
        assert close(r["net_units"], float(truth["units"] - truth["ret"]))
        assert close(r["revenue_less_refunds"], float(truth["g"] - truth["r"]))


def test_stock_on_order_at_the_latest_count(seeded: Seeded) -> None:
    """Units on order at each SKU and location's latest count; an inventory without the column has none."""
    from tests.contract.metrics_truth import _lineage

    rows = [{"sku": s, "date": date(2025, 3, d), "on_hand": 5, "on_order": o, "location": loc}
            for s, d, o, loc in (("A", 1, 40, "main"), ("A", 9, 12, "main"), ("A", 9, None, "east"),
                                 ("B", 2, 7, "main"), ("B", 5, 0, "main"))]
    seeded.warehouse.insert("inventory", _lineage("onorder", "inventory", rows))
    row = seeded.run(tenant_id="onorder", metrics=["stock_on_order", "stock_on_hand"]).rows[0]
    assert (row["stock_on_order"], row["stock_on_hand"]) == (12, 15)
    assert seeded.run(metrics=["stock_on_order"]).rows[0]["stock_on_order"] is None


def test_lines_that_are_totals_per_week_count_no_orders(seeded: Seeded) -> None:
    """Breakfast at the Frat's weekly store x product rows (flagged ``sales:total_per_week``) are not orders.

    A tenant whose lines are all totals has no orders (NULL, not the number of rows), no average order value and
    no units per order, and still its units and revenue; beside a merchant's order lines the totals are left out
    of the orders metrics only. A merchant's line without an order id still counts as one order.
    """
    from tests.contract.metrics_truth import _lineage

    week = '["sales:total_per_week"]'
    totals = [{"sku": s, "date": date(2025, 2, d), "units": u, "unit_price": 2.0, "revenue": 2.0 * u,
               "currency": "EUR", "channel": "store 1", "quality_flags": week}
              for s, d, u in (("A", 1, 10), ("B", 1, 4), ("A", 8, 6))]
    orders = [{"sku": "A", "date": date(2025, 2, 3), "units": 2, "unit_price": 5.0, "revenue": 10.0,
               "currency": "EUR", "order_id": "o1", "quality_flags": '["units:rounded"]'},
              {"sku": "B", "date": date(2025, 2, 3), "units": 1, "unit_price": 6.0, "revenue": 6.0,
               "currency": "EUR", "order_id": "o1", "quality_flags": None},
              {"sku": "B", "date": date(2025, 2, 4), "units": 3, "unit_price": 6.0, "revenue": 18.0,
               "currency": "EUR", "order_id": None, "quality_flags": "[]"}]
    seeded.warehouse.insert("sales", _lineage("weekly", "sales", totals))
    seeded.warehouse.insert("sales", _lineage("mixed", "sales", totals + orders))
    metrics = ["orders", "aov", "units_per_order", "units", "revenue", "total_lines", "promo_orders",
               "multi_item_orders"]
    assert seeded.run(tenant_id="weekly", metrics=["weekly_total_lines", "total_lines"]).rows[0] == \
        {"weekly_total_lines": 3, "total_lines": 3}
    feb = TimeRange(start=date(2025, 2, 1), end=date(2025, 2, 28), label="February 2025")

    weekly = seeded.run(tenant_id="weekly", metrics=metrics, time_range=feb).rows[0]
    assert [weekly[m] for m in ("orders", "aov", "units_per_order", "promo_orders", "multi_item_orders")] == \
        [None] * 5
    assert (weekly["units"], weekly["revenue"], weekly["total_lines"]) == (20, 40.0, 3)

    mixed = seeded.run(tenant_id="mixed", metrics=metrics, time_range=feb).rows[0]
    assert (mixed["orders"], mixed["units"], mixed["revenue"], mixed["total_lines"]) == (2, 26, 74.0, 3)
    assert close(mixed["aov"], 34.0 / 2) and close(mixed["units_per_order"], 6 / 2)
    assert mixed["multi_item_orders"] == 2

    by_sku = {r["sku"]: r for r in seeded.run(tenant_id="mixed", metrics=["orders", "units"], dimensions=["sku"],
                                              time_range=feb).rows}
    assert (by_sku["A"]["orders"], by_sku["A"]["units"]) == (1, 18)
    weekly_by_day = seeded.run(tenant_id="weekly", metrics=["orders", "units"], dimensions=["date"], grain="week",
                               time_range=feb, compare="previous_period").rows
    assert all(r["orders"] is None for r in weekly_by_day) and sum(r["units"] or 0 for r in weekly_by_day) == 20
    # the merchant set's lines (no flags) are counted as before: every sold line without an order id is an order
    assert seeded.run(metrics=["orders"], time_range=Q1).rows[0]["orders"] == \
        sales_truth(in_range(seeded.sales, Q1.start, Q1.end))["orders"]


def test_revenue_totals_give_no_units_and_no_products(seeded: Seeded) -> None:
    """Walmart's and Rossmann's store revenue (flagged ``sales:no_units``, and ``sales:no_products`` where the line
    names no product, stored with 0 units against a stand-in SKU): their units are unknown (NULL, not 0), a ranking
    by product leaves them out, their revenue counts everywhere else. Beside them a merchant's lines count as ever.
    """
    from tests.contract.metrics_truth import _lineage

    flags = '["sales:total_per_week", "sales:no_units", "sales:no_products"]'
    stores = [{"sku": f"{c} total", "date": date(2025, 2, d), "units": 0, "revenue": r, "channel": c,
               "quality_flags": flags} for d, r, c in ((7, 1000.0, "store 1"), (7, 500.0, "store 2"),
                                                       (14, 800.0, "store 1"))]
    mine = [{"sku": "A", "date": date(2025, 2, 3), "units": 2, "unit_price": 5.0, "revenue": 10.0, "order_id": "o1",
             "quality_flags": None}]
    seeded.warehouse.insert("sales", _lineage("walmart", "sales", stores))
    seeded.warehouse.insert("sales", _lineage("both", "sales", stores + mine))
    feb = TimeRange(start=date(2025, 2, 1), end=date(2025, 2, 28), label="February 2025")
    counts = ["units", "revenue", "unitless_lines", "productless_lines"]
    assert seeded.run(tenant_id="walmart", metrics=counts, time_range=feb).rows[0] == \
        {"units": None, "revenue": 2300.0, "unitless_lines": 3, "productless_lines": 3}
    by_store = {r["channel"]: r["revenue"] for r in seeded.run(tenant_id="walmart", metrics=["revenue"],
                                                               dimensions=["channel"], time_range=feb).rows}
    assert by_store == {"store 1": 1800.0, "store 2": 500.0}
    assert seeded.run(tenant_id="walmart", metrics=["revenue"], dimensions=["sku"], time_range=feb).rows == []
    both = seeded.run(tenant_id="both", metrics=counts, time_range=feb).rows[0]
    assert (both["units"], both["revenue"]) == (2, 2310.0)
    assert [(r["sku"], r["revenue"]) for r in seeded.run(tenant_id="both", metrics=["revenue"], dimensions=["sku"],
                                                          time_range=feb).rows] == [("A", 10.0)]


def test_an_order_line_without_units_is_an_order_when_it_has_an_id_and_revenue(seeded: Seeded) -> None:
    """Magento's order grid: one line per order at its subtotal, no quantities (``sales:no_units``). Each such line
    with an order id and revenue is an order sold (orders, average and median order value read them); a refunded one
    (revenue 0), a weekly total carrying an id, and a merchant's line of 0 units are not."""
    from tests.contract.metrics_truth import _lineage

    grid = '["sales:no_units", "sales:no_products"]'

    def line(order: str, revenue: float, flags: str | None = grid, units: int = 0, refund: float | None = None
             ) -> dict[str, Any]:
        return {"sku": "Magento order", "date": date(2025, 2, 3), "units": units, "revenue": revenue,
                "order_id": order, "refund": refund, "quality_flags": flags}

    seeded.warehouse.insert("sales", _lineage("grid", "sales", [
        line("000000001", 100.0), line("000000002", 40.0), line("000000003", 70.0),
        line("000000004", 0.0, refund=55.0),  # Closed: refunded in full
        line("W1", 900.0, flags='["sales:total_per_week", "sales:no_units"]'),  # a total per week is no order
        line("000000005", 25.0, flags=None)]))  # a content line of 0 units: no sale
    feb = TimeRange(start=date(2025, 2, 1), end=date(2025, 2, 28), label="February 2025")
    row = seeded.run(tenant_id="grid", metrics=["orders", "aov", "median_order_value", "largest_order"],
                     time_range=feb).rows[0]
    assert (row["orders"], row["median_order_value"], row["largest_order"]) == (3, 70.0, 100.0)
    # average order value: the order lines' revenue (the content line's too, as for any merchant) over the orders
    assert close(row["aov"], (100.0 + 40.0 + 70.0 + 25.0) / 3)


def test_a_customers_first_order_without_units_makes_them_new(seeded: Seeded) -> None:
    """A payments export (Stripe: one line per charge, no quantities, ``sales:no_units``): a customer whose first charge
    falls in the period is new, as the orders measure counts the charge an order. Before: the first purchase was read
    from lines with units only, so no such customer was ever new."""
    from tests.contract.metrics_truth import _lineage

    def charge(order: str, customer: str, day: date, revenue: float = 50.0) -> dict[str, Any]:
        return {"sku": "Stripe payment", "date": day, "units": 0, "revenue": revenue, "order_id": order,
                "customer_hash": customer, "quality_flags": '["sales:no_units", "sales:no_products"]'}

    seeded.warehouse.insert("sales", _lineage("charges", "sales", [
        charge("ch_1", "a", date(2025, 1, 10)), charge("ch_2", "a", date(2025, 2, 3)),
        charge("ch_3", "b", date(2025, 2, 5)), charge("ch_4", "c", date(2025, 2, 9)),
        charge("ch_5", "d", date(2025, 1, 20), revenue=0.0)]))  # refunded in full: no purchase, "d" is new in Feb
    seeded.warehouse.insert("sales", _lineage("charges", "sales", [charge("ch_6", "d", date(2025, 2, 11))]))
    feb = TimeRange(start=date(2025, 2, 1), end=date(2025, 2, 28), label="February 2025")
    row = seeded.run(tenant_id="charges", metrics=["new_customers", "customers"], time_range=feb).rows[0]
    assert (row["new_customers"], row["customers"]) == (3, 4)


def test_new_products_are_those_first_sold_in_the_period(seeded: Seeded) -> None:
    """New: the product's first sale in all the tenant's sales falls in the period (in each day of a trend)."""
    sold = seeded.sales[seeded.sales["units"] > 0]
    first = cast(dict[str, date], sold.groupby("sku")["date"].min().to_dict())
    week = TimeRange(start=min(first.values()), end=min(first.values()) + timedelta(days=6), label="first week")
    for span in (TimeRange(start=week.start, end=week.start + timedelta(days=1)), week):
        lines = in_range(seeded.sales, span.start, span.end)
        new = {s for s in set(in_range(sold, span.start, span.end)["sku"]) if first[s] >= span.start}
        of_new = lines[lines["sku"].isin(new)]
        row = seeded.run(metrics=["new_products", "new_product_revenue", "new_product_units"], time_range=span).rows[0]
        assert row["new_products"] == len(new)
        assert close(row["new_product_revenue"] or 0.0, float(sales_truth(of_new)["revenue"] or 0.0))
        assert close(row["new_product_units"] or 0.0, float(of_new["units"].sum()))
    later = TimeRange(start=week.start + timedelta(days=1), end=week.end)  # some of its SKUs sold on the first day
    ranked = seeded.run(metrics=["new_products", "new_product_revenue"], dimensions=["sku"], time_range=later,
                        order_by="new_product_revenue").rows
    new_later = {s for s, d in first.items() if later.start <= d <= later.end}
    assert 0 < len(new_later) < len(ranked)
    assert {r["sku"] for r in ranked[:len(new_later)]} == new_later  # the new ones come first
    by_day = {r["date"]: r["new_products"] for r in seeded.run(
        metrics=["new_products"], dimensions=["date"], grain="day", time_range=week).rows}
    truth: dict[date, int] = {}
    for day in first.values():
        truth[day] = truth.get(day, 0) + 1
    assert {k: v for k, v in by_day.items() if v} == truth


def test_a_first_sale_is_the_tenants_own_and_a_product_that_names_no_product_is_none(seeded: Seeded) -> None:
    """Another tenant's earlier sale of the same SKU does not make a product old; a stand-in SKU is never new."""
    from tests.contract.metrics_truth import _lineage

    def line(sku: str, day: int, month: int = 2, flags: str | None = None) -> dict[str, Any]:
        return {"sku": sku, "date": date(2025, month, day), "units": 1, "unit_price": 4.0, "revenue": 4.0,
                "order_id": f"{sku}{month}{day}", "quality_flags": flags}

    seeded.warehouse.insert("sales", _lineage("launcher", "sales", [
        line("NEW-1", 10), line("NEW-1", 12), line("OLD-1", 1, month=1), line("OLD-1", 11),
        line("store 1 total", 9, flags='["sales:no_products"]')]))
    seeded.warehouse.insert("sales", _lineage("elder", "sales", [line("NEW-1", 1, month=1)]))
    feb = TimeRange(start=date(2025, 2, 1), end=date(2025, 2, 28), label="February 2025")
    row = seeded.run(tenant_id="launcher", metrics=["new_products", "new_product_revenue", "new_product_units"],
                     time_range=feb).rows[0]
    assert (row["new_products"], row["new_product_revenue"], row["new_product_units"]) == (1, 8.0, 2)
    compared = seeded.run(tenant_id="launcher", metrics=["new_products"], time_range=feb,
                          compare="previous_period").rows[0]
    assert (compared["new_products"], compared["new_products_previous"]) == (1, 1)  # OLD-1 was new in January


@pytest.mark.parametrize("dimensions", [[], ["sku"], ["category"]])
def test_sell_through_and_stock_turn(seeded: Seeded, dimensions: list[str]) -> None:
    """Sell-through = units / (units + on hand at the latest count); stock turn = units / average on hand (each
    SKU and location's mean count in the period, summed)."""
    result = seeded.run(metrics=["sell_through_rate", "stock_turn", "average_stock_on_hand", "units"],
                        dimensions=dimensions, time_range=Q1)
    inv = with_catalogue(in_range(seeded.frames["inventory"], Q1.start, Q1.end), seeded.products)
    sales = in_range(seeded.sales, Q1.start, Q1.end)
    assert result.rows
    for row in result.rows:
        keep_inv = pd.Series(True, index=inv.index)
        keep_sales = pd.Series(True, index=sales.index)
        for d in dimensions:
            keep_inv &= inv[d] == row[d]
            keep_sales &= sales[d] == row[d]
        stock = known(stock_truth(inv[keep_inv]))
        average = float(inv[keep_inv].groupby(["sku", "location"])["on_hand"].mean().sum())
        units = float(known(sales_truth(sales[keep_sales])["units"]))
        assert row["average_stock_on_hand"] == round(average)  # a count, as every count metric is returned
        assert close(row["sell_through_rate"], 100 * units / (units + stock))
        assert close(row["stock_turn"], units / average)


def _order_values(sales: pd.DataFrame) -> pd.Series:
    """One value per order: the revenue of its sold lines (a line without an order id: its own order)."""
    sold = sales[sales["units"] > 0]
    gross = sold["revenue"].where(sold["revenue"].notna(), sold["units"] * sold["unit_price"])
    key = sold["order_id"].where(sold["order_id"].notna(), "line:" + sold.index.astype(str))
    return sold.assign(gross=gross, key=key).groupby("key")["gross"].sum()


@pytest.mark.parametrize("dimensions", [[], ["channel"]])
def test_median_and_percentiles_of_order_values_take_one_value_per_order(seeded: Seeded,
                                                                         dimensions: list[str]) -> None:
    """Interpolated as pandas' quantile; an order of many lines counts once, not once per line."""
    metrics = ["median_order_value", "p25_order_value", "p90_order_value", "p99_order_value", "largest_order"]
    result = seeded.run(metrics=metrics, dimensions=dimensions, time_range=Q1)
    sales = in_range(seeded.sales, Q1.start, Q1.end)
    groups = ({key_of(k): g for k, g in sales.groupby("channel", dropna=False)} if dimensions
              else {None: sales})
    assert len(result.rows) == len(groups)
    for row in result.rows:
        values = _order_values(groups[row["channel"] if dimensions else None])
        truth = {"median_order_value": values.median(), "p25_order_value": values.quantile(0.25),
                 "p90_order_value": values.quantile(0.9), "p99_order_value": values.quantile(0.99),
                 "largest_order": values.max()}
        _assert_row(row, {k: float(v) for k, v in truth.items()}, metrics)
    lines = sales[sales["units"] > 0]
    per_line = lines["order_id"].map(_order_values(sales)).dropna()  # a median over lines weighs big orders more
    assert not close(float(per_line.quantile(0.9)), float(_order_values(sales).quantile(0.9))) or dimensions


@pytest.mark.parametrize(("percentile", "dimensions"), [(80, []), (60, ["channel"]), (1, []), (37, ["channel"]),
                                                        (99, [])])
def test_any_percentile_of_order_values_is_a_bound_parameter(seeded: Seeded, percentile: int,
                                                             dimensions: list[str]) -> None:
    """The order value at any whole percentile (not only the fixed p25 ... p99): pandas' quantile of one value per
    order, the percentile bound as a parameter (never in the SQL text)."""
    result = seeded.run(metrics=["percentile_order_value"], percentile=percentile, dimensions=dimensions,
                        time_range=Q1)
    sales = in_range(seeded.sales, Q1.start, Q1.end)
    groups = ({key_of(k): g for k, g in sales.groupby("channel", dropna=False)} if dimensions else {None: sales})
    assert len(result.rows) == len(groups)
    for row in result.rows:
        values = _order_values(groups[row["channel"] if dimensions else None])
        assert close(row["percentile_order_value"], float(values.quantile(percentile / 100))), row
    other = seeded.run(metrics=["percentile_order_value"], percentile=percentile % 98 + 1, dimensions=dimensions,
                       time_range=Q1).statement
    assert other.sql == result.statement.sql and other.params != result.statement.params  # one statement, bound
    compared = seeded.run(metrics=["percentile_order_value"], percentile=percentile, time_range=Q1,
                          compare="previous_period").rows[0]
    q4 = in_range(seeded.sales, date(2024, 10, 1), date(2024, 12, 31))
    assert close(compared["percentile_order_value_previous"], float(_order_values(q4).quantile(percentile / 100)))


def test_median_order_value_against_the_period_before(seeded: Seeded) -> None:
    """Each period's own orders: the compared quarter's median is its orders' median."""
    row = seeded.run(metrics=["median_order_value"], time_range=Q1, compare="previous_period").rows[0]
    q4 = in_range(seeded.sales, date(2024, 10, 1), date(2024, 12, 31))
    assert close(row["median_order_value"], float(_order_values(in_range(seeded.sales, Q1.start, Q1.end)).median()))
    assert close(row["median_order_value_previous"], float(_order_values(q4).median()))


def test_stock_by_location_at_each_sku_and_locations_latest_count(seeded: Seeded) -> None:
    """A breakdown by location: each SKU's latest count at that location, summed; other tenants' rows unseen."""
    result = seeded.run(metrics=["stock_on_hand"], dimensions=["location"], time_range=Q1)
    inv = in_range(seeded.frames["inventory"], Q1.start, Q1.end)
    truth = {str(loc): stock_truth(g) for loc, g in inv.groupby("location")}
    assert len(truth) > 1
    assert {r["location"]: r["stock_on_hand"] for r in result.rows} == truth
    total = seeded.run(metrics=["stock_on_hand"], time_range=Q1).rows[0]["stock_on_hand"]
    assert sum(known(v) for v in truth.values()) == total
    with pytest.raises(MetricQueryError, match="no location"):
        seeded.run(metrics=["revenue"], dimensions=["location"], time_range=Q1)


def test_the_orders_with_a_return_as_a_slice(seeded: Seeded) -> None:
    """'average discount on returned orders': any figure over the orders with a return line (any date), or without."""
    back = set(seeded.sales.loc[seeded.sales["returned_units"].fillna(0) > 0, "order_id"].dropna())
    sales = in_range(seeded.sales, Q1.start, Q1.end)
    own = sales["order_id"].isna() & (sales["returned_units"].fillna(0) > 0)
    returned = sales["order_id"].isin(back) | own
    for keep, rows in (("returned", sales[returned]), ("not returned", sales[~returned])):
        row = seeded.run(metrics=["revenue", "units", "orders", "discounts"], time_range=Q1,
                         filters=[{"dimension": "returned", "values": [keep]}]).rows[0]
        truth = sales_truth(rows)
        for m in ("revenue", "units", "orders", "discounts"):
            assert close(row[m], truth[m]), (keep, m, row[m], truth[m])


def test_the_lines_at_full_price_as_a_slice(seeded: Seeded) -> None:
    """'top products at full price': the lines neither on promotion nor with a discount."""
    sales = in_range(seeded.sales, Q1.start, Q1.end)
    hit = sales["discount"].fillna(0) > 0
    if "promo" in sales:
        hit = hit | sales["promo"].fillna(False).astype(bool)
    rows = seeded.run(metrics=["units"], dimensions=["sku"], time_range=Q1,
                      filters=[{"dimension": "promotion", "values": ["full price"]}]).rows
    truth = sales[~hit].groupby("sku")["units"].sum()
    assert {r["sku"]: r["units"] for r in rows} == {k: int(v) for k, v in truth.items() if v}


def test_the_returns_made_in_a_period_are_orders_counted_by_the_return_lines_date(seeded: Seeded) -> None:
    """'how many orders did customers return last quarter': the orders with units returned on a line dated in the
    period, whenever they were placed (not the orders placed then that had a return: the ``returned`` slice)."""
    sales = in_range(seeded.sales, Q1.start, Q1.end)
    back = sales[sales["returned_units"].fillna(0) > 0]
    truth = back["order_id"].dropna().nunique() + int(back["order_id"].isna().sum())
    row = seeded.run(metrics=["returns_made", "returned_units"], time_range=Q1).rows[0]
    assert truth > 0 and row["returns_made"] == truth
    rows = seeded.run(metrics=["returns_made"], dimensions=["channel"], time_range=Q1).rows
    each = {
        str(k): g["order_id"].dropna().nunique() + int(g["order_id"].isna().sum()) for k, g in back.groupby("channel")
    }
    assert {r["channel"]: r["returns_made"] for r in rows if r["returns_made"]} == {k: v for k, v in each.items() if v}


def test_what_an_order_is_where_the_file_has_none(seeded: Seeded) -> None:
    """The order-key counts an orders value's sentence is read from (``shared.questions.order_keys``): the orders
    ingest keyed by a customer's day or a moment, the sold lines without an id, and the value per sold line."""
    sales = in_range(seeded.sales, Q1.start, Q1.end)
    sold = sales[sales["units"] > 0]
    ids = sold["order_id"].dropna().astype(str)
    row = seeded.run(metrics=["orders", "customer_day_orders", "moment_orders", "idless_order_lines",
                              "sold_order_lines", "value_per_line"], time_range=Q1).rows[0]
    assert row["customer_day_orders"] == ids[ids.str.startswith("customer-")].nunique()
    assert row["moment_orders"] == ids[ids.str.startswith("at-")].nunique()
    assert row["idless_order_lines"] == int(sold["order_id"].isna().sum())
    assert row["sold_order_lines"] == len(sold) > 0
    revenue = sales_truth(sales)["revenue"]
    assert revenue is not None and close(row["value_per_line"], float(revenue) / len(sold))
