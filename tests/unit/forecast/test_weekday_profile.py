"""A daily batch's pooled weekday profile and the local members that carry it (pizzaplace: no pizza alone
is bound to its weekdays, all of them sell more on Fridays)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from shared.forecast import ensemble as E
from shared.forecast.engine import ForecastOptions
from shared.forecast.members import local_members, pooled_seasonality, weekday_bound, weekday_members
from shared.forecast.periods import RegularSeries
from shared.forecast.weekday_profile import day_numbers, moves_count_median, pooled_weekday_profile

FRIDAY_LIFT = np.array([0.9, 1.0, 1.0, 1.05, 1.3, 1.0, 0.75])  # Monday first: busier Fridays, quiet Sundays


def _pizza_like(seed: int, lift: np.ndarray = FRIDAY_LIFT, n: int = 24, days: int = 280) -> list[RegularSeries]:
    """``n`` slow daily series (2-6 a day, Poisson) sharing one weekday shape, too faint to see in any one."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2024-01-01", periods=days, freq="D")
    factor = lift[dates.day_of_week]
    return [RegularSeries(f"p{i}", "D", dates, rng.poisson(rng.uniform(2, 6) * factor).astype(float)) for i in range(n)]


def _profile(panel: list[RegularSeries]) -> np.ndarray | None:
    return pooled_weekday_profile([s.values for s in panel], [day_numbers(s.dates) for s in panel])


def test_the_pooled_profile_recovers_a_shape_no_single_series_shows() -> None:
    panel = _pizza_like(0)
    assert not any(weekday_bound(s.values, 7) for s in panel)
    profile = _profile(panel)
    assert profile is not None
    assert profile == pytest.approx(FRIDAY_LIFT / FRIDAY_LIFT.mean(), abs=0.06)
    assert _profile(_pizza_like(0, np.ones(7))) is None  # plain noise: the Friedman test does not pass


def test_the_profile_is_read_on_the_calendar_not_on_positions() -> None:
    """Series ending on different days still line up by date (a Friday is a Friday in every series)."""
    panel = _pizza_like(0)
    shifted = [
        RegularSeries(s.series_id, "D", s.dates[:-k], s.values[:-k]) if k else s
        for s, k in zip(panel, [0, 1, 2, 3] * 6, strict=True)
    ]
    assert _profile(shifted) == pytest.approx(_profile(panel), abs=0.03)


def test_a_closed_day_does_not_make_a_weekday_look_slow() -> None:
    """A month of closed Mondays (pizzaplace, October 2015): the median over weeks ignores them."""
    panel = _pizza_like(0)
    closed = (panel[0].dates.day_of_week == 0) & (panel[0].dates.month == 5)
    shut = [RegularSeries(s.series_id, "D", s.dates, np.where(closed, 0.0, s.values)) for s in panel]
    profile, before = _profile(shut), _profile(panel)
    assert profile is not None and before is not None
    assert profile[0] == pytest.approx(before[0], abs=0.03)


def test_the_local_members_of_a_daily_batch_carry_its_weekday_profile() -> None:
    """Without the profile the flat level and SES pulled the ensemble's Fridays down (Friday / Sunday 1.35,
    truly 1.73; pizzaplace's Friday lost to the LightGBM anchor, ours biased low by 0.47 MASE units)."""
    panel = _pizza_like(0)
    assert not pooled_seasonality([s.values for s in panel], 7)
    h = 14
    out = E.ensemble_chunk([s.head(len(s.values) - h) for s in panel], ForecastOptions(horizon=h))
    assert all("level_wd" in r.model and "ses_wd" in r.model for r in out.values())
    friday = np.mean([r.forecast[r.dates.day_of_week == 4].mean() for r in out.values()])
    sunday = np.mean([r.forecast[r.dates.day_of_week == 6].mean() for r in out.values()])
    assert friday / sunday > 1.5


def test_a_series_with_its_own_weekday_member_or_seasonal_ones_keeps_them() -> None:
    y = _pizza_like(0)[0].values
    past, future = np.resize(FRIDAY_LIFT, len(y)), np.resize(FRIDAY_LIFT, 14)
    assert "level_wd" in local_members(y, 14, 7, seasonal=False, intermittent=False, weekday_factors=(past, future))
    assert "level_wd" not in local_members(y, 14, 7, seasonal=True, intermittent=False, weekday_factors=(past, future))
    sunday_bulk = np.tile([0.0, 0, 0, 0, 0, 0, 20], 30)
    members = local_members(
        sunday_bulk, 14, 7, seasonal=False, intermittent=True, weekday_factors=(np.resize(FRIDAY_LIFT, 210), future)
    )
    assert "weekday" in members and "level_wd" not in members


def test_an_intermittent_series_keeps_its_plain_median() -> None:
    """A slow mover's level is the median of small counts: a 15-20% weekday shift does not move a count's
    median, and the shifted level pays on every day it moves (held-out daily panels lost with it)."""
    rng = np.random.default_rng(2)
    slow = rng.poisson(0.4 * np.resize(FRIDAY_LIFT, 280)).astype(float)
    past, future = np.resize(FRIDAY_LIFT, 280), np.resize(FRIDAY_LIFT, 14)
    members = local_members(slow, 14, 7, seasonal=False, intermittent=True, weekday_factors=(past, future))
    assert "level_wd" not in members and "ses_wd" not in members
    assert "level_wd" in local_members(
        slow + 5, 14, 7, seasonal=False, intermittent=False, weekday_factors=(past, future)
    )


def test_the_profile_moves_a_count_only_where_it_moves_its_median() -> None:
    """Poisson 4 a day: median 4, 4 at 1.05, 5 on a Friday at 1.3, 3 on a Sunday at 0.75; 1 a day: 1 on all."""
    lift = np.array([1.0, 1.0, 1.0, 1.05, 1.3, 1.0, 0.75])
    assert list(moves_count_median(4.0, lift)) == [False, False, False, False, True, False, True]
    assert not moves_count_median(1.0, lift).any()
    assert not moves_count_median(0.0, lift).any()


def test_a_slow_smooth_series_keeps_its_plain_level_on_every_day() -> None:
    past, future = np.resize(FRIDAY_LIFT, 280), np.resize(FRIDAY_LIFT, 14)  # day 0 is a Monday
    rng = np.random.default_rng(3)
    slow = rng.poisson(1.0 * past).astype(float)
    fast = rng.poisson(12.0 * past).astype(float)
    plain = local_members(slow, 14, 7, seasonal=False, intermittent=False)
    assert weekday_members(slow, 14, (past, future))["level_wd"] == pytest.approx(plain["level"])
    fast_members = weekday_members(fast, 14, (past, future))["level_wd"]
    assert fast_members[4] > fast_members[3] > fast_members[6]  # Friday above Thursday above Sunday


def test_a_series_bound_to_its_own_weekdays_does_not_lend_its_pattern_to_the_batch() -> None:
    """One Sunday-bulk product among plain noise: summed, it would make every series busier on Sundays."""
    rng = np.random.default_rng(4)
    dates = pd.date_range("2024-01-01", periods=210, freq="D")
    noise = [RegularSeries(f"p{i}", "D", dates, rng.poisson(rng.uniform(1, 8), 210).astype(float)) for i in range(7)]
    bulk = RegularSeries("bulk", "D", dates, np.where(dates.day_of_week == 6, 20.0, 0.0))
    assert _profile([*noise, bulk]) is not None  # the naive sum would see a Sunday peak
    assert E._weekday_profile([*noise, bulk], [210] * 8) is None
