"""A total's band from its own series' backtest totals: "how much will we sell next month" for the store.

The store's (or a category's) total is one series forecast by the per-series selection: no pooled backtest gives
it :attr:`SeriesForecast.sum_bands`, and the past-windows band (:func:`intervals.horizon_sum_band`) measures past
totals against the recent rate, not against the model that forecasts them. Here the chosen model is refitted at
rolling origins over the series' own history (as many as the history allows, up to :data:`MAX_OWN_ORIGINS`),
each origin forecasts the whole horizon, and the band of the total over steps 1..k is the split-conformal
quantile of the log ratios of those totals (sum of actuals over sum of forecasts): a store growing 10% a year
misses its totals in proportion to its level, not in units. The offsets are stored as
``sum_bands`` (units around the current forecast's running total), so a later window's band is read by
:func:`horizon_totals.window_offset` as any other total's.

Too few origins (a short history): no band, and :func:`too_few_reason` says why (the caller's fallback). Pure:
arrays in, arrays out.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

import numpy as np

from shared.forecast.backtest import sanitise
from shared.forecast.baselines import CHEAP_MODELS, LocalModel
from shared.forecast.fit_reuse import FitMemo
from shared.forecast.intermittent import INTERMITTENT_MODELS
from shared.forecast.intervals import conformal_quantile

#: Fewest backtest totals a band is calibrated on (a 95% band's conformal rank needs 19).
MIN_OWN_ORIGINS = 20
#: Most origins refitted (the newest); the step between them grows so that they span the whole history.
MAX_OWN_ORIGINS = 100
#: Levels every own-totals band is measured at (the agent's level is added).
OWN_LEVELS: tuple[float, ...] = (0.8, 0.9, 0.95)

_MODELS: dict[str, LocalModel] = {**CHEAP_MODELS, **INTERMITTENT_MODELS}


def model_components(name: str) -> tuple[str, ...] | None:
    """The local models a per-series selection's ``model`` averages ("combo(ses+theta)"); ``None`` if not local."""
    inner = name[len("combo(") : -1] if name.startswith("combo(") and name.endswith(")") else name
    parts = tuple(inner.split("+"))
    return parts if all(p in _MODELS for p in parts) else None


def rolling_cuts(n: int, horizon: int, m: int) -> list[int]:
    """Training lengths of the rolling origins: every ``step`` periods from the first that holds a season.

    The first origin trains on at least a horizon (``max(horizon, 8)``: a year of weekly history would give a
    quarter's total only 13 origins after a whole season); the last leaves a whole horizon to score.
    The step is 1 where that gives at most :data:`MAX_OWN_ORIGINS`, else the smallest that does.
    """
    first, last = max(horizon, 8), n - horizon
    if last < first:
        return []
    step = max(1, math.ceil((last - first + 1) / MAX_OWN_ORIGINS))
    return list(range(last, first - 1, -step))[::-1]


#: Backtests by history, horizon and model: the fit at each level (and each window of a weekly breakdown) reads one.
_BACKTESTS = FitMemo(32)


def backtest_totals(
    history: np.ndarray, horizon: int, m: int, components: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """(forecasts, actuals), each (origins, horizon): the chosen model refitted at every rolling origin."""
    y = np.asarray(history, dtype=float)
    key = hashlib.sha256(y.tobytes() + f"|{horizon}|{m}|{'+'.join(components)}".encode()).hexdigest()
    return _BACKTESTS.get_or_fit(key, lambda: _refit(y, horizon, m, components))


def _refit(y: np.ndarray, horizon: int, m: int, components: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`backtest_totals` without the memo."""
    cuts = rolling_cuts(len(y), horizon, m)
    forecasts = np.empty((len(cuts), horizon))
    actuals = np.empty((len(cuts), horizon))
    for i, cut in enumerate(cuts):
        train = y[:cut]
        forecasts[i] = np.mean([sanitise(_MODELS[c](train, horizon, m), train) for c in components], axis=0)
        actuals[i] = y[cut : cut + horizon]
    return forecasts, actuals


def log_misses(forecasts: np.ndarray, actuals: np.ndarray) -> np.ndarray:
    """Per origin and k, the log ratio of the actual to the forecast total over steps 1..k (``nan`` if 0 forecast).

    ``+1`` on both: a total that sold nothing stays finite. A log ratio, not actual / forecast - 1: a low forecast
    that the next weeks tripled and a high one they halved are misses of the same size, so the band is a factor
    either way (``total * exp(-q)`` to ``total * exp(q)``) and its lower end stays above 0.
    """
    f = np.cumsum(np.asarray(forecasts, dtype=float), axis=1)
    a = np.cumsum(np.asarray(actuals, dtype=float), axis=1)
    return np.where(f > 0, np.log((a + 1.0) / (f + 1.0)), np.nan)


def own_sum_bands(
    history: np.ndarray, forecast: np.ndarray, m: int, model: str, levels: Sequence[float]
) -> dict[float, tuple[np.ndarray, np.ndarray]] | None:
    """Per level, (lower, upper) offsets in units of the total over steps 1..k around ``forecast``'s running sum.

    The conformal quantile ``q`` of the backtest totals' absolute log misses per k (:func:`log_misses`): the band
    runs from the forecast's total over those steps times ``exp(-q)`` to times ``exp(q)`` (symmetric in the log, as
    the pooled totals' band is in units). ``None`` when the model is not a local one or the
    history gives fewer than :data:`MIN_OWN_ORIGINS` origins with a forecast above 0.
    """
    components = model_components(model)
    h = len(forecast)
    if components is None or h == 0:
        return None
    forecasts, actuals = backtest_totals(history, h, m, components)
    if len(forecasts) < MIN_OWN_ORIGINS:
        return None
    misses = np.abs(log_misses(forecasts, actuals))
    if min(int(np.isfinite(misses[:, k]).sum()) for k in range(h)) < MIN_OWN_ORIGINS:
        return None
    running = np.cumsum(np.maximum(np.asarray(forecast, dtype=float), 0.0))
    out: dict[float, tuple[np.ndarray, np.ndarray]] = {}
    for lv in levels:
        q = np.array([conformal_quantile(misses[np.isfinite(misses[:, k]), k], lv) for k in range(h)])
        out[float(lv)] = (-(1 - np.exp(-q)) * running, (np.exp(q) - 1) * running)
    return out


def origins_available(n: int, horizon: int, m: int) -> int:
    """How many rolling origins a history of ``n`` periods gives a total over ``horizon`` periods."""
    return len(rolling_cuts(n, horizon, m))


def too_few_reason(origins: int, horizon: int, period: str) -> str:
    """Why a total has no band of its own backtest totals ("its history holds 12 past 30-day totals ...")."""
    return (
        f"its history holds {origins} past {horizon}-{period} total{'s' if origins != 1 else ''} to check the "
        f"model against, fewer than the {MIN_OWN_ORIGINS} a calibrated band needs"
    )
