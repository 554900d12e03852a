"""The default forecaster of a batch: a robust median ensemble, chosen and calibrated pooled.

Measured on weekly promotion-driven retail, per-series selection on short noisy backtests picks worse
models than a fixed combination of strong members, and per-series Prophet/ETS/ARIMA lose to robust
levels. So each series gets the median of a few members (the median of four values is the mean of the
middle two):

- ``global_l1``: the direct multi-horizon global LightGBM on level-scaled targets (:mod:`direct_model`),
- ``level``: the median of the recent periods (13 weeks, 28 days, 12 months) - the strongest simple
  anchor is itself a member, so the ensemble cannot drift far from it,
- ``ses`` (or ``tsb`` for intermittent weekly and monthly series, which handles zeros and obsolescence;
  ``level`` again for daily ones), all replaced by ``weekday`` for a daily series bound to its weekdays;
  a smooth daily series of a batch with a clear pooled weekday shape gets them times that shape
  (``level_wd``, ``ses_wd``, :mod:`weekday_profile`).

Where the batch is seasonal (pooled ACF test, :func:`members.pooled_seasonality`: monthly home sales,
daily traffic) ``level`` and ``ses`` run on seasonally adjusted values (``level_sa``, ``ses_sa``).

Three weightings compete, *pooled* over the batch (never per series), on mean capped MASE over the
backtest origins: ``ensemble`` (``global_l1`` twice: half learned, half robust local), the default;
``ensemble_balanced`` (each member once) and ``ensemble_robust`` (``level`` twice), the default on short
panels (less than a season plus a level window of history, where the global model has too few rows to
learn from). A rival replaces the default only when it is more than 1% better.

Prediction intervals are split-conformal: the chosen method's backtest errors, divided by each series'
in-sample mean absolute one-step change (its noise, not its level: a level-scaled band is too narrow on
low-volume count series and too wide on smooth ones) and by the series' shrunken difficulty (its own
backtest errors against the batch's, :mod:`difficulty`) and by how much the series moves in each step's
calendar month (monthly data; :mod:`season_scale`), pooled over series per horizon step, at a level moved by
the coverage the backtest's newer origins got from bands of its older ones (:mod:`adaptive_level`: where the
backtest grows harder origin after origin, as flights did into December, the next window is harder still).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from shared.forecast.adaptive_level import adapted_level, step_quantiles
from shared.forecast.backtest import selection_scale
from shared.forecast.calendar_effects import around_holiday, holiday_distance, holiday_inflation, near_holiday
from shared.forecast.count_median import count_median, is_count
from shared.forecast.difficulty import Difficulty, series_difficulty
from shared.forecast.direct_model import (
    DirectInput,
    RowBank,
    fit_bank,
    fit_direct,
    predict_direct,
    price_usable,
    robust_scale,
    row_bank,
)
from shared.forecast.elasticity import MIN_PRICE_SIGNAL, price_signal
from shared.forecast.engine import ForecastOptions, SeriesForecast
from shared.forecast.global_model import calendar_position
from shared.forecast.horizon_totals import cumulative_errors, expected_path, total_quantiles
from shared.forecast.intermittent import classify
from shared.forecast.members import (
    DAILY,
    POOLED_WEEKDAY_MEMBER,
    WEEKDAY,
    WEEKLY,
    level_window,
    local_members,
    pooled_seasonality,
    weekday_bound,
)
from shared.forecast.metrics import smape
from shared.forecast.periods import Freq, RegularSeries
from shared.forecast.season_scale import step_factors
from shared.forecast.weekday_profile import day_numbers, pooled_weekday_profile

MIN_SERIES = 4
MIN_LENGTH = 8
BACKTEST_ORIGINS = 4  # four origins calibrate the bands across more conditions than two (coverage closer)
LARGE_BATCH = 200  # from here two origins give errors enough
BACKTEST_ROWS = 8_000  # a backtest fit only needs to be representative: fewer rows, less time
KEEP_MARGIN = 0.99  # another pooled candidate must beat the default by 1% to replace it
MASE_CAP = 10.0
SHORT_PANEL_PERIODS = 2_500  # fewer periods than this in a batch of short histories: the robust default
BAND_LEVELS = (0.8, 0.95)
ENSEMBLE = "ensemble"
BALANCED = "ensemble_balanced"
ROBUST = "ensemble_robust"
GLOBAL = "global_l1"
CHOICES = (ENSEMBLE, BALANCED, ROBUST)  # ``global_l1`` alone only with planned prices (else noisier choice)
COMPONENTS: dict[str, tuple[str, ...]] = {
    ENSEMBLE: ("global_l1", "global_l1", "level", "ses"),
    BALANCED: ("global_l1", "level", "ses"),
    ROBUST: ("global_l1", "level", "level", "ses"),
}
SEASONAL_MEMBER = {"level": "level_sa", "ses": "ses_sa"}
YEARLY_MEMBER = {"level": "level_year", "ses": "level_year"}  # weekly, not seasonal, not intermittent


@dataclass
class _Case:
    """One series cut at one origin: its member forecasts and (for backtests) the actuals."""

    index: int
    history: np.ndarray
    members: dict[str, np.ndarray]
    intermittent: bool
    actual: np.ndarray | None = None
    origin: int = 0  # the backtest origin's rank, 1 the latest (0: the final fit)
    combined: dict[bool, dict[str, np.ndarray]] = field(default_factory=dict)  # candidates() per seasonal flag
    counts: bool = False  # a weekly series of whole units: its ensembles are count medians (:mod:`count_median`)
    demand_class: str = ""  # :func:`intermittent.classify` of the history (what a horizon total's path reads)


def combine(members: dict[str, np.ndarray], name: str, intermittent: bool, seasonal: bool = False) -> np.ndarray:
    """The median of an ensemble's members."""
    names = member_names(name, intermittent, seasonal, "level_year" in members, WEEKDAY in members, "tsb" in members,
                         "level_wd" in members)
    return np.asarray(np.median(np.stack([members[c] for c in names]), axis=0), dtype=float)


