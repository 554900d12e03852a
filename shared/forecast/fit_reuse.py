"""Fits shared between questions: one fit per horizon bucket, and the store total's fit kept in memory.

Quick-mode forecast questions each ask their own horizon (the next 7, 14, 30 or 42 days, January, Q1, the
next 3 months ...). The forecast cache is keyed by the forecast options, so every new horizon refitted the
top sellers' pooled ensemble (five LightGBM fits: ~2.3 s on an idle core, 7-10 s on a loaded 2-core machine,
past the 8 s quick-mode budget). Fitting at the horizon's *bucket* (the next of :data:`FIT_HORIZON_DAYS`)
and keeping the first periods lets every horizon of a bucket reuse one fit: a forecast for step k does not
need a model fitted for exactly k steps, and the per-step interval of step k is the same conformal quantile
of step-k backtest errors (times the series' difficulty, :mod:`difficulty`, which the bucket's backtest
measures over its longer horizon: a typical error, not a step's).

The store's (or a category's) daily total is forecast as one series on every aggregate question and was never
cached; :class:`FitMemo` keeps those fits in memory keyed by the series' fingerprint (its values, dates and
the options), so unchanged data is not refitted and new data is, without asking for a data version.

An aggregate question ("sales projection for the next 3 months") is answered by the store's own series; the top
sellers' fits only break it down. In quick mode :func:`fit_within` waits for them a bounded time: when new data
left them unfitted and the machine is loaded, the total answers within the budget and the fit goes on in the
background, so the next question finds it in the forecast cache.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from typing import TypeVar, cast

from shared.forecast.engine import ForecastOptions, SeriesForecast

#: Horizons (days) fits are made at: a month (with a week's slack), two months, a quarter and a bit (Q1 asked in
#: early December), half a year, a year. Longer horizons are fitted as asked. Empty: fit every horizon as asked.
FIT_HORIZON_DAYS: tuple[int, ...] = (35, 63, 126, 189, 371)

T = TypeVar("T")


def fit_horizon(horizon: int, period_days: int, buckets: tuple[int, ...] | None = None) -> int:
    """The horizon (in periods) to fit so that ``horizon`` periods can be read off a shared fit."""
    for days in FIT_HORIZON_DAYS if buckets is None else buckets:
        periods = math.ceil(days / period_days)
        if periods >= horizon:
            return periods
    return horizon


def fit_options(options: ForecastOptions, period_days: int) -> ForecastOptions:
    """``options`` with the horizon of its bucket."""
    return replace(options, horizon=fit_horizon(options.horizon, period_days))


def head(result: SeriesForecast, periods: int) -> SeriesForecast:
    """The first ``periods`` of a forecast (the horizon asked, read off a longer fit)."""
    if len(result.forecast) <= periods:
        return result
    bands = {lvl: (lo[:periods], hi[:periods]) for lvl, (lo, hi) in result.bands.items()}
    return replace(
        result,
        dates=result.dates[:periods],
        forecast=result.forecast[:periods],
        lower=result.lower[:periods],
        upper=result.upper[:periods],
        bands=bands,
        unrounded=None if result.unrounded is None else result.unrounded[:periods],
        sum_bands={lvl: (lo[:periods], hi[:periods]) for lvl, (lo, hi) in result.sum_bands.items()},
    )


class FitMemo:
    """A small, thread-safe, least-recently-used memo of fits keyed by a content fingerprint."""

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._items: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_fit(self, key: str, fit: Callable[[], T]) -> T:
        """The fit stored under ``key``, or ``fit()`` stored there (fitted outside the lock)."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[return-value]
        value = fit()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every fit (benches compare against the path without the memo)."""
        with self._lock:
            self._items.clear()


#: Fits still running after their question was answered (at most :data:`MAX_BACKGROUND_FITS` at once: each holds a
#: catalogue's series and a core, so a burst of questions must not start a fit each).
MAX_BACKGROUND_FITS = 2


@dataclass
class _Flight:
    """One fit in progress and what it ended with."""

    thread: threading.Thread
    done: list[object] = field(default_factory=list)
    failed: list[BaseException] = field(default_factory=list)


_FLIGHTS: dict[Hashable, _Flight] = {}
_FLIGHTS_LOCK = threading.Lock()
_BACKGROUND: list[threading.Thread] = []


def fit_within(seconds: float | None, fit: Callable[[], T], key: Hashable | None = None) -> T | None:
    """``fit()`` when done within ``seconds`` (``None``: wait for it), else ``None`` while it goes on in the background.

    A fit of the same ``key`` already running is waited for, not started again (a merchant asking twice while
    the first fit runs gets that fit); with :data:`MAX_BACKGROUND_FITS` fits running nothing new is started and
    the caller answers on its fallback. An error of the fit is raised when it ends within the wait; after it,
    the background fit's error only loses the cache entry it would have written.
    """
    if seconds is None:
        return fit()
    flight_key: Hashable = key if key is not None else object()
    with _FLIGHTS_LOCK:
        for stale in [k for k, f in _FLIGHTS.items() if not f.thread.is_alive()]:
            del _FLIGHTS[stale]
        flight = _FLIGHTS.get(flight_key)
        if flight is None:
            if len(_FLIGHTS) >= MAX_BACKGROUND_FITS:
                return None
            flight = _start(fit, flight_key)
    flight.thread.join(max(0.0, seconds))
    if flight.failed:
        raise flight.failed[0]
    if flight.done:
        return cast("T", flight.done[0])
    return None


def _start(fit: Callable[[], object], key: Hashable) -> _Flight:
    """Start ``fit`` on its own thread, registered under ``key`` until it ends (the caller holds the lock)."""

    def work() -> None:
        try:
            flight.done.append(fit())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller when it still waits
            flight.failed.append(exc)

    flight = _Flight(threading.Thread(target=work, name="forecast-fit", daemon=True))
    _FLIGHTS[key] = flight
    _BACKGROUND.append(flight.thread)
    flight.thread.start()
    return flight


def background_fits() -> int:
    """How many fits are still running after their question was answered."""
    return sum(t.is_alive() for t in _BACKGROUND)


def wait_for_background(timeout: float | None = None) -> None:
    """Wait for the fits still running in the background (tests and benches: nothing writes after them)."""
    for thread in list(_BACKGROUND):
        thread.join(timeout)
    _BACKGROUND[:] = [t for t in _BACKGROUND if t.is_alive()]


#: The store totals' fits of this process (an instance serves many questions of a few tenants).
STORE_FITS = FitMemo()
