"""Forecast many series: chunks fan out to worker processes; each chunk fits one global model.

Locally chunks run in a ``ProcessPoolExecutor``; on GCP the same :func:`forecast_chunk` runs inside the
function that receives one chunk message. The global model is refitted at every backtest origin rank
(on each series truncated at its own cut) so its backtest is as honest as the local models'.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed

import numpy as np

from shared.forecast.backtest import plan_origins
from shared.forecast.engine import (
    ExternalForecasts,
    ForecastOptions,
    ProphetProbe,
    SeriesForecast,
    candidate_backtest,
    forecast_series,
)
from shared.forecast.ensemble import ensemble_chunk
from shared.forecast.global_model import fit_global, fit_predict_global, global_input, predict_global
from shared.forecast.periods import RegularSeries
from shared.forecast.select import pooled_choice

GLOBAL_NAME = "global_lgbm"
MAX_CHUNK = 500
PARALLEL_MIN_SERIES = 16
MIN_GLOBAL_SERIES = 4  # below this a "global" model is just a slower local one


def global_candidates(chunk: list[RegularSeries], options: ForecastOptions) -> dict[str, ExternalForecasts]:
    """Global-model forecasts per series id, keyed by training length (backtest cuts and the full length)."""
    out: dict[str, ExternalForecasts] = {s.series_id: {} for s in chunk}
    usable = [s for s in chunk if len(s.values) >= options.min_history and np.any(s.values > 0)]
    if len(usable) < MIN_GLOBAL_SERIES:
        return out
    freq = usable[0].freq
    usable = [s for s in usable if s.freq == freq]
    plans = {s.series_id: plan_origins(len(s.values), options.horizon, options.max_origins) for s in usable}
    # Backtest: ONE model trained on each series up to its earliest cut serves every origin (no leakage,
    # slightly pessimistic for later origins); the final model is trained on everything.
    earliest = [(s, plans[s.series_id].cuts[0]) for s in usable if plans[s.series_id] is not None]  # type: ignore[union-attr]
    if earliest:
        model = fit_global([global_input(s, cut, 1) for s, cut in earliest], freq)
        if model is None:
            return out
        pairs = [(s, cut, plans[s.series_id].horizon) for s, _ in earliest  # type: ignore[union-attr]
                 for cut in plans[s.series_id].cuts]  # type: ignore[union-attr]
        horizon = max(hh for _, _, hh in pairs)
        preds = predict_global(model, [global_input(s, cut, horizon) for s, cut, _ in pairs], horizon, freq)
        for (s, cut, hh), pred in zip(pairs, preds, strict=True):
            out[s.series_id].setdefault(GLOBAL_NAME, {})[cut] = pred[:hh]
    final = fit_predict_global([global_input(s, len(s.values), options.horizon) for s in usable],
                               options.horizon, freq)
    if final is None:
        return {s.series_id: {} for s in chunk}
    for s, pred in zip(usable, final, strict=True):
        out[s.series_id].setdefault(GLOBAL_NAME, {})[len(s.values)] = pred
    return out


def forecast_chunk(chunk: list[RegularSeries], options: ForecastOptions,
                   use_global: bool = True) -> list[SeriesForecast]:
    """Forecast one chunk in this process (the unit of fan-out).

    The pooled robust ensemble (:mod:`shared.forecast.ensemble`) forecasts every series it can; the rest
    (no demand, too short, a batch too small for a global model, or ``use_global=False``) go through the
    per-series backtest selection of :func:`forecast_series`.
    """
    done = ensemble_chunk(chunk, options) if use_global else {}
    rest = [s for i, s in enumerate(chunk) if i not in done]
    selected = iter(select_chunk(rest, options, use_global) if rest else [])
    return [done[i] if i in done else next(selected) for i in range(len(chunk))]


def select_chunk(chunk: list[RegularSeries], options: ForecastOptions,
                 use_global: bool = True) -> list[SeriesForecast]:
    """Per-series backtest selection among local models and the recursive global model."""
    externals = global_candidates(chunk, options) if use_global else {}
    backtests = [candidate_backtest(s, options, externals.get(s.series_id)) for s in chunk]
    preferred = pooled_choice([bt for bt in backtests if bt is not None])
    probe = ProphetProbe()
    return [forecast_series(s, options, externals.get(s.series_id), preferred, bt, probe)
            for s, bt in zip(chunk, backtests, strict=True)]


def forecast_batch(series: list[RegularSeries], options: ForecastOptions, *, workers: int | None = None,
                   use_global: bool = True, progress: Callable[[int], None] | None = None) -> list[SeriesForecast]:
    """Forecast every series, in parallel processes when there are many; results in input order."""
    workers = workers or max(1, min(os.cpu_count() or 1, 8))
    if not series:
        return []
    if workers == 1 or len(series) < PARALLEL_MIN_SERIES:
        results = forecast_chunk(series, options, use_global)
        if progress:
            progress(len(series))
        return results
    size = min(MAX_CHUNK, math.ceil(len(series) / workers))
    chunks = [series[i:i + size] for i in range(0, len(series), size)]
    done: dict[int, list[SeriesForecast]] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(forecast_chunk, c, options, use_global): i for i, c in enumerate(chunks)}
        for fut in as_completed(futures):
            i = futures[fut]
            done[i] = fut.result()
            if progress:
                progress(len(chunks[i]))
    return [r for i in range(len(chunks)) for r in done[i]]
