"""Calendar handling: infer the frequency, regularise a series onto its grid, build future dates.

Decision (documented in docs/forecast.md): a period with no sales row counts as 0 units (no row means
nothing sold); several rows for one period are summed. Price is carried forward over gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

Freq = Literal["D", "W", "M"]

SEASON_LENGTH: dict[str, int] = {"D": 7, "W": 52, "M": 12}


def infer_freq(dates: pd.Series | pd.DatetimeIndex) -> Freq:
    """The frequency of a set of dates: the median spacing of distinct dates (1 day, 7 days, ~a month)."""
    unique = pd.DatetimeIndex(pd.unique(pd.DatetimeIndex(dates))).sort_values()
    if len(unique) < 2:
        return "D"
    gaps = np.asarray((unique[1:] - unique[:-1]) / pd.Timedelta(days=1), dtype=float)
    step = float(np.median(gaps))
    if step < 4:
        return "D"
    if step < 20:
        return "W"
    return "M"


def period_number(dates: pd.DatetimeIndex, freq: Freq, origin: pd.Timestamp) -> np.ndarray:
    """Integer period of each date counted from ``origin`` (dates off the grid fall into their period)."""
    if freq == "M":
        return np.asarray((dates.year - origin.year) * 12 + (dates.month - origin.month), dtype=np.int64)
    step = 1 if freq == "D" else 7
    days = (dates - origin).days
    return np.asarray(np.floor_divide(np.asarray(days), step), dtype=np.int64)


def period_dates(origin: pd.Timestamp, freq: Freq, numbers: np.ndarray) -> pd.DatetimeIndex:
    """The calendar date of each period number (inverse of :func:`period_number`)."""
    if freq == "M":
        month_end = origin.is_month_end and origin.day > 28
        out = [origin + pd.DateOffset(months=int(k)) for k in numbers]
        if month_end:
            out = [d + pd.offsets.MonthEnd(0) for d in out]
        return pd.DatetimeIndex(out)
    step = 1 if freq == "D" else 7
    return pd.DatetimeIndex(origin + pd.to_timedelta(np.asarray(numbers) * step, unit="D"))


@dataclass(frozen=True)
class RegularSeries:
    """One series on a regular grid: values per period and optional price/promo per period."""

    series_id: str
    freq: Freq
    dates: pd.DatetimeIndex
    values: np.ndarray
    price: np.ndarray | None = None
    promo: np.ndarray | None = None
    filled_periods: int = 0
    future_price: np.ndarray | None = None  # planned price per future period (``--future``)
    future_promo: np.ndarray | None = None  # planned promotion flag per future period
    censored_periods: int = 0  # periods with no stock, imputed rather than read as zero demand

    @property
    def season_length(self) -> int:
        """Seasonal period used by seasonal models (7 daily, 52 weekly, 12 monthly)."""
        return SEASON_LENGTH[self.freq]

    def future_dates(self, horizon: int) -> pd.DatetimeIndex:
        """The next ``horizon`` period dates after the last observed one."""
        origin = self.dates[0]
        n = len(self.dates)
        return period_dates(origin, self.freq, np.arange(n, n + horizon))

    def head(self, n: int) -> RegularSeries:
        """The first ``n`` periods (a backtest origin)."""
        return RegularSeries(
            self.series_id, self.freq, self.dates[:n], self.values[:n],
            None if self.price is None else self.price[:n], None if self.promo is None else self.promo[:n],
        )


def regularise(series_id: str, frame: pd.DataFrame, freq: Freq, end: pd.Timestamp | None = None) -> RegularSeries:
    """Put one series' rows (``date``, ``units`` and optional ``price``/``promo``) on its regular grid.

    ``end``: the grid runs at least to the period holding this date (the export's last), its periods
    after the series' last row counting as 0 units.
    """
    price = frame["price"].to_numpy(dtype=float) if "price" in frame else None
    promo = frame["promo"].to_numpy(dtype=float) if "promo" in frame else None
    return regularise_arrays(series_id, pd.DatetimeIndex(frame["date"]), frame["units"].to_numpy(dtype=float),
                             price, promo, freq, end)


def regularise_arrays(series_id: str, dates: pd.DatetimeIndex, units: np.ndarray, price: np.ndarray | None,
                      promo: np.ndarray | None, freq: Freq, end: pd.Timestamp | None = None) -> RegularSeries:
    """:func:`regularise` on plain arrays (no per-series DataFrame: the agent builds many series per request).

    Price per period is the mean of the known prices, carried forward (then back) over periods without one;
    promo per period is the maximum flag, 0 where unknown.
    """
    origin = dates.min()
    numbers = period_number(dates, freq, origin)
    last = int(numbers.max()) if end is None else max(int(numbers.max()), int(period_number(
        pd.DatetimeIndex([end]), freq, origin)[0]))
    n = last + 1
    values = np.bincount(numbers, weights=np.asarray(units, dtype=float), minlength=n)
    seen = np.zeros(n, dtype=bool)
    seen[numbers] = True
    price_out = promo_out = None
    if price is not None:
        known = ~np.isnan(price)
        if known.any():
            counts = np.bincount(numbers[known], minlength=n)
            totals = np.bincount(numbers[known], weights=price[known], minlength=n)
            mean = np.full(n, np.nan)
            np.divide(totals, counts, out=mean, where=counts > 0)
            price_out = pd.Series(mean).ffill().bfill().to_numpy(dtype=float)
    if promo is not None and (~np.isnan(promo)).any():
        flags = np.full(n, -np.inf)
        np.maximum.at(flags, numbers, np.nan_to_num(promo, nan=0.0))
        flags[~seen] = 0.0
        promo_out = flags
    return RegularSeries(series_id, freq, period_dates(origin, freq, np.arange(n)), values, price_out, promo_out,
                         filled_periods=int((~seen).sum()))
