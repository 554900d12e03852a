"""Prediction intervals from backtest errors (split-conformal style), with a count-data floor.

The signed errors of the chosen model at the backtest origins give the empirical error quantiles;
beyond the backtest horizon the band widens with the square root of the step. A Poisson band is the
floor, so an interval is never narrower than the noise of counting sales. :func:`conformal_quantile`
is the finite-sample split-conformal quantile the pooled ensemble's bands use.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

MIN_ERRORS = 6


def conformal_quantile(scores: np.ndarray, level: float) -> float:
    """The split-conformal quantile of nonconformity ``scores``: their ceil((n+1) * level)-th smallest.

    Under exchangeability a new score falls at or below it with probability at least ``level``; the
    plain empirical quantile (``np.quantile``) guarantees only about ``level * n / (n + 1)``, short by a
    point or two on the few errors of a short panel (pizzaplace weekly: ~100 per horizon step). Where
    the rank exceeds n (fewer than 1 / (1 - level) scores) the largest score is the band, not infinity.
    """
    x = np.sort(np.asarray(scores, dtype=float).ravel())
    if len(x) == 0:
        return 0.0
    rank = math.ceil((len(x) + 1) * level - 1e-9)  # tolerance: (n+1)*level computed as 8.000000000000002
    return float(x[min(rank, len(x)) - 1])


def interval_offsets(errors: np.ndarray | None, horizon: int, level: float, history: np.ndarray,
                     m: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Additive (lower, upper) offsets per future step for a central ``level`` interval."""
    alpha = 1 - level
    steps = np.arange(1, horizon + 1, dtype=float)
    flat = None if errors is None else np.asarray(errors, dtype=float).ravel()
    if flat is not None and len(flat) >= MIN_ERRORS:
        bt_h = errors.shape[1] if errors is not None and errors.ndim == 2 else 1
        lo = float(np.quantile(flat, alpha / 2))
        hi = float(np.quantile(flat, 1 - alpha / 2))
        growth = np.sqrt(np.maximum(1.0, steps / max(1, bt_h)))
        return lo * growth, hi * growth
    x = np.asarray(history, dtype=float)
    sd = float(np.std(np.diff(x))) if len(x) > 2 else float(np.mean(np.abs(x)) if len(x) else 0.0)
    z = float(stats.norm.ppf(1 - alpha / 2))
    width = z * sd * np.sqrt(steps)
    return -width, width


def apply_intervals(forecast: np.ndarray, lower_off: np.ndarray, upper_off: np.ndarray,
                    level: float) -> tuple[np.ndarray, np.ndarray]:
    """Lower/upper bounds: forecast + offsets, widened to at least a Poisson band, lower clipped at 0."""
    alpha = 1 - level
    lam = np.maximum(forecast, 0.0)
    pois_lo = stats.poisson.ppf(alpha / 2, lam)
    pois_hi = stats.poisson.ppf(1 - alpha / 2, lam)
    pois_lo = np.where(np.isfinite(pois_lo), pois_lo, 0.0)
    pois_hi = np.where(np.isfinite(pois_hi), pois_hi, lam)
    lower = np.minimum(forecast + lower_off, pois_lo)
    upper = np.maximum(forecast + upper_off, pois_hi)
    lower = np.clip(lower, 0.0, forecast)
    upper = np.maximum(upper, forecast)
    return lower, upper


#: Past windows a horizon total's band needs (fewer: the summed per-period bands stand).
MIN_SUM_WINDOWS = 20


def horizon_sum_band(history: np.ndarray, horizon: int, base: int, level: float) -> tuple[float, float] | None:
    """Multipliers (low, high) for a total over the next ``horizon`` periods, from how past totals varied.

    Every past window of ``horizon`` periods is compared with what the ``base`` periods before it predicted
    (their mean times ``horizon``). A total over many periods is neither the sum of the per-period bands (as
    if every day missed the same way: 0-2,007 units around 820 on a noisy store) nor their independent sum
    (as if no slow month ever happened: +-2% on a month): past totals carry both the day-to-day noise that
    averages out and the level shifts that do not. The band is +-t * the root mean square of the log
    ratios, t of Student's distribution with the windows' effective count (overlapping windows share their
    periods: a year of daily history holds about 12 independent months, and the empirical 5% tails of 12
    months covered 74% of the next months for 90% on a store whose level drifts; this covers 93-96%).
    ``None`` with fewer than :data:`MIN_SUM_WINDOWS` windows.
    """
    x = np.asarray(history, dtype=float)
    starts = np.arange(base, len(x) - horizon + 1)
    if len(starts) < MIN_SUM_WINDOWS:
        return None
    cumulative = np.concatenate([[0.0], np.cumsum(x)])
    actual = cumulative[starts + horizon] - cumulative[starts]
    predicted = (cumulative[starts] - cumulative[starts - base]) / base * horizon
    if not (predicted > 0).any():
        return None
    log_ratio = np.log((actual + 1.0) / (predicted + 1.0))  # +1: a window that sold nothing stays finite
    spread = math.sqrt(float(np.mean(log_ratio ** 2)))
    independent = max(2.0, len(starts) / horizon)
    t = float(stats.t.ppf(0.5 + level / 2, independent - 1)) * math.sqrt(1 + 1 / independent)
    return math.exp(-t * spread), math.exp(t * spread)
