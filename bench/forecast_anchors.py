"""The bench's "global LightGBM on lags" anchor, as an analyst would run it (mlforecast-style), in NumPy.

What a careful analyst runs as "global LightGBM on lags" (M5 / mlforecast practice): one LightGBM across all
series on lags 1..13 (plus the value a season ago where the histories are long enough), rolling means,
median and spread of the recent values, the calendar position of the target, every series divided by its
own level (a per-series target transform, undone on the forecast), ~500 trees at learning rate 0.05, and
applied recursively (``MLForecast.predict``: each prediction becomes the next step's lag 1) or directly
(the horizon a feature). It is written here rather than imported from ``mlforecast`` (not installed) and
shares no code with the engine, so an engine change cannot move its anchor.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from shared.forecast.periods import RegularSeries

# lags as available: the recent season of weeks and months, four weeks of days (every day of the last two)
LAGS: dict[str, tuple[int, ...]] = {"W": tuple(range(1, 14)), "M": tuple(range(1, 13)), "D": (*range(1, 15), 21, 28)}
SEASON_LAG: dict[str, int] = {"W": 52, "M": 12, "D": 7}
ROLLING: dict[str, tuple[int, ...]] = {"W": (4, 8, 13), "M": (3, 6, 12), "D": (7, 14, 28)}
MIN_ROWS = 200


@dataclass(frozen=True)
class AnchorConfig:
    """One way to run the anchor: its loss, how it reaches horizon k, what scales a series, its size."""

    objective: str = "l1"
    mode: str = "recursive"  # or "direct": one model, the horizon a feature, features at the origin
    scale: str = "mean"  # per-series target transform: "mean" (y / mean), "median13" (y / median of last 13)
    rounds: int = 500
    learning_rate: float = 0.05
    num_leaves: int = 31
    min_data_in_leaf: int = 20
    max_rows: int = 150_000
    seed: int = 0


def _calendar(dates: pd.DatetimeIndex, freq: str) -> np.ndarray:
    """Week of year (weekly), month (monthly), day of week and month (daily): the date features."""
    if freq == "W":
        return np.asarray((dates.day_of_year - 1) // 7, dtype=float)[:, None]
    if freq == "M":
        return np.asarray(dates.month, dtype=float)[:, None]
    return np.column_stack([np.asarray(dates.day_of_week, dtype=float), np.asarray(dates.month, dtype=float)])


def _series_scale(y: np.ndarray, how: str) -> float:
    """The level a series is divided by (fixed from its training history, like a local target transform)."""
    if how == "median13":
        level = float(np.median(y[-13:])) if len(y) else 0.0
        level = level if level > 0 else float(np.mean(y[-13:])) if len(y) else 0.0
    else:
        level = float(np.mean(y)) if len(y) else 0.0
    return level if level > 0 else 1.0


def _history_features(y: np.ndarray, origins: np.ndarray, freq: str, season_lag: bool) -> np.ndarray:
    """Per origin ``t`` (features see ``y[:t]`` only): lags, rolling mean/median/std and min/max windows."""
    lags = LAGS[freq] + ((SEASON_LAG[freq],) if season_lag and SEASON_LAG[freq] not in LAGS[freq] else ())
    width = max(max(lags), max(ROLLING[freq]))
    padded = np.concatenate([np.full(width, np.nan), y])
    cols = [padded[origins + width - lag] for lag in lags]
    for w in ROLLING[freq]:
        view = np.stack([padded[origins + width - i] for i in range(1, w + 1)], axis=1)
        with warnings.catch_warnings():  # an all-NaN window (the first rows) is NaN, as mlforecast leaves it
            warnings.simplefilter("ignore", RuntimeWarning)
            cols += [np.nanmean(view, axis=1)]
            if w == ROLLING[freq][-1]:
                cols += [np.nanmedian(view, axis=1), np.nanstd(view, axis=1)]
    return np.column_stack(cols)


def _season_lag_usable(train: list[RegularSeries]) -> bool:
    """A season lag is a feature only when most histories hold two seasons (mlforecast drops NaN rows)."""
    lengths = [len(s.values) for s in train]
    return float(np.median(lengths)) >= 2 * SEASON_LAG[train[0].freq]


def global_lgbm_anchor(train: list[RegularSeries], h: int, config: AnchorConfig | None = None) -> list[np.ndarray]:
    """Forecast every series ``h`` periods with one LightGBM trained on all of them (see module docstring)."""
    import lightgbm as lgb

    cfg = config or AnchorConfig()
    freq = train[0].freq
    season = _season_lag_usable(train)
    # training rows start once the recent lags are (nearly) all there, as mlforecast's dropna keeps them
    first = max(LAGS[freq][:-1]) if freq != "D" else 14
    scales = [_series_scale(np.asarray(s.values, dtype=float), cfg.scale) for s in train]
    ys = [np.asarray(s.values, dtype=float) / sc for s, sc in zip(train, scales, strict=True)]
    cals = [_calendar(pd.DatetimeIndex(s.dates.append(s.future_dates(h))), freq) for s in train]
    xs, ts = [], []
    for y, cal in zip(ys, cals, strict=True):
        n = len(y)
        origins = np.arange(min(first, n - 1), n)  # a short series still gives its rows (NaN early lags)
        if cfg.mode == "recursive":
            xs.append(np.column_stack([_history_features(y, origins, freq, season), cal[origins]]))
            ts.append(y[origins])
        else:
            feats = _history_features(y, origins, freq, season)
            k = np.tile(np.arange(1, h + 1), len(origins))
            row = np.repeat(np.arange(len(origins)), h)
            j = origins[row] + k - 1
            keep = j < n
            xs.append(np.column_stack([feats[row[keep]], k[keep], cal[j[keep]]]))
            ts.append(y[j[keep]])
    x = np.vstack(xs) if xs else np.empty((0, 0))
    target = np.concatenate(ts) if ts else np.empty(0)
    if len(target) < MIN_ROWS:
        return [np.full(h, float(s.values[-1])) for s in train]
    if len(target) > cfg.max_rows:
        pick = np.random.default_rng(cfg.seed).choice(len(target), cfg.max_rows, replace=False)
        x, target = x[pick], target[pick]
    params: dict[str, Any] = {
        "objective": cfg.objective,
        "learning_rate": cfg.learning_rate,
        "num_leaves": cfg.num_leaves,
        "min_data_in_leaf": cfg.min_data_in_leaf,
        "num_threads": 1,
        "seed": cfg.seed,
        "verbose": -1,
    }
    model = lgb.train(params, lgb.Dataset(x, target), num_boost_round=cfg.rounds)
    if cfg.mode == "direct":
        block = np.vstack(
            [
                np.column_stack(
                    [
                        np.repeat(_history_features(y, np.array([len(y)]), freq, season), h, axis=0),
                        np.arange(1, h + 1),
                        cal[len(y) : len(y) + h],
                    ]
                )
                for y, cal in zip(ys, cals, strict=True)
            ]
        )
        pred = np.maximum(0.0, model.predict(block)).reshape(len(train), h)
        return [p * sc for p, sc in zip(pred, scales, strict=True)]
    hists = [y.copy() for y in ys]
    for _ in range(h):
        block = np.vstack(
            [
                np.column_stack(
                    [_history_features(hist, np.array([len(hist)]), freq, season), cal[len(hist) : len(hist) + 1]]
                )
                for hist, cal in zip(hists, cals, strict=True)
            ]
        )
        pred = np.maximum(0.0, model.predict(block))
        hists = [np.append(hist, p) for hist, p in zip(hists, pred, strict=True)]
    return [hist[len(y) :] * sc for hist, y, sc in zip(hists, ys, scales, strict=True)]
