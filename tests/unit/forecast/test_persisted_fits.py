"""Persisted one-series fits: content-addressed, tenant-isolated, bounded, and read by the store total first."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from shared.config import Settings
from shared.deps import get_deps, warms_forecasts_by_default
from shared.forecast.cache import PersistedFits
from shared.forecast.engine import ForecastOptions, SeriesForecast, forecast_series
from shared.forecast.fit_reuse import FIT_HORIZON_DAYS, STORE_FITS
from shared.forecast.periods import regularise_arrays
from shared.orchestration.forecast_warmup import warmup_bands


def _fit(seed: int = 1, n: int = 60) -> SeriesForecast:
    rng = np.random.default_rng(seed)
    days = pd.date_range("2026-01-01", periods=n)
    series = regularise_arrays(
        "all SKUs", days, rng.poisson(5, n).astype(float), np.full(n, np.nan), np.full(n, np.nan), "D"
    )
    return forecast_series(series, ForecastOptions(horizon=7, prophet="never"))


def test_a_fit_is_read_back_under_its_key_only_and_per_tenant() -> None:
    docs = get_deps().documents
    fit = _fit()
    PersistedFits(docs, "t1").put("key-a", fit)
    back = PersistedFits(docs, "t1").get("key-a")
    assert back is not None and back.model == fit.model
    assert np.allclose(back.forecast, np.round(fit.forecast, 4))
    assert PersistedFits(docs, "t1").get("key-b") is None  # other data: another key, never this fit
    assert PersistedFits(docs, "t2").get("key-a") is None  # another tenant never reads it


def test_the_oldest_fits_go_past_the_bound() -> None:
    docs = get_deps().documents
    fits = PersistedFits(docs, "t1", size=2)
    fit = _fit()
    for key in ("a", "b", "a", "c"):  # "a" written again: "b" is the oldest when "c" comes
        fits.put(key, fit)
    assert fits.get("b") is None
    assert fits.get("a") is not None and fits.get("c") is not None
    assert len(docs.query("tenants/t1/forecast_fits")) == 2


def test_get_or_fit_fits_once_and_answers_as_stored() -> None:
    fits = PersistedFits(get_deps().documents, "t1")
    calls: list[int] = []

    def fit() -> SeriesForecast:
        calls.append(1)
        return _fit()

    first = fits.get_or_fit("k", fit)
    again = fits.get_or_fit("k", fit)
    assert calls == [1]
    assert list(first.forecast) == list(again.forecast)


def test_the_store_total_reads_a_persisted_fit_before_fitting(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new instance (empty memo) answers from the fit another instance or the warm-up stored."""
    from shared.forecast import agent

    rng = np.random.default_rng(3)
    days = pd.date_range("2026-01-01", periods=120)
    sales = pd.DataFrame({"sku": "A", "date": days, "units": rng.poisson(5, 120).astype(float)})
    options = ForecastOptions(horizon=30, prophet="never")
    persisted = PersistedFits(get_deps().documents, "t1")
    STORE_FITS.clear()
    stored = agent.store_total(sales, days[-1], "D", options, 30, 1, persisted=persisted)
    STORE_FITS.clear()  # the instance is recycled

    def no_fit(*_: object) -> SeriesForecast:
        raise AssertionError("the store total was fitted again")

    monkeypatch.setattr(agent, "forecast_series", no_fit)
    again = agent.store_total(sales, days[-1], "D", options, 30, 1, persisted=persisted)
    assert stored is not None and again is not None and again.total == stored.total
    # a horizon of the same bucket (35 days) reads the same fit
    shorter = agent.store_total(
        sales, days[-1], "D", ForecastOptions(horizon=14, prophet="never"), 14, 1, persisted=persisted
    )
    assert shorter is not None and shorter.total < again.total


@pytest.mark.parametrize(
    ("deployed", "configured", "expected"),
    [(True, None, FIT_HORIZON_DAYS), (False, None, ()), (False, [35], (35,)), (True, [], ())],
)
def test_the_warm_up_runs_unasked_only_where_deployed(
    deployed: bool, configured: list[int] | None, expected: tuple[int, ...]
) -> None:
    """Unset, only a deployed backend warms: an embedded ``ecomintel ingest`` would wait about a minute for the fits."""
    deps = SimpleNamespace(settings=Settings(forecast_warmup_days=configured), warm_forecasts_by_default=deployed)
    assert warmup_bands(deps) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("backend", "deployed"), [("gcp", True), ("emulator", False), ("local", False)])
def test_only_the_gcp_backend_warms_unasked(backend: str, deployed: bool) -> None:
    assert warms_forecasts_by_default(Settings(backend=backend)) is deployed
