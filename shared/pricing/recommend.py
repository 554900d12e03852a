"""Price recommendations within constraints: margin floor from cost, MAP, MSRP ceiling, max step.

Two methods produce targets: ``rule`` (position at ``target_index`` of the median competitor, holding
within a band) and ``elasticity`` (the profit-maximising price when the SKU's elasticity is reliably
below -1). The target is then moved at most ``max_step`` and kept within [floor, ceiling], where
floor = max(cost / (1 - margin_floor), MAP) and ceiling = MSRP. When the floor lies above the step
window (we are currently below cost or MAP) the floor wins and ``step_exceeded_for_floor`` is flagged;
when MSRP lies below the step window (we are far above MSRP) the step limit wins (``ceiling_below_step``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from shared.pricing.options import PricingOptions


def price_bounds(
    current: np.ndarray, cost: np.ndarray, map_price: np.ndarray, msrp: np.ndarray, *, margin_floor: float,
    max_step: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bound of the recommended price for each SKU (NaN inputs impose nothing)."""
    with np.errstate(invalid="ignore"):
        margin_min = cost / (1.0 - margin_floor)
    floor = np.fmax(np.nan_to_num(margin_min, nan=0.0), np.nan_to_num(map_price, nan=0.0))
    ceiling = np.where(np.isnan(msrp), np.inf, msrp)
    lo = np.maximum(current * (1.0 - max_step), floor)
    hi = np.minimum(current * (1.0 + max_step), ceiling)
    # floor above the step window: the floor wins; floor above ceiling: the floor wins too
    hi = np.maximum(hi, lo)
    return lo, hi


def _round_within(x: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Round to cents without leaving [lo, hi] (unrounded when no cent fits)."""
    r = np.round(np.clip(x, lo, hi), 2)
    up = np.ceil(lo * 100.0 - 1e-9) / 100.0
    down = np.floor(hi * 100.0 + 1e-9) / 100.0
    r = np.where(r < lo, up, r)
    r = np.where(r > hi, down, r)
    return np.where((r < lo) | (r > hi), np.clip(x, lo, hi), r)


def recommend_prices(frame: pd.DataFrame, options: PricingOptions) -> pd.DataFrame:
    """Recommended price per SKU.

    ``frame`` is indexed by sku with ``our_price`` and optionally ``comp_median``, ``cost``, ``map_price``,
    ``msrp``, ``optimal_price`` (elasticity optimum) and ``elasticity_ok`` (bool). Returns, indexed by
    sku: ``recommended_price``, ``target_price``, ``method``, ``floor``, ``ceiling``, ``change_pct`` and
    ``flags`` (``;``-separated).
    """
    def col(name: str) -> np.ndarray:
        if name in frame:
            return frame[name].to_numpy(dtype="float64")
        return np.full(len(frame), np.nan)

    current = col("our_price")
    cost, map_price, msrp = col("cost"), col("map_price"), col("msrp")
    median = col("comp_median")
    optimal = col("optimal_price")
    elastic_ok = frame["elasticity_ok"].to_numpy(dtype=bool) if "elasticity_ok" in frame else np.zeros(len(frame), bool)
    use_elasticity = elastic_ok & np.isfinite(optimal) & (optimal > 0)
    rule_target = median * options.target_index / 100.0
    with np.errstate(divide="ignore", invalid="ignore"):
        in_band = np.abs(current / rule_target - 1.0) <= options.hold_band
    rule_target = np.where(np.isnan(rule_target) | in_band, current, rule_target)
    target = np.where(use_elasticity, optimal, rule_target)
    method = np.where(use_elasticity, "elasticity", np.where(np.isnan(median), "hold", "rule"))
    lo, hi = price_bounds(current, cost, map_price, msrp, margin_floor=options.margin_floor, max_step=options.max_step)
    rec = _round_within(target, lo, hi)
    floor = np.fmax(np.nan_to_num(cost / (1.0 - options.margin_floor), nan=0.0), np.nan_to_num(map_price, nan=0.0))
    ceiling = np.where(np.isnan(msrp), np.inf, msrp)
    flags: list[list[str]] = [[] for _ in range(len(frame))]
    checks = {
        "step_limited": (np.abs(target - current) > options.max_step * current + 1e-9) & (rec != target),
        "floor_bound": rec <= floor + 1e-9,
        "ceiling_bound": np.isfinite(ceiling) & (rec >= ceiling - 1e-9),
        "step_exceeded_for_floor": floor > current * (1.0 + options.max_step) + 1e-9,
        "floor_above_msrp": floor > ceiling,
        "ceiling_below_step": ceiling < current * (1.0 - options.max_step) - 1e-9,
        "no_cost": np.isnan(cost),
        "below_map_now": current < np.nan_to_num(map_price, nan=-np.inf),
    }
    for name, mask in checks.items():
        for i in np.flatnonzero(mask):
            flags[i].append(name)
    out = pd.DataFrame(index=frame.index)
    out["recommended_price"] = rec
    out["target_price"] = target
    out["method"] = method
    out["floor"] = floor
    out["ceiling"] = np.where(np.isinf(ceiling), np.nan, ceiling)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["change_pct"] = 100.0 * (rec / current - 1.0)
    out["flags"] = [";".join(f) for f in flags]
    return out
