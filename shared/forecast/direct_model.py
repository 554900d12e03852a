"""A direct multi-horizon global LightGBM on scale-free targets (the ensemble's learned member).

One model learns from every series of a batch. Each training row is (origin ``t``, horizon ``k``): the
features describe the history ``y[:t]`` divided by its robust recent level (median of the last
``LEVEL_WINDOW`` periods, floored): scaled lags, rolling medians over several windows (short ones
follow a level shift, long ones ignore promotion spikes), recent mean/spread/zero share; the target
is ``y[t + k - 1]`` divided by the same level. The
loss is L1, so the model estimates the conditional median, which is what absolute-error goals (MASE)
reward; Tweedie/Poisson losses chase the mean of promotion spikes and measured worse on such data.
Predicting each horizon directly (the horizon is a feature) avoids feeding predictions back as lags.

When prices are given for the history *and* the forecast horizon, the rows also carry the price at the
target period relative to the series' recent median price and the promotion flag there, so planned
prices and promotions move the forecast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from shared.forecast.periods import Freq

LAGS: dict[str, int] = {"D": 28, "W": 13, "M": 12}
LEVEL_WINDOW: dict[str, int] = {"D": 28, "W": 13, "M": 12}
SEASON: dict[str, int] = {"D": 7, "W": 52, "M": 12}
MEDIAN_WINDOWS: dict[str, tuple[int, ...]] = {"D": (7, 14, 56), "W": (4, 8, 26), "M": (3, 6, 24)}
MIN_ORIGIN = 4
FEW_ORIGINS = 4  # up to this many origins trailing statistics are computed without pandas
MAX_ROWS = 30_000
MIN_ROWS = 300
PARAMS: dict[str, Any] = {
    "objective": "l1", "learning_rate": 0.05, "num_leaves": 15, "min_data_in_leaf": 40, "max_bin": 63,
    "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "num_threads": 1, "verbose": -1,
}
ROUNDS = 100


@dataclass(frozen=True)
class DirectInput:
    """One series as the direct model sees it: history, calendar, and optional price/promo.

    ``price``/``promo`` cover the history followed by the forecast horizon (length ``n + horizon``)
    when future values are known, otherwise just the history or ``None``.
    """

    values: np.ndarray
    calendar: np.ndarray  # calendar position for history + horizon (length n + horizon)
    price: np.ndarray | None = None
    promo: np.ndarray | None = None


def robust_scale(history: np.ndarray, window: int) -> float:
    """Median of the last ``window`` values, falling back to their mean, then to 1 (never 0)."""
    recent = np.asarray(history[-window:], dtype=float)
    if len(recent) == 0:
        return 1.0
    level = float(np.median(recent))
    if level <= 0:
        level = float(np.mean(recent))
    return level if level > 0 else 1.0


def _trailing(x: np.ndarray, origins: np.ndarray, window: int, stat: str) -> np.ndarray:
    """``stat`` of ``x[t - window:t]`` (fewer values near the start, NaN with none) for every origin ``t``.

    Many origins (training): pandas' compiled rolling windows, several times faster than NaN-aware
    reductions over a stacked window matrix. A few (forecasting): directly.
    """
    x = np.asarray(x, dtype=float)
    if len(origins) <= FEW_ORIGINS:
        return np.array([_stat(x[max(0, t - window):t], stat) if t > 0 else np.nan for t in origins])
    rolling = pd.Series(x).rolling(window, min_periods=1)
    values = rolling.std(ddof=0) if stat == "std" else getattr(rolling, stat)()
    return np.concatenate([[np.nan], values.to_numpy(dtype=float)])[origins]


def _stat(x: np.ndarray, stat: str) -> float:
    if stat == "median":
        return float(np.median(x))
    return float(np.std(x)) if stat == "std" else float(np.mean(x))


def _scales(y: np.ndarray, origins: np.ndarray, window: int, floor: bool = True) -> np.ndarray:
    """:func:`robust_scale` of ``y[t - window:t]`` for every origin ``t``, vectorised.

    With ``floor=False`` the plain rolling median (NaN before any history): a feature, not a divisor.
    """
    level = _trailing(y, origins, window, "median")
    if not floor:
        return level
    mean = _trailing(y, origins, window, "mean")
    level = np.where(np.isfinite(level) & (level > 0), level, mean)
    return np.where(np.isfinite(level) & (level > 0), level, 1.0)


def _rows(s: DirectInput, origins: np.ndarray, horizon: int, freq: Freq, use_price: bool,
          with_target: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows for every (origin, k) pair, their scaled targets (or NaN) and each row's scale."""
    y = np.asarray(s.values, dtype=float)
    lags, win, m = LAGS[freq], LEVEL_WINDOW[freq], SEASON[freq]
    padded = np.concatenate([np.full(lags, np.nan), y])
    scale = _scales(y, origins, win)
    lag_block = np.stack([padded[origins + lags - i] for i in range(1, lags + 1)], axis=1) / scale[:, None]
    mean_r = _trailing(y, origins, win, "mean") / scale
    std_r = _trailing(y, origins, win, "std") / scale
    zeros_r = _trailing((y <= 0).astype(float), origins, win, "mean")
    medians = [_scales(y, origins, w, floor=False) / scale for w in MEDIAN_WINDOWS[freq]]
    base = np.column_stack([lag_block, mean_r, std_r, zeros_r, np.log1p(scale), *medians])
    price_ref = None
    if use_price and s.price is not None:
        price_ref = _trailing(np.asarray(s.price, dtype=float)[:len(y)], origins, win, "median")
    xs, ts, ss = [], [], []
    for k in range(1, horizon + 1):
        j = origins + k - 1
        keep = j < len(y) if with_target else np.ones(len(origins), dtype=bool)
        if not keep.any():
            continue
        jk = j[keep]
        seas_idx = jk - m * np.ceil(k / m).astype(int)
        seasonal = np.where(seas_idx >= 0, y[np.clip(seas_idx, 0, len(y) - 1)], np.nan) / scale[keep]
        cal = s.calendar[np.clip(jk, 0, len(s.calendar) - 1)]
        cols = [base[keep], np.full((len(jk), 1), float(k)), cal[:, None], seasonal[:, None]]
        if use_price:
            price = _at(s.price, jk)
            promo = _at(s.promo, jk)
            last_promo = _at(s.promo, origins[keep] - 1)
            ref = price_ref[keep] if price_ref is not None else np.full(len(jk), np.nan)
            rel = np.where(ref > 0, price / np.where(ref > 0, ref, 1.0), np.nan)
            cols += [rel[:, None], promo[:, None], last_promo[:, None]]
        xs.append(np.hstack(cols))
        ts.append(y[jk] / scale[keep] if with_target else np.full(len(jk), np.nan))
        ss.append(scale[keep])
    if not xs:
        width = lags + 4 + len(MEDIAN_WINDOWS[freq]) + 3 + (3 if use_price else 0)
        return np.empty((0, width)), np.empty(0), np.empty(0)
    return np.vstack(xs), np.concatenate(ts), np.concatenate(ss)


