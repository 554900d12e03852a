"""A direct multi-horizon global LightGBM on scale-free targets (the ensemble's learned member).

One model learns from every series of a batch. Each training row is (origin ``t``, horizon ``k``): the
features describe the history ``y[:t]`` divided by its robust recent level (median of the last
``LEVEL_WINDOW`` periods, floored): scaled lags, rolling medians over several windows (short ones
follow a level shift, long ones - up to a year of weeks - ignore promotion spikes), recent
mean/spread/zero share; the target is ``y[t + k - 1]`` divided by the same level. The loss is L1, so
the model estimates the conditional median, which is what absolute-error goals (MASE) reward;
Tweedie/Poisson losses chase the mean of promotion spikes and measured worse on such data.
Predicting each horizon directly (the horizon is a feature) avoids feeding predictions back as lags.

When prices are given for the history *and* the forecast horizon, the rows also carry the price at the
target period relative to the series' recent median price and the promotion flag there, so planned
prices and promotions move the forecast.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

import numpy as np

from shared.forecast.periods import Freq

LAGS: dict[str, int] = {"D": 28, "W": 13, "M": 12}
LEVEL_WINDOW: dict[str, int] = {"D": 28, "W": 13, "M": 12}
SEASON: dict[str, int] = {"D": 7, "W": 52, "M": 12}
# weekly: a year too - the regular level under a fifth of promotion-spiked weeks, which the year-long local
# member (``yearly.year_level``) estimates better than any shorter window; with it the learned member can
# weigh that level against the recent ones (docs/forecast.md, "A year-long median for the learned member")
MEDIAN_WINDOWS: dict[str, tuple[int, ...]] = {"D": (7, 14, 56), "W": (4, 8, 26, 52), "M": (3, 6, 24)}
MIN_ORIGIN = 4
SPIKE = 1.5  # a period this many times its trailing median is a spike (a promotion, an event)
SPIKE_GAPS = 3  # the spacing of spikes is the median of the last three gaps
FEW_ORIGINS = 4  # up to this many origins trailing statistics are computed one by one
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

    Many origins (training): one reduction over a sliding-window view (NaN-aware only for the first,
    partial windows). A few (forecasting): directly.
    """
    x = np.asarray(x, dtype=float)
    if len(origins) <= FEW_ORIGINS or len(x) == 0:
        return np.array([_stat(x[max(0, t - window):t], stat) if t > 0 else np.nan for t in origins])
    view = np.lib.stride_tricks.sliding_window_view(np.concatenate([np.full(window - 1, np.nan), x]), window)
    head = min(window - 1, len(view))
    out = np.empty(len(x) + 1)
    out[0] = np.nan
    out[1:head + 1] = _partial_median(view[:head]) if stat == "median" else _NAN_STATS[stat](view[:head], axis=1)
    out[head + 1:] = _STATS[stat](view[head:], axis=1)
    return out[origins]


_STATS: dict[str, Any] = {"median": np.median, "mean": np.mean, "std": np.std}
_NAN_STATS: dict[str, Any] = {"mean": np.nanmean, "std": np.nanstd}


