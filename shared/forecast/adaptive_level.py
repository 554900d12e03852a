"""The band's level, adapted to the coverage the backtest's newer origins got from bands of its older ones.

A split-conformal band assumes the next window errs like the backtest windows did. Where conditions drift,
it does not: daily flights per destination grew harder to forecast from September into the holiday season
(nycflights13: the 80% band covered 0.65 of December), and the backtest says so itself - a band calibrated
on the older origins covered the newer ones 8-32 points short of 80%. Adaptive conformal inference (Gibbs
and Candes, 2021) moves the level by the coverage missed; here, once per batch: each backtest origin with
older ones behind it is covered by the per-step band of those older origins, the shortfall is the coverage
that band's conformal rank promises minus the one achieved, and the final band's level is moved by the mean
shortfall (at most :data:`MAX_SHIFT`, never above :data:`MAX_LEVEL`). Without drift the shortfalls are noise
around 0 and the level barely moves. A drift that reverses in the next window (a calm year after hard ones,
as Texas home sales had) is read the wrong way: no check of the past can announce it.

Two guards against reading something else as drift: a check is made only where the older origins' histories
are long enough for the forecasts to be settled (a season plus a level window: on a 43-week panel the later
origins err less because they have more history, not because the world calmed down, and the next window has
little more history than the last origin), and only where the older origins hold :data:`MIN_STEP_ERRORS`
errors at every step (a small tier's band is its largest errors, and its check mostly noise).
Figures in docs/forecast.md ("Bands that follow the backtest's drift").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from shared.forecast.intervals import conformal_quantile

MIN_STEP_ERRORS = 30  # a horizon step with fewer errors borrows every step's (the per-step band's rule)
MAX_SHIFT = 0.15  # a guard: a few origins' coverage is noisy, and the level stays near the one asked for
MAX_LEVEL = 0.99


def step_quantiles(by_step: Sequence[np.ndarray], level: float) -> tuple[np.ndarray, np.ndarray]:
    """Per horizon step, the conformal ``level`` quantile of the absolute errors and the coverage it promises.

    A step with fewer than :data:`MIN_STEP_ERRORS` errors uses the errors of every step. The promised
    coverage of the ceil((n+1) level)-th smallest of n errors is its rank / (n + 1) (exchangeable errors):
    above ``level`` on few errors, which a check of the band must not read as a shortfall.
    """
    steps = [np.abs(np.asarray(b, dtype=float)) for b in by_step]
    pooled = np.concatenate(steps) if steps else np.zeros(0)
    used = [s if len(s) >= MIN_STEP_ERRORS else pooled for s in steps]
    q = np.array([conformal_quantile(s, level) for s in used])
    n = np.array([len(s) for s in used], dtype=float)
    rank = np.minimum(np.ceil((n + 1) * level - 1e-9), n)
    return q, rank / np.maximum(n + 1, 1)


def adapted_level(
    errors: Sequence[np.ndarray],
    origins: Sequence[int],
    history_lengths: Sequence[int],
    level: float,
    horizon: int,
    settled_history: int,
) -> float:
    """The level the final band is calibrated at: ``level`` plus the mean shortfall of the backtest's checks.

    ``errors``: each backtest case's scaled errors per horizon step (in the band's units); ``origins``: its
    origin's rank, 1 the latest; ``history_lengths``: its history's length at that origin;
    ``settled_history``: the history the older origins need (median) for a check to count.
    """
    rank = np.asarray(origins)
    lengths = np.asarray(history_lengths)
    table = np.full((len(errors), horizon), np.nan)  # one row per case, a shorter one padded (never counted)
    for row, e in zip(table, errors, strict=True):
        row[: min(len(e), horizon)] = np.abs(np.asarray(e, dtype=float))[:horizon]
    shortfalls: list[float] = []
    for t in sorted({int(r) for r in rank if r < rank.max()}, reverse=True):  # oldest checked origin first
        older = table[rank > t]
        if float(np.median(lengths[rank > t])) < settled_history:
            continue
        by_step = [col[~np.isnan(col)] for col in older.T]
        if min(len(b) for b in by_step) < MIN_STEP_ERRORS:
            continue
        q, promised = step_quantiles(by_step, level)
        tested = table[rank == t]
        seen = ~np.isnan(tested)
        covered = (tested <= q)[seen]
        shortfalls.append(float(np.mean(np.broadcast_to(promised, tested.shape)[seen]) - np.mean(covered)))
    if not shortfalls:
        return level
    shift = float(np.clip(np.mean(shortfalls), -MAX_SHIFT, MAX_SHIFT))
    return float(min(MAX_LEVEL, level + shift)) if math.isfinite(shift) else level
