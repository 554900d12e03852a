"""Per-tenant settings: one document per concern under ``tenants/<tenant>/settings``."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from shared.ports import DocumentStore
from shared.store.documents._paths import tenant_collection


class SettingsDoc(StrEnum):
    """The settings documents a tenant has (the document ids are stored data: never rename)."""

    TENANT = "current"
    RETENTION = "retention"
    NOTIFICATIONS = "notifications"
    ALERT_RULES = "alerts"
    CUSTOMER_HASH = "customer_hash"


def settings_collection(tenant: str) -> str:
    """A tenant's settings documents."""
    return tenant_collection(tenant, "settings")


def read_settings(documents: DocumentStore, tenant: str, doc: SettingsDoc) -> dict[str, Any] | None:
    """One settings document as stored, or ``None`` when never written."""
    return documents.get(settings_collection(tenant), doc.value)


def write_settings(documents: DocumentStore, tenant: str, doc: SettingsDoc, data: dict[str, Any]) -> None:
    """Replace one settings document."""
    documents.set(settings_collection(tenant), doc.value, data)


def create_settings(documents: DocumentStore, tenant: str, doc: SettingsDoc, data: dict[str, Any]) -> bool:
    """Create one settings document unless it exists; ``False`` when another writer got there first."""
    return documents.create(settings_collection(tenant), doc.value, data)
