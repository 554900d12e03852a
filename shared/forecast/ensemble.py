"""The default forecaster of a batch: a fixed robust median ensemble, chosen and calibrated pooled.

Measured on weekly promotion-driven retail, per-series selection on short noisy backtests picks worse
models than a fixed combination of strong members, and per-series Prophet/ETS/ARIMA lose to robust
levels. So each series gets the median of three members, the learned one counted twice (the median of
four values is the mean of the middle two: half the global model, half the robust local level nearest it):

- ``global_l1``: the direct multi-horizon global LightGBM on level-scaled targets (:mod:`direct_model`),
- ``level``: the median of the recent periods (13 weeks, 28 days, 12 months),
- ``ses`` (or ``tsb`` for intermittent series, which handles zeros and obsolescence).

The only choice made from data is *pooled* over the whole batch (never per series): on the batch's
backtest origins the ensemble competes with a seasonal ensemble (median of ``global_l1``, ``theta``,
``seasonal_median``) for data whose seasonality dominates (monthly sales) and with ``global_l1`` alone; the
ensemble is kept unless another candidate is clearly better across all series. Prediction intervals
are split-conformal: quantiles of the pooled backtest errors, divided by each series' level, per
horizon step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from shared.forecast.backtest import selection_scale
from shared.forecast.baselines import naive, robust_level, seasonal_median, ses, theta
from shared.forecast.direct_model import (
    LEVEL_WINDOW,
    DirectInput,
    fit_direct,
    predict_direct,
    price_usable,
    robust_scale,
)
from shared.forecast.engine import ForecastOptions, SeriesForecast
from shared.forecast.global_model import calendar_position
from shared.forecast.intermittent import classify, tsb
from shared.forecast.metrics import smape
from shared.forecast.periods import RegularSeries

MIN_SERIES = 4
MIN_LENGTH = 8
BACKTEST_ORIGINS = 2
LARGE_BATCH = 200  # one origin at 40+ series measured worse coverage and choices; keep two up to here
KEEP_MARGIN = 0.99  # another pooled candidate must beat the ensemble by 1% to replace it
MASE_CAP = 10.0
BAND_LEVELS = (0.8, 0.95)
ENSEMBLE = "ensemble"
SEASONAL_ENSEMBLE = "seasonal_ensemble"
CHOICES = (ENSEMBLE, SEASONAL_ENSEMBLE, "global_l1")  # adding ``level`` measured worse (noisier choice)
COMPONENTS: dict[str, tuple[str, ...]] = {
    ENSEMBLE: ("global_l1", "global_l1", "level", "ses"),
    SEASONAL_ENSEMBLE: ("global_l1", "theta", "seasonal_median"),
}


def level(y: np.ndarray, h: int, m: int = 1) -> np.ndarray:
    """The median of the last ``LEVEL_WINDOW`` periods (13 for weekly data; the strongest simple anchor)."""
    window = {7: LEVEL_WINDOW["D"], 52: LEVEL_WINDOW["W"]}.get(m, LEVEL_WINDOW["M"])
    return np.full(h, float(np.median(np.asarray(y, dtype=float)[-window:])))


LOCAL_MEMBERS: dict[str, Callable[[np.ndarray, int, int], np.ndarray]] = {
    "level": level, "ses": ses, "tsb": tsb, "theta": theta, "seasonal_median": seasonal_median,
    "naive": naive, "robust_level": robust_level,
}


@dataclass
class _Case:
    """One series cut at one origin: its member forecasts and (for backtests) the actuals."""

    index: int
    history: np.ndarray
    members: dict[str, np.ndarray]
    intermittent: bool
    actual: np.ndarray | None = None


def combine(members: dict[str, np.ndarray], name: str, intermittent: bool) -> np.ndarray:
    """The median of an ensemble's members (``tsb`` replaces ``ses`` for intermittent series)."""
    names = _member_names(name, intermittent)
    return np.asarray(np.median(np.stack([members[c] for c in names]), axis=0), dtype=float)


def _member_names(name: str, intermittent: bool) -> list[str]:
    return [("tsb" if intermittent and c == "ses" else c) for c in COMPONENTS[name]]


def candidates(case: _Case) -> dict[str, np.ndarray]:
    """Every pooled candidate of one case: the two ensembles and the single members."""
    out = {ENSEMBLE: combine(case.members, ENSEMBLE, case.intermittent),
           SEASONAL_ENSEMBLE: combine(case.members, SEASONAL_ENSEMBLE, case.intermittent)}
    out.update(case.members)
    return out


def _direct_input(s: RegularSeries, cut: int, horizon: int) -> DirectInput:
    head = s.head(cut)
    dates = s.dates[:cut].append(head.future_dates(horizon))
    cal = calendar_position(pd.DatetimeIndex(dates), s.freq)
    return DirectInput(head.values, cal, _extended(s.price, s.future_price, cut, horizon),
                       _extended(s.promo, s.future_promo, cut, horizon))


