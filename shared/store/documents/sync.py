"""Connectors: configured sources and their sync runs."""

from __future__ import annotations

from shared.store.documents._paths import tenant_collection
from shared.store.tenant import tenant_id


def sources_collection(tenant: str) -> str:
    """A tenant's connector sources (config, enabled flag, last run)."""
    return tenant_collection(tenant, "sources")


def sync_runs_collection(tenant: str) -> str:
    """A tenant's sync runs."""
    return tenant_collection(tenant, "sync_runs")


#: Global index of enabled sources across tenants (``<source>:<tenant>``), read by the scheduled fan-out.
SOURCE_REGISTRY = "source_registry"


def source_registry_id(source: str, tenant: str) -> str:
    """The registry document of ``source`` for ``tenant``."""
    return f"{source}:{tenant_id(tenant)}"
