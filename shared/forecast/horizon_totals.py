"""A horizon total's centre and band: "how many units will we sell in the next 13 weeks".

The centre (:func:`expected_path`) is what the agent sums: the per-period forecast is a median (the ensemble is
tuned for MASE), right for one period but short of the mean a total's expectation is the sum of. The band
(:func:`total_quantiles`) comes from the backtest errors of the *total* itself: at every backtest origin the
running sum of actual minus expected over steps 1..k, for every k. Summing the per-period bands as if the periods
missed independently (the normal approximation) held 55-65% of 13-week totals in their 90% band on real grocery
products: a slow quarter is slow every week, so the weeks' misses share a sign and their sum spreads nearly in
proportion to k, not to its square root. The backtest's cumulative errors carry that correlation as it was.

Scale-free and pooled: each case's cumulative errors are divided by its series' noise unit (the one the
per-period bands use) and the conformal quantile per k is taken over every series of the batch, so a year of
weekly history with one or two backtest origins still calibrates a 13-week total from a hundred products.
Pure: arrays in, arrays out.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import nnls

from shared.forecast.count_median import mean_over_median
from shared.forecast.direct_model import LEVEL_WINDOW
from shared.forecast.intervals import conformal_quantile
from shared.forecast.inventory import stock_demand

#: Demand classes whose median forecast sits below their mean: sparse ones and erratic sizes.
SKEWED_CLASSES = frozenset({"intermittent", "lumpy", "erratic"})
#: Fewer cumulative errors than this at a horizon step: no band of the total there (the caller's fallback).
MIN_TOTAL_ERRORS = 30


def expected_path(
    history: np.ndarray, centre: np.ndarray, freq: str, demand_class: str, multiplier: float = 1.0
) -> np.ndarray:
    """Per-period demand whose sum is the expected total: for a skewed series its centre raised to its recent mean.

    An intermittent, lumpy or erratic series' median period sits under its mean (0 or a fraction of its rate): its
    path is the centre floored at the mean of the last level window (28 days, 13 weeks, 12 months) times a
    what-if's ``multiplier`` (:func:`inventory.stock_demand`). A smooth weekly count's centre is lifted from a
    median to a mean by its last year (:func:`count_median.mean_over_median`). Others: the centre as it is.
    """
    centre = np.asarray(centre, dtype=float)
    if demand_class not in SKEWED_CLASSES:
        if freq == "W":
            return centre * mean_over_median(history, centre)
        return centre
    recent = np.asarray(history, dtype=float)[-LEVEL_WINDOW.get(freq, 28) :]
    return stock_demand(centre, float(recent.mean()) * multiplier if len(recent) else 0.0)


def cumulative_errors(actual: np.ndarray, path: np.ndarray) -> np.ndarray:
    """Per k, the miss of the total over steps 1..k: sum of actual minus sum of the expected path."""
    a = np.asarray(actual, dtype=float)
    return np.cumsum(a - np.asarray(path, dtype=float)[: len(a)])


def total_quantiles(
    scaled: Sequence[np.ndarray],
    horizon: int,
    levels: Sequence[float],
) -> dict[float, tuple[np.ndarray, np.ndarray]] | None:
    """Per level, (lower, upper) offsets of the total over steps 1..k, k = 1..``horizon``, in noise units.

    ``scaled``: each backtest case's :func:`cumulative_errors` divided by its series' noise unit. The band is
    +- the split-conformal quantile of their absolute values per k (symmetric, as the per-period bands: a signed
    quantile carries the backtest's bias into the next window). ``None`` when any k up to ``horizon`` has fewer
    than :data:`MIN_TOTAL_ERRORS` errors (a batch too small to calibrate a total on).
    """
    by_k = [np.array([abs(float(e[k])) for e in scaled if len(e) > k and np.isfinite(e[k])]) for k in range(horizon)]
    if not by_k or min(len(b) for b in by_k) < MIN_TOTAL_ERRORS:
        return None
    out: dict[float, tuple[np.ndarray, np.ndarray]] = {}
    for lv in levels:
        q = np.array([conformal_quantile(b, lv) for b in by_k])
        out[lv] = (-q, q)
    return out


def window_span(weights: np.ndarray) -> tuple[float, float] | None:
    """Where a window lies in the horizon, in periods: (periods before it, periods to its end); ``None`` if empty.

    ``weights``: each period's share of days inside the window (:meth:`window.Window.weights`); a week the window
    cuts counts in part (its first week's last days, its last week's first days).
    """
    inside = np.flatnonzero(np.asarray(weights, dtype=float) > 0)
    if not len(inside):
        return None
    first, last = int(inside[0]), int(inside[-1])
    return first + 1 - float(weights[first]), last + float(weights[last])


def window_offset(offsets: np.ndarray, before: float, through: float) -> float:
    """The band's offset for the total of periods ``before``..``through`` from the offsets of totals from step 1.

    ``offsets[k - 1]``: the offset of the total over steps 1..k (read between steps linearly). A window from step 1
    is the horizon total's band itself. A later one ("in January" asked on 5 Dec) is the band to its end times the
    share of it a window of its length carries: the totals' offsets are fitted as a level miss shared by every
    step plus each step's own noise (``q_k^2 = a k^2 + b k``, non-negative least squares), and the window's
    offset is ``q_through * spread(length) / spread(through)``. The band to the window's end keeps the larger
    misses of later steps; the fit says how much of it a shorter span keeps (a shared miss in proportion to the
    length, noise as its square root). On the dev panels (``bench/forecast_totals.py --window``) the difference
    of the two totals' offsets (steps missing as one) held 0.72-0.84 of windows' totals in the 90% band and their
    difference in quadrature (steps missing independently) 0.80-0.99.
    """
    q = np.concatenate([[0.0], np.abs(np.asarray(offsets, dtype=float))])
    grid = np.arange(len(q), dtype=float)
    end = float(np.interp(through, grid, q))
    if before <= 0:
        return end
    k = grid[1:]
    (shared, own), _ = nnls(np.column_stack([k**2, k]), q[1:] ** 2)

    def spread(m: float) -> float:
        return float(np.sqrt(shared * m * m + own * m))

    full = spread(through)
    return end * spread(through - before) / full if full > 0 else 0.0
