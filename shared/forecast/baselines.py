"""Cheap local forecasters: each maps a history ``y`` to ``h`` future values, in microseconds.

They are both the baselines every forecast is judged against and strong candidates on their own:
on noisy, promotion-driven retail a robust recent level is hard to beat.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

LocalModel = Callable[[np.ndarray, int, int], np.ndarray]


def naive(y: np.ndarray, h: int, m: int = 1) -> np.ndarray:
    """Repeat the last value."""
    return np.full(h, float(y[-1]))


def seasonal_naive(y: np.ndarray, h: int, m: int) -> np.ndarray:
    """Repeat the last full season (falls back to naive when the history is shorter than a season)."""
    if m <= 1 or len(y) < m:
        return naive(y, h)
    last = np.asarray(y[-m:], dtype=float)
    return np.resize(last, h)


def mean(y: np.ndarray, h: int, m: int = 1) -> np.ndarray:
    """The mean of the whole history."""
    return np.full(h, float(np.mean(y)))


def robust_level(y: np.ndarray, h: int, m: int = 1) -> np.ndarray:
    """The median of the recent window (one season for daily data, about two months otherwise)."""
    window = _recent_window(len(y), m)
    return np.full(h, float(np.median(y[-window:])))


def recent_mean(y: np.ndarray, h: int, m: int = 1) -> np.ndarray:
    """The mean of the recent window (same window as :func:`robust_level`)."""
    window = _recent_window(len(y), m)
    return np.full(h, float(np.mean(y[-window:])))


def seasonal_median(y: np.ndarray, h: int, m: int, cycles: int = 4) -> np.ndarray:
    """For each position in the season, the median of its last ``cycles`` values (robust seasonal naive)."""
    if m <= 1 or len(y) < 2 * m:
        return robust_level(y, h, m)
    k = min(cycles, len(y) // m)
    block = np.asarray(y[-k * m:], dtype=float).reshape(k, m)
    return np.resize(np.median(block, axis=0), h)


def ses(y: np.ndarray, h: int, m: int = 1) -> np.ndarray:
    """Simple exponential smoothing with alpha chosen by in-sample one-step squared error."""
    level, _ = _ses_fit(np.asarray(y, dtype=float))
    return np.full(h, level)


def theta(y: np.ndarray, h: int, m: int) -> np.ndarray:
    """The Theta method (M3 winner): SES plus half the linear trend, on seasonally adjusted data."""
    x = np.asarray(y, dtype=float)
    n = len(x)
    season = np.ones(m) if m > 1 else np.ones(1)
    seasonal = m > 1 and n >= 2 * m and np.all(x > 0) and _has_seasonality(x, m)
    if seasonal:
        season = _multiplicative_indices(x, m)
        x = x / np.resize(np.roll(season, 0), n)
    level, alpha = _ses_fit(x)
    t = np.arange(n, dtype=float)
    slope = float(np.polyfit(t, x, 1)[0]) if n >= 3 else 0.0
    steps = np.arange(1, h + 1, dtype=float)
    drift = 0.5 * slope * (steps - 1 + 1.0 / max(alpha, 1e-3) - ((1 - alpha) ** n) / max(alpha, 1e-3))
    out = level + drift
    if seasonal:
        out = out * np.resize(np.roll(season, -(n % m)), h)
    return np.asarray(out, dtype=float)


def drift(y: np.ndarray, h: int, m: int = 1) -> np.ndarray:
    """The last value plus the average historical change per period."""
    n = len(y)
    slope = (float(y[-1]) - float(y[0])) / (n - 1) if n > 1 else 0.0
    return float(y[-1]) + slope * np.arange(1, h + 1, dtype=float)


def _recent_window(n: int, m: int) -> int:
    window = m if m <= 7 else 8
    return max(1, min(n, max(window, 4)))


def _ses_fit(x: np.ndarray) -> tuple[float, float]:
    """Best alpha on a coarse grid (in-sample one-step SSE) and the final smoothed level.

    The recursion ``level_t = a*y_t + (1-a)*level_{t-1}`` is a first-order linear filter, run in C.
    """
    from scipy.signal import lfilter

    if len(x) < 3:
        return float(x[-1]), 1.0
    best: tuple[float, float, float] = (np.inf, float(x[-1]), 1.0)
    for alpha in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9):
        levels = lfilter([alpha], [1.0, alpha - 1.0], x[1:], zi=[(1 - alpha) * float(x[0])])[0]
        prev = np.concatenate([[x[0]], levels[:-1]])
        sse = float(np.sum((x[1:] - prev) ** 2))
        if sse < best[0]:
            best = (sse, float(levels[-1]), alpha)
    return best[1], best[2]


def _multiplicative_indices(x: np.ndarray, m: int) -> np.ndarray:
    """Classical decomposition seasonal indices, aligned so index 0 is the first observation's position."""
    n = len(x)
    kernel = np.ones(m) / m
    if m % 2 == 0:
        kernel = np.convolve(kernel, np.ones(2) / 2)
    trend = np.convolve(x, kernel, mode="same")
    half = len(kernel) // 2
    valid = np.zeros(n, dtype=bool)
    valid[half:n - half] = True
    ratio = np.where(valid & (trend > 0), x / np.where(trend > 0, trend, 1.0), np.nan)
    idx = np.array([np.nanmean(ratio[p::m]) if np.any(~np.isnan(ratio[p::m])) else 1.0 for p in range(m)])
    idx = np.where(np.isfinite(idx) & (idx > 0), idx, 1.0)
    return np.asarray(idx / idx.mean(), dtype=float)


def _has_seasonality(x: np.ndarray, m: int) -> bool:
    """The 90% autocorrelation test at lag ``m`` used by the M4 Theta benchmark."""
    n = len(x)
    if n < 3 * m:
        return False
    d = x - x.mean()
    denom = float(np.sum(d * d))
    if denom == 0:
        return False
    acf = [float(np.sum(d[k:] * d[:-k]) / denom) for k in range(1, m + 1)]
    limit = 1.645 * np.sqrt((1 + 2 * sum(a * a for a in acf[:-1])) / n)
    return abs(acf[-1]) > limit


CHEAP_MODELS: dict[str, LocalModel] = {
    "naive": naive,
    "seasonal_naive": seasonal_naive,
    "mean": mean,
    "robust_level": robust_level,
    "recent_mean": recent_mean,
    "seasonal_median": seasonal_median,
    "ses": ses,
    "theta": theta,
    "drift": drift,
}
