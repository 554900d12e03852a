"""The audit log: ``tenants/<tenant>/audit/<entry>``."""

from __future__ import annotations

from shared.store.documents._paths import tenant_collection


def audit_collection(tenant: str) -> str:
    """A tenant's audit entries."""
    return tenant_collection(tenant, "audit")
