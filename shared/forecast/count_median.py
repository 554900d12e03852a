"""A slow weekly count's forecast as a whole number: the median of a count is one.

Under absolute error (what MASE averages) the expected loss of a forecast between two whole numbers k and
k + 1 is linear in it, so one of the two is always at least as good as any fraction between them. The
ensemble's median of members (the mean of the middle two: ``global_l1`` and the year-long level, say) lands
between them: a slow mover forecast 1.4 units a week sells 0, 1, 2, ..., never 1.4. Rounded to the nearest
whole number, the median estimate picks the side its members point to.

Only where the gap between two counts is a large share of the forecast: below :data:`COUNT_LIMIT` units. On
faster series rounding moved the Complete Journey's product panels by noise (0.9696 -> 0.9703 at 8 weeks).
Weekly series only: daily ones have their count-aware weekday profile (:mod:`weekday_profile`); rounded too,
they gained on five of six daily judges and lost 0.001 on the slowest. Figures in docs/forecast.md ("Slow counts
as whole numbers: a seventh round", "Daily slow counts as whole numbers").

A sum over the horizon wants the mean, not the median: :func:`mean_over_median` lifts a slow count's unrounded
centre by its last year's mean over its median ("Horizon totals of slow counts").
"""

from __future__ import annotations

import numpy as np

COUNT_LIMIT = 5.0  # forecasts of fewer units a period than this are rounded (3 and 10 measured alike)
MEAN_WINDOW = 52  # a year of weeks: a slow count's median is a whole number, its ratio to the mean needs many


def is_count(history: np.ndarray) -> bool:
    """Whether every observed value is a whole number (units sold, not kilograms or a filled mean)."""
    x = np.asarray(history, dtype=float)
    return len(x) > 0 and bool(np.all(np.isfinite(x))) and bool(np.all(x == np.round(x)))


def count_median(forecast: np.ndarray) -> np.ndarray:
    """``forecast`` with its values below :data:`COUNT_LIMIT` rounded to the nearest count (halves up)."""
    fc = np.asarray(forecast, dtype=float)
    return np.where(fc < COUNT_LIMIT, np.floor(fc + 0.5), fc)


def mean_over_median(history: np.ndarray, centre: np.ndarray) -> float:
    """How far a slow count's mean sits above its median: the last :data:`MEAN_WINDOW` periods' ratio, else 1.

    The ensemble's centre is a median (its members are medians and an L1 fit): right for one period, below the
    mean for a count selling 0, 1, 2, 3, ... (Poisson 3.5 has median 3), and a horizon's total is a sum whose
    expectation is the sum of means. Only for slow counts (a mean centre under :data:`COUNT_LIMIT`, whole units);
    1 where the median is 0 (those are intermittent, whose totals read their recent mean instead).
    """
    y = np.asarray(history, dtype=float)[-MEAN_WINDOW:]
    if not is_count(y) or float(np.mean(centre)) >= COUNT_LIMIT:
        return 1.0
    median = float(np.median(y))
    return float(np.mean(y)) / median if median > 0 else 1.0