def member_names(name: str, intermittent: bool, seasonal: bool, yearly: bool = False,
                 weekday: bool = False, rate: bool = True, pooled_weekday: bool = False) -> list[str]:
    """The members of ensemble ``name`` for one series.

    ``tsb`` replaces ``ses`` for intermittent series (whose ``level`` is a mean rate, never adjusted:
    a season of mostly zeros has no stable indices); seasonally adjusted members in a seasonal batch.
    ``yearly`` (a weekly series with a year-long level, :mod:`yearly`): that level replaces both ``level``
    and ``ses``, the noisier estimates of the same regular level on weekly promotion data (figures in
    docs/forecast.md). ``weekday`` (a daily series bound to its weekdays, :func:`members.weekday_bound`):
    the median of its last 4 same weekdays replaces every local member (a flat level and a flat SES between
    two members that follow the weekdays pulled the median flat). ``rate``: the intermittent series has a
    ``tsb`` member (not a daily one, :func:`members.local_members`); without it ``level`` stands for ``ses``.
    ``pooled_weekday`` (a smooth daily series with the batch's weekday profile, :mod:`weekday_profile`):
    its ``level`` and ``ses`` times that profile.
    """
    if weekday:
        return [c if c == "global_l1" else WEEKDAY for c in COMPONENTS[name]]
    if intermittent:
        return [(("tsb" if rate else "level") if c == "ses" else c) for c in COMPONENTS[name]]
    if pooled_weekday:
        return [POOLED_WEEKDAY_MEMBER.get(c, c) for c in COMPONENTS[name]]
    if seasonal:
        return [SEASONAL_MEMBER.get(c, c) for c in COMPONENTS[name]]
    return [YEARLY_MEMBER.get(c, c) if yearly else c for c in COMPONENTS[name]]


