"""Inventory maths from a forecast and its intervals: cover, stockout/overstock risk, reorder point/qty.

The spread of demand over the first ``L`` periods is, where the backtest measured it, the band of the horizon
total over ``L`` periods (``total_sigma``: :mod:`horizon_totals`, the backtest's totals, whose periods miss
together: a slow fortnight is slow every day). Without it the per-period intervals are read as independent
periods (half-width / z of their level, ``sqrt(sum sigma^2)``), which held 55-65% of 13-week totals in a 90% band.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class InventoryPlan:
    """What the forecast means for stock: all quantities in units, times in days."""

    on_hand: float
    inventory_position: float
    days_of_cover: float | None
    stockout_within_horizon: bool
    stockout_risk_lead_time: float
    overstock_risk: float
    excess_units: float
    lead_time_days: int
    service_level: float
    lead_time_demand: float
    safety_stock: float
    reorder_point: float
    reorder_quantity: float
    reorder_now: bool

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form (rounded)."""
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def stock_demand(forecast: np.ndarray, mean_rate: float) -> np.ndarray:
    """Per-period demand to draw stock down with: the forecast, never below the series' recent mean rate.

    Stock runs down by the *sum* of demand, whose expectation is the sum of per-period means. A slow mover's
    point forecast is close to a median (the ensemble's median member, since #18's gappy exports): 0 or a
    fraction of its mean when it sells in under half its periods, so cover read off it was "beyond the
    horizon" for a SKU selling 0.5 a day with 40 on hand and a 90-day horizon (it runs out in about 80 days).
    """
    return np.maximum(np.asarray(forecast, dtype=float), max(0.0, float(mean_rate)))


def sigma_from_interval(lower: np.ndarray, upper: np.ndarray, level: float) -> np.ndarray:
    """Per-period standard deviation implied by a central ``level`` interval (normal approximation)."""
    z = float(stats.norm.ppf(0.5 + level / 2))
    return np.maximum(np.asarray(upper, dtype=float) - np.asarray(lower, dtype=float), 0.0) / (2 * z)


def days_of_cover(forecast: np.ndarray, stock: float, period_days: int = 1) -> float | None:
    """Days until cumulative forecast demand exceeds ``stock`` (interpolated); ``None`` if not within horizon."""
    f = np.maximum(np.asarray(forecast, dtype=float), 0.0)
    if stock <= 0:
        return 0.0
    cum = np.cumsum(f)
    idx = int(np.searchsorted(cum, stock, side="right"))
    if idx >= len(f):
        return None
    before = cum[idx - 1] if idx > 0 else 0.0
    frac = (stock - before) / f[idx] if f[idx] > 0 else 0.0
    return float((idx + frac) * period_days)


def plan_inventory(forecast: np.ndarray, lower: np.ndarray, upper: np.ndarray, *, level: float, on_hand: float,
                   on_order: float = 0.0, lead_time_days: int = 7, service_level: float = 0.95,
                   review_days: int = 7, period_days: int = 1,
                   total_sigma: np.ndarray | None = None) -> InventoryPlan:
    """Reorder point ``= demand over lead time + z(service) * sigma_LT``; order up to ROP + review demand.

    ``total_sigma``: per k, the standard deviation of demand over the first k periods (:func:`sigma_of_totals`);
    ``None``: the per-period intervals' sigmas as independent periods.
    """
    f = np.maximum(np.asarray(forecast, dtype=float), 0.0)
    sigma = sigma_from_interval(lower, upper, level)
    lt = max(1, math.ceil(lead_time_days / period_days))
    review = max(1, math.ceil(review_days / period_days))
    f_ext = _extend(f, lt + review)
    s_ext = _extend(sigma, lt + review)
    lt_demand = float(f_ext[:lt].sum())
    if total_sigma is not None and len(total_sigma):
        lt_sigma = sigma_over(total_sigma, lt)
        horizon_sigma = sigma_over(total_sigma, len(f))
    else:
        lt_sigma = float(np.sqrt(np.sum(s_ext[:lt] ** 2)))
        horizon_sigma = float(np.sqrt(np.sum(sigma ** 2)))
    z = float(stats.norm.ppf(service_level))
    safety = z * lt_sigma
    rop = lt_demand + safety
    position = on_hand + on_order
    review_demand = float(f_ext[lt:lt + review].sum())
    qty = max(0.0, rop + review_demand - position)
    horizon_demand = float(f.sum())
    return InventoryPlan(
        on_hand=float(on_hand), inventory_position=float(position),
        days_of_cover=days_of_cover(f, on_hand, period_days),
        stockout_within_horizon=bool(f.sum() > on_hand),
        stockout_risk_lead_time=_prob_exceeds(lt_demand, lt_sigma, position),
        overstock_risk=1.0 - _prob_exceeds(horizon_demand, horizon_sigma, position),
        excess_units=max(0.0, position - float(np.asarray(upper, dtype=float).sum())),
        lead_time_days=int(lead_time_days), service_level=service_level, lead_time_demand=lt_demand,
        safety_stock=safety, reorder_point=rop, reorder_quantity=float(math.ceil(qty)), reorder_now=position <= rop,
    )


def sigma_of_totals(upper_offsets: np.ndarray, level: float) -> np.ndarray:
    """Per k, the standard deviation a central ``level`` band of the total over k periods implies.

    ``upper_offsets``: the band's upper end minus the expected total (:mod:`horizon_totals`, symmetric).
    A service level ``s`` asks for the one-sided ``s`` quantile, the upper end of the central ``2s - 1`` band: read
    off the band of that level, ``z(s) * sigma`` is that band's own offset.
    """
    z = float(stats.norm.ppf(0.5 + level / 2))
    return np.maximum(np.asarray(upper_offsets, dtype=float), 0.0) / z


def sigma_over(total_sigma: np.ndarray, periods: int) -> float:
    """The sigma of the total over ``periods``; past the measured horizon it grows in proportion to the periods.

    The backtest's totals spread nearly in proportion to k (their periods miss together), so a lead time longer
    than the forecast extends the last measured sigma linearly rather than by the square root.
    """
    n = len(total_sigma)
    if periods <= n:
        return float(total_sigma[periods - 1])
    return float(total_sigma[-1]) * periods / n


def _extend(x: np.ndarray, n: int) -> np.ndarray:
    """``x`` padded to length ``n`` with its mean of the last 7 values (lead times beyond the horizon)."""
    if len(x) >= n:
        return x
    tail = float(np.mean(x[-7:])) if len(x) else 0.0
    return np.concatenate([x, np.full(n - len(x), tail)])


def _prob_exceeds(mean: float, sd: float, stock: float) -> float:
    """P(demand > stock) under a normal approximation (a step function when sd is 0)."""
    if sd <= 0:
        return 1.0 if mean > stock else 0.0
    return float(1.0 - stats.norm.cdf((stock - mean) / sd))