def _partial_median(rows: np.ndarray) -> np.ndarray:
    """Row medians where row ``r`` holds ``r + 1`` values after NaN padding (np.nanmedian is slow here)."""
    ordered = np.sort(rows, axis=1)  # NaN sort last: each row's values come first
    r = np.arange(len(rows))
    return np.asarray((ordered[r, r // 2] + ordered[r, (r + 1) // 2]) / 2, dtype=float)


def _stat(x: np.ndarray, stat: str) -> float:
    """One window's statistic (NaN for an empty window's median).

    The median goes through :func:`statistics.median` on a list: on a window of 13-56 values it is ~25x
    faster than ``np.median``, whose per-call overhead showed when forecasting a small batch (one call per
    series, feature and origin), and it gives the same value.
    """
    if stat == "median":
        return float(statistics.median(x.tolist())) if len(x) else float("nan")
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


def _spike_cycle(y: np.ndarray, origins: np.ndarray, window: int,
                 promo: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per origin: periods since the last spike and the typical spacing of recent spikes (NaN if none).

    A spike is a promoted period when the history has promotion flags, else a period above ``SPIKE``
    times its trailing median. Retailers often promote on a calendar
    (every 4th week, each month-end); a tree cannot learn modular arithmetic from raw lags, but with
    these two numbers the next spike is at ``spacing - since`` periods - the phase feature in :func:`_rows`.
    """
    if promo is not None and np.nansum(promo[:len(y)]) > 0:  # the promotion history says it exactly
        spikes = np.flatnonzero(np.nan_to_num(np.asarray(promo, dtype=float)[:len(y)]) > 0)
    else:
        base = _trailing(y, np.arange(len(y)), window, "median")
        spikes = np.flatnonzero((y > SPIKE * base) & (base > 0))
    since = np.full(len(origins), np.nan)
    spacing = np.full(len(origins), np.nan)
    if len(spikes) == 0:
        return since, spacing
    last = np.searchsorted(spikes, origins) - 1  # index of the last spike before each origin
    seen = last >= 0
    since[seen] = origins[seen] - spikes[last[seen]]
    if len(spikes) > SPIKE_GAPS:
        gaps = np.diff(spikes)
        typical = np.full(len(spikes), np.nan)  # per spike j: median of the gaps that led up to it
        typical[SPIKE_GAPS:] = np.median(np.lib.stride_tricks.sliding_window_view(gaps, SPIKE_GAPS), axis=1)
        spacing[seen] = typical[last[seen]]
    return since, spacing


def _rows(s: DirectInput, origins: np.ndarray, horizon: int, freq: Freq, use_price: bool,
          with_target: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows for every (origin, k) pair, their scaled targets (or NaN), scales and target periods."""
    y = np.asarray(s.values, dtype=float)
    lags, win, m = LAGS[freq], LEVEL_WINDOW[freq], SEASON[freq]
    padded = np.concatenate([np.full(lags, np.nan), y])
    scale = _scales(y, origins, win)
    lag_block = np.stack([padded[origins + lags - i] for i in range(1, lags + 1)], axis=1) / scale[:, None]
    mean_r = _trailing(y, origins, win, "mean") / scale
    std_r = _trailing(y, origins, win, "std") / scale
    zeros_r = _trailing((y <= 0).astype(float), origins, win, "mean")
    medians = [_scales(y, origins, w, floor=False) / scale for w in MEDIAN_WINDOWS[freq]]
    since, spacing = _spike_cycle(y, origins, win, s.promo)
    base = np.column_stack([lag_block, mean_r, std_r, zeros_r, np.log1p(scale), *medians, since, spacing])
    price_ref = None
    if use_price and s.price is not None:
        price_ref = _trailing(np.asarray(s.price, dtype=float)[:len(y)], origins, win, "median")
    # every (origin, k) pair at once, origin-major (one origin gives k = 1..horizon in order)
    row = np.repeat(np.arange(len(origins)), horizon)
    k = np.tile(np.arange(1, horizon + 1), len(origins))
    j = origins[row] + k - 1
    if with_target:
        keep = j < len(y)
        row, k, j = row[keep], k[keep], j[keep]
    if not len(j):
        width = lags + 4 + len(MEDIAN_WINDOWS[freq]) + 2 + 4 + (3 if use_price else 0)
        return np.empty((0, width)), np.empty(0), np.empty(0), np.empty(0, dtype=int)
    sc = scale[row]
    seas_idx = j - m * np.ceil(k / m).astype(int)
    seasonal = np.where(seas_idx >= 0, y[np.clip(seas_idx, 0, len(y) - 1)], np.nan) / sc
    cal = s.calendar[np.clip(j, 0, len(s.calendar) - 1)]
    with np.errstate(invalid="ignore"):
        phase = np.mod(since[row] + k, spacing[row])  # 0: a spike is due at this horizon
    cols = [base[row], k[:, None].astype(float), cal[:, None], seasonal[:, None], phase[:, None]]
    if use_price:
        price = _at(s.price, j)
        ref = price_ref[row] if price_ref is not None else np.full(len(j), np.nan)
        rel = np.where(ref > 0, price / np.where(ref > 0, ref, 1.0), np.nan)
        cols += [rel[:, None], _at(s.promo, j)[:, None], _at(s.promo, origins[row] - 1)[:, None]]
    target = y[j] / sc if with_target else np.full(len(j), np.nan)
    return np.hstack(cols), target, sc, j


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


@dataclass(frozen=True)
class RowBank:
    """Training rows of a batch, built once for all its fits.

    Every feature of a row looks only at periods before its origin, so a backtest fit at cut ``c`` is
    the same model trained on the rows whose *target* lies before ``c``: no row is rebuilt per origin.
    """

    x: np.ndarray
    target: np.ndarray
    series: np.ndarray  # which input each row comes from
    period: np.ndarray  # the period index of each row's target


def row_bank(inputs: list[DirectInput], horizon: int, freq: Freq, use_price: bool = False, seed: int = 0,
             max_rows: int | None = None) -> RowBank:
    """The (origin, horizon) rows of every series; beyond ``max_rows`` a random share of origins.

    Origins are sampled *before* the rows are built (each gives ``horizon`` rows), so a long batch
    costs no more than ``max_rows`` (default ``MAX_ROWS``).
    """
    limit = max_rows or MAX_ROWS
    total = sum(max(0, len(s.values) - MIN_ORIGIN) for s in inputs) * horizon
    share = min(1.0, limit / total) if total else 1.0
    rng = np.random.default_rng(seed)
    xs, ts, ids, periods = [], [], [], []
    for i, s in enumerate(inputs):
        n = len(s.values)
        origins = np.arange(MIN_ORIGIN, n)
        if share < 1.0:
            origins = origins[rng.random(len(origins)) < share]
        if not len(origins):
            continue
        x, t, _, period = _rows(s, origins, horizon, freq, use_price, with_target=True)
        xs.append(x)
        ts.append(t)
        ids.append(np.full(len(t), i))
        periods.append(period)
    if not xs:
        return RowBank(np.empty((0, 0)), np.empty(0), np.empty(0, dtype=int), np.empty(0, dtype=int))
    return RowBank(np.vstack(xs), np.concatenate(ts), np.concatenate(ids), np.concatenate(periods))


def fit_bank(bank: RowBank, cuts: np.ndarray | None = None, seed: int = 0, max_rows: int | None = None,
             quick: bool = False) -> Any | None:
    """Train one booster on the bank's rows whose target lies before each series' cut (all without cuts).

    ``cuts[i]`` is series ``i``'s cut (0 leaves it out). ``None`` with fewer than ``MIN_ROWS`` rows.
    ``quick``: half the rounds at twice the learning rate (backtest fits: the same capacity, half the time).
    """
    import lightgbm as lgb

    idx = np.arange(len(bank.target)) if cuts is None else np.flatnonzero(bank.period < cuts[bank.series])
    limit = max_rows or MAX_ROWS
    if len(idx) > limit:
        idx = np.sort(np.random.default_rng(seed).choice(idx, limit, replace=False))
    if len(idx) < MIN_ROWS:
        return None
    params = {**PARAMS, "seed": seed}
    rounds = ROUNDS
    if quick:
        params["learning_rate"] = 2 * PARAMS["learning_rate"]
        rounds = ROUNDS // 2
    # a Dataset of its own per fit: with subsets of one shared binned Dataset, a booster freed on an agent's
    # worker thread aborted the whole process (seen in the suite); the binning saved a few percent of a fit
    return lgb.train(params, lgb.Dataset(bank.x[idx], bank.target[idx]), num_boost_round=rounds)


def fit_direct(inputs: list[DirectInput], horizon: int, freq: Freq, use_price: bool = False,
               seed: int = 0, max_rows: int | None = None) -> Any | None:
    """Train one booster on (origin, horizon) rows of every series; ``None`` with too few rows."""
    return fit_bank(row_bank(inputs, horizon, freq, use_price, seed, max_rows), None, seed, max_rows)


def predict_direct(model: Any, inputs: list[DirectInput], horizon: int, freq: Freq,
                   use_price: bool = False) -> list[np.ndarray]:
    """Forecast every input ``horizon`` periods from the end of its history (non-negative)."""
    blocks, scales = [], []
    for s in inputs:
        x, _, sc, _ = _rows(s, np.array([len(s.values)]), horizon, freq, use_price, with_target=False)
        blocks.append(x)
        scales.append(sc)
    pred = model.predict(np.vstack(blocks))
    out, i = [], 0
    for sc in scales:
        out.append(np.maximum(0.0, pred[i:i + horizon] * sc))
        i += horizon
    return out