def _extended(hist: np.ndarray | None, future: np.ndarray | None, cut: int, horizon: int) -> np.ndarray | None:
    """History up to ``cut`` and the known values of the next ``horizon`` periods (actual or planned)."""
    if hist is None:
        return None
    full = np.asarray(hist, dtype=float) if future is None else np.concatenate([hist, future])
    return full[:cut + horizon]


def _members(y: np.ndarray, h: int, m: int, global_fc: np.ndarray, intermittent: bool) -> dict[str, np.ndarray]:
    """Every member's forecast; for intermittent series ``level`` is the recent *mean* (a demand rate).

    The median of a mostly-zero window is 0, which minimises absolute error and stocks nothing; the
    Croston family forecasts a rate for the same reason.
    """
    out = {name: np.maximum(0.0, np.asarray(fn(y, h, m), dtype=float)[:h]) for name, fn in LOCAL_MEMBERS.items()}
    if intermittent:
        out["level"] = np.full(h, float(np.mean(y[-LEVEL_WINDOW["W"]:])))
    out["global_l1"] = global_fc[:h]
    return out


def _run_origin(series: list[RegularSeries], cuts: list[int], horizon: int, use_price: bool,
                with_actual: bool) -> list[_Case] | None:
    """Fit the global member on every series cut at its origin, then build each case's members."""
    freq = series[0].freq
    inputs = [_direct_input(s, c, horizon) for s, c in zip(series, cuts, strict=True)]
    model = fit_direct(inputs, horizon, freq, use_price)
    if model is None:
        return None
    preds = predict_direct(model, inputs, horizon, freq, use_price)
    cases = []
    for i, (s, c, g) in enumerate(zip(series, cuts, preds, strict=True)):
        y = np.asarray(s.values[:c], dtype=float)
        intermittent = classify(y).intermittent
        cases.append(_Case(i, y, _members(y, horizon, s.season_length, g, intermittent), intermittent,
                           np.asarray(s.values[c:c + horizon], dtype=float) if with_actual else None))
    return cases


def _pooled_scores(cases: list[_Case], m: int) -> dict[str, float]:
    """Mean capped MASE of each candidate over every backtest case (the batch-level choice)."""
    totals: dict[str, list[float]] = {}
    for case in cases:
        if case.intermittent:
            continue  # absolute error rewards forecasting the zero median there; those keep the ensemble
        scale = selection_scale(case.history, m)
        assert case.actual is not None
        for name in CHOICES:
            fc = candidates(case)[name]
            err = float(np.mean(np.abs(case.actual - fc[:len(case.actual)]))) / scale
            totals.setdefault(name, []).append(min(MASE_CAP, err))
    return {k: float(np.mean(v)) for k, v in totals.items()}


def choose(scores: dict[str, float]) -> str:
    """The ensemble unless a pooled rival beats it by more than ``1 - KEEP_MARGIN`` (1%)."""
    if not scores:
        return ENSEMBLE
    best = min(scores, key=lambda k: (scores[k], k))
    return best if scores[best] < KEEP_MARGIN * scores[ENSEMBLE] else ENSEMBLE


def conformal_quantiles(cases: list[_Case], name: str, horizon: int,
                        levels: tuple[float, ...]) -> dict[float, tuple[np.ndarray, np.ndarray]]:
    """Per-step (lower, upper) quantiles of level-scaled backtest errors of ``name``, pooled over series."""
    by_step: list[list[float]] = [[] for _ in range(horizon)]
    for case in cases:
        assert case.actual is not None
        scale = robust_scale(case.history, 13)
        err = (case.actual - candidates(case)[name][:len(case.actual)]) / scale
        for k, e in enumerate(err):
            by_step[k].append(float(e))
    pooled = np.concatenate([np.asarray(b) for b in by_step]) if any(by_step) else np.zeros(1)
    out: dict[float, tuple[np.ndarray, np.ndarray]] = {}
    for lv in levels:
        a = (1 - lv) / 2
        lo, hi = np.empty(horizon), np.empty(horizon)
        for k in range(horizon):
            # sparse late steps borrow the pooled errors of every step
            e = np.asarray(by_step[k]) if len(by_step[k]) >= 30 else pooled
            lo[k], hi[k] = np.quantile(e, a), np.quantile(e, 1 - a)
        out[lv] = (np.minimum(lo, 0.0), np.maximum(hi, 0.0))
    return out


