"""Trends over time: period series, slopes and recent-versus-before window comparisons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class WindowComparison:
    """A metric in the recent window against the window of equal length before it."""

    recent_start: date
    before_start: date
    as_of: date
    recent_n: int
    before_n: int
    recent_mean: float | None
    before_mean: float | None

    @property
    def delta(self) -> float | None:
        """Recent minus before (``None`` when either window is empty)."""
        if self.recent_mean is None or self.before_mean is None:
            return None
        return self.recent_mean - self.before_mean


def window_masks(dates: pd.Series, as_of: date, window_days: int) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks of the recent window ``(as_of - window, as_of]`` and the window before it (undated: neither)."""
    d = pd.to_datetime(dates)  # timestamps compared with timestamps: NaT (undated) is in no window
    recent_start = as_of - timedelta(days=window_days)
    before_start = recent_start - timedelta(days=window_days)
    edge, end, first = pd.Timestamp(recent_start), pd.Timestamp(as_of), pd.Timestamp(before_start)
    recent = ((d > edge) & (d <= end)).to_numpy(dtype=bool)
    before = ((d > first) & (d <= edge)).to_numpy(dtype=bool)
    return recent, before


def _wmean(values: np.ndarray, weights: np.ndarray) -> float | None:
    ok = ~np.isnan(values) & (weights > 0)
    if not ok.any():
        return None
    return float(np.average(values[ok], weights=weights[ok]))


def compare_windows(
    dates: pd.Series,
    values: np.ndarray,
    weights: np.ndarray,
    as_of: date,
    window_days: int,
) -> WindowComparison:
    """Weighted mean of ``values`` in the recent window versus the one before it."""
    recent, before = window_masks(dates, as_of, window_days)
    return compare_masked(recent, before, values, weights, as_of, window_days)


def compare_masked(
    recent: np.ndarray,
    before: np.ndarray,
    values: np.ndarray,
    weights: np.ndarray,
    as_of: date,
    window_days: int,
) -> WindowComparison:
    """:func:`compare_windows` with the window masks already computed (one pass over many SKUs)."""
    vals = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    usable = ~np.isnan(vals) & (w > 0)
    recent_start = as_of - timedelta(days=window_days)
    return WindowComparison(
        recent_start=recent_start,
        before_start=recent_start - timedelta(days=window_days),
        as_of=as_of,
        recent_n=int((recent & usable).sum()),
        before_n=int((before & usable).sum()),
        recent_mean=_wmean(vals[recent], w[recent]),
        before_mean=_wmean(vals[before], w[before]),
    )


def slope_per_30_days(dates: pd.Series, values: np.ndarray, weights: np.ndarray) -> float | None:
    """Weighted least-squares slope of ``values`` against time, per 30 days (``None`` if undefined)."""
    return weighted_slope(epoch_days(dates), values, weights)