def candidates(case: _Case, seasonal: bool) -> dict[str, np.ndarray]:
    """Every pooled candidate of one case: the ensembles and the single members (computed once).

    A weekly count's ensembles are whole numbers where they are small (:func:`count_median.count_median`).
    """
    if seasonal not in case.combined:
        out = dict(case.members)
        for name in CHOICES:
            fc = combine(case.members, name, case.intermittent, seasonal)
            out[name] = count_median(fc) if case.counts else fc
        case.combined[seasonal] = out
    return case.combined[seasonal]


def interval_scale(history: np.ndarray) -> float:
    """What band widths are measured in: the mean absolute one-step change of the history (never 0)."""
    return selection_scale(np.asarray(history, dtype=float), 1)


def plan_informs(series: list[RegularSeries]) -> bool:
    """Whether planned prices can inform the forecast: the history has promotions, or its price moved units.

    A price that did not (``price_signal`` under ``MIN_PRICE_SIGNAL``: the mean price of the sizes sold,
    say) only gives the learned member noise to fit, and a flat plan then forecast worse than none
    (pizzaplace daily, the menu unchanged: 0.756 MASE against 0.742 without a plan). Too little history to
    tell: the plan is used.
    """
    if any(s.promo is not None and len(s.promo) and np.ptp(np.nan_to_num(np.asarray(s.promo, dtype=float))) > 0
           for s in series):
        return True
    signal = price_signal([(s.values, s.price) for s in series])
    return signal is None or abs(signal) >= MIN_PRICE_SIGNAL


def is_short(series: list[RegularSeries]) -> bool:
    """Whether the global model has too little to learn from: short histories in a small batch.

    Short means the typical series has less than a season plus a level window of history *and* the
    batch holds fewer than :data:`SHORT_PANEL_PERIODS` periods in all. Measured on 52-60-week panels
    (dunnhumby's Complete Journey per product, generated promotion retail): with 32 series the robust
    weighting was as good or better (0.990-1.000 of the best anchor against 0.994-1.008), from 64-80
    series on the default was (0.958-0.983 against 0.961-0.993; 0.957 against 0.975 at 13 weeks ahead).
    """
    m = series[0].season_length
    lengths = [len(s.values) for s in series]
    return float(np.median(lengths)) < m + level_window(m) and sum(lengths) < SHORT_PANEL_PERIODS


@dataclass(frozen=True)
class SeriesCalendar:
    """Calendar features of a series' history and horizon, computed once for every cut of a batch."""

    position: np.ndarray  # day of week / week of year / month
    holiday: np.ndarray | None  # signed periods to the nearest public holiday (for the bands)


def series_calendar(s: RegularSeries, horizon: int, country: str | None = None) -> SeriesCalendar:
    """``s``'s calendar over its dates and the next ``horizon`` (holidays of ``country``, if any)."""
    dates = pd.DatetimeIndex(s.dates.append(s.future_dates(horizon)))
    return SeriesCalendar(calendar_position(dates, s.freq), holiday_distance(dates, s.freq, country))


def _direct_input(s: RegularSeries, cut: int, horizon: int, calendar: SeriesCalendar | None = None) -> DirectInput:
    """The direct model's view of ``s`` cut at ``cut`` (a backtest cut's horizon dates are its own dates)."""
    cal = calendar or series_calendar(s, horizon)
    end = cut + horizon
    return DirectInput(np.asarray(s.values[:cut], dtype=float), cal.position[:end],
                       _extended(s.price, s.future_price, cut, horizon),
                       _extended(s.promo, s.future_promo, cut, horizon))


def _extended(hist: np.ndarray | None, future: np.ndarray | None, cut: int, horizon: int) -> np.ndarray | None:
    """History up to ``cut`` and the known values of the next ``horizon`` periods (actual or planned)."""
    if hist is None:
        return None
    full = np.asarray(hist, dtype=float) if future is None else np.concatenate([hist, future])
    return full[:cut + horizon]


