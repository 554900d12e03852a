from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from shared.forecast.drift import assess_drift
from shared.forecast.elasticity import estimate_elasticity
from shared.forecast.inventory import (
    days_of_cover,
    plan_inventory,
    sigma_from_interval,
    sigma_of_totals,
    sigma_over,
)

Z90 = float(stats.norm.ppf(0.95))


def test_days_of_cover_interpolates() -> None:
    assert days_of_cover(np.full(10, 10.0), 25) == 2.5
    assert days_of_cover(np.full(10, 10.0), 500) is None
    assert days_of_cover(np.full(4, 2.0), 3, period_days=7) == 10.5
    assert days_of_cover(np.full(3, 1.0), 0) == 0.0


def test_reorder_point_with_service_level_by_hand() -> None:
    f = np.full(30, 10.0)
    sd = 2.0
    lower, upper = f - Z90 * sd, f + Z90 * sd  # a 90% interval with sigma 2 per day
    plan = plan_inventory(f, lower, upper, level=0.9, on_hand=40, lead_time_days=5, service_level=0.95, review_days=7)
    expected_ss = float(stats.norm.ppf(0.95)) * sd * math.sqrt(5)
    assert math.isclose(plan.lead_time_demand, 50.0)
    assert math.isclose(plan.safety_stock, expected_ss, rel_tol=1e-9)
    assert math.isclose(plan.reorder_point, 50 + expected_ss, rel_tol=1e-9)  # 57.36
    assert plan.reorder_now
    assert plan.reorder_quantity == math.ceil(50 + expected_ss + 70 - 40)
    assert plan.days_of_cover == 4.0
    assert plan.stockout_risk_lead_time > 0.9


def test_no_uncertainty_and_ample_stock() -> None:
    f = np.full(10, 1.0)
    plan = plan_inventory(f, f, f, level=0.9, on_hand=1000, lead_time_days=3)
    assert plan.safety_stock == 0.0 and plan.reorder_point == 3.0
    assert not plan.reorder_now and plan.reorder_quantity == 0
    assert plan.days_of_cover is None and plan.overstock_risk == 1.0
    assert plan.excess_units == 990.0


@given(
    st.floats(min_value=0, max_value=100),
    st.floats(min_value=0.01, max_value=20),
    st.integers(min_value=1, max_value=30),
    st.floats(min_value=0.5, max_value=0.999),
)
@settings(max_examples=50, deadline=None)
def test_reorder_point_grows_with_service_level(rate: float, sd: float, lead: int, service: float) -> None:
    f = np.full(30, rate)
    lo, hi = f - Z90 * sd, f + Z90 * sd
    a = plan_inventory(f, lo, hi, level=0.9, on_hand=10, lead_time_days=lead, service_level=service)
    higher = min(0.9999, service + 0.0005)
    b = plan_inventory(f, lo, hi, level=0.9, on_hand=10, lead_time_days=lead, service_level=higher)
    assert b.reorder_point >= a.reorder_point
    assert a.reorder_quantity >= 0
    assert np.allclose(sigma_from_interval(lo, hi, 0.9), sd)


def test_drift_alert_when_error_rises_more_than_ten_percent() -> None:
    actual = np.array([10.0, 12.0, 8.0, 10.0])
    forecast = np.array([12.0, 10.0, 10.0, 12.0])  # MAE 2
    ok = assess_drift(forecast, actual, scale=2.0, expected_mase=0.95)  # live 1.0 -> +5%
    assert not ok.alert and math.isclose(ok.live_mase or 0, 1.0)
    bad = assess_drift(forecast, actual, scale=2.0, expected_mase=0.8)  # +25%
    assert bad.alert and "drift" in bad.message
    early = assess_drift(forecast[:2], actual[:2], scale=2.0, expected_mase=0.8)
    assert not early.alert and early.live_mase is None


def test_elasticity_recovered_and_declined_without_variation() -> None:
    rng = np.random.default_rng(0)
    price = rng.choice([8.0, 10.0, 12.0], 200)
    units = 1000 * price**-1.5 * rng.lognormal(0, 0.05, 200)
    est = estimate_elasticity(units, price)
    assert est.value is not None and abs(est.value + 1.5) < 0.1
    assert math.isclose(est.multiplier(10) or 0, 1.1**est.value)
    flat = estimate_elasticity(units, np.full(200, 9.99))
    assert flat.value is None and "never varied" in flat.reason
    assert estimate_elasticity(units, None).multiplier(5) is None


def test_the_lead_times_sigma_is_the_backtest_totals_when_measured() -> None:
    """Periods that miss together: the total's sigma over k periods grows as k, not sqrt(k), and a lead time past
    the horizon carries that growth on."""
    f = np.full(10, 10.0)
    lower, upper = f - Z90 * 2.0, f + Z90 * 2.0
    total_sigma = 2.0 * np.arange(1, 11)  # sigma of the total over k periods: 2k
    plan = plan_inventory(f, lower, upper, level=0.9, on_hand=0, lead_time_days=5, total_sigma=total_sigma)
    z95 = float(stats.norm.ppf(0.95))
    assert math.isclose(plan.safety_stock, z95 * 10.0, rel_tol=1e-9)
    independent = plan_inventory(f, lower, upper, level=0.9, on_hand=0, lead_time_days=5)
    assert math.isclose(independent.safety_stock, z95 * 2.0 * math.sqrt(5), rel_tol=1e-9)
    assert sigma_over(total_sigma, 20) == 40.0 and sigma_over(total_sigma, 3) == 6.0
    # a 90% band's upper end read as the sigma it implies gives that end back at a 95% service level
    assert np.allclose(sigma_of_totals(np.array([3.29]), 0.9) * z95, 3.29)
