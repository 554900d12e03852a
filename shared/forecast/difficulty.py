"""How much harder or easier one series is to forecast than the batch: a band multiplier per series.

The pooled conformal band is one quantile of errors in each series' noise unit (its mean absolute one-step
change). Pooled it covers; per series it does not: on real grocery (Complete Journey) a steady product's
band was too wide and a promotion-driven one's too narrow, and a merchant reads one product's band (its
reorder point). Each series' own backtest says which it is, but from 2-4 origins, so it is shrunk toward
the batch (empirical Bayes on the log of its median absolute scaled error per origin): the weight of its own
evidence is tau^2 / (tau^2 + s^2 / n), tau^2 the between-series variance beyond what origin-to-origin
noise explains, s^2 that noise, n its origins. Where series do not differ beyond noise (tau^2 = 0) every
multiplier is 1 and the band is the pooled one. Figures in docs/forecast.md ("Per-series bands").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

ERROR_FLOOR = 1e-3  # a perfect backtest origin (all errors 0) stays finite in the log


@dataclass(frozen=True)
class Difficulty:
    """Band multipliers: one per backtest case (its own origin left out) and one per series (all origins)."""

    held_out: np.ndarray
    series: dict[int, float] = field(default_factory=dict)

    def of(self, series: int) -> float:
        """The multiplier of series ``series`` (1 for a series without a backtest: the pooled band)."""
        return self.series.get(series, 1.0)


def series_difficulty(series_of: Sequence[int] | np.ndarray, typical_error: Sequence[float] | np.ndarray) -> Difficulty:
    """Shrunken multipliers from each backtest case's series and typical (median) absolute scaled error.

    A backtest case's own multiplier leaves its origin out, so the pooled quantile is calibrated on
    errors the multiplier did not see (as the final band's multiplier has not seen the next window).
    """
    logs = np.log(np.asarray(typical_error, dtype=float) + ERROR_FLOOR)
    ones = Difficulty(np.ones(len(logs)))
    groups: dict[int, list[int]] = {}
    for pos, i in enumerate(series_of):
        groups.setdefault(i, []).append(pos)
    repeated = [g for g in groups.values() if len(g) > 1]
    if not repeated:
        return ones
    centre = float(np.mean(logs))
    noise = float(np.mean([np.var(logs[g], ddof=1) for g in repeated]))
    means = np.array([np.mean(logs[g]) for g in groups.values()])
    counts = np.array([len(g) for g in groups.values()])
    between = float(np.var(means) - np.mean(noise / counts))
    if between <= 0:
        return ones

    def shrunk(values: np.ndarray) -> float:
        weight = between / (between + noise / len(values))
        return math.exp(weight * (float(np.mean(values)) - centre))

    held_out = np.ones(len(logs))
    for g in groups.values():
        for pos in g:
            rest = [p for p in g if p != pos]
            if rest:
                held_out[pos] = shrunk(logs[rest])
    return Difficulty(held_out, {i: shrunk(logs[g]) for i, g in groups.items()})
