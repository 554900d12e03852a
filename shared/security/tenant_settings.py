"""Tenant-wide settings, one document per tenant (``tenants/<tenant>/settings/current``)."""

from __future__ import annotations

from shared.ports import DocumentStore
from shared.security.api_models import TenantSettings
from shared.store.documents.settings import SettingsDoc, read_settings, write_settings


def get_tenant_settings(documents: DocumentStore, tenant_id: str) -> TenantSettings:
    """The tenant's settings (defaults when never set)."""
    doc = read_settings(documents, tenant_id, SettingsDoc.TENANT)
    return TenantSettings() if doc is None else TenantSettings.model_validate(doc)


def put_tenant_settings(documents: DocumentStore, tenant_id: str, new: TenantSettings) -> TenantSettings:
    """Replace the tenant's settings; returns what was stored before."""
    before = get_tenant_settings(documents, tenant_id)
    write_settings(documents, tenant_id, SettingsDoc.TENANT, new.model_dump(mode="json"))
    return before
