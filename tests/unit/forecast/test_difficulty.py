"""Per-series band multipliers: a series whose own backtest errs more than the batch's gets a wider band."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from shared.cli.main import main
from shared.forecast import ensemble as E
from shared.forecast.batch import forecast_chunk
from shared.forecast.csv_input import to_series
from shared.forecast.difficulty import series_difficulty
from shared.forecast.engine import ForecastOptions
from shared.forecast.inventory import plan_inventory
from shared.forecast.periods import RegularSeries

H = 8


def _frame(seed: int = 5, n: int = 16, weeks: int = 120) -> pd.DataFrame:
    """Half steady (noise around a fixed level), half drifting (a random-walk level): same one-step noise
    order, but the drifting half's errors grow over the horizon, which the pooled band cannot tell apart."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2022-01-02", periods=weeks, freq="7D")
    rows = []
    for i in range(n):
        if i % 2 == 0:
            y = 60 + rng.normal(0, 6, weeks)
        else:
            y = 60 + np.cumsum(rng.normal(0, 4, weeks)) + rng.normal(0, 2, weeks)
        rows.append(pd.DataFrame({"series_id": f"s{i:02d}", "date": dates, "units": np.maximum(y, 0).round()}))
    return pd.concat(rows, ignore_index=True)


@pytest.fixture(scope="module")
def panel() -> list[RegularSeries]:
    return to_series(_frame(), "W")


def _relative_width(lower: np.ndarray, upper: np.ndarray, history: np.ndarray) -> float:
    """The band's mean half-width in the series' noise unit (what the pooled quantile is measured in)."""
    return float(np.mean(upper - lower)) / 2 / E.interval_scale(history)


def test_no_difference_beyond_noise_keeps_the_pooled_band() -> None:
    rng = np.random.default_rng(1)
    series = np.repeat(np.arange(30), 4)
    d = series_difficulty(series, np.exp(rng.normal(0, 0.3, len(series))))  # the same distribution for all
    assert np.allclose(d.held_out, 1.0, atol=0.01) and d.of(0) == pytest.approx(1.0, abs=0.01)  # shrunk to ~1
    assert series_difficulty([0, 1, 2], [1.0, 2.0, 3.0]).of(1) == 1.0  # one origin each: nothing to tell apart


def test_a_series_that_errs_more_gets_a_larger_multiplier_shrunk_toward_one() -> None:
    series = np.repeat(np.arange(20), 4)
    hard = series % 2 == 1
    errors = np.where(hard, 2.0, 0.5) * np.tile([0.9, 1.1, 1.0, 1.05], 20)
    d = series_difficulty(series, errors)
    own = 2.0 / np.exp(np.mean(np.log(errors)))  # its own ratio to the batch: origins agree, so it is believed
    assert d.of(1) == pytest.approx(own, rel=0.02) and d.of(0) < 1.0
    noisy = series_difficulty(series, errors * np.tile([0.3, 3.0, 1.0, 0.6], 20))  # origins disagree: shrunk
    assert 1.0 < noisy.of(1) < 0.9 * d.of(1)
    # a backtest case's multiplier leaves its own origin out: changing that origin's error does not move it
    bumped = errors.copy()
    bumped[4] *= 3
    assert series_difficulty(series, bumped).held_out[4] == pytest.approx(d.held_out[4], rel=0.05)


def test_ensemble_bands_are_wider_for_the_series_whose_backtest_erred_more(panel: list[RegularSeries]) -> None:
    train = [s.head(len(s.values) - H) for s in panel]
    out = E.ensemble_chunk(train, ForecastOptions(horizon=H, level=0.8))
    width = [_relative_width(*out[i].bands[0.8], t.values) for i, t in enumerate(train)]
    steady, drifting = np.median(width[0::2]), np.median(width[1::2])
    # the pooled band was the same multiple of each series' noise; now the drifting half's is wider
    assert drifting > 1.5 * steady


def test_cli_bands_and_the_reorder_point_follow_the_series(tmp_path: Path, panel: list[RegularSeries]) -> None:
    sales, out = tmp_path / "sales.csv", tmp_path / "fc.csv"
    _frame().to_csv(sales, index=False)
    assert (
        main(
            [
                "forecast",
                "--input",
                str(sales),
                "--horizon",
                str(H),
                "--output",
                str(out),
                "--freq",
                "W",
                "--workers",
                "1",
                "--prophet",
                "never",
                "--level",
                "0.8",
            ]
        )
        == 0
    )
    fc = pd.read_csv(out)
    scale = {s.series_id: E.interval_scale(s.values) for s in panel}
    half = ((fc["upper"] - fc["lower"]) / 2).groupby(fc["series_id"]).mean() / pd.Series(scale)
    assert half[1::2].median() > 1.5 * half[0::2].median()
    # the reorder point's safety stock is read off the same bands (agent: inventory.plan_inventory)
    results = forecast_chunk(panel, ForecastOptions(horizon=H, level=0.9, prophet="never"))
    safety = [
        plan_inventory(
            r.forecast, r.lower, r.upper, level=0.9, on_hand=0.0, lead_time_days=14, period_days=7
        ).safety_stock
        / scale[r.series_id]
        for r in results
    ]
    assert np.median(safety[1::2]) > 1.5 * np.median(safety[0::2])