def _run_origin(series: list[RegularSeries], cuts: list[int], horizon: int, use_price: bool,
                with_actual: bool, seasonal: bool = False, bank: tuple[RowBank, list[int], int] | None = None,
                calendars: list[SeriesCalendar] | None = None, fitted: Any | None = None) -> list[_Case] | None:
    """Fit the global member on every series cut at its origin, then build each case's members.

    ``bank`` = (the batch's rows, each series' position in it, the batch size): the fit takes the
    rows before each cut instead of building them again. ``fitted``: a booster trained on rows before
    every cut, used instead of fitting one here.
    """
    freq = series[0].freq
    cals = calendars or [series_calendar(s, horizon) for s in series]
    inputs = [_direct_input(s, c, horizon, cal) for s, c, cal in zip(series, cuts, cals, strict=True)]
    max_rows = BACKTEST_ROWS if with_actual else None
    if fitted is not None:
        model = fitted
    elif bank is None:
        model = fit_direct(inputs, horizon, freq, use_price, max_rows=max_rows)
    else:
        rows, positions, size = bank
        cut_of = np.zeros(size, dtype=int)
        cut_of[positions] = cuts
        model = fit_bank(rows, cut_of, max_rows=max_rows, quick=with_actual)
    if model is None:
        return None
    preds = predict_direct(model, inputs, horizon, freq, use_price)
    profile = None if seasonal else _weekday_profile(series, cuts)  # a seasonal batch adjusts its own
    cases = []
    for i, (s, c, g) in enumerate(zip(series, cuts, preds, strict=True)):
        y = np.asarray(s.values[:c], dtype=float)
        demand = classify(y)
        factors = None
        if profile is not None:
            weekday = cals[i].position.astype(int)
            factors = (profile[weekday[:c]], profile[weekday[c:c + horizon]])
        members = {**local_members(y, horizon, s.season_length, seasonal, demand.intermittent, factors),
                   "global_l1": g[:horizon]}
        cases.append(_Case(i, y, members, demand.intermittent,
                           np.asarray(s.values[c:c + horizon], dtype=float) if with_actual else None,
                           counts=s.season_length == WEEKLY and is_count(y), demand_class=demand.demand_class))
    return cases


def _weekday_profile(series: list[RegularSeries], cuts: list[int]) -> np.ndarray | None:
    """A daily batch's pooled weekday profile from the histories before each cut (``None`` otherwise).

    A series bound to its own weekdays (:func:`members.weekday_bound`: bought in bulk on Sundays) has its own
    weekday member and is left out: its pattern is not the batch's, and in a sum it would lend it to the rest.
    """
    if not series or series[0].season_length != DAILY:
        return None
    cut = [(np.asarray(s.values[:c], dtype=float), s.dates[:c]) for s, c in zip(series, cuts, strict=True)]
    shared = [(y, d) for y, d in cut if len(y) and not weekday_bound(y, DAILY)]
    return pooled_weekday_profile([y for y, _ in shared], [day_numbers(d) for _, d in shared])


def _earliest_fit(bank: RowBank, plans: list[list[tuple[int, RegularSeries]]], j: int, h: int, size: int) -> Any:
    """One backtest booster for every origin of a short panel: trained on the rows before the earliest cut.

    A short panel's backtests otherwise fit one small model per origin, where the per-series selection it
    replaced fits none (pizzaplace weekly, 32 series x 35-43 weeks: 1.16x its CPU time). A model that has seen
    less history only makes the later origins' backtest errors a little larger, which the bands then carry.
    """
    earliest = plans[j - 1]
    cut_of = np.zeros(size, dtype=int)
    cut_of[[k for k, _ in earliest]] = [len(s.values) - j * h for _, s in earliest]
    return fit_bank(bank, cut_of, max_rows=BACKTEST_ROWS, quick=True)


