from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from shared.forecast.backtest import plan_origins
from shared.forecast.batch import GLOBAL_NAME, forecast_batch
from shared.forecast.engine import ForecastOptions, forecast_series
from shared.forecast.periods import RegularSeries


def _series(values: np.ndarray, freq: str = "D", sid: str = "s") -> RegularSeries:
    dates = pd.date_range("2024-01-01", periods=len(values), freq="D" if freq == "D" else "7D")
    return RegularSeries(sid, freq, dates, np.asarray(values, dtype=float))  # type: ignore[arg-type]


NEVER = ForecastOptions(horizon=14, prophet="never")


def test_origins_are_recent_and_leave_training_data() -> None:
    plan = plan_origins(100, 14, 3)
    assert plan is not None and plan.horizon == 14
    assert plan.cuts == (72, 79, 86)
    assert plan_origins(3, 14) is None


def test_too_short_series_says_so() -> None:
    r = forecast_series(_series(np.array([3.0, 4.0])), NEVER)
    assert r.status == "insufficient_history"
    assert any("too little history" in w for w in r.warnings)
    assert len(r.forecast) == 14 and np.all(r.lower <= r.forecast) and np.all(r.forecast <= r.upper)


def test_no_demand_forecasts_zero() -> None:
    r = forecast_series(_series(np.zeros(40)), NEVER)
    assert r.status == "no_demand" and r.forecast.sum() == 0


def test_seasonal_series_selects_a_seasonal_model() -> None:
    rng = np.random.default_rng(0)
    pattern = np.array([10.0, 10, 10, 10, 30, 60, 5])
    y = np.tile(pattern, 20) + rng.normal(0, 0.5, 140)
    r = forecast_series(_series(y), NEVER)
    assert r.status == "ok"
    assert any(s in r.model for s in ("seasonal_naive", "seasonal_median", "theta")), r.model  # theta deseasonalises
    assert r.backtest[r.model]["mase"] < r.backtest["naive"]["mase"] / 3


def test_random_walks_mostly_select_last_value_models() -> None:
    last_value = {"naive", "ses", "theta", "drift"}
    picks = []
    for seed in range(10):
        rng = np.random.default_rng(seed)
        r = forecast_series(_series(500 + np.cumsum(rng.normal(0, 10, 200))), NEVER)
        parts = set(r.model.removeprefix("combo(").removesuffix(")").split("+"))
        picks.append(bool(parts & last_value))
    assert sum(picks) >= 7, picks


def test_spiky_promo_series_prefers_a_robust_level_over_naive() -> None:
    rng = np.random.default_rng(2)
    y = rng.poisson(20, 120).astype(float)
    y[::9] *= 4  # promotion spikes
    r = forecast_series(_series(y), NEVER)
    assert r.backtest[r.model]["mase"] < r.backtest["naive"]["mase"]


def test_intermittent_series_tries_croston_family() -> None:
    rng = np.random.default_rng(3)
    y = np.where(rng.random(150) < 0.15, rng.integers(1, 4, 150), 0).astype(float)
    r = forecast_series(_series(y), NEVER)
    assert r.demand_class in ("intermittent", "lumpy")
    assert {"croston", "sba", "tsb"} <= set(r.backtest)
    assert any("intermittent" in w for w in r.warnings)
    assert np.all(r.upper >= 1)  # a count band, not a zero-width one


def test_intervals_contain_forecast_and_backtest_coverage_is_reported() -> None:
    rng = np.random.default_rng(4)
    y = rng.poisson(50, 200).astype(float)
    r = forecast_series(_series(y), ForecastOptions(horizon=30, prophet="never"))
    assert np.all(r.lower <= r.forecast) and np.all(r.forecast <= r.upper)
    assert r.interval_coverage is not None and r.interval_coverage >= 0.6


def test_batch_with_global_model_across_series() -> None:
    rng = np.random.default_rng(5)
    pattern = np.array([1.0, 1, 1, 1.2, 1.5, 2, 0.6])
    series = [_series(rng.poisson(lam * np.tile(pattern, 30)).astype(float), sid=f"s{i}")
              for i, lam in enumerate(rng.uniform(5, 40, 12))]
    results = forecast_batch(series, ForecastOptions(horizon=14, prophet="never"), workers=1)
    assert [r.series_id for r in results] == [s.series_id for s in series]
    assert all(r.model.startswith(("ensemble(", "seasonal_ensemble(", "global_l1")) for r in results)
    assert all("global_l1" in r.backtest and "naive" in r.backtest for r in results)
    assert all(len(r.forecast) == 14 for r in results)
    # the pooled global member learns the day-of-week pattern shared by every series
    shape = np.tile(pattern, 2)[len(series[0].values) % 7:][:14]
    assert np.mean([np.corrcoef(r.forecast, shape)[0, 1] for r in results]) > 0.5


def test_batch_without_global_model_keeps_per_series_selection() -> None:
    rng = np.random.default_rng(5)
    series = [_series(rng.poisson(lam, 120).astype(float), sid=f"s{i}") for i, lam in enumerate((5, 9, 20, 30))]
    results = forecast_batch(series, ForecastOptions(horizon=7, prophet="never"), workers=1, use_global=False)
    assert all(GLOBAL_NAME not in r.backtest and not r.model.startswith("ensemble") for r in results)


@pytest.mark.slow
def test_prophet_competes_on_a_long_enough_series() -> None:
    rng = np.random.default_rng(6)
    t = np.arange(120)
    y = 20 + 0.1 * t + 5 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 1, 120)
    r = forecast_series(_series(y), ForecastOptions(horizon=14, prophet="always", country="US"))
    assert "prophet" in r.backtest
    assert r.status == "ok" and len(r.forecast) == 14


def test_prophet_probe_stops_after_a_losing_sample() -> None:
    from shared.forecast.engine import ProphetProbe

    probe = ProphetProbe(probe=5, min_win_rate=0.2)
    for _ in range(5):
        assert probe.allow()
        probe.record(False)
    assert not probe.allow()
    winning = ProphetProbe(probe=2, min_win_rate=0.2)
    winning.record(True)
    winning.record(False)
    assert winning.allow()
