"""Forecast accuracy tracking: compare stored forecasts with the actuals that arrived since.

Drift alert: the error measured on new actuals is more than 10% above the error the backtest promised
(both as MASE on the same scale), on at least ``min_periods`` periods.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DRIFT_THRESHOLD = 0.10


@dataclass(frozen=True)
class DriftReport:
    """Live accuracy of one SKU's forecast against its backtest promise."""

    periods: int
    live_mase: float | None
    expected_mase: float | None
    ratio: float | None
    alert: bool
    message: str


def assess_drift(forecast: np.ndarray, actual: np.ndarray, *, scale: float, expected_mase: float | None,
                 threshold: float = DRIFT_THRESHOLD, min_periods: int = 3) -> DriftReport:
    """Live MASE of ``forecast`` vs ``actual`` (with the forecast's own MASE ``scale``) against the backtest."""
    f = np.asarray(forecast, dtype=float)
    a = np.asarray(actual, dtype=float)
    n = len(a)
    if n < min_periods or scale <= 0 or not np.isfinite(scale):
        return DriftReport(n, None, expected_mase, None, False,
                           f"{n} period(s) of actuals so far; need {min_periods} to assess drift")
    live = float(np.mean(np.abs(a - f)) / scale)
    if expected_mase is None or expected_mase <= 0:
        return DriftReport(n, live, expected_mase, None, False, "no backtest error to compare with")
    ratio = live / expected_mase
    alert = ratio > 1 + threshold
    verdict = "drift: error up" if alert else "within tolerance"
    return DriftReport(n, live, expected_mase, ratio, alert,
                       f"{verdict} - live MASE {live:.3f} vs backtest {expected_mase:.3f} "
                       f"({(ratio - 1):+.0%}) over {n} periods")