def _pooled_scores(cases: list[_Case], m: int, seasonal: bool,
                   choices: tuple[str, ...] = CHOICES) -> dict[str, float]:
    """Mean capped MASE of each candidate over every backtest case (the batch-level choice)."""
    totals: dict[str, list[float]] = {}
    for case in cases:
        if case.intermittent:
            continue  # absolute error rewards forecasting the zero median there; those keep the ensemble
        scale = selection_scale(case.history, m)
        assert case.actual is not None
        cands = candidates(case, seasonal)
        for name in choices:
            fc = cands[name]
            err = float(np.mean(np.abs(case.actual - fc[:len(case.actual)]))) / scale
            totals.setdefault(name, []).append(min(MASE_CAP, err))
    return {k: float(np.mean(v)) for k, v in totals.items()}


def choose(scores: dict[str, float], default: str = ENSEMBLE) -> str:
    """``default`` unless a pooled rival beats it by more than ``1 - KEEP_MARGIN`` (1%)."""
    if default not in scores:
        return default
    best = min(scores, key=lambda k: (scores[k], k))
    return best if scores[best] < KEEP_MARGIN * scores[default] else default


def scaled_errors(case: _Case, name: str, seasonal: bool) -> np.ndarray:
    """The backtest errors of ``name`` on one case in the series' noise unit (:func:`interval_scale`)."""
    assert case.actual is not None
    return (case.actual - candidates(case, seasonal)[name][:len(case.actual)]) / interval_scale(case.history)


def band_difficulty(cases: list[_Case], name: str, seasonal: bool = False) -> Difficulty:
    """Each series' band multiplier from its own backtest errors, shrunk to the batch (:mod:`difficulty`)."""
    # the median absolute error of an origin: its mean is one promotion week's miss on a spiky series
    return series_difficulty([c.index for c in cases],
                             [float(np.median(np.abs(scaled_errors(c, name, seasonal)))) for c in cases])


def season_factors(case: _Case, calendar: SeriesCalendar, m: int, horizon: int) -> np.ndarray:
    """The per-step band factor of one case: how much its series moves in each step's month (1 unless monthly)."""
    return step_factors(case.history, calendar.position, m, horizon)


def conformal_quantiles(cases: list[_Case], name: str, horizon: int, levels: tuple[float, ...],
                        seasonal: bool = False, difficulty: Difficulty | None = None,
                        season: list[np.ndarray] | None = None, settled_history: int | None = None,
                        ) -> dict[float, tuple[np.ndarray, np.ndarray]]:
    """Per-step (lower, upper) band offsets from scaled backtest errors of ``name``, pooled over series.

    Errors are divided by :func:`interval_scale` of the history at the origin. The band is the textbook
    split-conformal one: +- the conformal ``level`` quantile (:func:`intervals.conformal_quantile`: the
    ceil((n+1) level)-th smallest, not the interpolated empirical quantile) of the *absolute* errors.
    Signed quantiles measured worse on held-out windows: the backtest's bias (say, under-forecasting a
    rising season) is rarely the bias of the next window, and an asymmetric band then misses on its
    narrow side. ``difficulty``: each case's errors are also divided by its series' multiplier with its
    own origin left out, so the quantile is in units of the multiplied band. ``season``: each case's
    per-step month factor (:func:`season_factors`), divided out the same way. ``settled_history``: each
    level is first adapted to how the backtest's coverage drifted from its older origins to its newer ones
    (:func:`adaptive_level.adapted_level`; checks on origins with at least this much history); ``None``: not.
    """
    errors: list[np.ndarray] = []
    for pos, case in enumerate(cases):
        err = scaled_errors(case, name, seasonal)
        if difficulty is not None:
            err = err / difficulty.held_out[pos]
        if season is not None:
            err = err / season[pos][:len(err)]
        errors.append(err)
    # sparse late steps borrow the pooled errors of every step (step_quantiles)
    by_step = [np.array([e[k] for e in errors if len(e) > k]) for k in range(horizon)]
    out: dict[float, tuple[np.ndarray, np.ndarray]] = {}
    for lv in levels:
        if settled_history is not None:
            lv_used = adapted_level(errors, [c.origin for c in cases], [len(c.history) for c in cases], lv,
                                    horizon, settled_history)
        else:
            lv_used = lv
        q = step_quantiles(by_step, lv_used)[0] if any(len(b) for b in by_step) else np.zeros(horizon)
        out[lv] = (-q, q)
    return out


