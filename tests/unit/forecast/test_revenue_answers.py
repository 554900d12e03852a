"""The forecast answers in money, the cover-threshold count, and product titles in the stock answers."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from shared.deps import get_deps
from shared.forecast.agent import run
from shared.forecast.answers import (
    RevenueBasis,
    SkuForecastView,
    cover_over_answer,
    cover_over_label,
    forecast_answer,
    forecast_answers,
    revenue_basis,
    run_rate_cover,
)
from shared.models.agents import AgentRequest

AS_OF = date(2026, 5, 31)


def _priced_sales() -> pd.DataFrame:
    """A sells 2 a day at 10.0 (older days at 99.0, outside the 28 days), B 1 a day at 30.0; C has no price."""
    days = pd.date_range(end=pd.Timestamp(AS_OF), periods=60, freq="D")
    rows = [{"sku": "A", "date": d, "units": 2.0, "price": 10.0 if i >= 32 else 99.0} for i, d in enumerate(days)]
    rows += [{"sku": "B", "date": d, "units": 1.0, "price": 30.0} for d in days]
    rows += [{"sku": "C", "date": d, "units": 1.0, "price": np.nan} for d in days]
    return pd.DataFrame(rows)


def test_revenue_basis_is_units_times_price_over_units_of_the_last_28_days() -> None:
    basis = revenue_basis(_priced_sales(), AS_OF, "EUR")
    assert basis.per_sku == {"A": pytest.approx(10.0), "B": pytest.approx(30.0)}  # C: no price, no basis
    assert basis.scope == pytest.approx((2 * 10.0 + 30.0) / 3)  # units-weighted: 16.67, not the mean 20
    assert basis.currency == "EUR" and basis.days == 28
    assert revenue_basis(_priced_sales().drop(columns="price"), AS_OF).scope is None


def test_a_store_forecast_asked_in_money_leads_with_revenue_at_the_recent_price() -> None:
    store = SkuForecastView("all 3 SKUs", 900.0, 800.0, 1000.0, 30, "theta")
    views = [SkuForecastView("A", 600.0, 550.0, 650.0, 30, "theta"), SkuForecastView("B", 300.0, 280.0, 320.0, 30,
                                                                                       "theta")]
    basis = RevenueBasis({"A": 10.0, "B": 30.0}, 16.0, "USD")
    answer = forecast_answer(views, 0.9, 30, AS_OF, store=store, revenue=basis)
    assert answer.text.startswith("We expect revenue of about $14,400.00 over the next 30 days (2026-06-01 to "
                                  "2026-06-30): 900 units across all 3 SKUs at the last 28 days' average of $16.00 "
                                  "a unit (90% interval $12,800.00-$16,000.00; model theta)."), answer.text
    assert "We expect to sell 900 units" in answer.text  # the units stay, after
    assert answer.columns[-2:] == ["revenue_per_unit", "forecast_revenue"]
    assert answer.rows[0][-2:] == [10.0, 6000.0]
    # no currency in the sales lines: no symbol, and the answer says why
    plain = forecast_answer(views, 0.9, 30, AS_OF, store=store, revenue=RevenueBasis({}, 16.0, None))
    assert plain.text.startswith("We expect revenue of about 14,400.00 over") and "$" not in plain.text
    assert "names no currency" in plain.text
    # asked in units: unchanged
    assert "revenue" not in forecast_answer(views, 0.9, 30, AS_OF, store=store).text


def test_skus_forecast_one_by_one_are_valued_each_at_its_own_price() -> None:
    views = [SkuForecastView("A", 60.0, 50.0, 70.0, 30, "theta"), SkuForecastView("B", 30.0, 20.0, 40.0, 30, "theta"),
             SkuForecastView("C", 10.0, 5.0, 15.0, 30, "theta")]
    answer = forecast_answer(views, 0.9, 30, AS_OF, revenue=RevenueBasis({"A": 10.0, "B": 30.0}, 15.0, "GBP"))
    assert answer.text.startswith("2 SKUs are expected to bring in about £1,500.00 over the next 30 days"), answer.text
    assert "90 units each at its last 28 days' average price per unit, £16.67 a unit overall" in answer.text
    assert "1 SKU with no priced sale in that window left out" in answer.text
    one = forecast_answer(views[:1], 0.9, 30, AS_OF, revenue=RevenueBasis({"A": 10.0}, 10.0, "USD"))
    assert one.text.startswith("A is expected to bring in about $600.00 over the next 30 days (2026-06-01 to "
                               "2026-06-30): 60 units at the last 28 days' average of $10.00 a unit (90% interval "
                               "$500.00-$700.00)."), one.text
    unpriced = forecast_answer(views[2:], 0.9, 30, AS_OF, revenue=RevenueBasis({}, None, "USD"))
    assert "Revenue cannot be estimated" in unpriced.text


def _cover() -> pd.DataFrame:
    days = pd.date_range(end=pd.Timestamp(AS_OF), periods=40, freq="D")
    sales = pd.DataFrame([{"sku": s, "date": d, "units": u} for s, u in (("fast", 5.0), ("slow", 1.0), ("mid", 2.0))
                          for d in days])
    stock = pd.DataFrame({"sku": ["fast", "slow", "mid", "dead", "none"], "on_hand": [20.0, 900.0, 300.0, 40.0, 0.0],
                          "on_order": [0.0] * 5, "lead_time_days": [14] * 5, "stock_date": [pd.Timestamp(AS_OF)] * 5})
    return run_rate_cover(sales, stock, AS_OF)


def test_more_than_six_months_of_stock_counts_the_skus_over_it() -> None:
    """Before: the answer listed the most days of cover whatever the threshold the question named."""
    cover = _cover()  # fast 4 days, mid 150, slow 900, dead unlimited (no sales), none: nothing on hand
    answer = cover_over_answer(cover, 182, [])
    assert answer.text.startswith("2 SKUs of the 4 with stock have more than 6 months of stock at their recent "
                                  "sales rate (over 182 days of cover; 1 with no sales in 365 days); the most: "
                                  "dead (40 on hand, no sales in 365 days) and slow (900 days: 900 on hand at 1 a "
                                  "day)."), answer.text
    assert [r[0] for r in answer.rows] == ["dead", "slow"] and answer.total_rows == 2
    assert cover_over_answer(cover, 100, []).text.startswith("3 SKUs of the 4 with stock")
    assert cover_over_answer(cover, 1000, ["fast"]).text.startswith("No SKU has more than 1000 days of stock")
    via = forecast_answers(["overstock"], cover=cover, views=[], level=0.9, horizon_days=30, as_of=AS_OF, scoped=[],
                           price_change_pct=None, cover_over=182)
    assert via[0].text == answer.text
    assert [cover_over_label(d) for d in (182, 365, 91, 14, 30)] == ["6 months", "12 months", "3 months", "14 days",
                                                                     "1 month"]


END = date(2025, 5, 31)
_STAMP = {"tenant_id": "acme", "ingestion_id": "i", "ingested_at": datetime(2025, 6, 1, tzinfo=UTC)}


def _seed(currency: str | None) -> None:
    rng = np.random.default_rng(3)
    dates = [END - timedelta(days=i) for i in range(119, -1, -1)]
    rows = []
    for sku, lam, price in (("P1", 6, 12.0), ("P2", 3, 40.0)):
        for i, d in enumerate(dates):
            rows.append({"sku": sku, "date": d, "units": int(rng.poisson(lam)) + 1, "unit_price": price,
                         "currency": currency, "row_hash": f"{sku}{i}", "record_key": f"{sku}{i}", **_STAMP})
    get_deps().warehouse.insert("sales", pd.DataFrame(rows))
    get_deps().warehouse.insert("products", pd.DataFrame([
        {**_STAMP, "row_hash": s, "record_key": s, "sku": s, "title": t, "price": 1.0}
        for s, t in (("P1", "Kestrel Headlamp"), ("P2", "Coastal Kettle"))]))
    get_deps().warehouse.insert("inventory", pd.DataFrame([
        {**_STAMP, "row_hash": f"i{s}", "record_key": f"i{s}", "sku": s, "date": END, "on_hand": h, "on_order": 0.0,
         "lead_time_days": 14, "location": "main"} for s, h in (("P1", 0.0), ("P2", 2000.0))]))


def _ask(options: dict[str, object]) -> dict[str, dict[str, object]]:
    res = run(get_deps(), AgentRequest(tenant_id="acme", skus=[], horizon_days=30, as_of=END,
                                       options={"prophet": "never", **options}))
    return {str(a["ask"]): a for a in res.data["answers"]}


@pytest.mark.parametrize("currency", ["EUR", None])
def test_the_agent_answers_a_money_question_in_the_sales_lines_currency(currency: str | None) -> None:
    _seed(currency)
    units = _ask({"asks": ["forecast"]})["forecast"]
    assert "revenue" not in str(units["text"]) and "€" not in str(units["text"])  # asked in units
    answer = _ask({"asks": ["forecast"], "measure": "revenue"})["forecast"]
    text = str(answer["text"])
    # the store's series leads (as when the per-SKU fits are not ready): its units at the last 28 days' revenue per unit
    said = re.search(r"^We expect revenue of about (€?)([\d,]+\.\d\d) over .*: ([\d,]+) units across all 2 SKUs at "
                     r"the last 28 days' average of €?([\d.]+) a unit", text)
    assert said is not None and said.group(1) == ("€" if currency else ""), text
    sales = get_deps().warehouse.query("SELECT units, unit_price FROM sales WHERE date > @d",
                                       {"d": END - timedelta(28)})
    per_unit = float((sales["units"] * sales["unit_price"]).sum() / sales["units"].sum())
    assert float(said.group(4)) == pytest.approx(per_unit, abs=0.005), text
    units_said = float(said.group(3).replace(",", ""))
    assert float(said.group(2).replace(",", "")) == pytest.approx(units_said * per_unit, abs=per_unit / 2 + 0.01), text
    rows = {r[0]: r for r in answer["rows"]}  # type: ignore[attr-defined]
    units_at = list(answer["columns"]).index("forecast_units")  # type: ignore[call-overload]
    assert rows["P1"][-2] == 12.0 and rows["P2"][-2] == 40.0  # the breakdown: each SKU at its own recent price
    assert math.isclose(rows["P1"][-1], rows["P1"][units_at] * 12.0, rel_tol=1e-3)
    assert ("names no currency" in text) is (currency is None)


def test_stock_answers_call_products_by_their_titles() -> None:
    """Before: "1 of 2 SKUs with stock records is out of stock ...: P1." without the product's name."""
    _seed("USD")
    answers = _ask({"asks": ["out_of_stock", "overstock"], "cover_over_days": 182})
    assert "Kestrel Headlamp (P1)" in str(answers["out_of_stock"]["text"]), answers["out_of_stock"]["text"]
    over = str(answers["overstock"]["text"])
    assert over.startswith("1 SKU of the 1 with stock has more than 6 months of stock"), over
    assert "Coastal Kettle (P2)" in over
    assert answers["out_of_stock"]["columns"][1] == "product"  # type: ignore[index]


