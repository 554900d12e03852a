from __future__ import annotations

import numpy as np
import pandas as pd

from shared.forecast.intervals import MIN_SUM_WINDOWS, horizon_sum_band


def _store_days(rng: np.random.Generator, days: int) -> np.ndarray:
    """A store's daily units: Poisson noise around a level that shifts every month (a slow month is slow)."""
    level = 200.0 * np.exp(np.cumsum(rng.normal(0, 0.08, days // 30 + 1)))
    return rng.poisson(np.repeat(level, 30)[:days]).astype(float)


def test_the_band_of_a_total_covers_the_totals_that_followed() -> None:
    rng = np.random.default_rng(5)
    hits = []
    for _ in range(40):
        x = _store_days(rng, 500)
        origin = int(rng.integers(300, 470))
        band = horizon_sum_band(x[:origin], 30, 28, 0.9)
        assert band is not None
        predicted = x[origin - 28:origin].mean() * 30
        hits.append(predicted * band[0] <= x[origin:origin + 30].sum() <= predicted * band[1])
    assert 0.85 <= np.mean(hits) <= 1.0


def test_level_shifts_widen_the_band_and_noise_alone_does_not() -> None:
    rng = np.random.default_rng(9)
    steady = rng.poisson(200.0, 400).astype(float)
    low, high = horizon_sum_band(steady, 30, 28, 0.9) or (0.0, 0.0)
    assert 0.93 < low < 1.0 < high < 1.07  # a month of 6,000 units: Poisson noise averages out to ~+-2%
    shifting = horizon_sum_band(_store_days(rng, 400), 30, 28, 0.9)
    assert shifting is not None and shifting[1] - shifting[0] > 2 * (high - low)


def test_too_short_a_history_has_no_band() -> None:
    assert horizon_sum_band(np.ones(28 + 30 + MIN_SUM_WINDOWS - 2), 30, 28, 0.9) is None
    assert horizon_sum_band(np.ones(28 + 30 + MIN_SUM_WINDOWS - 1), 30, 28, 0.9) == (1.0, 1.0)
    assert horizon_sum_band(np.zeros(400), 30, 28, 0.9) is None  # nothing ever sold: no ratio


def test_the_store_total_band_is_measured_not_the_summed_daily_bands() -> None:
    from shared.forecast.agent import store_total
    from shared.forecast.engine import ForecastOptions

    rng = np.random.default_rng(3)
    days = pd.date_range("2025-01-01", periods=400, freq="D")
    # a store that sells on 3 days in 10 (6 units a day on average): a day's median is 0, and 30 of them
    # summed to a forecast of 0 units; the summed daily bands ran from 0 to several times the total
    units = np.where(rng.random(len(days)) < 0.3, rng.poisson(20, len(days)), 0).astype(float)
    sales = pd.DataFrame({"sku": "S", "date": days, "units": units, "price": np.nan, "promo": np.nan})
    view = store_total(sales, days[-1], "D", ForecastOptions(horizon=30, level=0.9), 30, 1)
    assert view is not None and abs(view.total - 180) < 0.3 * 180
    assert 0.3 * view.total < view.lower < view.total < view.upper < 2.5 * view.total
    # a store that sells every day: a month's band is a few percent, not the summed days' +-10%
    steady = sales.assign(units=rng.poisson(200, len(days)).astype(float))
    view = store_total(steady, days[-1], "D", ForecastOptions(horizon=30, level=0.9), 30, 1)
    assert view is not None and abs(view.total - 6000) < 0.05 * 6000
    assert 0.93 * view.total < view.lower and view.upper < 1.07 * view.total


def test_the_store_total_band_is_never_wider_than_the_summed_daily_bands() -> None:
    from shared.forecast.agent import STORE_SERIES, _build_series, store_total
    from shared.forecast.engine import ForecastOptions, forecast_series
    from shared.forecast.fit_reuse import fit_options, head

    rng = np.random.default_rng(4)
    days = pd.date_range("2024-01-01", periods=620, freq="D")
    season = 100 * (1 + 0.5 * np.sin(2 * np.pi * np.arange(len(days)) / 365))  # a strong yearly season
    sales = pd.DataFrame({"sku": "S", "date": days, "units": rng.poisson(season).astype(float), "price": np.nan,
                          "promo": np.nan})
    options = ForecastOptions(horizon=138, level=0.9, prophet="never")
    view = store_total(sales, days[-1], "D", options, 138, 1)
    daily = sales.groupby("date", as_index=False)["units"].sum().assign(sku=STORE_SERIES, price=np.nan,
                                                                        promo=np.nan)
    # the model the store total reads: fitted at the horizon's bucket (fit_reuse), its first 138 days
    result = head(forecast_series(_build_series(daily, days[-1], "D")[STORE_SERIES], fit_options(options, 1)), 138)
    assert view is not None
    assert float(result.lower.sum()) - 1e-6 <= view.lower < view.total < view.upper <= float(result.upper.sum()) + 1e-6
