"""Tenants, users, invites and API keys.

Layout: ``tenants/<tenant>`` (the registry record), ``tenants/<tenant>/users/<user>``,
``tenants/<tenant>/invites/<invite>``, ``tenants/<tenant>/api_keys/<key>``, and the global indexes
``user_emails/<sha256(email)>``, ``invites/<sha256(code)>``, ``api_key_hashes/<sha256(key)>`` and
``api_key_owners/<key>`` that map a presented credential to its tenant.
"""

from __future__ import annotations

from typing import Any

from shared.ports import DocumentStore
from shared.store.documents._paths import TENANTS, tenant_collection
from shared.store.tenant import tenant_id

#: Global index of log-in e-mails (by SHA-256 of the normalised address).
USER_EMAILS = "user_emails"
#: Global index of invite codes (by SHA-256 of the code).
INVITE_CODES = "invites"
#: Global pending sign-ups (by SHA-256 of the single-use code mailed to the address).
PENDING_SIGNUPS = "signup_pending"
#: Global index of API keys (by SHA-256 of the key).
API_KEY_HASHES = "api_key_hashes"
#: Global map of API key id to owning tenant (kept after revocation, to recognise cross-tenant attempts).
API_KEY_OWNERS = "api_key_owners"


def users_collection(tenant: str) -> str:
    """A tenant's users."""
    return tenant_collection(tenant, "users")


def invites_collection(tenant: str) -> str:
    """A tenant's invites (the per-tenant copy of each invite record)."""
    return tenant_collection(tenant, "invites")


def api_keys_collection(tenant: str) -> str:
    """A tenant's API key records (metadata and hash)."""
    return tenant_collection(tenant, "api_keys")


def get_tenant(documents: DocumentStore, tenant: str) -> dict[str, Any] | None:
    """The tenant's registry record (``tenants/<tenant>``), or ``None``."""
    return documents.get(TENANTS, tenant_id(tenant))


def put_tenant(documents: DocumentStore, tenant: str, record: dict[str, Any]) -> None:
    """Write the tenant's registry record."""
    documents.set(TENANTS, tenant_id(tenant), record)


def register_tenant(documents: DocumentStore, tenant: str, record: dict[str, Any]) -> bool:
    """Create the registry record unless it exists; ``False`` when it did."""
    return documents.create(TENANTS, tenant_id(tenant), record)


def tenant_records(documents: DocumentStore) -> list[dict[str, Any]]:
    """Every tenant's registry record (each with ``_id``)."""
    return documents.query(TENANTS)
