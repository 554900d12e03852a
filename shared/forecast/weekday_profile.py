"""A daily batch's pooled weekday profile: the weekly shape its series share, read from their summed sales.

One pizza sells 4 a day: its Friday lift (+18% in the pizzaplace panel) is a fraction of a unit, lost in its
Poisson noise, so no single pizza is bound to its weekdays (:func:`members.weekday_bound`: lag-7
autocorrelation 0.08 on the median pizza) and its flat local members under-forecast every Friday. Summed
over the batch the same shape is unmistakable, and estimated over a year of weeks it is precise. The
profile is the median over the last :data:`WEEKS` whole weeks of each day's share of its week's mean (a
median: a closed day or a holiday spike in one week does not move it), used only when a Friedman test over
those weeks says the weekdays differ (:data:`SIGNIFICANCE`). A series' local members follow it only where
it moves that series' count median (:func:`moves_count_median`): on a slow count a +-15-20% shift seldom does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from scipy.stats import poisson

WEEKS = 52  # a year of weeks: 4-8 weeks measured worse (one week's event moves the median of few)
MIN_WEEKS = 4
SIGNIFICANCE = 0.01  # the Friedman test's p-value under which the batch's weekdays differ
EPOCH_WEEKDAY = 3  # 1970-01-01, day 0, was a Thursday (Monday = 0)


def day_numbers(dates: pd.DatetimeIndex) -> np.ndarray:
    """Days since the epoch of each date (the calendar shared by every series of a batch)."""
    return np.asarray(dates.to_numpy().astype("datetime64[D]").astype(np.int64))


def pooled_weekday_profile(histories: list[np.ndarray], days: list[np.ndarray]) -> np.ndarray | None:
    """Each weekday's factor (Monday first, mean 1) shared by the batch, or ``None`` without a clear one.

    ``histories[i][t]`` was sold on day ``days[i][t]`` (:func:`day_numbers`); series may end on different
    days. Only whole weeks inside the batch's span count (ending on its last day); a week with no sale at
    all (a shop closed) is left out.
    """
    if not histories:
        return None
    last = max(int(d[-1]) for d in days if len(d))
    first = min(int(d[0]) for d in days if len(d))
    weeks = min(WEEKS, (last - first + 1) // 7)
    if weeks < MIN_WEEKS:
        return None
    span = 7 * weeks
    total = np.zeros(span)
    for y, d in zip(histories, days, strict=True):
        back = last - np.asarray(d, dtype=np.int64)  # 0 = the batch's last day
        keep = back < span
        np.add.at(total, back[keep], np.asarray(y, dtype=float)[keep])
    grid = total.reshape(weeks, 7)  # row: weeks back; column j: the day j days before a week's last day
    grid = grid[grid.sum(axis=1) > 0]
    if len(grid) < MIN_WEEKS or stats.friedmanchisquare(*grid.T).pvalue >= SIGNIFICANCE:
        return None
    shape = np.median(grid / grid.mean(axis=1, keepdims=True), axis=0)
    if np.min(shape) <= 0:  # a weekday that never sells: no multiplicative profile
        return None
    weekday = (last + EPOCH_WEEKDAY - np.arange(7)) % 7
    profile = np.empty(7)
    profile[weekday] = shape
    return profile / profile.mean()


def moves_count_median(rate: float, factors: np.ndarray) -> np.ndarray:
    """Per horizon day: whether the weekday factor moves the median of a count selling ``rate`` a day.

    The count is read as Poisson (its median is what absolute error rewards): a series selling 4 a day has the
    median 4 on an average day and 5 on a Friday at 1.18; one selling 1 a day keeps the median 1 on every day
    of a +-20% profile, and its weekday-shifted level would only move away from it.
    """
    floor = 1e-9  # a rate of 0 has the median 0 (the Poisson of rate 0 is undefined in scipy)
    shifted = poisson.ppf(0.5, np.maximum(rate * np.asarray(factors, dtype=float), floor))
    return np.asarray(shifted != poisson.ppf(0.5, max(rate, floor)), dtype=bool)
