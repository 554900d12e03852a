"""A slow weekly count's forecast is a whole number (the median of a count is one)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from shared.forecast.count_median import COUNT_LIMIT, count_median, is_count
from shared.forecast.engine import ForecastOptions
from shared.forecast.ensemble import ensemble_chunk
from shared.forecast.periods import Freq, RegularSeries


def test_small_forecasts_round_to_the_nearest_count_and_larger_ones_stay() -> None:
    fc = np.array([0.4, 0.5, 1.49, 2.6, COUNT_LIMIT - 0.2, COUNT_LIMIT + 0.3, 17.4])
    assert count_median(fc).tolist() == [0.0, 1.0, 1.0, 3.0, COUNT_LIMIT, COUNT_LIMIT + 0.3, 17.4]


def test_only_whole_unit_histories_are_counts() -> None:
    assert is_count(np.array([0.0, 3.0, 1.0]))
    assert not is_count(np.array([0.0, 2.5, 1.0]))  # a censored week's median, kilograms, a mean
    assert not is_count(np.array([]))


def test_under_absolute_error_a_whole_number_beats_the_fraction_between() -> None:
    # why: the expected absolute error of a count is linear between two whole numbers
    draws = np.random.default_rng(0).poisson(1.3, 20_000)
    loss = {x: float(np.mean(np.abs(draws - x))) for x in (1.0, 1.4, 2.0)}
    assert min(loss[1.0], loss[2.0]) < loss[1.4]


def _panel(freq: Freq, scale: float, n: int, seed: int = 0) -> list[RegularSeries]:
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2022-01-02", periods=n, freq="7D" if freq == "W" else "D")
    return [
        RegularSeries(f"s{i}", freq, dates, rng.poisson(rng.uniform(0.8, 3.0), n).astype(float) * scale)
        for i in range(12)
    ]


def test_a_weekly_slow_count_is_forecast_in_whole_units() -> None:
    out = ensemble_chunk(_panel("W", 1.0, 104), ForecastOptions(horizon=6, prophet="never"))
    assert out
    for r in out.values():
        assert np.all(r.forecast == np.round(r.forecast))
        assert np.all(r.lower <= r.forecast) and np.all(r.forecast <= r.upper)


def test_quantities_that_are_not_counts_keep_their_fraction() -> None:
    out = ensemble_chunk(_panel("W", 0.37, 104), ForecastOptions(horizon=6, prophet="never"))
    assert any(np.any(r.forecast != np.round(r.forecast)) for r in out.values())


def test_daily_counts_are_left_to_their_weekday_members() -> None:
    out = ensemble_chunk(_panel("D", 1.0, 120), ForecastOptions(horizon=7, prophet="never"))
    assert any(np.any(r.forecast != np.round(r.forecast)) for r in out.values())
