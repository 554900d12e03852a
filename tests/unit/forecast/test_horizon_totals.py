"""A horizon total's band from the backtest's totals (:mod:`horizon_totals`), through the ensemble and the agent."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from shared.forecast.agent import SkuOutcome, _view, stock_plan
from shared.forecast.batch import forecast_chunk
from shared.forecast.engine import ForecastOptions, SeriesForecast
from shared.forecast.fit_reuse import head
from shared.forecast.horizon_totals import (
    MIN_TOTAL_ERRORS,
    cumulative_errors,
    expected_path,
    total_quantiles,
    window_offset,
    window_span,
)
from shared.forecast.periods import RegularSeries, regularise_arrays
from shared.forecast.window import Window


def test_cumulative_errors_are_the_running_miss_of_the_total() -> None:
    assert cumulative_errors(np.array([3.0, 0.0, 5.0]), np.array([2.0, 2.0, 2.0, 9.0])).tolist() == [1.0, -1.0, 2.0]


def test_a_skewed_series_path_is_floored_at_its_recent_mean_and_a_smooth_one_is_its_centre() -> None:
    history = np.array([0.0, 0.0, 6.0, 0.0] * 10)  # mean 1.5 a day, median day 0
    centre = np.zeros(5)
    assert expected_path(history, centre, "D", "intermittent").tolist() == [1.5] * 5
    assert expected_path(history, centre, "D", "intermittent", multiplier=2.0).tolist() == [3.0] * 5
    assert expected_path(np.full(60, 40.0), np.full(3, 41.0), "D", "smooth").tolist() == [41.0] * 3


def _errors(rng: np.random.Generator, cases: int, horizon: int, shared: float) -> list[np.ndarray]:
    """Cumulative misses of ``cases`` totals whose steps miss by a shared level error plus their own noise."""
    level = rng.normal(0.0, 1.0, (cases, 1)) * shared
    return [np.cumsum(row) for row in level + rng.normal(0.0, 1.0, (cases, horizon))]


def test_the_band_of_a_total_grows_with_k_as_its_steps_misses_are_correlated() -> None:
    """Independent steps: the total's quantile grows as sqrt(k); steps that share a level miss: nearly as k."""
    rng = np.random.default_rng(5)
    horizon = 16
    independent = total_quantiles(_errors(rng, 4000, horizon, 0.0), horizon, (0.9,))
    shared = total_quantiles(_errors(rng, 4000, horizon, 1.0), horizon, (0.9,))
    assert independent is not None and shared is not None
    lo, hi = independent[0.9]
    assert np.allclose(lo, -hi)
    assert hi[-1] / hi[0] == pytest.approx(4.0, rel=0.1)  # sqrt(16)
    growth = shared[0.9][1][-1] / shared[0.9][1][0]
    assert growth > 10.0, growth  # (1 + 16^2)^0.5 / 2^0.5 ~ 11.5 with a shared miss as large as a step's noise


def test_the_band_holds_its_level_on_new_totals_of_the_same_kind() -> None:
    rng = np.random.default_rng(8)
    q = total_quantiles(_errors(rng, 1500, 13, 0.7), 13, (0.8, 0.95))
    assert q is not None
    fresh = np.array([e[-1] for e in _errors(rng, 4000, 13, 0.7)])
    for lv in (0.8, 0.95):
        held = float(np.mean(np.abs(fresh) <= q[lv][1][-1]))
        assert abs(held - lv) < 0.03, (lv, held)


def test_too_few_totals_give_no_band() -> None:
    rng = np.random.default_rng(1)
    assert total_quantiles(_errors(rng, MIN_TOTAL_ERRORS - 1, 4, 1.0), 4, (0.9,)) is None
    assert total_quantiles(_errors(rng, MIN_TOTAL_ERRORS, 4, 1.0), 4, (0.9,)) is not None


