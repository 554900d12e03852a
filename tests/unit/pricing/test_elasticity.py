from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.pricing.elasticity import estimate_elasticity, profit_max_price, simulate_price_change


def _sales(sku: str, prices: np.ndarray, units: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"sku": sku, "date": pd.date_range("2026-01-01", periods=len(prices)), "units": units,
                         "price": prices})


def test_exact_log_log_data_recovers_the_slope() -> None:
    prices = np.array([8.0, 9.0, 10.0, 11.0, 12.0, 9.5, 10.5, 11.5])
    units = 5000 * prices ** -1.5
    est = estimate_elasticity(_sales("A", prices, units)).loc["A"]
    assert est["elasticity"] == pytest.approx(-1.5)
    assert est["r2"] == pytest.approx(1.0)
    assert est["usable"] and est["n_obs"] == 8


def test_unusable_fits_say_why() -> None:
    flat = _sales("F", np.full(10, 10.0), np.full(10, 5.0))
    short = _sales("S", np.array([9.0, 10.0, 11.0]), np.array([3.0, 2.0, 1.0]))
    zeros = _sales("Z", np.array([9.0, 10.0]), np.array([0.0, 0.0]))
    est = estimate_elasticity(pd.concat([flat, short, zeros]))
    assert not est.loc["F", "usable"] and "price varied" in est["reason"]["F"]
    assert not est.loc["S", "usable"] and "fewer than 8" in est["reason"]["S"]
    assert not est.loc["Z", "usable"] and est.loc["Z", "reason"] == "no days with sales"
    assert est.loc["Z", "n_zero_days"] == 2


@settings(max_examples=40, deadline=None)
@given(b=st.floats(min_value=-4.0, max_value=-0.2), seed=st.integers(0, 2**32 - 1))
def test_recovers_a_known_coefficient_within_its_interval(b: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    prices = rng.uniform(5.0, 15.0, 400)
    units = 2000.0 * prices ** b * np.exp(rng.normal(0.0, 0.05, 400))
    est = estimate_elasticity(_sales("A", prices, units), level=0.999999).loc["A"]
    # a 1 - 1e-6 interval: failing this by chance has probability ~1e-6 per example
    assert est["ci_low"] <= b <= est["ci_high"]
    assert est["ci_high"] - est["ci_low"] < 0.2


def test_interval_coverage_is_close_to_nominal() -> None:
    rng = np.random.default_rng(42)
    frames = []
    for i in range(400):
        prices = rng.uniform(5.0, 15.0, 30)
        frames.append(_sales(f"S{i}", prices, 500.0 * prices ** -2.0 * np.exp(rng.normal(0, 0.2, 30))))
    est = estimate_elasticity(pd.concat(frames), level=0.90)
    coverage = ((est["ci_low"] <= -2.0) & (-2.0 <= est["ci_high"])).mean()
    assert 0.85 <= coverage <= 0.95


def test_profit_max_price_and_inelastic_case() -> None:
    assert profit_max_price(-2.0, 10.0) == pytest.approx(20.0)  # c * b / (1 + b)
    assert profit_max_price(-3.0, 10.0) == pytest.approx(15.0)
    assert np.isnan(profit_max_price(-0.8, 10.0))


def test_simulated_price_cut() -> None:
    sim = simulate_price_change(change_pct=-10, elasticity=-2.0, ci_low=-2.5, ci_high=-1.5, price=10.0,
                                base_units=100.0, cost=6.0)
    units = 100 * 0.9 ** -2.0
    assert sim["delta_units"] == pytest.approx(units - 100)
    assert sim["delta_revenue"] == pytest.approx(units * 9.0 - 1000.0)
    assert sim["delta_profit"] == pytest.approx(units * 3.0 - 400.0)
    assert sim["delta_units_low"] == pytest.approx(100 * 0.9 ** -1.5 - 100)
    assert sim["delta_units_high"] == pytest.approx(100 * 0.9 ** -2.5 - 100)
