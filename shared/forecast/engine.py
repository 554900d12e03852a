"""Forecast one series: backtest every candidate, select or combine, add intervals, explain.

Pure: a :class:`RegularSeries` in, a :class:`SeriesForecast` out. Externally computed candidates
(the global model, fitted once per batch) come in as forecasts per backtest origin.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from shared.forecast.backtest import Backtest, ModelScore, OriginPlan, plan_origins, sanitise
from shared.forecast.baselines import CHEAP_MODELS, LocalModel, mean, naive
from shared.forecast.intermittent import INTERMITTENT_MODELS, classify
from shared.forecast.intervals import apply_intervals, interval_offsets
from shared.forecast.periods import RegularSeries
from shared.forecast.select import Selection, combine, select_model

Status = Literal["ok", "insufficient_history", "no_demand"]
BASELINES = ("naive", "seasonal_naive")
PROPHET_MARGIN = 0.9  # one origin is noisy: Prophet must beat the selection by 10% there
SWITCH_MARGIN = 0.9
STRUCTURED = ("seasonal_naive", "seasonal_median", "theta", "drift")
PROPHET_MIN_LENGTH: dict[str, int] = {"D": 56, "W": 52, "M": 24}


@dataclass(frozen=True)
class ForecastOptions:
    """How to forecast: horizon, interval level, backtest size, Prophet policy and holiday country."""

    horizon: int
    level: float = 0.9
    max_origins: int = 6
    prophet: Literal["auto", "always", "never"] = "auto"
    prophet_origins: int = 1
    country: str | None = None
    min_history: int = 4


@dataclass
class SeriesForecast:
    """The forecast of one series, with its backtest and everything needed to explain it."""

    series_id: str
    dates: pd.DatetimeIndex
    forecast: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    model: str
    status: Status
    history_periods: int
    backtest: dict[str, dict[str, float | int]] = field(default_factory=dict)
    backtest_horizon: int = 0
    interval_coverage: float | None = None
    demand_class: str = ""
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    bands: dict[float, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)  # level -> (lower, upper)
    # the per-period centre a horizon total sums where it is not ``forecast``: a slow weekly count's forecast is
    # a whole number (:mod:`count_median`), right for one period, but 13 weeks of 1.4 read as 1 sum 5 units short
    unrounded: np.ndarray | None = None
    # level -> (lower, upper) offsets of the total over the first k periods around the expected total's path
    # (:mod:`horizon_totals`; calibrated on the backtest's totals, pooled ensemble only; empty: none measured)
    sum_bands: dict[float, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    @property
    def centre(self) -> np.ndarray:
        """The per-period values a sum over the horizon reads: ``unrounded`` when kept, else the forecast."""
        return self.forecast if self.unrounded is None else self.unrounded

    def score(self, name: str) -> dict[str, float | int] | None:
        """Backtest score of one model (or the chosen one with ``name='chosen'``)."""
        return self.backtest.get(self.model if name == "chosen" else name)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly summary (dates as ISO strings)."""
        return {
            "series_id": self.series_id, "model": self.model, "status": self.status,
            "history_periods": self.history_periods, "demand_class": self.demand_class,
            "backtest_horizon": self.backtest_horizon, "interval_coverage": self.interval_coverage,
            "backtest": self.backtest, "warnings": self.warnings,
            "dates": [d.date().isoformat() for d in self.dates],
            "forecast": [round(float(v), 4) for v in self.forecast],
            "lower": [round(float(v), 4) for v in self.lower], "upper": [round(float(v), 4) for v in self.upper],
            **({} if self.unrounded is None else {"unrounded": [round(float(v), 4) for v in self.unrounded]}),
            **({} if not self.sum_bands else {"sum_bands": {
                str(lv): [[round(float(v), 4) for v in lo], [round(float(v), 4) for v in hi]]
                for lv, (lo, hi) in self.sum_bands.items()}}),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SeriesForecast:
        """Rebuild from :meth:`to_dict` (the forecast cache)."""
        return cls(d["series_id"], pd.DatetimeIndex(pd.to_datetime(d["dates"])), np.asarray(d["forecast"], dtype=float),
                   np.asarray(d["lower"], dtype=float), np.asarray(d["upper"], dtype=float), d["model"], d["status"],
                   d["history_periods"], d["backtest"], d["backtest_horizon"], d["interval_coverage"],
                   d["demand_class"], list(d["warnings"]), 0.0,
                   unrounded=None if d.get("unrounded") is None else np.asarray(d["unrounded"], dtype=float),
                   sum_bands={float(lv): (np.asarray(lo, dtype=float), np.asarray(hi, dtype=float))
                              for lv, (lo, hi) in (d.get("sum_bands") or {}).items()})


@dataclass
class ProphetProbe:
    """Batch-level Prophet budget: after ``probe`` tries, keep fitting only if it won often enough.

    Prophet costs 0.1-1 s per fit; on data where it loses (noisy promotion-driven retail) a batch of
    thousands of series should stop paying for it after a fair sample.
    """

    probe: int = 20
    min_win_rate: float = 0.1
    tried: int = 0
    won: int = 0

    def allow(self) -> bool:
        """Whether the next eligible series should still try Prophet."""
        return self.tried < self.probe or self.won / self.tried >= self.min_win_rate

    def record(self, won: bool) -> None:
        """Count one Prophet attempt."""
        self.tried += 1
        self.won += int(won)


ExternalForecasts = dict[str, dict[int, np.ndarray]]


def forecast_series(series: RegularSeries, options: ForecastOptions, external: ExternalForecasts | None = None,
                    preferred: tuple[str, ...] | None = None, backtest: Backtest | None = None,
                    probe: ProphetProbe | None = None) -> SeriesForecast:
    """Forecast ``series`` ``options.horizon`` periods ahead with the backtest-selected model.

    ``external`` maps a model name to forecasts keyed by training length (each backtest cut and the
    full length ``n`` for the final forecast); such models join the selection like any other.
    ``preferred`` is the choice pooled over the batch (:func:`pooled_choice`): the series keeps it unless
    its own best beats it by more than 10% on its own backtest (per-series selection alone overfits noise).
    ``backtest`` reuses the candidates' backtest already run by :func:`candidate_backtest`; ``probe``
    (shared across a batch) stops trying Prophet once it has shown it rarely wins on this data.
    """
    started = time.perf_counter()
    y = np.asarray(series.values, dtype=float)
    n, h, m = len(y), options.horizon, series.season_length
    future = series.future_dates(h)
    profile = classify(y)
    warnings: list[str] = []
    if series.filled_periods:
        warnings.append(f"{series.filled_periods} of {n} periods had no sales rows and count as 0 units")
    if profile.demand_class == "no_demand":
        zeros = np.zeros(h)
        return SeriesForecast(series.series_id, future, zeros, zeros.copy(), zeros.copy(), "zero", "no_demand", n,
                              demand_class="no_demand", warnings=[*warnings, "no sales in the history: forecast is 0"],
                              seconds=time.perf_counter() - started)
    plan = plan_origins(n, h, options.max_origins) if n >= options.min_history else None
    if plan is None:
        model = naive if n < 2 else mean
        f = sanitise(model(y, h, m), y)
        lo_off, hi_off = interval_offsets(None, h, options.level, y, m)
        lower, upper = apply_intervals(f, lo_off, hi_off, options.level)
        return SeriesForecast(
            series.series_id, future, f, lower, upper, model.__name__, "insufficient_history", n,
            demand_class=profile.demand_class,
            warnings=[*warnings, f"too little history to backtest: {n} periods (need at least "
                      f"{max(options.min_history, 4)}); forecast is the {model.__name__} of what exists and "
                      "is not validated"],
            seconds=time.perf_counter() - started)

    intermittent = profile.intermittent or profile.zero_share > 0.3
    if backtest is not None and backtest.plan == plan:
        bt, models = backtest, _local_models(intermittent)
    else:
        bt, models = _candidates(series, plan, intermittent, external)
    selection = select_model(bt)
    if preferred and all(p in bt.forecasts for p in preferred):
        pref_name = combine(bt, preferred)
        pref_score = bt.score(pref_name)
        if not selection.score.mase < SWITCH_MARGIN * pref_score.mase:
            selection = Selection(pref_name, preferred, pref_score, {**selection.scores, pref_name: pref_score})
    final = _final_forecast(selection.components, models, external, y, n, h, m)

    if _prophet_eligible(series, options, profile.intermittent, selection.scores) and (
            probe is None or probe.allow()):
        from shared.forecast.prophet_model import prophet_forecast

        cuts = plan.cuts[-options.prophet_origins:]
        try:
            bt.add("prophet", lambda cut, hh: prophet_forecast(series.head(cut), hh, country=options.country),
                   cuts=cuts)
            p_score = bt.score("prophet", cuts)
            rival = bt.score(selection.name, cuts)
            selection.scores["prophet"] = p_score
            won = p_score.mase < PROPHET_MARGIN * rival.mase
            if probe is not None:
                probe.record(won)
            if won:
                final = sanitise(prophet_forecast(series, h, country=options.country), y)
                selection = type(selection)("prophet", ("prophet",), p_score, selection.scores)
        except Exception as exc:  # noqa: BLE001 - Prophet failing on one series must not fail the batch
            warnings.append(f"prophet failed and was skipped: {exc}")

    errors = bt.errors(selection.name) if selection.name in bt.forecasts else None
    lo_off, hi_off = interval_offsets(errors, h, options.level, y, m)
    lower, upper = apply_intervals(final, lo_off, hi_off, options.level)
    cov = bt.interval_coverage(selection.name, lo_off, hi_off) if errors is not None else None
    scores: dict[str, ModelScore] = selection.scores
    table = {k: v.as_dict() for k, v in sorted(scores.items(), key=lambda kv: kv[1].mase)}
    for base in BASELINES:
        if base in scores:
            table[base] = scores[base].as_dict()
    if profile.intermittent:
        warnings.append(f"intermittent demand ({profile.demand_class}, {profile.zero_share:.0%} zero periods): "
                        "Croston/SBA/TSB were candidates")
    return SeriesForecast(series.series_id, future, final, lower, upper, selection.name, "ok", n, table,
                          plan.horizon, None if cov is None else round(cov, 3), profile.demand_class, warnings,
                          time.perf_counter() - started)


def candidate_backtest(series: RegularSeries, options: ForecastOptions,
                       external: ExternalForecasts | None = None) -> Backtest | None:
    """The backtest of every cheap and external candidate (``None`` for series that are not forecast by models)."""
    y = np.asarray(series.values, dtype=float)
    profile = classify(y)
    if profile.demand_class == "no_demand" or len(y) < options.min_history:
        return None
    plan = plan_origins(len(y), options.horizon, options.max_origins)
    if plan is None:
        return None
    return _candidates(series, plan, profile.intermittent or profile.zero_share > 0.3, external)[0]


def _candidates(series: RegularSeries, plan: OriginPlan, intermittent: bool,
                external: ExternalForecasts | None) -> tuple[Backtest, dict[str, LocalModel]]:
    y = np.asarray(series.values, dtype=float)
    n, m = len(y), series.season_length
    bt = Backtest(y, m, plan)
    models = _local_models(intermittent)
    for name, fn in models.items():
        bt.add(name, _local_runner(fn, y, m))
    for name, by_cut in (external or {}).items():
        if all(c in by_cut for c in plan.cuts) and n in by_cut:
            for c in plan.cuts:
                bt.forecasts.setdefault(name, {})[c] = sanitise(by_cut[c][: plan.horizon], y[:c])
    return bt, models


def _local_models(intermittent: bool) -> dict[str, LocalModel]:
    models: dict[str, LocalModel] = dict(CHEAP_MODELS)
    if intermittent:
        models.update(INTERMITTENT_MODELS)
    return models


def _local_runner(fn: LocalModel, y: np.ndarray, m: int) -> Callable[[int, int], np.ndarray]:
    """``(cut, h) -> forecast`` for a local model trained on ``y[:cut]``."""

    def run(cut: int, h: int) -> np.ndarray:
        return fn(y[:cut], h, m)

    return run


def _final_forecast(components: tuple[str, ...], models: dict[str, Any], external: ExternalForecasts | None,
                    y: np.ndarray, n: int, h: int, m: int) -> np.ndarray:
    parts = []
    for name in components:
        if name in models:
            parts.append(sanitise(models[name](y, h, m), y))
        else:
            parts.append(sanitise((external or {})[name][n][:h], y))
    return np.asarray(np.mean(parts, axis=0), dtype=float)


def _prophet_eligible(series: RegularSeries, options: ForecastOptions, intermittent: bool,
                      scores: dict[str, ModelScore]) -> bool:
    """Prophet models trend + seasonality: in ``auto`` it is fitted only where the cheap backtest shows some.

    That is: the series is long enough, not intermittent, and a structured cheap model (seasonal or
    trended) beat every flat-level model; otherwise Prophet has nothing to add and costs ~0.1-1 s.
    """
    if options.prophet == "never":
        return False
    if options.prophet == "always":
        return True
    if len(series.values) < PROPHET_MIN_LENGTH[series.freq] or intermittent:
        return False
    structured = [scores[k].mase for k in STRUCTURED if k in scores]
    flat = [v.mase for k, v in scores.items() if k in CHEAP_MODELS and k not in STRUCTURED]
    return bool(structured and flat and min(structured) < min(flat))
