from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.pricing.alerts import competitor_moves, hysteresis_alerts, map_violations, promotions
from shared.pricing.position import price_position
from tests.unit.pricing.frames import observations


def _series(prices: list[float], sku: str = "A", competitor: str = "x", our: float = 10.0) -> pd.DataFrame:
    days = pd.date_range("2026-01-01", periods=len(prices), freq="D").strftime("%Y-%m-%d")
    return observations([(sku, d, competitor, p, our) for d, p in zip(days, prices, strict=True)])


def test_moves_both_directions_against_the_reference() -> None:
    # 100 -> 104 (4%, no alert, reference stays 100) -> 106 (6% vs 100: alert up, reference 106)
    # -> 100 (-5.66%: alert down) -> 96 (-4%: no alert)
    moves = competitor_moves(_series([100, 104, 106, 100, 96]), threshold=0.05)
    assert list(moves["direction"]) == ["up", "down"]
    assert list(moves["reference_price"]) == [100.0, 106.0]
    assert moves["change_pct"].round(2).tolist() == [6.0, -5.66]
    assert list(moves["date"].dt.day) == [3, 4]


def test_threshold_is_configurable_and_missing_days_are_skipped() -> None:
    obs = _series([100, 104, 103])
    obs = obs[obs["date"] != pd.Timestamp("2026-01-02")]
    assert competitor_moves(_series([100, 104, 103]), threshold=0.03)["price"].tolist() == [104.0]
    assert competitor_moves(obs, threshold=0.05).empty


@settings(max_examples=100, deadline=None)
@given(base=st.floats(min_value=5, max_value=5000), wiggles=st.lists(st.integers(-10, 10), min_size=2, max_size=60))
def test_oscillating_by_cents_never_alerts(base: float, wiggles: list[int]) -> None:
    values = np.array([[round(base + w / 100.0, 2)] for w in wiggles])
    alert, _ = hysteresis_alerts(values, 0.05)
    assert not alert.any()


@settings(max_examples=100, deadline=None)
@given(prices=st.lists(st.floats(min_value=1, max_value=1000), min_size=1, max_size=40),
       threshold=st.floats(min_value=0.01, max_value=0.5))
def test_every_alert_exceeds_threshold_and_quiet_steps_stay_within_it(prices: list[float], threshold: float) -> None:
    values = np.array(prices).reshape(-1, 1)
    alert, ref = hysteresis_alerts(values, threshold)
    for t in range(1, len(prices)):
        moved = abs(prices[t] / ref[t, 0] - 1)
        assert alert[t, 0] == (moved > threshold)


def test_promotion_depth_and_duration() -> None:
    prices = [20.0] * 10 + [15.0, 15.0, 16.0] + [20.0] * 5
    promos = promotions(_series(prices), min_depth=0.10, window=28)
    assert len(promos) == 1
    p = promos.iloc[0]
    assert p["start"] == pd.Timestamp("2026-01-11") and p["end"] == pd.Timestamp("2026-01-13")
    assert p["duration_days"] == 3 and p["regular_price"] == 20.0 and p["min_price"] == 15.0
    assert p["max_depth_pct"] == pytest.approx(25.0) and p["mean_depth_pct"] == pytest.approx((25 + 25 + 20) / 3)
    assert not p["ongoing"]


def test_ongoing_promotion_and_small_dips_ignored() -> None:
    promos = promotions(_series([20.0] * 6 + [19.0] + [20.0] * 3 + [17.0, 17.0]), min_depth=0.10)
    assert len(promos) == 1 and promos.iloc[0]["ongoing"] and promos.iloc[0]["duration_days"] == 2


def test_map_and_msrp_violations() -> None:
    obs = observations([("A", "2026-01-01", "x", 8.0, 9.0), ("A", "2026-01-01", "y", 12.0, 9.0),
                        ("B", "2026-01-01", "x", 30.0, 30.0)])
    attrs = pd.DataFrame({"map_price": [10.0, None], "msrp": [None, 25.0]}, index=pd.Index(["A", "B"], name="sku"))
    v = map_violations(price_position(obs), obs, attrs)
    got = {(r.sku, r.party, r.kind, r.price, r.limit) for r in v.itertuples()}
    assert got == {("A", "us", "below_map", 9.0, 10.0), ("A", "x", "below_map", 8.0, 10.0),
                   ("B", "us", "above_msrp", 30.0, 25.0)}


def test_price_matrix_keeps_the_last_duplicate_and_aligns_keys() -> None:
    from shared.pricing.alerts import price_matrix

    obs = observations([("B", "2026-01-02", "y", 5.0, 1.0), ("A", "2026-01-01", "x", 1.0, 1.0),
                        ("A", "2026-01-01", "x", 2.0, 1.0), ("B", "2026-01-01", "x", 7.0, 1.0)])
    wide = price_matrix(obs)
    assert wide.loc["2026-01-01", ("A", "x")] == 2.0
    assert wide.loc["2026-01-02", ("B", "y")] == 5.0 and wide.loc["2026-01-01", ("B", "x")] == 7.0
    assert np.isnan(wide[("A", "x")]["2026-01-02"])
    assert wide.shape == (2, 3)
