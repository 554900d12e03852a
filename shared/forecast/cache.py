"""Forecast cache: a SKU's selected model and forecast, reused until its data (or the request) changes.

Keyed by tenant + SKU + a variant (the forecast options: horizon, level, Prophet policy...), so requests
that alternate between horizons (a 2-week and a 1-month question) each keep their entry instead of
evicting one another; the entry of a given SKU and variant is replaced when its data changes. The stored
fingerprint covers the history values, dates, price/promo and the forecast options, so any new or
corrected sales row invalidates the entry. Stored via ``DocumentStore``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import numpy as np

from shared.forecast.engine import ForecastOptions, SeriesForecast
from shared.forecast.periods import RegularSeries
from shared.ports import DocumentStore
from shared.store.documents.caches import (
    FORECAST_FITS_INDEX_DOC,
    forecast_cache_collection,
    forecast_fit_collection,
    meta_collection,
)


def fingerprint(series: RegularSeries, options: ForecastOptions, extra: str = "") -> str:
    """Hash of everything the forecast depends on."""
    h = hashlib.sha256()
    h.update(series.freq.encode())
    h.update(",".join(series.dates.strftime("%Y-%m-%d")).encode())
    h.update(np.asarray(series.values, dtype=np.float64).tobytes())
    for x in (series.price, series.promo, series.future_price, series.future_promo):  # planned prices too
        h.update(b"-" if x is None else np.asarray(x, dtype=np.float64).tobytes())
    h.update(repr(options).encode())
    h.update(extra.encode())
    return h.hexdigest()


class ForecastCache:
    """Cached forecasts per tenant and SKU in ``tenants/<tenant>/forecast_cache``."""

    def __init__(self, documents: DocumentStore, tenant_id: str) -> None:
        self._docs = documents
        self._collection = forecast_cache_collection(tenant_id)

    @staticmethod
    def _doc_id(sku: str, variant: str) -> str:
        ident = sku if not variant else f"{sku}\x00{variant}"
        return hashlib.sha256(ident.encode()).hexdigest()[:40]

    def get(self, sku: str, key: str, variant: str = "") -> dict[str, Any] | None:
        """The cached result of ``sku`` (for ``variant``) when its fingerprint matches ``key``."""
        doc = self._docs.get(self._collection, self._doc_id(sku, variant))
        if not doc or doc.get("fingerprint") != key:
            return None
        result: dict[str, Any] = json.loads(doc["result"])
        return result

    def put(self, sku: str, key: str, result: dict[str, Any], variant: str = "") -> None:
        """Store ``result`` under ``key`` (replacing any older entry for the SKU and variant)."""
        self._docs.set(self._collection, self._doc_id(sku, variant),
                       {"sku": sku, "fingerprint": key, "result": json.dumps(result)})


#: Persisted one-series fits a tenant keeps (least recently written go first): a store total and a few categories'
#: totals per horizon band and frequency.
MAX_PERSISTED_FITS = 48


class PersistedFits:
    """One-series fits (the store's daily total) in ``tenants/<tenant>/forecast_fits``, keyed by fingerprint.

    The in-process memo (``fit_reuse.STORE_FITS``) is lost when a serverless instance is recycled; these outlive
    it, so a fit made by the warm-up function (or by another instance) answers the next question. The key is the
    fingerprint of the series and options (content-addressed: new data is a new key, so a stale fit cannot be
    read back), and an index document keeps at most :data:`MAX_PERSISTED_FITS` of them per tenant.
    """

    def __init__(self, documents: DocumentStore, tenant_id: str, size: int = MAX_PERSISTED_FITS) -> None:
        self._docs = documents
        self._tenant = tenant_id
        self._collection = forecast_fit_collection(tenant_id)
        self._size = size

    @staticmethod
    def _doc_id(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()[:40]

    def get(self, key: str) -> SeriesForecast | None:
        """The fit stored under ``key``, or ``None``."""
        doc = self._docs.get(self._collection, self._doc_id(key))
        if not doc or doc.get("fingerprint") != key:
            return None
        return SeriesForecast.from_dict(json.loads(doc["result"]))

    def put(self, key: str, result: SeriesForecast) -> None:
        """Store ``result`` under ``key``; the oldest fits past the bound are deleted."""
        doc_id = self._doc_id(key)
        self._docs.set(self._collection, doc_id, {"fingerprint": key, "result": json.dumps(result.to_dict())})

        def remember(index: dict[str, Any]) -> list[str]:
            ids = [i for i in index.get("ids", []) if i != doc_id] + [doc_id]
            index["ids"] = ids[-self._size:]
            return ids[: -self._size]

        for evicted in self._docs.transact(meta_collection(self._tenant), FORECAST_FITS_INDEX_DOC, remember):
            self._docs.delete(self._collection, evicted)

    def get_or_fit(self, key: str, fit: Callable[[], SeriesForecast]) -> SeriesForecast:
        """The stored fit of ``key``, or ``fit()`` stored (as stored: a fresh and a read fit say the same numbers)."""
        found = self.get(key)
        if found is not None:
            return found
        result = fit()
        self.put(key, result)
        return SeriesForecast.from_dict(result.to_dict())
