"""Outbound notifications: delivery records and the digests they carry."""

from __future__ import annotations

from shared.store.documents._paths import tenant_collection


def deliveries_collection(tenant: str) -> str:
    """A tenant's delivery records (one per event, reference and channel)."""
    return tenant_collection(tenant, "deliveries")


def digests_collection(tenant: str) -> str:
    """A tenant's digests (one per period)."""
    return tenant_collection(tenant, "digests")
