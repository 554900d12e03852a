"""Monthly bands follow each series' own season: wider in the months it moves most, narrower in its quiet ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from shared.cli.main import main
from shared.forecast.batch import forecast_chunk
from shared.forecast.csv_input import to_series
from shared.forecast.engine import ForecastOptions
from shared.forecast.inventory import plan_inventory
from shared.forecast.periods import RegularSeries
from shared.forecast.season_scale import MAX_FACTOR, step_factors

H = 12
SUMMER = (6, 7, 8)


def _frame(seed: int = 3, n: int = 16, months: int = 96) -> pd.DataFrame:
    """Half the series are as noisy every month; the other half are calm in winter and four times noisier in
    summer (a resort town's home sales). Same level, same overall noise order, so only the month tells them apart."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2016-01-01", periods=months, freq="MS")
    summer = np.isin(dates.month, SUMMER)
    rows = []
    for i in range(n):
        sd = np.where(summer, 24.0, 6.0) if i % 2 else np.full(months, 10.0)
        y = np.maximum(200 + rng.normal(0, sd), 0).round()
        rows.append(pd.DataFrame({"series_id": f"m{i:02d}", "date": dates, "units": y}))
    return pd.concat(rows, ignore_index=True)


@pytest.fixture(scope="module")
def panel() -> list[RegularSeries]:
    return to_series(_frame(), "M")


def _summer_over_winter(lower: np.ndarray, upper: np.ndarray, months: pd.DatetimeIndex) -> float:
    """Mean band width over the summer steps divided by that over the others."""
    width = np.asarray(upper) - np.asarray(lower)
    summer = np.isin(months.month, SUMMER)
    return float(np.mean(width[summer]) / np.mean(width[~summer]))


def test_factor_is_the_months_share_of_the_series_movement() -> None:
    months = np.tile(np.arange(1, 13), 6).astype(float)
    y = np.where(np.isin(months, SUMMER), 1.0, 0.0) * np.tile([0, 40], 36) + 100  # moves only into summer months
    ahead = np.concatenate([months, months[:H]])
    f = step_factors(y[:60], ahead, 12, H)
    assert f[5] == MAX_FACTOR and f[0] == pytest.approx(0.5)  # June at the cap, January at the floor
    assert np.all(step_factors(y[:60], ahead, 52, H) == 1.0)  # weekly: 52 positions, too few periods each
    assert np.all(step_factors(y[:60], ahead, 7, H) == 1.0)  # daily: measured no better than none
    assert np.all(step_factors(np.full(60, 5.0), ahead, 12, H) == 1.0)  # a series that never moves
    assert np.all(step_factors(y[:18], ahead, 12, H) == 1.0)  # under two years: too few periods per month


def test_bands_widen_in_the_months_the_series_moves_most(panel: list[RegularSeries]) -> None:
    train = [s.head(len(s.values) - H) for s in panel]
    results = forecast_chunk(train, ForecastOptions(horizon=H, level=0.8, prophet="never"))
    ratio = [_summer_over_winter(*r.bands[0.8], pd.DatetimeIndex(r.dates)) for r in results]
    flat, seasonal = np.median(ratio[0::2]), np.median(ratio[1::2])
    # one quantile per step pooled over series made every series' summer/winter ratio the same
    assert seasonal > 1.8 * flat


def test_cli_bands_and_the_reorder_point_follow_the_month(tmp_path: Path, panel: list[RegularSeries]) -> None:
    sales, out = tmp_path / "sales.csv", tmp_path / "fc.csv"
    _frame().to_csv(sales, index=False)
    args = [
        "forecast",
        "--input",
        str(sales),
        "--horizon",
        str(H),
        "--output",
        str(out),
        "--freq",
        "M",
        "--workers",
        "1",
        "--prophet",
        "never",
        "--level",
        "0.8",
    ]
    assert main(args) == 0
    fc = pd.read_csv(out, parse_dates=["date"])
    ratio = [
        _summer_over_winter(g["lower"].to_numpy(), g["upper"].to_numpy(), pd.DatetimeIndex(g["date"]))
        for _, g in fc.groupby("series_id", sort=True)
    ]
    assert np.median(ratio[1::2]) > 1.8 * np.median(ratio[0::2])
    # a reorder point over a summer month carries the summer's safety stock (agent: inventory.plan_inventory)
    results = forecast_chunk(panel, ForecastOptions(horizon=H, level=0.9, prophet="never"))
    ratio = []
    for r in results:
        months = pd.DatetimeIndex(r.dates).month
        safety = []
        for month in (6, 1):
            k = int(np.flatnonzero(months == month)[0])
            safety.append(
                plan_inventory(
                    r.forecast[k : k + 1],
                    r.lower[k : k + 1],
                    r.upper[k : k + 1],
                    level=0.9,
                    on_hand=0.0,
                    lead_time_days=30,
                    period_days=30,
                ).safety_stock
            )
        ratio.append(safety[0] / safety[1])
    assert np.median(ratio[1::2]) > 1.8 * np.median(ratio[0::2])
