"""Tenant-wide settings, one document per tenant (``tenants/<tenant>/settings/current``)."""

from __future__ import annotations

from shared.ports import DocumentStore
from shared.security.api_models import TenantSettings

DOC_ID = "current"


def settings_collection(tenant_id: str) -> str:
    """Collection holding a tenant's settings document."""
    return f"tenants/{tenant_id}/settings"


def get_tenant_settings(documents: DocumentStore, tenant_id: str) -> TenantSettings:
    """The tenant's settings (defaults when never set)."""
    doc = documents.get(settings_collection(tenant_id), DOC_ID)
    return TenantSettings() if doc is None else TenantSettings.model_validate(doc)


def put_tenant_settings(documents: DocumentStore, tenant_id: str, new: TenantSettings) -> TenantSettings:
    """Replace the tenant's settings; returns what was stored before."""
    before = get_tenant_settings(documents, tenant_id)
    documents.set(settings_collection(tenant_id), DOC_ID, new.model_dump(mode="json"))
    return before
