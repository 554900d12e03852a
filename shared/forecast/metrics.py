"""Accuracy measures used by the backtest: MASE, sMAPE, interval coverage."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def mase_scale(insample: np.ndarray, m: int = 1) -> float:
    """Mean absolute error of the in-sample (seasonal) naive forecast: the MASE denominator.

    Uses lag ``m`` when the history is longer than a season, else lag 1; returns ``nan`` when the
    history is too short or perfectly flat (MASE is then undefined).
    """
    x = np.asarray(insample, dtype=float)
    lag = m if m > 1 and len(x) > m else 1
    if len(x) <= lag:
        return float("nan")
    scale = float(np.mean(np.abs(x[lag:] - x[:-lag])))
    return scale if scale > 0 else float("nan")


def mase(actual: npt.ArrayLike, forecast: npt.ArrayLike, insample: np.ndarray, m: int = 1) -> float:
    """Mean absolute scaled error (Hyndman & Koehler 2006)."""
    scale = mase_scale(insample, m)
    err = float(np.mean(np.abs(np.asarray(actual, dtype=float) - np.asarray(forecast, dtype=float))))
    if np.isnan(scale):
        return float("nan")
    return err / scale


def smape(actual: npt.ArrayLike, forecast: npt.ArrayLike) -> float:
    """Symmetric MAPE in percent (0-200); a period where both are 0 counts as a perfect forecast."""
    a = np.asarray(actual, dtype=float)
    f = np.asarray(forecast, dtype=float)
    denom = np.abs(a) + np.abs(f)
    ratio = np.divide(2 * np.abs(a - f), denom, out=np.zeros_like(denom), where=denom > 0)
    return float(100 * np.mean(ratio))


def coverage(actual: npt.ArrayLike, lower: npt.ArrayLike, upper: npt.ArrayLike) -> float:
    """Share of actuals inside [lower, upper]."""
    a = np.asarray(actual, dtype=float)
    return float(np.mean((a >= np.asarray(lower)) & (a <= np.asarray(upper))))
