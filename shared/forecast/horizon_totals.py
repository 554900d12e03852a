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