def ensemble_chunk(chunk: list[RegularSeries], options: ForecastOptions) -> dict[int, SeriesForecast]:
    """Forecast the eligible series of a chunk with the pooled ensemble; keyed by position in ``chunk``.

    Series not returned (no demand, too short, another frequency) are left to the per-series engine.
    An empty result means the batch is too small or too short for a global model.
    """
    started = time.perf_counter()
    h = options.horizon
    idx = [i for i, s in enumerate(chunk) if len(s.values) >= max(MIN_LENGTH, options.min_history)
           and np.any(np.asarray(s.values) > 0)]
    if not idx:
        return {}
    freq = chunk[idx[0]].freq
    idx = [i for i in idx if chunk[i].freq == freq]
    if len(idx) < MIN_SERIES:
        return {}
    series = [chunk[i] for i in idx]
    use_price = price_usable([_direct_input(s, len(s.values), h) for s in series], h)
    m = series[0].season_length
    backtest: list[_Case] = []
    origins = BACKTEST_ORIGINS if len(series) < LARGE_BATCH else 1  # a large batch has errors enough at one
    for j in range(1, origins + 1):
        sub = [(k, s) for k, s in enumerate(series) if len(s.values) - j * h >= MIN_LENGTH]
        if len(sub) < MIN_SERIES:
            break
        cases = _run_origin([s for _, s in sub], [len(s.values) - j * h for _, s in sub], h, use_price, True)
        for case in cases or []:
            case.index = sub[case.index][0]
            backtest.append(case)
    final = _run_origin(series, [len(s.values) for s in series], h, use_price, False)
    if final is None:
        return {}
    scores = _pooled_scores(backtest, m) if backtest else {}
    pooled_choice = choose(scores)
    levels = tuple(sorted({*BAND_LEVELS, options.level}))
    # bands calibrated separately for smooth series (pooled choice) and intermittent ones (the ensemble)
    quantiles = {flag: conformal_quantiles([c for c in backtest if c.intermittent == flag],
                                           ENSEMBLE if flag else pooled_choice, h, levels)
                 for flag in (False, True) if any(c.intermittent == flag for c in backtest)}
    per_series = (time.perf_counter() - started) / len(series)
    out: dict[int, SeriesForecast] = {}
    for case, s in zip(final, series, strict=True):
        chosen = ENSEMBLE if case.intermittent else pooled_choice
        fc = candidates(case)[chosen]
        scale = robust_scale(case.history, 13)
        bands: dict[float, tuple[np.ndarray, np.ndarray]] = {}
        for lv in levels:
            calibrated = quantiles.get(case.intermittent)
            if calibrated is None:
                lo_q, hi_q = _fallback_band(case.history, h, lv)
            else:
                lo_q, hi_q = calibrated[lv]
            bands[lv] = (np.clip(fc + lo_q * scale, 0.0, fc), np.maximum(fc + hi_q * scale, fc))
        own = [c for c in backtest if c.index == case.index]
        table = _series_table(own, chosen, m)
        name = chosen if chosen not in COMPONENTS else (
            f"{chosen}({'+'.join(dict.fromkeys(_member_names(chosen, case.intermittent)))})")
        if name != chosen:
            table[name] = table.pop(chosen, {"mase": float("nan"), "smape": float("nan"), "origins": 0})
        warnings = [f"{s.filled_periods} of {len(s.values)} periods had no sales rows and count as 0 units"] \
            if s.filled_periods else []
        if s.censored_periods:
            warnings.append(f"{s.censored_periods} periods with no stock were treated as censored demand")
        lower, upper = bands[options.level]
        out[idx[case.index]] = SeriesForecast(
            s.series_id, s.future_dates(h), fc, lower, upper, name, "ok", len(s.values), table, h,
            None, classify(case.history).demand_class, warnings, per_series,
            bands={lv: (lo, hi) for lv, (lo, hi) in bands.items()})
    return out


def _fallback_band(history: np.ndarray, h: int, lv: float) -> tuple[np.ndarray, np.ndarray]:
    """Without a backtest: the spread of the history around its level, as a multiple of the level."""
    scale = robust_scale(history, 13)
    dev = (np.asarray(history, dtype=float)[-52:] - np.median(history[-13:])) / scale
    a = (1 - lv) / 2
    return np.full(h, min(0.0, float(np.quantile(dev, a)))), np.full(h, max(0.0, float(np.quantile(dev, 1 - a))))


def _series_table(own: list[_Case], chosen: str, m: int) -> dict[str, dict[str, float | int]]:
    """This series' own backtest scores of the chosen method and the anchors (for explanations)."""
    if not own:
        return {}
    table: dict[str, dict[str, float | int]] = {}
    for name in (chosen, "level", "naive", "global_l1"):
        mases, smapes = [], []
        for case in own:
            assert case.actual is not None
            fc = candidates(case)[name][:len(case.actual)]
            mases.append(float(np.mean(np.abs(case.actual - fc))) / selection_scale(case.history, m))
            smapes.append(smape(case.actual, fc))
        table[name] = {"mase": round(float(np.mean(mases)), 4), "smape": round(float(np.mean(smapes)), 3),
                       "origins": len(own)}
    return table
