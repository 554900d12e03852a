"""Public holidays: the distance feature, the band inflation measured from history, wider bands there."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from shared.forecast import ensemble as E
from shared.forecast.calendar_effects import around_holiday, holiday_distance, holiday_inflation, near_holiday
from shared.forecast.engine import ForecastOptions
from shared.forecast.periods import RegularSeries


def test_holiday_distance_daily_and_weekly() -> None:
    days = pd.date_range("2013-11-26", "2013-12-01", freq="D")
    daily = holiday_distance(days, "D", "US")
    assert daily is not None and daily.tolist() == [-2, -1, 0, 1, 2, 3]  # Thanksgiving: 28 Nov
    weeks = pd.date_range("2015-12-17", periods=4, freq="7D")  # the week from 24 Dec holds Christmas
    dist = holiday_distance(weeks, "W", "US")
    assert dist is not None and dist.tolist() == [-1, 0, 0, -1]  # 31 Dec holds 1 Jan; 7 Jan: MLK Day next
    near = near_holiday(dist, "W")
    assert near is not None and near.tolist() == [False, True, True, False]
    assert holiday_distance(days, "D", None) is None
    assert holiday_distance(days, "D", "XX") is None  # unknown country: no holidays, no failure
    assert holiday_distance(days, "M", "US") is None


def test_holiday_inflation_measures_how_much_holidays_vary() -> None:
    rng = np.random.default_rng(2)
    n = 200
    flag = np.zeros(n, dtype=bool)
    flag[np.arange(30, n, 9)] = True
    hist, flags = [], []
    for _ in range(6):
        y = rng.normal(100, 5, n)
        y[flag] += rng.choice([-40.0, 40.0], int(flag.sum()))
        hist.append(y)
        flags.append(flag)
    out = holiday_inflation(hist, flags, 7, [5.0] * 6, (0.8, 0.95))
    assert out[0.8] > 2 and out[0.95] > 1.5
    calm = holiday_inflation([rng.normal(100, 5, n) for _ in range(6)], flags, 7, [5.0] * 6, (0.8,))
    assert calm[0.8] < 1.3
    assert holiday_inflation(hist[:1], [np.zeros(n, dtype=bool)], 7, [5.0], (0.8,)) == {0.8: 1.0}


def test_weekly_history_under_four_years_measures_holidays_against_the_recent_weeks() -> None:
    rng = np.random.default_rng(5)
    n = 43  # pizzaplace weekly: under a year, so no same week of earlier years to compare with
    flag = np.zeros(n, dtype=bool)
    flag[[8, 16, 25, 30, 35, 40]] = True
    hist = []
    for _ in range(8):
        y = rng.normal(100, 5, n)
        y[flag] += rng.choice([-40.0, 40.0], int(flag.sum()))
        hist.append(y)
    out = holiday_inflation(hist, [flag] * 8, 52, [5.0] * 8, (0.8,))
    assert out[0.8] > 2  # was 1.0 (no widening) for any weekly history shorter than 4 x 52 weeks


def _holiday_batch() -> list[RegularSeries]:
    """Daily series through 19 Dec 2014 whose holidays swing far from the ordinary days."""
    rng = np.random.default_rng(4)
    dates = pd.date_range("2013-01-01", "2014-12-19", freq="D")
    flag = near_holiday(holiday_distance(dates, "D", "US"), "D")
    assert flag is not None
    out = []
    for i in range(10):
        y = rng.poisson(40, len(dates)).astype(float)
        y[flag] = rng.choice([5.0, 90.0], int(flag.sum()))
        out.append(RegularSeries(f"s{i}", "D", dates, y))
    return out


def test_bands_widen_on_holiday_periods_when_a_country_is_set() -> None:
    batch = _holiday_batch()
    plain = E.ensemble_chunk(batch, ForecastOptions(horizon=14, level=0.8, prophet="never"))
    us = E.ensemble_chunk(batch, ForecastOptions(horizon=14, level=0.8, prophet="never", country="US"))
    r, q = plain[0], us[0]
    christmas = list(r.dates).index(pd.Timestamp("2014-12-25"))
    ordinary = list(r.dates).index(pd.Timestamp("2014-12-21"))
    width = lambda f, k: float(f.bands[0.8][1][k] - f.bands[0.8][0][k])  # noqa: E731
    assert width(q, christmas) > 1.5 * width(r, christmas)
    assert width(q, ordinary) == pytest.approx(width(r, ordinary), rel=0.35)


def test_days_around_a_holiday_get_their_own_widening() -> None:
    rng = np.random.default_rng(6)
    dates = pd.date_range("2013-01-01", "2014-12-05", freq="D")
    around = around_holiday(holiday_distance(dates, "D", "US"), "D")
    assert around is not None
    batch = []
    for i in range(10):
        y = rng.poisson(40, len(dates)).astype(float)
        y[around] = rng.choice([15.0, 65.0], int(around.sum()))  # the days 2-7 from a holiday swing
        batch.append(RegularSeries(f"s{i}", "D", dates, y))
    plain = E.ensemble_chunk(batch, ForecastOptions(horizon=14, level=0.8, prophet="never"))[0]
    us = E.ensemble_chunk(batch, ForecastOptions(horizon=14, level=0.8, prophet="never", country="US"))[0]
    width = lambda f, day: float(f.bands[0.8][1][list(f.dates).index(pd.Timestamp(day))]  # noqa: E731
                                 - f.bands[0.8][0][list(f.dates).index(pd.Timestamp(day))])
    assert width(us, "2014-12-19") > 1.5 * width(plain, "2014-12-19")  # 6 days before Christmas
    assert width(us, "2014-12-10") == pytest.approx(width(plain, "2014-12-10"), rel=0.01)  # far from any