def _at(x: np.ndarray | None, idx: np.ndarray) -> np.ndarray:
    if x is None or len(x) == 0:
        return np.full(len(idx), np.nan)
    arr = np.asarray(x, dtype=float)
    ok = (idx >= 0) & (idx < len(arr))
    return np.where(ok, arr[np.clip(idx, 0, len(arr) - 1)], np.nan)


def price_usable(inputs: list[DirectInput], horizon: int) -> bool:
    """Whether every series has prices over its history and the whole horizon (planned prices known)."""
    return bool(inputs) and all(
        s.price is not None and len(s.price) >= len(s.values) + horizon
        and np.all(np.isfinite(np.asarray(s.price, dtype=float)[len(s.values):len(s.values) + horizon]))
        for s in inputs)


def fit_direct(inputs: list[DirectInput], horizon: int, freq: Freq, use_price: bool = False,
               seed: int = 0, max_rows: int | None = None) -> Any | None:
    """Train one booster on (origin, horizon) rows of every series; ``None`` with too few rows.

    Beyond ``max_rows`` (default ``MAX_ROWS``) a random share of each series' origins is kept *before*
    the rows are built (every origin contributes ``horizon`` rows), so a long batch costs no more.
    """
    import lightgbm as lgb

    limit = max_rows or MAX_ROWS
    total = sum(max(0, len(s.values) - MIN_ORIGIN) for s in inputs) * horizon
    share = min(1.0, limit / total) if total else 1.0
    rng = np.random.default_rng(seed)
    parts = []
    for s in inputs:
        n = len(s.values)
        if n <= MIN_ORIGIN:
            continue
        origins = np.arange(MIN_ORIGIN, n)
        if share < 1.0:
            origins = origins[rng.random(len(origins)) < share]
            if not len(origins):
                continue
        parts.append(_rows(s, origins, horizon, freq, use_price, with_target=True)[:2])
    if not parts:
        return None
    rows = np.vstack([p[0] for p in parts])
    targets = np.concatenate([p[1] for p in parts])
    if len(targets) < MIN_ROWS:
        return None
    return lgb.train({**PARAMS, "seed": seed}, lgb.Dataset(rows, targets), num_boost_round=ROUNDS)


def predict_direct(model: Any, inputs: list[DirectInput], horizon: int, freq: Freq,
                   use_price: bool = False) -> list[np.ndarray]:
    """Forecast every input ``horizon`` periods from the end of its history (non-negative)."""
    blocks, scales = [], []
    for s in inputs:
        x, _, sc = _rows(s, np.array([len(s.values)]), horizon, freq, use_price, with_target=False)
        blocks.append(x)
        scales.append(sc)
    pred = model.predict(np.vstack(blocks))
    out, i = [], 0
    for sc in scales:
        out.append(np.maximum(0.0, pred[i:i + horizon] * sc))
        i += horizon
    return out
