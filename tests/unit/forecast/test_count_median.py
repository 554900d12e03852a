"""A slow weekly count's forecast is a whole number (the median of a count is one); its sums read its mean."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from shared.forecast.agent import SkuOutcome, expected_demand
from shared.forecast.count_median import COUNT_LIMIT, count_median, is_count, mean_over_median
from shared.forecast.engine import ForecastOptions, SeriesForecast
from shared.forecast.ensemble import ensemble_chunk
from shared.forecast.fit_reuse import head
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


def test_a_rounded_count_keeps_its_unrounded_centre_for_sums() -> None:
    out = ensemble_chunk(_panel("W", 1.0, 104), ForecastOptions(horizon=6, prophet="never"))
    kept = [r for r in out.values() if r.unrounded is not None]
    assert kept  # some medians of members fell between two whole numbers
    for r in kept:
        assert r.unrounded is not None
        assert np.all(r.centre == r.unrounded) and np.any(r.unrounded != r.forecast)
        assert np.all(np.abs(r.unrounded - r.forecast) <= 0.5)  # the forecast is its nearest count
        rebuilt = SeriesForecast.from_dict(r.to_dict())  # the agent's cache round trip
        assert rebuilt.unrounded is not None and np.allclose(rebuilt.unrounded, r.unrounded, atol=1e-4)
        assert head(r, 2).centre.tolist() == r.unrounded[:2].tolist()
    assert all(r.centre is r.forecast for r in out.values() if r.unrounded is None)


def test_a_slow_count_is_lifted_from_its_median_to_its_mean() -> None:
    draws = np.random.default_rng(1).poisson(3.5, 52).astype(float)
    ratio = mean_over_median(draws, np.full(13, 3.2))
    assert ratio == float(np.mean(draws) / np.median(draws)) and ratio != 1.0
    assert mean_over_median(draws, np.full(13, COUNT_LIMIT + 1)) == 1.0  # a faster series: a unit is little
    assert mean_over_median(draws + 0.5, np.full(13, 3.2)) == 1.0  # not whole units
    assert mean_over_median(np.array([0.0, 0.0, 0.0, 4.0]), np.full(13, 1.0)) == 1.0  # median 0: intermittent


def _outcome(freq: Freq, values: np.ndarray, forecast: np.ndarray, unrounded: np.ndarray | None) -> SkuOutcome:
    step = pd.Timedelta(days=7 if freq == "W" else 1)
    dates = pd.date_range("2023-01-02", periods=len(values), freq=step)
    series = RegularSeries("sku", freq, dates, values)
    future = pd.date_range(dates[-1] + step, periods=len(forecast), freq=step)
    result = SeriesForecast(
        "sku",
        future,
        forecast,
        forecast * 0.5,
        forecast * 2,
        "ensemble",
        "ok",
        len(values),
        demand_class="smooth",
        unrounded=unrounded,
    )
    return SkuOutcome(series, result, False, period_days=7 if freq == "W" else 1)


def test_a_weekly_slow_counts_total_is_its_unrounded_centre_lifted_to_the_mean() -> None:
    history = np.tile([1.0, 2.0, 1.0, 2.0, 3.0], 10)  # mean 1.8, median 2
    weekly = _outcome("W", history, np.full(13, 1.0), np.full(13, 1.4))
    assert float(expected_demand(weekly).sum()) == pytest.approx(13 * 1.4 * 1.8 / 2.0)
    daily = _outcome("D", history, np.full(13, 1.0), None)  # daily forecasts are not rounded: summed as they are
    assert float(expected_demand(daily).sum()) == pytest.approx(13.0)
