"""The year-long level of weekly series: a smooth yearly profile out, a year's median, the profile back."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from shared.forecast import ensemble as E
from shared.forecast.engine import ForecastOptions
from shared.forecast.members import level, local_members
from shared.forecast.periods import RegularSeries
from shared.forecast.yearly import YEAR_WEEKS, year_level, yearly_profile


def _promo_series(seed: int, n: int = 143, amp: float = 0.3, phase: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Weekly sales around 40 a week with a yearly cycle, promotion spikes in a fifth of the weeks, noise.

    Returns the sales of ``n`` weeks and the regular demand (no promotions) of those and the next 13.
    """
    rng = np.random.default_rng(seed)
    t = np.arange(n + 13)
    regular = 40 * (1 + amp * np.sin(2 * np.pi * t / YEAR_WEEKS + phase))
    spikes = np.where(rng.random(n) < 0.2, rng.uniform(1.5, 3.0, n), 1.0)
    return rng.poisson(regular[:n] * spikes).astype(float), regular


def test_year_level_follows_the_season_where_a_plain_median_cannot() -> None:
    errors: dict[str, list[float]] = {"year": [], "median 13": [], "median 52": []}
    for seed in range(20):
        y, regular = _promo_series(seed, phase=seed * 0.3)
        for name, fc in (
            ("year", year_level(y, 13)),
            ("median 13", level(y, 13, 52)),
            ("median 52", np.full(13, np.median(y[-52:]))),
        ):
            errors[name].append(float(np.mean(np.abs(fc - regular[-13:]))))
    mean = {k: np.mean(v) for k, v in errors.items()}
    assert mean["year"] < 0.7 * mean["median 52"] and mean["year"] < 0.7 * mean["median 13"]


def test_year_level_of_a_flat_series_is_flat_and_ignores_the_spikes() -> None:
    y, _ = _promo_series(3, amp=0.0)
    fc = year_level(y, 13)
    assert np.ptp(fc) < 0.1 * np.mean(fc)  # the fitted profile of noise, shrunk, stays small
    assert 36 < np.mean(fc) < 46  # the regular 40, not the spikes' mean (about 48)


def test_without_a_year_and_a_half_the_level_is_the_median_of_the_year() -> None:
    y = np.r_[np.full(30, 10.0), np.full(22, 20.0)]  # 52 weeks: too short for a profile
    assert yearly_profile(y) is None
    assert np.all(year_level(y, 4) == 10.0)  # the median of 13 weeks would say 20


def test_weekly_ensemble_uses_the_year_long_level_in_place_of_level_and_ses() -> None:
    dates = pd.date_range("2022-01-02", periods=143, freq="7D")
    weeks = [RegularSeries(f"s{i}", "W", dates, _promo_series(i, phase=i)[0]) for i in range(8)]
    out = E.ensemble_chunk(weeks, ForecastOptions(horizon=13))
    assert all("level_year" in r.model and "ses" not in r.model for r in out.values())
    y = weeks[0].values
    assert "level_year" in local_members(y, 13, 52, seasonal=False, intermittent=False)
    assert "level_year" not in local_members(y, 13, 52, seasonal=False, intermittent=True)
    assert "level_year" not in local_members(y, 14, 7, seasonal=False, intermittent=False)


@pytest.mark.parametrize("yearly", [False, True])
def test_member_names_map_level_and_ses_only_with_a_year_long_level(yearly: bool) -> None:
    names = E.member_names(E.ENSEMBLE, intermittent=False, seasonal=False, yearly=yearly)
    assert names == (
        ["global_l1", "global_l1", "level_year", "level_year"] if yearly else ["global_l1", "global_l1", "level", "ses"]
    )