def test_a_running_month_adds_its_actuals_so_far_to_the_forecast_of_the_rest() -> None:
    """"What will December sales look like?" on 4 Dec: the month so far plus the forecast of the rest."""
    from shared.forecast.answers import SoFar

    store = SkuForecastView("all 3 SKUs", 900.0, 800.0, 1000.0, 27, "theta")
    views = [SkuForecastView("A", 600.0, 550.0, 650.0, 27, "theta")]
    done = SoFar(date(2026, 12, 1), date(2026, 12, 4), 150.0, 2400.0)
    answer = forecast_answer(views, 0.9, 27, date(2026, 12, 4), store=store,
                             revenue=RevenueBasis({"A": 10.0}, 16.0, "USD"), done=done)
    assert ("With $2,400.00 taken 1-4 Dec, December 2026 comes to about $16,800.00 (90% interval "
            "$15,200.00-$18,400.00).") in answer.text, answer.text
    units = forecast_answer(views, 0.9, 27, date(2026, 12, 4), store=store, done=done)
    assert units.text.endswith("With 150 units sold 1-4 Dec, December 2026 comes to about 1,050 units (90% "
                               "interval 950-1,150)."), units.text


def test_the_agent_adds_the_month_so_far_from_the_metrics_layer() -> None:
    _seed("USD")
    res = run(get_deps(), AgentRequest(tenant_id="acme", skus=[], horizon_days=26, as_of=date(2025, 5, 5),
                                       options={"prophet": "never", "asks": ["forecast"], "measure": "revenue",
                                                "to_date_start": "2025-05-01"}))
    text = str(res.data["answers"][0]["text"])
    sold = get_deps().warehouse.query(
        "SELECT SUM(units * unit_price) AS r FROM sales WHERE tenant_id = 'acme' AND date BETWEEN "
        "'2025-05-01' AND '2025-05-05'", {})["r"].iloc[0]
    assert f"With ${float(sold):,.2f} taken 1-5 May, May 2025 comes to about $" in text, text