def _quarterly_panel(seed: int, skus: int, weeks: int, ahead: int = 13) -> tuple[list[RegularSeries], np.ndarray]:
    """Weekly counts whose level moves quarter to quarter (a slow quarter is slow every week): histories and the
    next ``ahead`` weeks' totals sold (of 13)."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2023-01-02", periods=weeks, freq="W-MON")
    series, sold = [], []
    for k in range(skus):
        rate = rng.uniform(2.0, 30.0)
        quarters = np.repeat(np.exp(rng.normal(0.0, 0.3, weeks // 13 + 2)), 13)[: weeks + 13]
        units = rng.poisson(rate * quarters).astype(float)
        series.append(regularise_arrays(f"S{k}", dates, units[:weeks], None, None, "W"))
        sold.append(units[weeks : weeks + ahead].sum())
    return series, np.array(sold)


def _held(series: list[RegularSeries], results: list[SeriesForecast], sold: np.ndarray) -> float:
    views = [_view(SkuOutcome(s, r, False, period_days=7), 0.9, 91) for s, r in zip(series, results, strict=True)]
    return float(np.mean([v.lower <= a <= v.upper for v, a in zip(views, sold, strict=True)]))


def test_a_13_week_total_band_holds_quarters_whose_level_moves() -> None:
    """Through ``forecast_chunk`` and the agent's view: the backtest's totals hold about nine in ten of the next
    quarters sold at 90%; the same forecasts read as independent weeks hold far fewer."""
    series, sold = _quarterly_panel(11, 80, 36)  # under a year: too few past 13-week windows for `total_band`
    results = forecast_chunk(series, ForecastOptions(horizon=13, level=0.9, prophet="never"))
    assert all(r.sum_bands for r in results)
    measured = _held(series, results, sold)
    independent = _held(series, [replace(r, sum_bands={}) for r in results], sold)
    assert measured >= 0.8, measured
    assert independent < measured - 0.15, (independent, measured)


def test_the_total_band_survives_the_cache_and_a_shorter_horizon() -> None:
    series, _ = _quarterly_panel(3, 40, 60)
    result = forecast_chunk(series, ForecastOptions(horizon=13, level=0.9, prophet="never"))[0]
    back = SeriesForecast.from_dict(result.to_dict())
    assert set(back.sum_bands) == set(result.sum_bands) == {0.8, 0.9, 0.95}
    assert np.allclose(back.sum_bands[0.9][1], result.sum_bands[0.9][1], atol=1e-4)
    cut = head(result, 4)
    assert len(cut.sum_bands[0.9][0]) == 4 and cut.sum_bands[0.9][1][3] == result.sum_bands[0.9][1][3]


def _lead_time_misses(series: list[RegularSeries], results: list[SeriesForecast], demand: np.ndarray) -> float:
    """Share of SKUs whose demand over an 8-week lead time passed the reorder point of a 95% service level."""
    plans = [
        stock_plan(
            SkuOutcome(s, r, False, period_days=7),
            0.9,
            on_hand=0.0,
            on_order=0.0,
            lead_time_days=56,
            service_level=0.95,
            review_days=7,
        )
        for s, r in zip(series, results, strict=True)
    ]
    return float(np.mean([d > p.reorder_point for p, d in zip(plans, demand, strict=True)]))


def test_the_reorder_point_covers_lead_time_demand_at_its_service_level() -> None:
    """An 8-week lead time's demand is a total: its safety stock from the backtest's totals passes it at about the
    5% a 95% service level allows (0.07-0.11 on 80 SKUs); read as independent weeks, about 1 in 5 run out."""
    misses, independent = [], []
    for seed in (11, 12):
        series, demand = _quarterly_panel(seed, 80, 36, ahead=8)
        results = forecast_chunk(series, ForecastOptions(horizon=13, level=0.9, prophet="never"))
        misses.append(_lead_time_misses(series, results, demand))
        independent.append(_lead_time_misses(series, [replace(r, sum_bands={}) for r in results], demand))
    assert np.mean(misses) <= 0.12, misses
    assert np.mean(independent) > np.mean(misses) + 0.05, (independent, misses)


def test_a_window_from_step_one_is_the_horizon_totals_band_and_a_later_one_its_own_share() -> None:
    shared_only = 3.0 * np.arange(1, 9)  # a level miss shared by every step: the offset grows as k
    assert window_span(np.ones(8)) == (0.0, 8.0)
    assert window_offset(shared_only, 0.0, 8.0) == pytest.approx(24.0)
    assert window_offset(shared_only, 4.0, 8.0) == pytest.approx(12.0)  # half the steps, half the miss
    noise_only = 2.0 * np.sqrt(np.arange(1, 9))  # steps missing independently: as sqrt(k)
    assert window_offset(noise_only, 4.0, 8.0) == pytest.approx(2.0 * 2.0)  # sqrt(4) steps' worth
    # a week the window cuts counts in part: from the 3rd day of week 2 to the end of week 4
    weights = np.array([0.0, 5 / 7, 1.0, 1.0, 0.0])
    assert window_span(weights) == pytest.approx((1 + 2 / 7, 4.0))
    assert window_span(np.zeros(3)) is None


def test_a_later_windows_band_is_read_off_the_backtests_totals() -> None:
    """The agent's view of the last four weeks of an 8-week horizon ("next month" asked a month ahead): the
    backtest's totals' band, its share for the window, narrower than the whole horizon's."""
    series, _ = _quarterly_panel(7, 80, 60)
    results = forecast_chunk(series, ForecastOptions(horizon=8, level=0.9, prophet="never"))
    end = series[0].dates[-1].date()
    window = Window(end, end + pd.Timedelta(days=29).to_pytimedelta(), end + pd.Timedelta(days=56).to_pytimedelta())
    span = window_span(window.weights(8, 7))
    assert span == (4.0, 8.0)
    for s, r in zip(series[:10], results[:10], strict=True):
        o = SkuOutcome(s, r, False, period_days=7)
        later = _view(o, 0.9, 56, window)
        whole = _view(o, 0.9, 56)
        assert later.upper - later.lower < whole.upper - whole.lower
        assert later.upper - later.total == pytest.approx(window_offset(r.sum_bands[0.9][1], *span), rel=1e-6)
