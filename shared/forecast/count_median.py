"""A slow weekly count's forecast as a whole number: the median of a count is one.

Under absolute error (what MASE averages) the expected loss of a forecast between two whole numbers k and
k + 1 is linear in it, so one of the two is always at least as good as any fraction between them. The
ensemble's median of members (the mean of the middle two: ``global_l1`` and the year-long level, say) lands
between them: a slow mover forecast 1.4 units a week sells 0, 1, 2, ..., never 1.4. Rounded to the nearest
whole number, the median estimate picks the side its members point to.

Only where the gap between two counts is a large share of the forecast: below :data:`COUNT_LIMIT` units. On
faster series rounding moved the Complete Journey's product panels by noise (0.9696 -> 0.9703 at 8 weeks).
Weekly series only: daily ones have their count-aware weekday profile (:mod:`weekday_profile`) and were not
measured with it. Figures in docs/forecast.md ("Slow counts as whole numbers: a seventh round").
"""

from __future__ import annotations

import numpy as np

COUNT_LIMIT = 5.0  # forecasts of fewer units a period than this are rounded (3 and 10 measured alike)


def is_count(history: np.ndarray) -> bool:
    """Whether every observed value is a whole number (units sold, not kilograms or a filled mean)."""
    x = np.asarray(history, dtype=float)
    return len(x) > 0 and bool(np.all(np.isfinite(x))) and bool(np.all(x == np.round(x)))


def count_median(forecast: np.ndarray) -> np.ndarray:
    """``forecast`` with its values below :data:`COUNT_LIMIT` rounded to the nearest count (halves up)."""
    fc = np.asarray(forecast, dtype=float)
    return np.where(fc < COUNT_LIMIT, np.floor(fc + 0.5), fc)
