"""A calendar window inside the forecast horizon: "how many units will we sell in January" asked on 5 Dec.

The forecast runs from the day after the data ends; a question about a calendar period that starts later (next
month, a named month, a future quarter) wants that period's total, from its first to its last day, not the days
from tomorrow to its end. Pure: the per-period forecast and its band in, the window's total and band out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from scipy import stats

from shared.forecast.inventory import sigma_from_interval


@dataclass(frozen=True)
class Window:
    """The days ``start`` to ``end`` (both included) of a horizon that starts the day after ``history_end``."""

    history_end: date
    start: date
    end: date

    @property
    def days(self) -> int:
        """Days in the window."""
        return (self.end - self.start).days + 1

    def weights(self, periods: int, period_days: int) -> np.ndarray:
        """Share of each forecast period's days that fall in the window (1 for a day inside it, 0 outside).

        Period ``i`` covers the days ``history_end + 1 + i * period_days`` to ``history_end + (i + 1) *
        period_days``; a week the window cuts counts in proportion (a forecast week is spread evenly over its days).
        """
        out = np.zeros(periods)
        for i in range(periods):
            first = self.history_end + timedelta(days=1 + i * period_days)
            last = first + timedelta(days=period_days - 1)
            overlap = (min(last, self.end) - max(first, self.start)).days + 1
            out[i] = max(0, overlap) / period_days
        return out


def window_of(history_end: date, start: object, horizon_days: int) -> Window | None:
    """The window a request asks for (``options["window_start"]``, ISO), ending with the horizon.

    ``None`` when none is asked or it starts the day after the data ends (the horizon itself is the window).
    """
    if not start:
        return None
    first = date.fromisoformat(str(start))
    end = history_end + timedelta(days=horizon_days)
    if first <= history_end + timedelta(days=1) or first > end:
        return None
    return Window(history_end, first, end)


def window_total(forecast: np.ndarray, lower: np.ndarray, upper: np.ndarray, weights: np.ndarray,
                 level: float) -> tuple[float, float, float]:
    """The window's total with a central interval (independent periods, normal approximation)."""
    n = min(len(forecast), len(weights))
    w = weights[:n]
    total = float(np.sum(np.asarray(forecast, dtype=float)[:n] * w))
    sigma = sigma_from_interval(np.asarray(lower, dtype=float)[:n], np.asarray(upper, dtype=float)[:n], level)
    sd = math.sqrt(float(np.sum((sigma * w) ** 2)))
    z = float(stats.norm.ppf(0.5 + level / 2))
    return total, max(0.0, total - z * sd), total + z * sd


def window_label(window: Window) -> str:
    """How the answer names the window: "January 2027 (2027-01-01 to 2027-01-31)", one day, or its dates alone."""
    s, e = window.start, window.end
    span = f"({s.isoformat()} to {e.isoformat()})"
    next_day = e + timedelta(days=1)
    if s.day == 1 and next_day.day == 1:
        months = (e.year - s.year) * 12 + e.month - s.month + 1
        if months == 1:
            return f"{s:%B %Y} {span}"
        if months == 3 and s.month % 3 == 1:
            return f"Q{(s.month - 1) // 3 + 1} {s.year} {span}"
    if s == e:  # "how much stock do we need for Black Friday": that day alone
        return f"{s.day} {s:%b %Y} ({s.isoformat()})"
    return f"{s.isoformat()} to {e.isoformat()}"
