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
from typing import Any

import numpy as np

from shared.forecast.engine import ForecastOptions
from shared.forecast.periods import RegularSeries
from shared.ports import DocumentStore
from shared.store.documents.caches import forecast_cache_collection


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
