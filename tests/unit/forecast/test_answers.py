"""The forecast agent's stock and demand answers, on hand-built frames."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from shared.forecast.answers import (
    SkuForecastView,
    forecast_answer,
    overstock_answer,
    run_rate_cover,
    select_by_cover,
    stockout_answer,
)
from shared.forecast.inventory import plan_inventory

AS_OF = date(2026, 5, 31)


def _sales(daily: dict[str, float]) -> pd.DataFrame:
    days = pd.date_range(end=pd.Timestamp(AS_OF), periods=40, freq="D")
    return pd.DataFrame([{"sku": s, "date": d, "units": u} for s, u in daily.items() for d in days])


def _stock() -> pd.DataFrame:
    return pd.DataFrame({"sku": ["fast", "slow", "dead", "ok"], "on_hand": [20.0, 900.0, 40.0, 300.0],
                         "on_order": [0.0, 0.0, None, 10.0], "lead_time_days": [14, 7, None, 10],
                         "stock_date": [pd.Timestamp(AS_OF)] * 4})


def test_run_rate_cover_from_the_last_28_days() -> None:
    cover = run_rate_cover(_sales({"fast": 5.0, "slow": 1.0, "ok": 10.0}), _stock(), AS_OF)
    assert cover.loc["fast", "daily_units"] == 5.0 and cover.loc["fast", "days_of_cover"] == 4.0
    assert cover.loc["slow", "days_of_cover"] == 900.0 and cover.loc["ok", "days_of_cover"] == 30.0
    assert math.isinf(cover["days_of_cover"]["dead"])  # stock and no sales
    assert cover.loc["dead", "lead_time_days"] == 7 and bool(cover.loc["dead", "lead_time_assumed"])
    assert select_by_cover(cover, ["stockout"], 2) == ["fast", "ok"]  # least cover against lead time
    assert select_by_cover(cover, ["overstock"], 2) == ["dead", "slow"]
    # nothing sold in the last 28 days, but 9 units 60 days ago: measured over 90 days, not unlimited
    old = pd.DataFrame({"sku": ["dead"], "date": [pd.Timestamp(AS_OF) - pd.Timedelta(days=60)], "units": [9.0]})
    cover = run_rate_cover(pd.concat([_sales({"fast": 5.0}), old]), _stock(), AS_OF)
    assert cover.loc["dead", "daily_units"] == 0.1 and cover.loc["dead", "days_of_cover"] == pytest.approx(400.0)


def test_stockout_lists_cover_below_lead_time_soonest_first_with_days_left() -> None:
    cover = run_rate_cover(_sales({"fast": 5.0, "slow": 1.0, "ok": 10.0}), _stock(), AS_OF)
    answer = stockout_answer(cover, [], AS_OF, [])
    assert [r[0] for r in answer.rows] == ["fast"]  # 4 days < 14; ok has 30 days > 10
    assert answer.text == ("1 SKU could run out before a reorder could arrive (cover below lead time by the forecast "
                           "or the last 28 days' rate, whichever is sooner, as of 2026-05-31); soonest: fast (4 days "
                           "left, lead time 14).")
    assert answer.rows[0][2] == "2026-06-04"
    # a forecast's own cover wins over the run rate for the SKUs that were forecast
    f = np.full(30, 12.0)
    plan = plan_inventory(f, f - 2, f + 2, level=0.9, on_hand=300.0, lead_time_days=10)
    view = SkuForecastView("ok", 360.0, 300.0, 420.0, 30, "theta", plan=plan)
    answer = stockout_answer(cover, [view], AS_OF, [])
    assert [r[0] for r in answer.rows] == ["fast"]  # ok: 25 days by forecast, still above its 10-day lead time
    plan = plan_inventory(f, f - 2, f + 2, level=0.9, on_hand=60.0, lead_time_days=10)
    answer = stockout_answer(cover, [SkuForecastView("ok", 360.0, 300.0, 420.0, 30, "theta", plan=plan)], AS_OF, [])
    assert [(r[0], r[1], r[8]) for r in answer.rows] == [("fast", 4.0, "run rate"), ("ok", 5.0, "forecast")]


def test_a_forecast_slower_than_the_run_rate_does_not_hide_a_stockout() -> None:
    """"Which items could sell out before my supplier delivers?" is a risk screen: the sooner of the two covers.

    The bench's stale merchant: 5 on hand selling 0.5 a day (10 days, lead time 21) while the forecast expected
    30 days of cover; the SKU was left out of the answer.
    """
    cover = run_rate_cover(_sales({"fast": 5.0, "slow": 1.0, "ok": 10.0}), _stock(), AS_OF)
    f = np.full(60, 6.0)  # the forecast expects 6 a day: 50 days of cover for 300 on hand, the run rate 30
    plan = plan_inventory(f, f - 1, f + 1, level=0.9, on_hand=300.0, lead_time_days=40)
    view = SkuForecastView("ok", 360.0, 300.0, 420.0, 60, "theta", plan=plan)
    assert plan.days_of_cover is not None and plan.days_of_cover > 40  # the forecast alone: no risk
    slow_cover = cover.assign(lead_time_days=cover["lead_time_days"].where(cover.index != "ok", 40))
    answer = stockout_answer(slow_cover, [view], AS_OF, [])
    rows = {r[0]: r for r in answer.rows}
    assert "ok" in rows and rows["ok"][1] == 30.0 and rows["ok"][8] == "run rate (sooner than its forecast)"
    assert "whichever is sooner" in answer.text and "whichever runs out sooner" in answer.method
    named = stockout_answer(slow_cover, [view], AS_OF, ["ok"])  # a named product: its forecast's run-out date
    assert named.rows[0][8] == "forecast"
    assert "but at the last 28 days' rate it runs out in 30 days, inside its lead time" in named.text  # not hidden


def test_overstock_ranks_by_days_of_cover() -> None:
    cover = run_rate_cover(_sales({"fast": 5.0, "slow": 1.0, "ok": 10.0}), _stock(), AS_OF)
    answer = overstock_answer(cover, [])
    assert [r[0] for r in answer.rows] == ["dead", "slow", "ok", "fast"]
    assert answer.text.startswith("The SKUs with the most days of cover are dead (40 on hand, no sales in 365 days), "
                                  "slow (900 days of cover: 900 on hand at 1 a day)")


def test_one_products_overstock_is_its_cover_not_a_ranking() -> None:
    cover = run_rate_cover(_sales({"fast": 5.0, "slow": 1.0, "ok": 10.0}), _stock(), AS_OF)
    answer = overstock_answer(cover, ["slow"])
    # its cover, then set against every SKU in stock (are we overstocked on it?)
    assert answer.text.startswith("Its stock: slow (900 days of cover: 900 on hand at 1 a day). More cover than ")


def test_forecast_answer_states_units_and_interval_over_the_horizon() -> None:
    one = forecast_answer([SkuForecastView("A", 300.4, 250.0, 350.2, 30, "theta")], 0.9, 30, AS_OF)
    assert one.text == ("A is expected to sell 300 units over the next 30 days (2026-06-01 to 2026-06-30) "
                        "(90% interval 250-350; model theta).")
    two = forecast_answer([SkuForecastView("A", 300.0, 250.0, 350.0, 30, "theta"),
                           SkuForecastView("B", 100.0, 80.0, 120.0, 30, "ses")], 0.9, 30, AS_OF)
    half = math.sqrt(50.0 ** 2 + 20.0 ** 2)  # independent SKUs: half-widths add in quadrature
    assert two.text.startswith(f"2 SKUs are expected to sell 400 units over the next 30 days (2026-06-01 to "
                               f"2026-06-30) (90% interval {400 - half:.0f}-{400 + half:.0f})")
    assert two.rows[0][0] == "A" and two.rows[1][1] == pytest.approx(100.0)


def test_what_if_is_only_stated_for_the_one_named_sku() -> None:
    from shared.forecast.answers import whatif_answer

    whatif = {"pct": -10.0, "multiplier": 0.9 ** -1.5, "elasticity": -1.5, "reason": "log-log OLS on 90 periods"}
    views = [SkuForecastView("A", 300.0, 250.0, 350.0, 30, "theta", whatif=whatif),
             SkuForecastView("B", 100.0, 80.0, 120.0, 30, "ses", whatif=whatif)]
    named = whatif_answer(views, -10.0, 0.9, ["B"])
    assert named.answered and named.text.startswith(
        f"A -10% price change on B changes expected demand by {100 * (0.9 ** -1.5 - 1):+.1f}%: 100 units")
    assert not whatif_answer(views, -10.0, 0.9, []).answered  # no product named: no SKU's forecast stands in


def test_a_category_what_if_sums_its_skus_each_by_its_own_response() -> None:
    from shared.forecast.answers import whatif_answer

    up = {"pct": 10.0, "multiplier": 0.8, "elasticity": -2.3, "reason": "pooled"}
    views = [SkuForecastView("A", 80.0, 70.0, 90.0, 30, "theta", whatif=up),
             SkuForecastView("B", 100.0, 80.0, 120.0, 30, "ses", whatif={"pct": 10.0, "multiplier": None})]
    answer = whatif_answer(views, 10.0, 0.9, [], scope="the kitchen category")
    # A: 100 becomes 80; B has no estimate and stays 100: 200 -> 180
    assert answer.answered and answer.text == (
        "A +10% price change across the kitchen category (2 SKUs) changes expected demand by -10.0%: about -20 "
        "units over the next 30 days, the demand forecast's 200 units becoming about 180 (1 SKU with no price "
        "response estimate counted unchanged).")


def test_the_store_total_leads_when_only_the_top_sellers_were_forecast() -> None:
    views = [SkuForecastView("A", 300.0, 250.0, 350.0, 30, "theta"),
             SkuForecastView("B", 100.0, 80.0, 120.0, 30, "ses")]
    store = SkuForecastView("all 300 SKUs", 1000.4, 900.0, 1100.0, 30, "theta")
    answer = forecast_answer(views, 0.9, 30, AS_OF, store=store)
    assert answer.text.startswith("We expect to sell 1,000 units over the next 30 days (2026-06-01 to 2026-06-30) "
                                  "across all 300 SKUs (90% interval 900-1,100; ")
    assert "the 2 SKUs forecast one by one sell 400 of them, the most A (300) and B (100)." in answer.text
    # a price scenario is about the SKUs it changes: no store total then
    assert forecast_answer(views, 0.9, 30, AS_OF, ", with the -10% price change applied", store=store).text \
        .startswith("2 SKUs are expected to sell")


def test_the_store_total_is_the_whole_catalogue_not_its_top_sellers() -> None:
    import numpy as np
    import pandas as pd

    from shared.forecast.agent import store_total
    from shared.forecast.engine import ForecastOptions

    rng = np.random.default_rng(3)
    days = pd.date_range("2026-01-01", periods=200, freq="D")
    rates = {f"S{i}": 1.0 + i for i in range(40)}  # 40 SKUs selling 1..40 units a day
    sales = pd.DataFrame([{"sku": s, "date": d, "units": float(rng.poisson(r)), "price": np.nan, "promo": np.nan}
                          for s, r in rates.items() for d in days])
    view = store_total(sales, days[-1], "D", ForecastOptions(horizon=30), 30, len(rates))
    assert view is not None and view.sku == "all 40 SKUs"
    expected = sum(rates.values()) * 30  # 24,600 units
    assert abs(view.total - expected) / expected < 0.05
    assert view.lower < expected < view.upper


def test_one_product_without_stock_says_its_empty_stock() -> None:
    stock = _stock().assign(on_hand=lambda f: f["on_hand"].where(f["sku"] != "slow", 0))
    answer = overstock_answer(run_rate_cover(_sales({"fast": 5.0, "slow": 1.0, "ok": 10.0}), stock, AS_OF), ["slow"])
    assert answer.rows[0][0] == "slow" and answer.rows[0][2] == 0 and answer.text.startswith("Its stock: slow (0 ")
