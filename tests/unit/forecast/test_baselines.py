from __future__ import annotations

import numpy as np

from shared.forecast.baselines import mean, naive, robust_level, seasonal_median, seasonal_naive, ses, theta
from shared.forecast.intermittent import classify, croston, sba, tsb


def test_naive_and_seasonal_naive_by_hand() -> None:
    y = np.array([1.0, 2.0, 3.0, 10.0, 20.0, 30.0])
    assert naive(y, 3).tolist() == [30.0, 30.0, 30.0]
    assert seasonal_naive(y, 5, 3).tolist() == [10.0, 20.0, 30.0, 10.0, 20.0]
    assert seasonal_naive(y[:2], 2, 3).tolist() == [2.0, 2.0]  # shorter than a season -> naive
    assert mean(y, 1).tolist() == [11.0]


def test_robust_level_ignores_a_spike() -> None:
    y = np.array([5.0, 5, 5, 5, 5, 5, 500])
    assert robust_level(y, 2, 7).tolist() == [5.0, 5.0]


def test_seasonal_median_per_position() -> None:
    y = np.array([1.0, 10, 1, 10, 99, 10, 1, 10])  # period 2, one outlier at an odd position
    assert seasonal_median(y, 4, 2).tolist() == [1.0, 10.0, 1.0, 10.0]


def test_ses_and_theta_track_level_and_trend() -> None:
    flat = np.full(30, 7.0)
    assert np.allclose(ses(flat, 3), 7.0)
    trend = np.arange(1.0, 41.0)
    f = theta(trend, 5, 1)
    assert np.all(np.diff(f) > 0)  # keeps (half) the trend


def test_croston_sba_tsb_by_hand() -> None:
    y = np.array([0.0, 0, 4, 0, 0, 4])
    # sizes 4,4 -> 4; intervals start 3, then 3 -> 3: rate 4/3
    assert np.isclose(croston(y, 1)[0], 4 / 3)
    assert np.isclose(sba(y, 1)[0], 4 / 3 * 0.95)
    assert tsb(np.zeros(5), 2).tolist() == [0.0, 0.0]
    assert 0 < tsb(y, 1)[0] < 4


def test_classification() -> None:
    assert classify(np.array([0.0, 0, 3, 0, 0, 3, 0, 0, 3])).demand_class == "intermittent"
    assert classify(np.array([5.0, 6, 5, 7, 6])).demand_class == "smooth"
    assert classify(np.zeros(4)).demand_class == "no_demand"
    lumpy = classify(np.array([0.0, 0, 1, 0, 0, 40, 0, 0, 2]))
    assert lumpy.demand_class == "lumpy" and lumpy.intermittent
