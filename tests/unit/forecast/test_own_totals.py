"""A total's band from its own series' backtest totals: the store's, a category's, a small shop's named SKU's."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from shared.forecast.own_totals import (
    MAX_OWN_ORIGINS,
    MIN_OWN_ORIGINS,
    log_misses,
    model_components,
    own_sum_bands,
    rolling_cuts,
    too_few_reason,
)


def _wandering(seed: int, n: int) -> np.ndarray:
    """Daily units around a level that wanders (a slow month is slow every day) with a weekly cycle."""
    rng = np.random.default_rng(seed)
    level = 100 * np.exp(np.cumsum(rng.normal(0, 0.02, n)))
    week = np.array([1.2, 1.0, 0.9, 0.9, 1.0, 1.3, 0.7])
    return rng.poisson(level * np.resize(week, n)).astype(float)


def test_rolling_cuts_span_the_history_from_a_horizon_of_training_to_a_horizon_before_the_end() -> None:
    cuts = rolling_cuts(120, 30, 7)
    assert cuts[0] == 30 and cuts[-1] == 90 and np.all(np.diff(cuts) == 1)
    long = rolling_cuts(730, 35, 7)
    assert len(long) <= MAX_OWN_ORIGINS and long[-1] == 730 - 35 and long[0] - 35 < np.diff(long)[0]
    assert rolling_cuts(50, 30, 7) == []  # not a horizon to train on and one to score


def test_model_components_read_the_selections_name() -> None:
    assert model_components("combo(theta+seasonal_median+naive)") == ("theta", "seasonal_median", "naive")
    assert model_components("ses") == ("ses",)
    assert model_components("median(level+global_l1)") is None  # the pooled ensemble is not refitted here


def test_a_miss_is_a_log_ratio_so_tripled_and_thirded_weigh_alike() -> None:
    misses = log_misses(np.array([[9.0, 9.0], [29.0, 29.0]]), np.array([[29.0, 29.0], [9.0, 9.0]]))
    assert misses[0, 1] == pytest.approx(-misses[1, 1])
    assert np.isnan(log_misses(np.array([[0.0]]), np.array([[3.0]]))[0, 0])  # nothing forecast: no ratio


def test_the_band_from_own_backtest_totals_holds_its_level_on_the_next_totals() -> None:
    """A wandering store: the band of its 30-day total holds about 90% of the next 30 days' totals."""
    inside, width = [], []
    for seed in range(40):
        y = _wandering(seed, 400)
        history, future = y[:370], y[370:]
        forecast = np.full(30, history[-28:].mean())  # recent_mean, as refitted at every origin
        bands = own_sum_bands(history, forecast, 7, "recent_mean", (0.9,))
        assert bands is not None
        lo, hi = forecast.sum() + bands[0.9][0][-1], forecast.sum() + bands[0.9][1][-1]
        inside.append(lo <= future.sum() <= hi)
        width.append((hi - lo) / forecast.sum())
    assert 0.8 <= np.mean(inside) <= 1.0
    # the band grows with k (a slow month is slow every day) and is a factor either way around the total
    assert 0.05 < float(np.median(width)) < 0.6
    assert bands is not None and bands[0.9][1][-1] > 3 * bands[0.9][1][0] and -bands[0.9][0][-1] < bands[0.9][1][-1]


def test_too_short_a_history_gives_no_band_and_says_why() -> None:
    y = _wandering(1, 75)  # 30 days to train and 30 to score leave 16 origins
    assert own_sum_bands(y, np.full(30, y[-28:].mean()), 7, "recent_mean", (0.9,)) is None
    assert own_sum_bands(_wandering(1, 400), np.full(30, 100.0), 7, "median(level+x)", (0.9,)) is None
    reason = too_few_reason(len(rolling_cuts(75, 30, 7)), 30, "day")
    assert reason == (
        f"its history holds 16 past 30-day totals to check the model against, fewer than the {MIN_OWN_ORIGINS} "
        "a calibrated band needs"
    )


def _store_sales(days: int, seed: int = 2) -> pd.DataFrame:
    dates = pd.date_range("2024-01-01", periods=days, freq="D")
    rows = [
        pd.DataFrame(
            {"sku": sku, "date": dates, "units": _wandering(seed + i, days) / 4, "price": np.nan, "promo": 0.0}
        )
        for i, sku in enumerate(("A", "B", "C"))
    ]
    return pd.concat(rows, ignore_index=True)


def test_the_stores_total_says_its_band_is_its_own_backtest_totals() -> None:
    from shared.forecast.agent import store_total
    from shared.forecast.engine import ForecastOptions

    sales = _store_sales(400)
    last = sales["date"].max()
    view = store_total(sales, last, "D", ForecastOptions(horizon=30, level=0.9, prophet="never"), 30, 3)
    past = store_total(sales, last, "D", ForecastOptions(horizon=30, level=0.9, prophet="never"), 30, 3, own_band=False)
    assert view is not None and past is not None
    assert view.band_note.startswith("interval from this model's own misses of its past 30-day totals, refitted at ")
    assert view.band_note.endswith("points of the history: 90% of them fell inside a band this wide")
    assert view.total == past.total  # the point is the same; only the band's source moves
    assert (view.lower, view.upper) != (past.lower, past.upper)
    assert 0 < view.lower < view.total < view.upper


def test_a_short_history_keeps_the_older_band_and_the_answer_says_why() -> None:
    from shared.forecast.agent import store_total
    from shared.forecast.engine import ForecastOptions

    sales = _store_sales(85)  # 35 days fitted (the bucket), 35 to train: 16 origins
    view = store_total(sales, sales["date"].max(), "D", ForecastOptions(horizon=30, level=0.9, prophet="never"), 30, 3)
    assert view is not None
    assert "its history holds 16 past 30-day totals to check the model against, fewer than the 20" in view.band_note
    assert view.band_note.startswith(
        "interval from how past totals over as many days varied"
    ) or view.band_note.startswith("interval of the per-day bands summed")


def test_a_named_skus_forecast_without_a_pooled_totals_band_gets_its_own() -> None:
    from shared.forecast.agent import SkuOutcome, _build_series, _view, with_own_sku_totals
    from shared.forecast.engine import ForecastOptions, forecast_series

    sales = _store_sales(400)
    series = _build_series(sales, sales["date"].max(), "D")["A"]
    result = forecast_series(series, ForecastOptions(horizon=30, level=0.9, prophet="never"))
    assert not result.sum_bands  # the per-series selection (the pooled fit not ready in time)
    before = SkuOutcome(series, result, False)
    after = SkuOutcome(series, with_own_sku_totals(before, 0.9), False)
    assert set(after.result.sum_bands) >= {0.8, 0.9, 0.95}
    old, new = _view(before, 0.9, 30), _view(after, 0.9, 30)
    assert new.total == old.total and (new.lower, new.upper) != (old.lower, old.upper)
    # a forecast that already has the pooled band keeps it
    assert with_own_sku_totals(after, 0.9) is after.result