def total_scale(history: np.ndarray) -> float:
    """What a horizon total's band is measured in: the per-period bands' noise unit (:func:`interval_scale`)."""
    return interval_scale(history)


def case_centre(case: _Case, name: str, seasonal: bool) -> np.ndarray:
    """The per-period values a total of ``name`` sums on one case: the members' median before a count's rounding."""
    if case.counts and name in COMPONENTS:
        return combine(case.members, name, case.intermittent, seasonal)
    return candidates(case, seasonal)[name]


def total_bands(cases: list[_Case], methods: dict[bool, str], freqs: list[str], horizon: int,
                levels: tuple[float, ...], seasonal: bool = False,
                ) -> tuple[dict[float, tuple[np.ndarray, np.ndarray]], Difficulty] | None:
    """Offsets of the horizon total over steps 1..k in noise units, from the backtest's totals (every tier pooled).

    Each case's total path is what the agent sums (:func:`horizon_totals.expected_path` of its chosen method's
    centre: ``methods`` per intermittent flag), its cumulative misses are divided by :func:`total_scale` and by its
    series' shrunken difficulty for totals (its own median cumulative miss against the batch's, its origin left
    out, :mod:`difficulty`: a SKU whose level wanders misses its totals by more than a steady one of the same
    day-to-day noise), and the conformal quantile per k is pooled over the batch
    (:func:`horizon_totals.total_quantiles`). Also returns the difficulty (the final band's multiplier).
    """
    scaled = []
    for case in cases:
        assert case.actual is not None
        centre = case_centre(case, methods[case.intermittent], seasonal)
        path = expected_path(case.history, centre, freqs[case.index], case.demand_class)
        scaled.append(cumulative_errors(case.actual, path) / total_scale(case.history))
    difficulty = series_difficulty([c.index for c in cases], [float(np.median(np.abs(e))) for e in scaled])
    quantiles = total_quantiles([e / difficulty.held_out[pos] for pos, e in enumerate(scaled)], horizon, levels)
    return None if quantiles is None else (quantiles, difficulty)


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
    calendars = [series_calendar(s, h, options.country) for s in series]
    full = [_direct_input(s, len(s.values), h, cal) for s, cal in zip(series, calendars, strict=True)]
    planned = price_usable(full, h)
    use_price = planned and plan_informs(series)
    m = series[0].season_length
    seasonal = pooled_seasonality([np.asarray(s.values, dtype=float) for s in series], m)
    default = ROBUST if is_short(series) else ENSEMBLE
    backtest: list[_Case] = []
    origins = BACKTEST_ORIGINS if len(series) < LARGE_BATCH else 2
    bank = row_bank(full, h, freq, use_price)
    everyone = list(range(len(series)))
    plans: list[list[tuple[int, RegularSeries]]] = []
    for j in range(1, origins + 1):
        sub = [(k, s) for k, s in enumerate(series) if len(s.values) - j * h >= MIN_LENGTH]
        if len(sub) < MIN_SERIES:
            break
        plans.append(sub)
    shared_fit = _earliest_fit(bank, plans, len(plans), h, len(series)) if default == ROBUST and plans else None
    for j, sub in enumerate(plans, start=1):
        cases = _run_origin([s for _, s in sub], [len(s.values) - j * h for _, s in sub], h, use_price, True,
                            seasonal, (bank, [k for k, _ in sub], len(series)), [calendars[k] for k, _ in sub],
                            shared_fit)
        for case in cases or []:
            case.index = sub[case.index][0]
            case.origin = j
            backtest.append(case)
    final = _run_origin(series, [len(s.values) for s in series], h, use_price, False, seasonal,
                        (bank, everyone, len(series)), calendars)
    if final is None:
        return {}
    # with planned prices the learned member knows what the local ones cannot: it may stand alone
    choices = (*CHOICES, GLOBAL) if use_price else CHOICES
    pooled_choice = choose(_pooled_scores(backtest, m, seasonal, choices), default) if backtest else default
    levels = tuple(sorted({*BAND_LEVELS, options.level}))
    # bands calibrated separately for smooth series (pooled choice) and intermittent ones (the default)
    # each series' band scaled by how hard its own backtest was, shrunk to the batch (per-series calibration),
    # and, monthly, by how much the series moves in each step's month (its busy season against its quiet one)
    difficulty: dict[bool, Difficulty] = {}
    quantiles: dict[bool, dict[float, tuple[np.ndarray, np.ndarray]]] = {}
    for flag in (False, True):
        tier = [c for c in backtest if c.intermittent == flag]
        if tier:
            method = default if flag else pooled_choice
            difficulty[flag] = band_difficulty(tier, method, seasonal)
            factors = [season_factors(c, calendars[c.index], m, h) for c in tier]
            quantiles[flag] = conformal_quantiles(tier, method, h, levels, seasonal, difficulty[flag], factors,
                                                  settled_history=m + level_window(m))
    methods = {False: pooled_choice, True: default}
    sums = total_bands(backtest, methods, [s.freq for s in series], h, levels, seasonal) if backtest else None
    holiday_widening = _holiday_bands(calendars, final, freq, m, levels)
    per_series = (time.perf_counter() - started) / len(series)
    out: dict[int, SeriesForecast] = {}
    for case, s in zip(final, series, strict=True):
        chosen = default if case.intermittent else pooled_choice
        fc = candidates(case, seasonal)[chosen]
        # a count rounded to whole numbers keeps the members' median for sums over the horizon (count_median)
        unrounded = combine(case.members, chosen, case.intermittent, seasonal) \
            if case.counts and chosen in COMPONENTS else None
        calibrated = quantiles.get(case.intermittent)
        scale = interval_scale(case.history) * difficulty[case.intermittent].of(case.index) \
            * season_factors(case, calendars[case.index], m, h) if calibrated is not None \
            else np.full(h, robust_scale(case.history, 13))
        bands: dict[float, tuple[np.ndarray, np.ndarray]] = {}
        for lv in levels:
            lo_q, hi_q = _fallback_band(case.history, h, lv) if calibrated is None else calibrated[lv]
            if holiday_widening is not None:  # periods near a holiday: as much wider as history says they vary
                widen = holiday_widening[case.index][lv]
                lo_q, hi_q = lo_q * widen, hi_q * widen
            bands[lv] = (np.clip(fc + lo_q * scale, 0.0, fc), np.maximum(fc + hi_q * scale, fc))
        own = [c for c in backtest if c.index == case.index]
        table = _series_table(own, chosen, m, seasonal)
        name = chosen
        if chosen in COMPONENTS:
            used = member_names(chosen, case.intermittent, seasonal, "level_year" in case.members,
                                WEEKDAY in case.members, "tsb" in case.members, "level_wd" in case.members)
            name = f"{chosen}({'+'.join(dict.fromkeys(used))})"
        if name != chosen:
            table[name] = table.pop(chosen, {"mase": float("nan"), "smape": float("nan"), "origins": 0})
        warnings = [f"{s.filled_periods} of {len(s.values)} periods had no sales rows and count as 0 units"] \
            if s.filled_periods else []
        if s.censored_periods:
            warnings.append(f"{s.censored_periods} periods with no stock were treated as censored demand")
        if planned and not use_price:
            warnings.append("the planned prices were not used: in the history the price did not move units")
        lower, upper = bands[options.level]
        out[idx[case.index]] = SeriesForecast(
            s.series_id, s.future_dates(h), fc, lower, upper, name, "ok", len(s.values), table, h,
            None, case.demand_class, warnings, per_series,
            bands={lv: (lo, hi) for lv, (lo, hi) in bands.items()},
            unrounded=None if unrounded is None or np.array_equal(unrounded, fc) else unrounded,
            sum_bands={} if sums is None else _sum_offsets(sums, total_scale(case.history) * sums[1].of(case.index)))
    return out