def test_a_category_asked_in_money_says_whose_revenue() -> None:
    store = SkuForecastView("its 59 SKUs", 100.0, 90.0, 110.0, 30, "theta")
    views = [SkuForecastView("K1", 60.0, 50.0, 70.0, 30, "theta"), SkuForecastView("K2", 30.0, 20.0, 40.0, 30,
                                                                                     "theta")]
    answer = forecast_answer(views, 0.9, 30, AS_OF, store=store, scope="the kitchen category",
                             revenue=RevenueBasis({}, 20.0, "USD"))
    assert answer.text.startswith("We expect revenue from the kitchen category of about $2,000.00 over the next 30 "
                                  "days"), answer.text


def test_a_running_quarter_or_year_is_named_as_such() -> None:
    from shared.forecast.answers import running_period_name

    assert running_period_name(date(2026, 12, 1), date(2026, 12, 31)) == "December 2026"
    assert running_period_name(date(2026, 10, 1), date(2026, 12, 31)) == "Q4 2026"
    assert running_period_name(date(2026, 1, 1), date(2026, 12, 31)) == "2026"
    assert running_period_name(date(2026, 7, 1), date(2026, 9, 30)) == "Q3 2026"


def test_a_rest_of_period_asked_after_the_data_ends_is_forecast_from_the_data_s_end() -> None:
    """"The rest of June" asked on 3 Jun with sales to 31 May: 1-30 Jun is forecast (30 days), not 27 days."""
    _seed("USD")
    res = run(get_deps(), AgentRequest(tenant_id="acme", skus=[], horizon_days=27, as_of=date(2025, 6, 3),
                                       options={"prophet": "never", "asks": ["forecast"], "measure": "revenue",
                                                "to_date_start": "2025-06-01"}))
    text = str(res.data["answers"][0]["text"])
    assert "over the next 30 days (2025-06-01 to 2025-06-30)" in text, text  # before: 27 days, to 27 Jun
