from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.pricing.options import PricingOptions
from shared.pricing.recommend import recommend_prices


def _one(**values: float | bool | None) -> pd.Series:
    frame = pd.DataFrame({k: [np.nan if v is None else v] for k, v in values.items()}, index=["A"])
    row = recommend_prices(frame, PricingOptions()).loc["A"]
    assert isinstance(row, pd.Series)  # one row per SKU
    return row


def test_rule_moves_toward_the_median_within_the_step() -> None:
    r = _one(our_price=12.0, comp_median=10.0, cost=5.0)
    assert r["method"] == "rule" and r["recommended_price"] == 10.8  # 12 - 10% step
    assert "step_limited" in r["flags"]
    r = _one(our_price=10.1, comp_median=10.0, cost=5.0)
    assert r["recommended_price"] == 10.1  # inside the 2% hold band


def test_floor_from_cost_and_map_wins() -> None:
    r = _one(our_price=10.0, comp_median=8.0, cost=8.1)  # floor 8.1 / 0.9 = 9.0
    assert r["recommended_price"] == 9.0 and "floor_bound" in r["flags"]
    r = _one(our_price=8.0, comp_median=8.0, cost=5.0, map_price=10.0)  # below MAP now: jump to MAP
    assert r["recommended_price"] == 10.0
    assert {"step_exceeded_for_floor", "below_map_now"} <= set(r["flags"].split(";"))


def test_elasticity_method_used_when_reliable() -> None:
    r = _one(our_price=18.0, comp_median=18.0, cost=10.0, optimal_price=20.0, elasticity_ok=True)
    assert r["method"] == "elasticity" and r["recommended_price"] == 19.8
    r = _one(our_price=18.0, comp_median=18.0, cost=10.0, optimal_price=20.0, elasticity_ok=False)
    assert r["method"] == "rule" and r["recommended_price"] == 18.0


def test_hold_without_competitors() -> None:
    r = _one(our_price=18.0, comp_median=None, cost=10.0)
    assert r["method"] == "hold" and r["recommended_price"] == 18.0


money = st.floats(min_value=0.5, max_value=5000, allow_nan=False)
maybe_money = st.one_of(st.none(), money)


@settings(max_examples=300, deadline=None)
@given(current=money, median=maybe_money, cost=maybe_money, map_price=maybe_money, msrp=maybe_money,
       optimal=maybe_money, max_step=st.floats(0.01, 0.5), margin=st.floats(0.0, 0.6))
def test_recommendation_respects_constraints(current: float, median: float | None, cost: float | None,
                                             map_price: float | None, msrp: float | None, optimal: float | None,
                                             max_step: float, margin: float) -> None:
    frame = pd.DataFrame({"our_price": [current], "comp_median": [median], "cost": [cost], "map_price": [map_price],
                          "msrp": [msrp], "optimal_price": [optimal], "elasticity_ok": [optimal is not None]},
                         index=["A"], dtype=object).astype({"elasticity_ok": bool})
    for col in ("our_price", "comp_median", "cost", "map_price", "msrp", "optimal_price"):
        frame[col] = frame[col].astype("float64")
    r = recommend_prices(frame, PricingOptions(max_step=max_step, margin_floor=margin)).loc["A"]
    rec = r["recommended_price"]
    eps = 1e-9 * max(1.0, current)
    floor = max(cost / (1 - margin) if cost is not None else 0.0, map_price or 0.0)
    ceiling = msrp if msrp is not None else math.inf
    flags = set(r["flags"].split(";"))
    assert rec >= floor - eps  # margin floor and MAP always hold
    if floor <= ceiling and not ceiling < current * (1 - max_step):
        assert rec <= ceiling + eps
    else:
        assert flags & {"floor_above_msrp", "ceiling_below_step"}
    if floor <= current * (1 + max_step):
        assert abs(rec - current) <= max_step * current + eps
    else:
        assert "step_exceeded_for_floor" in flags
    assert r["method"] in {"rule", "elasticity", "hold"}
