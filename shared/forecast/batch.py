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
    SeriesForecast,
    candidate_backtest,
    forecast_series,
)
from shared.forecast.global_model import fit_predict_global, global_input
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
    ranks: list[list[tuple[RegularSeries, int, int]]] = [[(s, len(s.values), options.horizon) for s in usable]]
    for k in range(options.max_origins):
        members = []
        for s in usable:
            plan = plans[s.series_id]
            if plan is not None and len(plan.cuts) > k:
                members.append((s, plan.cuts[-1 - k], plan.horizon))
        if members:
            ranks.append(members)
    for members in ranks:
        horizon = max(hh for _, _, hh in members)
        preds = fit_predict_global([global_input(s, cut, horizon) for s, cut, _ in members], horizon, freq)
        if preds is None:
            return {s.series_id: {} for s in chunk}
        for (s, cut, hh), p in zip(members, preds, strict=True):
            out[s.series_id].setdefault(GLOBAL_NAME, {})[cut] = p[:hh] if cut != len(s.values) else p
    return out


def forecast_chunk(chunk: list[RegularSeries], options: ForecastOptions,
                   use_global: bool = True) -> list[SeriesForecast]:
    """Forecast one chunk in this process (the unit of fan-out)."""
    externals = global_candidates(chunk, options) if use_global else {}
    backtests = [candidate_backtest(s, options, externals.get(s.series_id)) for s in chunk]
    preferred = pooled_choice([bt for bt in backtests if bt is not None])
    return [forecast_series(s, options, externals.get(s.series_id), preferred) for s in chunk]


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
