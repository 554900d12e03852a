"""Caches and the data version that invalidates them."""

from __future__ import annotations

from shared.store.documents._paths import tenant_collection

#: Document (in :func:`meta_collection`) holding the tenant's data version.
DATA_VERSION_DOC = "data_version"


def query_cache_collection(tenant: str) -> str:
    """Cached question reports, keyed by question and data version."""
    return tenant_collection(tenant, "query_cache")


def forecast_cache_collection(tenant: str) -> str:
    """Cached per-SKU forecasts."""
    return tenant_collection(tenant, "forecast_cache")


def meta_collection(tenant: str) -> str:
    """Per-tenant orchestration metadata (the data version)."""
    return tenant_collection(tenant, "meta")


#: Document (in :func:`meta_collection`) listing the persisted fits of :func:`forecast_fit_collection`, oldest first.
FORECAST_FITS_INDEX_DOC = "forecast_fits"

#: Document (in :func:`meta_collection`) recording the data updates the forecast warm-up has fitted for.
FORECAST_WARMUP_DOC = "forecast_warmup"


def forecast_fit_collection(tenant: str) -> str:
    """Persisted one-series fits (the store's and a category's totals), keyed by the series' fingerprint."""
    return tenant_collection(tenant, "forecast_fits")