def _sum_offsets(sums: tuple[dict[float, tuple[np.ndarray, np.ndarray]], Difficulty], unit: float,
                 ) -> dict[float, tuple[np.ndarray, np.ndarray]]:
    """A series' offsets of its horizon totals: the pooled quantiles times its unit (noise x difficulty)."""
    return {lv: (lo * unit, hi * unit) for lv, (lo, hi) in sums[0].items()}


def _holiday_bands(calendars: list[SeriesCalendar], final: list[_Case], freq: Freq, m: int,
                   levels: tuple[float, ...]) -> list[dict[float, np.ndarray]] | None:
    """Per series and level, the factor each horizon step's band is widened by near a public holiday.

    Two tiers, each measured against the periods far from any holiday in the batch's history
    (:func:`holiday_inflation`): the holiday periods themselves (:func:`near_holiday`) and the days or
    weeks around them (:func:`around_holiday`: the week before Christmas, the days after Thanksgiving).
    ``None`` without holiday distances (no country, monthly data) or when no horizon step is near one.
    """
    n = [len(c.history) for c in final]
    on = [near_holiday(cal.holiday, freq) for cal in calendars]
    around = [around_holiday(cal.holiday, freq) for cal in calendars]
    if any(f is None for f in on) or any(f is None for f in around):
        return None
    tiers = [[np.asarray(f) for f in on], [np.asarray(f) for f in around]]
    if not any(np.any(f[k:]) for tier in tiers for f, k in zip(tier, n, strict=True)):
        return None
    far = [~(a | b)[:k] for a, b, k in zip(tiers[0], tiers[1], n, strict=True)]
    histories = [c.history for c in final]
    scales = [interval_scale(c.history) for c in final]
    widening = [{lv: np.ones(len(f) - k) for lv in levels} for f, k in zip(tiers[0], n, strict=True)]
    for tier in tiers:
        if not any(np.any(f[k:]) for f, k in zip(tier, n, strict=True)):
            continue
        inflation = holiday_inflation(histories, [f[:k] for f, k in zip(tier, n, strict=True)], m, scales, levels,
                                      far if tier is tiers[1] else None)
        for w, f, k in zip(widening, tier, n, strict=True):
            for lv in levels:
                w[lv] = np.where(f[k:], inflation[lv], w[lv])
    return widening


