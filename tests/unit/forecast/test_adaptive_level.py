"""The band's level follows the coverage the backtest's newer origins got from bands of its older ones."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from shared.forecast import adaptive_level
from shared.forecast import ensemble as E
from shared.forecast.adaptive_level import adapted_level, step_quantiles
from shared.forecast.batch import forecast_chunk
from shared.forecast.csv_input import to_series
from shared.forecast.engine import ForecastOptions

H = 7


def _errors(
    spread_of_origin: dict[int, float],
    series: int = 40,
    seed: int = 3,
) -> tuple[list[np.ndarray], list[int]]:
    """Errors of ``series`` series at each origin (1 the latest), normal with the origin's spread."""
    rng = np.random.default_rng(seed)
    errors, origins = [], []
    for j, spread in spread_of_origin.items():
        for _ in range(series):
            errors.append(rng.normal(0, spread, H))
            origins.append(j)
    return errors, origins


def _level(spread_of_origin: dict[int, float], series: int = 40, history: int = 200) -> float:
    errors, origins = _errors(spread_of_origin, series)
    return adapted_level(errors, origins, [history] * len(errors), 0.8, H, settled_history=35)


def test_a_backtest_growing_harder_raises_the_level() -> None:
    # each newer origin errs more: a band from the older ones under-covers it, and the next window is newer still
    assert _level({4: 1.0, 3: 1.5, 2: 2.0, 1: 2.5}) > 0.88


def test_a_backtest_growing_calmer_lowers_the_level() -> None:
    assert _level({4: 2.5, 3: 2.0, 2: 1.5, 1: 1.0}) < 0.72


def test_exchangeable_origins_keep_about_the_level() -> None:
    # the check is against the coverage the conformal rank promises (above 80% on 40 errors), not 80%
    levels = [
        adapted_level(*_errors({4: 1.0, 3: 1.0, 2: 1.0, 1: 1.0}, seed=s), [200] * 160, 0.8, H, 35) for s in range(10)
    ]
    assert abs(float(np.mean(levels)) - 0.8) < 0.02


def test_short_histories_and_small_tiers_are_not_read_as_drift() -> None:
    # later origins of a short panel err less because they have more history: not a calmer world
    assert _level({4: 2.5, 3: 2.0, 2: 1.5, 1: 1.0}, history=30) == 0.8
    # a tier of 7 series: under 30 errors a step even over the three older origins, the check would be noise
    assert _level({4: 1.0, 3: 1.5, 2: 2.0, 1: 2.5}, series=7) == 0.8
    assert _level({1: 2.5}) == 0.8  # one origin: nothing to check


def test_the_shift_is_bounded() -> None:
    level = _level({4: 1.0, 3: 4.0, 2: 8.0, 1: 16.0})
    assert level == pytest.approx(0.8 + adaptive_level.MAX_SHIFT)


def test_step_quantiles_promise_the_conformal_rank() -> None:
    q, promised = step_quantiles([np.arange(1.0, 41.0), np.arange(1.0, 6.0)], 0.8)
    assert q[0] == 33.0 and promised[0] == pytest.approx(33 / 41)  # ceil(41 * 0.8) = 33rd of 40
    assert q[1] == 32.0  # 5 errors: the step borrows every step's 45 (ceil(46 * 0.8) = 37th smallest)
    assert promised[1] == pytest.approx(37 / 46)


def test_the_ensembles_band_follows_a_drifting_backtest() -> None:
    errors, origins = _errors({4: 1.0, 3: 1.5, 2: 2.0, 1: 2.5})
    history = np.tile([10.0, 11.0], 100)  # mean absolute one-step change 1: errors in raw units
    cases = []
    for i, (e, j) in enumerate(zip(errors, origins, strict=True)):
        fc = np.full(H, 10.0)
        members = {"global_l1": fc, "level": fc, "ses": fc, "naive": fc}
        cases.append(E._Case(i % 40, history, members, False, fc + e, origin=j))
    plain = E.conformal_quantiles(cases, E.ENSEMBLE, H, (0.8,))[0.8][1]
    adapted = E.conformal_quantiles(cases, E.ENSEMBLE, H, (0.8,), settled_history=35)[0.8][1]
    assert float(np.mean(adapted)) > 1.15 * float(np.mean(plain))


def _growing_noise_panel(series: int = 40, days: int = 300, h: int = 14) -> tuple[list, list[np.ndarray]]:
    """Daily series whose noise grows over their last 100 days; the last ``h`` days are held out."""
    rng = np.random.default_rng(11)
    dates = pd.date_range("2024-01-01", periods=days, freq="D")
    spread = np.where(np.arange(days) < days - 100, 3.0, 3.0 + 0.15 * (np.arange(days) - (days - 100)))
    rows, truth = [], []
    for i in range(series):
        y = np.maximum(0, np.round(100 + rng.normal(0, spread)))
        truth.append(y[-h:])
        rows.append(pd.DataFrame({"series_id": f"s{i:02d}", "date": dates[:-h], "units": y[:-h]}))
    return to_series(pd.concat(rows, ignore_index=True), "D"), truth


def test_bands_of_a_panel_growing_noisier_cover_its_next_window(monkeypatch: pytest.MonkeyPatch) -> None:
    train, truth = _growing_noise_panel()
    opts = ForecastOptions(horizon=14, level=0.8, prophet="never")

    def coverage() -> tuple[float, float]:
        out = forecast_chunk(train, opts)
        inside = [np.mean((a >= r.lower) & (a <= r.upper)) for a, r in zip(truth, out, strict=True)]
        return float(np.mean(inside)), float(np.mean([np.mean(r.upper - r.lower) for r in out]))

    adapted, adapted_width = coverage()
    monkeypatch.setattr(adaptive_level, "MAX_SHIFT", 0.0)  # the level as asked: the plain conformal band
    plain, plain_width = coverage()
    assert adapted_width > 1.1 * plain_width
    assert plain < 0.74 and adapted > plain + 0.04
