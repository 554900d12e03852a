"""A year-long robust level for weekly series, with a smooth yearly profile taken out and put back.

The median of the last 13 weeks is the strongest simple anchor on promotion-driven retail, but 13 weeks of
noisy sales with promotion spikes estimate the regular level poorly, and a longer window mixes in the season
(a product selling 30% more in summer). So the season is taken out first: a smooth yearly profile (one
Fourier pair, fitted robustly in log scale to the history's deviations from its centred running yearly
median, and shrunk toward no season because two or three noisy years estimate its amplitude loosely), then
the level is the median of the last year of the adjusted history, and the profile is put back over the
horizon. The median commutes with the log, so this is a median forecast like the other members.

With less than one and a half years of history no profile can be fitted; the level is then the median of
all the history up to a year (measured on 43-52-week panels - dunnhumby's Complete Journey, pizzaplace
weekly - it was closer to the next weeks than the median of 13).

Weekly data only: daily data's weekday pattern and monthly data's season are handled by the seasonally
adjusted members where the batch is seasonal (:mod:`members`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

YEAR_WEEKS = 365.25 / 7
LEVEL_SPAN = 52  # the level's window: a whole year, once the season is out
MIN_YEARS = 1.5  # a profile needs a year of running medians plus half a year of deviations around them
SHRINK = 0.7  # share of the fitted amplitude kept (on 2-3 noisy years the full fit overshoots)
IRLS_STEPS = 10  # reweighted least-squares steps toward the least-absolute-deviation fit
IRLS_FLOOR = 1e-3


def _harmonics(t: np.ndarray, period: float) -> np.ndarray:
    """The one Fourier pair of a yearly cycle at periods ``t``."""
    angle = 2 * np.pi * np.asarray(t, dtype=float) / period
    return np.column_stack([np.sin(angle), np.cos(angle)])


def yearly_profile(y: np.ndarray, period: float = YEAR_WEEKS) -> Callable[[np.ndarray], np.ndarray] | None:
    """The log-scale yearly profile of ``y`` as a function of the period index; ``None`` on a short history.

    Fitted to the deviations of ``log1p(y)`` from its centred running median over a year (the level and
    trend, robust to promotion spikes), by least absolute deviations (spikes and stockouts pull a squared
    fit), and multiplied by :data:`SHRINK`.
    """
    x = np.log1p(np.asarray(y, dtype=float))
    n = len(x)
    if n < MIN_YEARS * period:
        return None
    width = int(round(period)) | 1  # odd, so the running median is centred
    half = width // 2
    running = np.median(np.lib.stride_tricks.sliding_window_view(x, width), axis=1)
    t = np.arange(half, n - half)
    dev = x[t] - running
    design = _harmonics(t, period)
    beta = np.linalg.lstsq(design, dev, rcond=None)[0]
    for _ in range(IRLS_STEPS):
        weight = np.sqrt(1.0 / np.maximum(np.abs(dev - design @ beta), IRLS_FLOOR))
        beta = np.linalg.lstsq(design * weight[:, None], dev * weight, rcond=None)[0]
    coef = SHRINK * beta
    return lambda idx: np.asarray(_harmonics(idx, period) @ coef, dtype=float)


def year_level(y: np.ndarray, h: int) -> np.ndarray:
    """The median of the last year of ``y`` with its yearly profile out, the profile put back over ``h``."""
    x = np.asarray(y, dtype=float)
    profile = yearly_profile(x)
    if profile is None:
        return np.full(h, float(np.median(x[-LEVEL_SPAN:])))
    n = len(x)
    level = float(np.median(np.log1p(x[-LEVEL_SPAN:]) - profile(np.arange(n - LEVEL_SPAN, n))))
    return np.maximum(0.0, np.expm1(level + profile(np.arange(n, n + h))))