def epoch_days(dates: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 of each date, as floats."""
    return np.asarray((pd.to_datetime(dates) - pd.Timestamp("1970-01-01")).dt.days.to_numpy(dtype=float))


def weighted_slope(days: np.ndarray, values: np.ndarray, weights: np.ndarray) -> float | None:
    """:func:`slope_per_30_days` with the dates already as :func:`epoch_days`."""
    vals = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    days = np.asarray(days, dtype=float)
    ok = ~np.isnan(vals) & (w > 0) & ~np.isnan(days)  # an undated review has no place on the time axis
    if ok.sum() < 3 or np.ptp(days[ok]) < 1:
        return None
    x, y, ww = days[ok], vals[ok], w[ok]
    xm = np.average(x, weights=ww)
    ym = np.average(y, weights=ww)
    var = np.sum(ww * (x - xm) ** 2)
    if var <= 0:
        return None
    return float(np.sum(ww * (x - xm) * (y - ym)) / var * 30.0)


_SERIES_COLUMNS = ["period_start", "reviews", "mean_rating", "mean_sentiment"]


def period_series(frame: pd.DataFrame, *, freq: str = "W") -> pd.DataFrame:
    """Per-period review count, mean rating and weighted mean sentiment.

    ``frame`` needs ``date``, ``rating`` (may be null), ``score`` and ``weight`` columns.
    """
    if frame.empty:
        return pd.DataFrame(columns=_SERIES_COLUMNS)
    return _grouped_series(frame, [], freq)[_SERIES_COLUMNS]


def period_series_by(frame: pd.DataFrame, key: str, *, freq: str = "W") -> pd.DataFrame:
    """:func:`period_series` of each value of ``key`` (e.g. per SKU) in one grouped pass: ``key`` + its columns."""
    if frame.empty:
        return pd.DataFrame(columns=[key, *_SERIES_COLUMNS])
    return _grouped_series(frame, [key], freq)[[key, *_SERIES_COLUMNS]]


def _grouped_series(frame: pd.DataFrame, keys: list[str], freq: str) -> pd.DataFrame:
    by = [*keys, "period_start"]
    frame = frame[pd.to_datetime(frame["date"]).notna()]  # an undated review belongs to no period
    f = frame.assign(
        period_start=pd.to_datetime(frame["date"]).dt.to_period(freq).dt.start_time.dt.date,
        ws=frame["score"] * frame["weight"],
    )
    rated = f[f["rating"].notna() & (f["weight"] > 0)]
    g = f[f["weight"] > 0].groupby(by)
    out = pd.DataFrame(
        {
            "reviews": g.size(),
            "mean_sentiment": g["ws"].sum() / g["weight"].sum(),
        }
    )
    out["mean_rating"] = rated.groupby(by)["rating"].mean()
    return out.reset_index()


# Grouped forms of the functions above: every product's figure in one pass of ``np.bincount`` over all reviews.
# A catalogue of 1,950 products spent ~2.6 s calling the per-product forms (numpy's per-call overhead on arrays of
# a handful of reviews). ``codes`` numbers each review's group (0 .. ``groups`` - 1); sums run in row order, so a
# figure can differ from the per-group form in its last bits (never at the 3 decimals reported, on the benches).


def grouped_weighted_means(
    codes: np.ndarray, groups: int, values: np.ndarray, weights: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per group: the weighted mean of ``values`` and how many rows it reads (as :func:`compare_masked` counts them).

    Rows with a value and a positive weight (and in ``mask``); the mean is NaN where there is none.
    """
    vals = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    ok = ~np.isnan(vals) & (w > 0)
    if mask is not None:
        ok &= mask
    c = codes[ok]
    n = np.bincount(c, minlength=groups)
    total = np.bincount(c, weights=w[ok], minlength=groups)
    weighted = np.bincount(c, weights=vals[ok] * w[ok], minlength=groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, weighted / np.where(total > 0, total, 1.0), np.nan)
    return mean, n


def grouped_slopes(
    codes: np.ndarray, groups: int, days: np.ndarray, values: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Per group: :func:`weighted_slope` (per 30 days; NaN where it is undefined)."""
    vals = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    x_all = np.asarray(days, dtype=float)
    ok = ~np.isnan(vals) & (w > 0) & ~np.isnan(x_all)
    c, x, y, ww = codes[ok], x_all[ok], vals[ok], w[ok]
    n = np.bincount(c, minlength=groups)
    low = np.full(groups, np.inf)
    high = np.full(groups, -np.inf)
    np.minimum.at(low, c, x)
    np.maximum.at(high, c, x)
    total = np.bincount(c, weights=ww, minlength=groups)
    safe = np.where(total > 0, total, 1.0)
    xm = np.bincount(c, weights=ww * x, minlength=groups) / safe
    ym = np.bincount(c, weights=ww * y, minlength=groups) / safe
    dx, dy = x - xm[c], y - ym[c]
    var = np.bincount(c, weights=ww * dx * dx, minlength=groups)
    cov = np.bincount(c, weights=ww * dx * dy, minlength=groups)
    defined = (n >= 3) & (high - low >= 1) & (var > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(defined, cov / np.where(var > 0, var, 1.0) * 30.0, np.nan)