def _fallback_band(history: np.ndarray, h: int, lv: float) -> tuple[np.ndarray, np.ndarray]:
    """Without a backtest: the spread of the history around its level, as a multiple of the level."""
    scale = robust_scale(history, 13)
    dev = (np.asarray(history, dtype=float)[-52:] - np.median(history[-13:])) / scale
    a = (1 - lv) / 2
    return np.full(h, min(0.0, float(np.quantile(dev, a)))), np.full(h, max(0.0, float(np.quantile(dev, 1 - a))))


def _series_table(own: list[_Case], chosen: str, m: int, seasonal: bool) -> dict[str, dict[str, float | int]]:
    """This series' own backtest scores of the chosen method and the anchors (for explanations)."""
    if not own:
        return {}
    table: dict[str, dict[str, float | int]] = {}
    for name in (chosen, "level", "naive", "global_l1"):
        mases, smapes = [], []
        for case in own:
            assert case.actual is not None
            fc = candidates(case, seasonal)[name][:len(case.actual)]
            mases.append(float(np.mean(np.abs(case.actual - fc))) / selection_scale(case.history, m))
            smapes.append(smape(case.actual, fc))
        table[name] = {"mase": round(float(np.mean(mases)), 4), "smape": round(float(np.mean(smapes)), 3),
                       "origins": len(own)}
    return table
