"""Conversations: per-user session turns and preferences."""

from __future__ import annotations

from shared.store.documents._paths import tenant_collection


def sessions_collection(tenant: str) -> str:
    """A tenant's conversation sessions (documents keyed per user and session)."""
    return tenant_collection(tenant, "sessions")


def preferences_collection(tenant: str) -> str:
    """Per-user preferences of a tenant."""
    return tenant_collection(tenant, "preferences")
