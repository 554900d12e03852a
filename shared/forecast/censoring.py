"""Stockout-aware demand: periods with nothing on hand are censored demand, not zero demand.

When the input carries stock (``on_hand`` units or an ``in_stock`` flag), a period in which the item was
out of stock on any of its rows only shows how much *could* be sold. Reading its sales as demand teaches
every model that demand fell. Like Inventory Planner's in-stock velocity, we replace such a period's
value with the larger of what sold and the median of the most recent in-stock periods before it (the
first periods, with no in-stock history yet, use the median of all in-stock periods), and count them.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from shared.forecast.periods import RegularSeries, period_number

STOCK_COLUMNS = ("on_hand", "in_stock")
LOOKBACK = 13


def out_of_stock(frame: pd.DataFrame) -> pd.Series | None:
    """Per row, whether the item had no stock (``None`` when the frame carries no stock column)."""
    if "on_hand" in frame:
        on_hand = pd.to_numeric(frame["on_hand"], errors="coerce")
        return (on_hand <= 0) & on_hand.notna()
    if "in_stock" in frame:
        flag = pd.to_numeric(frame["in_stock"], errors="coerce")
        return (flag == 0) & flag.notna()
    return None


def censored_mask(series: RegularSeries, dates: pd.DatetimeIndex, stockout: np.ndarray) -> np.ndarray:
    """Which periods of ``series`` contain at least one out-of-stock row."""
    mask = np.zeros(len(series.values), dtype=bool)
    if not stockout.any():
        return mask
    numbers = period_number(dates[stockout], series.freq, series.dates[0])
    numbers = numbers[(numbers >= 0) & (numbers < len(mask))]
    mask[numbers] = True
    return mask


def impute_censored(values: np.ndarray, mask: np.ndarray, lookback: int = LOOKBACK) -> np.ndarray:
    """Censored periods become max(sold, median of the last ``lookback`` in-stock periods before them)."""
    y = np.asarray(values, dtype=float).copy()
    if not mask.any() or mask.all():
        return y
    fallback = float(np.median(y[~mask]))
    observed = np.asarray(values, dtype=float)
    for t in np.flatnonzero(mask):
        before = observed[:t][~mask[:t]][-lookback:]
        ref = float(np.median(before)) if len(before) else fallback
        y[t] = max(y[t], ref)
    return y


def censor_stockouts(series: list[RegularSeries], frame: pd.DataFrame) -> list[RegularSeries]:
    """Apply :func:`impute_censored` to every series of ``frame`` that has stock information."""
    flags = out_of_stock(frame)
    if flags is None:
        return series
    out = []
    groups = {str(k): g for k, g in frame.assign(_oos=flags.to_numpy()).groupby("series_id", sort=False)}
    for s in series:
        g = groups.get(s.series_id)
        if g is None:
            out.append(s)
            continue
        mask = censored_mask(s, pd.DatetimeIndex(g["date"]), g["_oos"].to_numpy(dtype=bool))
        if mask.any():
            s = replace(s, values=impute_censored(s.values, mask), censored_periods=int(mask.sum()))
        out.append(s)
    return out
