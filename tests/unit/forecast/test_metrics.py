from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.forecast.metrics import coverage, mase, mase_scale, smape

values = st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=3, max_size=40)


def test_mase_of_naive_on_its_own_insample_is_one() -> None:
    y = np.array([3.0, 5.0, 4.0, 8.0, 6.0, 7.0])
    assert mase(y[1:], y[:-1], y, m=1) == 1.0


def test_mase_hand_computed() -> None:
    insample = np.array([1.0, 3.0, 2.0, 4.0])  # naive abs diffs 2,1,2 -> scale 5/3
    assert math.isclose(mase([5.0, 5.0], [4.0, 7.0], insample), 1.5 / (5 / 3))


def test_seasonal_scale_uses_lag_m() -> None:
    y = np.array([1.0, 5.0, 1.0, 5.0, 2.0, 6.0])
    assert mase_scale(y, m=2) == 0.5  # lag-2 diffs 0, 0, 1, 1
    assert math.isnan(mase_scale(np.array([2.0, 2.0, 2.0])))


def test_smape_hand_values() -> None:
    assert math.isclose(smape([100.0], [110.0]), 200 * 10 / 210)
    assert smape([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert smape([0.0], [5.0]) == 200.0


def test_coverage() -> None:
    assert coverage([1, 5, 9], [0, 0, 0], [2, 6, 8]) == 2 / 3


@given(values, values)
@settings(max_examples=60, deadline=None)
def test_smape_bounded_and_symmetric(a: list[float], f: list[float]) -> None:
    n = min(len(a), len(f))
    s = smape(a[:n], f[:n])
    assert 0 <= s <= 200 + 1e-9
    assert math.isclose(s, smape(f[:n], a[:n]), rel_tol=1e-9, abs_tol=1e-9)


@given(values, st.floats(min_value=0.01, max_value=1000))
@settings(max_examples=60, deadline=None)
def test_mase_scale_invariant_and_nonnegative(y: list[float], c: float) -> None:
    x = np.array(y)
    actual, forecast = x[-2:], np.full(2, x[:-2].mean())
    base = mase(actual, forecast, x[:-2])
    scaled = mase(actual * c, forecast * c, x[:-2] * c)
    if math.isnan(base):
        assert math.isnan(scaled)
    else:
        assert base >= 0
        assert math.isclose(base, scaled, rel_tol=1e-6, abs_tol=1e-9)
