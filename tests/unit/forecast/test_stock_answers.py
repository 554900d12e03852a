"""Stock answers that lead with what was asked: how many are out of stock, what to reorder, when one runs out."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from shared.forecast.answers import (
    forecast_answers,
    out_of_stock_answer,
    reorder_answer,
    run_rate_cover,
    stock_rows,
    stockout_answer,
)

AS_OF = date(2026, 5, 31)


def _cover() -> pd.DataFrame:
    days = pd.date_range(end=pd.Timestamp(AS_OF), periods=40, freq="D")
    daily = {"gone": 2.0, "empty": 1.0, "fast": 5.0, "soon": 2.0, "ok": 1.0}
    sales = pd.DataFrame([{"sku": s, "date": d, "units": u} for s, u in daily.items() for d in days])
    # gone and empty: nothing on hand; fast: 4 days (lead 14); soon: 10 days (lead 7, < 7 + 7); ok: 300 days
    stock = pd.DataFrame({"sku": ["gone", "empty", "fast", "soon", "ok"], "on_hand": [0.0, 0.0, 20.0, 20.0, 300.0],
                          "on_order": [0.0, 0.0, 0.0, 0.0, 0.0], "lead_time_days": [14, 7, 14, 7, 10],
                          "stock_date": [pd.Timestamp(AS_OF)] * 5})
    return run_rate_cover(sales, stock, AS_OF)


def test_out_of_stock_leads_with_the_count_and_which_then_what_runs_out_soon() -> None:
    answer = out_of_stock_answer(stock_rows(_cover(), [], AS_OF), AS_OF, [])
    assert answer.text.startswith("2 of 5 SKUs with stock records are out of stock (0 on hand at the latest count, "
                                  "2026-05-31): empty and gone.")
    # then the run-out-soon list (cover below lead time): fast only (soon has 10 days against a 7-day lead time)
    assert answer.text.endswith("1 more will run out before a reorder could arrive; soonest: fast (4 days left, "
                                "lead time 14).")
    assert [r[0] for r in answer.rows] == ["empty", "gone", "fast"]
    # a category the rows were narrowed to is named; none out of stock is said as such
    kept = [r for r in stock_rows(_cover(), [], AS_OF) if r[0] in ("fast", "ok")]
    none = out_of_stock_answer(kept, AS_OF, [], "the kitchen category")
    assert none.text.startswith("None of the 2 SKUs in the kitchen category with stock records is out of stock (0 on "
                                "hand at the latest count, 2026-05-31). 1 will run out before a reorder could arrive")
    # a named SKU in stock is said to be in stock, with its run-out date
    named = out_of_stock_answer(stock_rows(_cover(), [], AS_OF), AS_OF, ["ok"])
    assert named.text == ("ok runs out around 2027-03-27 (300 days of cover: 300 on hand at 1 a day), so it is in "
                          "stock (as of 2026-05-31).")


def test_reorder_lists_cover_shorter_than_lead_time_plus_a_week_with_quantities() -> None:
    answer = reorder_answer(stock_rows(_cover(), [], AS_OF), AS_OF, [])
    # quantity = daily units x (lead + 7) - on hand - on order: gone 2 x 21 = 42, empty 14, fast 5 x 21 - 20 = 85,
    # soon 2 x 14 - 20 = 8; ok (300 days) is not due
    assert [(r[0], r[7]) for r in answer.rows] == [("empty", 14), ("gone", 42), ("fast", 85), ("soon", 8)]
    assert answer.text.startswith("Reorder 4 SKUs now, 149 units in all (cover shorter than lead time + 7 days, as "
                                  "of 2026-05-31); most urgent: empty (14 units; out of stock, lead time 7)")
    # a horizon the question named widens the window: "in the next 30 days" still leaves ok (300 days) out
    assert [r[0] for r in reorder_answer(stock_rows(_cover(), [], AS_OF), AS_OF, [], within=30).rows] == [
        "empty", "gone", "fast", "soon"]
    named = reorder_answer(stock_rows(_cover(), [], AS_OF), AS_OF, ["ok"])
    assert named.text.startswith("ok runs out around 2027-03-27") and "no reorder needed yet" in named.text


def test_when_a_named_product_runs_out_is_its_date_first() -> None:
    cover = _cover()
    late = stockout_answer(cover, [], AS_OF, ["ok"])
    assert late.text == ("ok runs out around 2027-03-27 (300 days of cover: 300 on hand at 1 a day), after its "
                         "10-day lead time, so a reorder can arrive in time (as of 2026-05-31).")
    early = stockout_answer(cover, [], AS_OF, ["fast"])
    assert early.text.startswith("fast runs out around 2026-06-04 (4 days of cover: 20 on hand at 5 a day), inside "
                                 "its 14-day lead time: reorder now")


def test_several_named_products_say_the_soonest_to_run_out_first() -> None:
    """"When will the cutting board run out?" matched 11 boards: they were listed by SKU, the soonest third."""
    answer = stockout_answer(_cover(), [], AS_OF, ["ok", "soon", "fast", "gone"])
    assert answer.text.startswith("Of 4 products, the soonest to run out: gone is already out of stock")
    assert [r[0] for r in answer.rows] == ["gone", "fast", "soon", "ok"]
    assert "fast runs out around 2026-06-04" in answer.text and "ok runs out" not in answer.text
    pair = stockout_answer(_cover(), [], AS_OF, ["ok", "fast"])
    assert pair.text.startswith("fast runs out around 2026-06-04")  # two or three: each said, soonest first


def test_a_named_horizon_lists_what_runs_out_within_it() -> None:
    cover = _cover()
    answer = stockout_answer(cover, [], AS_OF, [], within=7)
    assert answer.text.startswith("3 SKUs run out within 7 days at their current rate (as of 2026-05-31); soonest: "
                                  "empty (out of stock), gone (out of stock) and fast (4 days left).")
    wider = forecast_answers(["stockout"], cover=cover, views=[], level=0.9, horizon_days=14, as_of=AS_OF, scoped=[],
                             price_change_pct=None, within=14)[0]
    assert [r[0] for r in wider.rows] == ["empty", "gone", "fast", "soon"]
    # without a named horizon the answer stays "cover below lead time" (soon: 10 days > its 7-day lead time)
    plain = forecast_answers(["stockout", "out_of_stock", "reorder"], cover=cover, views=[], level=0.9,
                             horizon_days=30, as_of=AS_OF, scoped=[], price_change_pct=None)
    assert [a.ask for a in plain] == ["stockout", "out_of_stock", "reorder"]
    assert [r[0] for r in plain[0].rows] == ["empty", "gone", "fast"]


def test_a_reorder_action_counts_its_units_as_a_merchant_reads_them() -> None:
    from shared.forecast.agent import reorder_title

    assert reorder_title("ELE-0035", 1.2) == "Reorder 1 unit of ELE-0035"
    assert reorder_title("KIT-0266", 1249.6) == "Reorder 1,250 units of KIT-0266"


def test_cover_counts_from_the_stock_count_less_what_sold_since() -> None:
    """A count 20 days old with 60 on hand and 20 sold since at 1 a day: 40 left, 40 days from the as-of date."""
    days = pd.date_range(end=pd.Timestamp(AS_OF) - pd.Timedelta(days=10), periods=60, freq="D")
    sales = pd.DataFrame({"sku": "vase", "date": days, "units": 2.0})
    sales.loc[sales["date"] > pd.Timestamp(AS_OF) - pd.Timedelta(days=20), "units"] = 2.0
    counted = pd.Timestamp(AS_OF) - pd.Timedelta(days=20)
    stock = pd.DataFrame({"sku": ["vase"], "on_hand": [60.0], "on_order": [0.0], "lead_time_days": [7],
                          "stock_date": [counted]})
    cover = run_rate_cover(sales, stock, AS_OF)
    # 10 selling days after the count at 2 a day: 20 sold over the 20 days since, a rate of 1 a day
    assert cover.loc["vase", "sold_since_count"] == 20 and cover.loc["vase", "daily_units"] == 1.0
    assert cover.loc["vase", "days_of_cover"] == 40.0
    answer = stockout_answer(cover, [], AS_OF, ["vase"])
    assert answer.text.startswith("vase runs out around 2026-07-10 (40 days of cover: 60 on hand at the 2026-05-11 "
                                  "stock count less 20 sold since at 1 a day)"), answer.text
    assert answer.text.endswith("(stock counted 2026-05-11, sales to 2026-05-31).")


def test_a_count_after_the_last_sale_is_where_cover_starts() -> None:
    """Sales ended 10 days before a count taken on the as-of date: cover runs from the count."""
    days = pd.date_range(end=pd.Timestamp(AS_OF) - pd.Timedelta(days=10), periods=60, freq="D")
    sales = pd.DataFrame({"sku": "vase", "date": days, "units": 2.0})
    stock = pd.DataFrame({"sku": ["vase"], "on_hand": [36.0], "on_order": [0.0], "lead_time_days": [7],
                          "stock_date": [pd.Timestamp(AS_OF)]})
    cover = run_rate_cover(sales, stock, AS_OF)
    # the last 28 days hold 18 selling days at 2 a day: 36 / 28 a day, so 36 on hand last 28 days from the count
    assert cover.loc["vase", "days_of_cover"] == pytest.approx(28.0)
    last_sale = AS_OF - timedelta(days=10)
    row = stock_rows(cover, [], last_sale)[0]  # the date is counted from the count even when given the last sale
    assert row[2] == (AS_OF + timedelta(days=int(cover["days_of_cover"]["vase"]))).isoformat()
    assert row[9] == AS_OF.isoformat()


def test_a_named_product_to_last_a_span_orders_the_expected_units_less_its_stock() -> None:
    """"Reorder ok to last 60 days": its forecast of those 60 days less its 300 on hand, said first."""
    from shared.forecast.answers import SkuForecastView

    rows = stock_rows(_cover(), [], AS_OF)
    views = [SkuForecastView("ok", 412.4, 350.0, 480.0, 60, "theta"), SkuForecastView("soon", 10.0, 8.0, 12.0, 60, "x")]
    answer = reorder_answer(rows, AS_OF, ["ok"], within=60, views=views)
    assert answer.text == ("To last 60 days (2026-06-01 to 2026-07-30), order 113 units of ok: 412 expected over "
                           "those days less 300 on hand (lead time 10 days) (as of 2026-05-31).")
    covered = reorder_answer(rows, AS_OF, ["soon"], within=60, views=views)
    assert covered.text.startswith("soon needs no order (0 units) to last 60 days") and covered.rows[0][1] == 0
    # no view of that span (or no span): the reorder-point answer as before
    assert reorder_answer(rows, AS_OF, ["ok"], within=30, views=views).text.startswith("ok runs out around")
