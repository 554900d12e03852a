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
