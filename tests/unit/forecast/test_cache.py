from __future__ import annotations

import numpy as np
import pandas as pd

from shared.deps import get_deps
from shared.forecast.cache import ForecastCache, fingerprint
from shared.forecast.engine import ForecastOptions, SeriesForecast, forecast_series
from shared.forecast.periods import RegularSeries, infer_freq


def _series(values: list[float]) -> RegularSeries:
    return RegularSeries("sku", "D", pd.date_range("2025-01-01", periods=len(values)), np.array(values))


def test_fingerprint_changes_with_data_and_options() -> None:
    opts = ForecastOptions(horizon=7)
    base = fingerprint(_series([1, 2, 3, 4, 5]), opts)
    assert base == fingerprint(_series([1, 2, 3, 4, 5]), opts)
    assert base != fingerprint(_series([1, 2, 3, 4, 6]), opts)
    assert base != fingerprint(_series([1, 2, 3, 4, 5]), ForecastOptions(horizon=8))


def test_cache_round_trip_through_document_store() -> None:
    cache = ForecastCache(get_deps().documents, "acme")
    s = _series([float(v) for v in range(1, 30)])
    opts = ForecastOptions(horizon=5, prophet="never")
    result = forecast_series(s, opts)
    key = fingerprint(s, opts)
    assert cache.get("sku", key) is None
    cache.put("sku", key, result.to_dict())
    back = SeriesForecast.from_dict(cache.get("sku", key) or {})
    assert back.model == result.model and np.allclose(back.forecast, result.forecast, atol=1e-3)
    assert cache.get("sku", "other-fingerprint") is None
    assert ForecastCache(get_deps().documents, "other").get("sku", key) is None  # tenant-scoped


def test_infer_freq() -> None:
    assert infer_freq(pd.date_range("2024-01-01", periods=10, freq="D")) == "D"
    assert infer_freq(pd.date_range("2024-01-01", periods=10, freq="7D")) == "W"
    assert infer_freq(pd.date_range("2024-01-01", periods=10, freq="MS")) == "M"


def test_variants_of_one_sku_keep_their_own_entries() -> None:
    cache = ForecastCache(get_deps().documents, "acme")
    s = _series([float(v) for v in range(1, 30)])
    short, long = ForecastOptions(horizon=14, prophet="never"), ForecastOptions(horizon=30, prophet="never")
    cache.put("sku", fingerprint(s, short), forecast_series(s, short).to_dict(), repr(short))
    cache.put("sku", fingerprint(s, long), forecast_series(s, long).to_dict(), repr(long))
    assert len((cache.get("sku", fingerprint(s, short), repr(short)) or {})["forecast"]) == 14
    assert len((cache.get("sku", fingerprint(s, long), repr(long)) or {})["forecast"]) == 30
    assert cache.get("sku", fingerprint(s, short), repr(long)) is None  # a variant never serves another's key
