"""A global LightGBM model across series: one-step on locally normalised lags, applied recursively.

One model learns from every series in a batch (what made gradient boosting win M5): each training
row is a window of recent values divided by the window's mean level, plus the calendar position and,
when present, relative price and promotion. Predictions are made for all series at once, step by step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from shared.forecast.periods import Freq, RegularSeries

LAGS: dict[str, int] = {"D": 28, "W": 13, "M": 12}
SEASON_LAG: dict[str, int] = {"D": 7, "W": 52, "M": 12}
MAX_ROWS = 250_000
MIN_ROWS = 200


@dataclass(frozen=True)
class GlobalInput:
    """One series as the global model sees it (history only; future exogenous held at the last value)."""

    values: np.ndarray
    calendar: np.ndarray
    future_calendar: np.ndarray
    price: np.ndarray | None
    promo: np.ndarray | None


def calendar_position(dates: pd.DatetimeIndex, freq: Freq) -> np.ndarray:
    """Day of week (daily), week of year (weekly) or month (monthly)."""
    if freq == "D":
        return np.asarray(dates.day_of_week, dtype=float)
    if freq == "W":
        return np.asarray((dates.day_of_year - 1) // 7, dtype=float)  # week of year; isocalendar is ~10 ms
    return np.asarray(dates.month, dtype=float)


def global_input(series: RegularSeries, cut: int, horizon: int) -> GlobalInput:
    """The global model's view of ``series`` truncated at ``cut``."""
    head = series.head(cut)
    cal = calendar_position(pd.DatetimeIndex(series.dates[:cut].append(head.future_dates(horizon))), series.freq)
    return GlobalInput(head.values, cal[:cut], cal[cut:], head.price, head.promo)


def _features(hist: np.ndarray, t: int, lags: int, slag: int, cal: float, price: float, promo: float,
              price_mean: float) -> tuple[list[float], float]:
    """Feature row for predicting position ``t`` from ``hist[:t]`` and its scale."""
    lo = max(0, t - lags)
    window = hist[lo:t]
    scale = float(np.mean(np.abs(window))) if len(window) else 0.0
    scale = scale if scale > 0 else 1.0
    row = [np.nan] * (lags - len(window)) + list(window / scale)
    seasonal = hist[t - slag] / scale if t - slag >= 0 else np.nan
    rel_price = price / price_mean if np.isfinite(price) and price_mean > 0 else np.nan
    return [*row, seasonal, cal, float(np.log1p(scale)), rel_price, promo], scale


def _exog_at(x: np.ndarray | None, t: int) -> float:
    if x is None or len(x) == 0:
        return np.nan
    return float(x[min(t, len(x) - 1)])


def _price_mean(price: np.ndarray | None, t: int, lags: int) -> float:
    if price is None or len(price) == 0:
        return np.nan
    window = price[max(0, min(t, len(price)) - lags):min(t, len(price))]
    return float(np.mean(window)) if len(window) else float(price[0])


def _training_rows(s: GlobalInput, lags: int, slag: int) -> tuple[np.ndarray, np.ndarray]:
    """Every (features, normalised target) pair of one series, vectorised."""
    from numpy.lib.stride_tricks import sliding_window_view

    y = np.asarray(s.values, dtype=float)
    n = len(y)
    if n < 2:
        return np.empty((0, lags + 5)), np.empty(0)
    padded = np.concatenate([np.full(lags, np.nan), y])
    windows = sliding_window_view(padded, lags)[1:n]  # windows[i] = y[t-lags:t] for t = i + 1
    t = np.arange(1, n)
    with np.errstate(invalid="ignore"):
        scale = np.nanmean(np.abs(windows), axis=1)
    scale = np.where(np.isfinite(scale) & (scale > 0), scale, 1.0)
    seasonal = np.where(t - slag >= 0, y[np.maximum(t - slag, 0)], np.nan) / scale
    if s.price is not None and len(s.price) == n:
        pp = np.concatenate([np.full(lags, np.nan), np.asarray(s.price, dtype=float)])
        with np.errstate(invalid="ignore"):
            pmean = np.nanmean(sliding_window_view(pp, lags)[1:n], axis=1)
        rel_price = np.where(pmean > 0, s.price[1:] / np.where(pmean > 0, pmean, 1.0), np.nan)
    else:
        rel_price = np.full(n - 1, np.nan)
    has_promo = s.promo is not None and len(s.promo) == n
    promo = np.asarray(s.promo[1:], dtype=float) if has_promo else np.full(n - 1, np.nan)  # type: ignore[index]
    x = np.column_stack([windows / scale[:, None], seasonal, s.calendar[1:n], np.log1p(scale), rel_price, promo])
    return x, y[1:] / scale


def fit_global(inputs: list[GlobalInput], freq: Freq, seed: int = 0) -> Any | None:
    """Train one LightGBM booster on every input series; ``None`` when there are too few rows."""
    import lightgbm as lgb

    lags, slag = LAGS[freq], SEASON_LAG[freq]
    parts = [_training_rows(s, lags, slag) for s in inputs]
    rows = np.vstack([p[0] for p in parts]) if parts else np.empty((0, lags + 5))
    targets = np.concatenate([p[1] for p in parts]) if parts else np.empty(0)
    if len(targets) > MAX_ROWS:
        pick = np.random.default_rng(seed).choice(len(targets), MAX_ROWS, replace=False)
        rows, targets = rows[pick], targets[pick]
    if len(targets) < MIN_ROWS:
        return None
    params = {"objective": "regression", "learning_rate": 0.08, "num_leaves": 31, "min_data_in_leaf": 40,
              "bagging_fraction": 0.8, "bagging_freq": 1, "feature_fraction": 0.9, "num_threads": 1,
              "seed": seed, "verbose": -1}
    return lgb.train(params, lgb.Dataset(rows, targets), num_boost_round=80)


def predict_global(model: Any, inputs: list[GlobalInput], horizon: int, freq: Freq) -> list[np.ndarray]:
    """Forecast every input ``horizon`` steps, recursively and for all series at once."""
    lags, slag = LAGS[freq], SEASON_LAG[freq]
    hists = [np.asarray(s.values, dtype=float).copy() for s in inputs]
    for step in range(horizon):
        batch: list[list[float]] = []
        scales: list[float] = []
        for s, hist in zip(inputs, hists, strict=True):
            t = len(hist)
            feats, scale = _features(hist, t, lags, slag, s.future_calendar[step], _exog_at(s.price, t),
                                     _exog_at(s.promo, t), _price_mean(s.price, t, lags))
            batch.append(feats)
            scales.append(scale)
        pred = model.predict(np.asarray(batch, dtype=float))
        for i, hist in enumerate(hists):
            hists[i] = np.append(hist, max(0.0, float(pred[i]) * scales[i]))
    n0 = [len(s.values) for s in inputs]
    return [h[n:] for h, n in zip(hists, n0, strict=True)]


def fit_predict_global(inputs: list[GlobalInput], horizon: int, freq: Freq, seed: int = 0) -> list[np.ndarray] | None:
    """Train on all ``inputs`` and forecast each ``horizon`` steps; ``None`` if too little data."""
    model = fit_global(inputs, freq, seed)
    return None if model is None else predict_global(model, inputs, horizon, freq)
