"""Fits shared between questions: horizon buckets, the first periods of a longer fit, the in-memory memo."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from shared.forecast.engine import SeriesForecast
from shared.forecast.fit_reuse import (
    MAX_BACKGROUND_FITS,
    STORE_FITS,
    FitMemo,
    fit_horizon,
    fit_within,
    head,
    wait_for_background,
)
from shared.forecast.periods import RegularSeries


def test_horizons_of_a_bucket_share_one_fit_horizon() -> None:
    assert {fit_horizon(h, 1) for h in (7, 14, 30, 35)} == {35}
    assert {fit_horizon(h, 1) for h in (42, 57)} == {63}
    assert {fit_horizon(h, 1) for h in (90, 116)} == {126}
    assert fit_horizon(4, 7) == 5  # weeks: 35 days
    assert fit_horizon(400, 1) == 400  # past the last bucket: as asked
    assert fit_horizon(14, 1, buckets=()) == 14  # no buckets: every horizon fitted as asked


def test_head_keeps_the_first_periods_with_their_bands() -> None:
    n = 10
    result = SeriesForecast(
        "A",
        pd.date_range("2026-01-01", periods=n),
        np.arange(n, dtype=float),
        np.zeros(n),
        np.arange(n, dtype=float) * 2,
        "level",
        "ok",
        100,
        bands={0.8: (np.zeros(n), np.ones(n))},
    )
    first = head(result, 4)
    assert list(first.forecast) == [0, 1, 2, 3] and list(first.upper) == [0, 2, 4, 6]
    assert len(first.dates) == 4 and first.dates[-1] == pd.Timestamp("2026-01-04")
    assert len(first.bands[0.8][0]) == 4
    assert head(result, 20) is result


def test_memo_fits_once_per_key() -> None:
    memo = FitMemo(size=2)
    calls: list[str] = []

    def fit(name: str) -> str:
        calls.append(name)
        return name.upper()

    assert memo.get_or_fit("a", lambda: fit("a")) == "A"
    assert memo.get_or_fit("a", lambda: fit("a")) == "A"
    memo.get_or_fit("b", lambda: fit("b"))
    memo.get_or_fit("c", lambda: fit("c"))  # evicts "a", the least recently used
    memo.get_or_fit("a", lambda: fit("a"))
    assert calls == ["a", "b", "c", "a"]


def test_the_store_total_is_fitted_once_for_unchanged_sales(monkeypatch: pytest.MonkeyPatch) -> None:
    from shared.forecast import agent
    from shared.forecast.engine import ForecastOptions

    STORE_FITS.clear()
    fits: list[str] = []
    real = agent.forecast_series

    def counting(series: RegularSeries, options: ForecastOptions) -> SeriesForecast:
        fits.append(series.series_id)
        return real(series, options)

    monkeypatch.setattr(agent, "forecast_series", counting)
    rng = np.random.default_rng(1)
    days = pd.date_range("2026-01-01", periods=120)
    sales = pd.DataFrame({"sku": "A", "date": days, "units": rng.poisson(5, 120).astype(float)})
    last = days[-1]
    first = agent.store_total(sales, last, "D", ForecastOptions(horizon=30, prophet="never"), 30, 1)
    again = agent.store_total(sales, last, "D", ForecastOptions(horizon=30, prophet="never"), 30, 1)
    assert first is not None and again is not None and again.total == first.total
    assert len(fits) == 1
    more = sales.assign(units=sales["units"] + 1.0)  # new data: fitted again
    agent.store_total(more, last, "D", ForecastOptions(horizon=30, prophet="never"), 30, 1)
    assert len(fits) == 2


def _blocking_fit(release: threading.Event, calls: list[str], name: str) -> Callable[[], str]:
    def fit() -> str:
        calls.append(name)
        release.wait(5)
        return name

    return fit


def test_a_fit_still_running_is_waited_for_not_started_again() -> None:
    release, calls = threading.Event(), list[str]()
    assert fit_within(0.01, _blocking_fit(release, calls, "first"), key="tenant-a") is None
    # the merchant asks again while the first fit runs: no second fit, and its result once it ends
    second = _blocking_fit(release, calls, "second")
    release.set()
    assert fit_within(5, second, key="tenant-a") == "first"
    assert calls == ["first"]
    wait_for_background(5)


def test_background_fits_are_bounded() -> None:
    release, calls = threading.Event(), list[str]()
    for n in range(MAX_BACKGROUND_FITS):
        assert fit_within(0.01, _blocking_fit(release, calls, f"fit {n}"), key=f"tenant {n}") is None
    # a burst of other tenants' questions starts no further fit while the slots are taken
    assert fit_within(0.01, _blocking_fit(release, calls, "one too many"), key="tenant x") is None
    assert "one too many" not in calls
    release.set()
    wait_for_background(5)
    assert fit_within(5, _blocking_fit(release, calls, "later"), key="tenant x") == "later"
