"""API keys for machine clients: high-entropy, shown once, stored as SHA-256 hashes, revocable.

A key looks like ``eik_<id>_<secret>``. ``tenants/<tenant>/api_keys/<id>`` holds its metadata and hash;
``api_key_hashes/<sha256(key)>`` is the global index that maps a presented key to its tenant. Revoking
marks the record and removes the index entry, so a revoked key stops working on the next request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from shared.config import Settings
from shared.errors import NotFound, PermissionDenied, Unauthenticated
from shared.ports import DocumentStore
from shared.security.principal import Principal, Role
from shared.store.documents.accounts import API_KEY_HASHES, API_KEY_OWNERS, api_keys_collection


def hash_key(key: str) -> str:
    """SHA-256 hex of a key (keys are random 256-bit secrets, so a fast hash is enough)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_api_key(documents: DocumentStore, settings: Settings, creator: Principal, *, name: str,
                   role: Role) -> tuple[str, dict[str, Any]]:
    """Create a key in the creator's tenant; return the key (show once) and its stored record."""
    if not creator.has_role(role):
        raise PermissionDenied("an API key cannot have a role above its creator's", details={"field": "role"})
    key_id = uuid.uuid4().hex[:16]
    key = f"{settings.api_key_prefix}_{key_id}_{secrets.token_urlsafe(32)}"
    digest = hash_key(key)
    record = {"id": key_id, "name": name, "role": role.value, "tenant_id": creator.tenant_id,
              "created_at": datetime.now(UTC).isoformat(), "created_by": creator.subject, "revoked_at": None,
              "hash": digest}
    documents.set(api_keys_collection(creator.tenant_id), key_id, record)
    documents.set(API_KEY_HASHES, digest, {"tenant_id": creator.tenant_id, "key_id": key_id})
    documents.set(API_KEY_OWNERS, key_id, {"tenant_id": creator.tenant_id})
    return key, record


def list_api_keys(documents: DocumentStore, tenant_id: str) -> list[dict[str, Any]]:
    """A tenant's keys (records include the hash; callers strip it)."""
    return documents.query(api_keys_collection(tenant_id), order_by="created_at")


def revoke_api_key(documents: DocumentStore, tenant_id: str, key_id: str) -> dict[str, Any]:
    """Revoke a key of ``tenant_id``; ``NotFound`` when the tenant has no such key (whoever else might)."""
    record = documents.get(api_keys_collection(tenant_id), key_id)
    if record is None or record.get("tenant_id") != tenant_id:
        raise NotFound(f"api key {key_id!r} not found")
    if not record.get("revoked_at"):
        record["revoked_at"] = datetime.now(UTC).isoformat()
        documents.set(api_keys_collection(tenant_id), key_id, record)
    documents.delete(API_KEY_HASHES, str(record["hash"]))
    return record


def owner_of(documents: DocumentStore, key_id: str) -> str | None:
    """The tenant owning ``key_id`` (to detect and record cross-tenant attempts), or ``None``."""
    doc = documents.get(API_KEY_OWNERS, key_id)
    return None if doc is None else str(doc["tenant_id"])


def verify_api_key(documents: DocumentStore, key: str) -> Principal:
    """The principal of a presented key; ``Unauthenticated`` if unknown, malformed or revoked."""
    if not key or len(key) > 200:
        raise Unauthenticated("invalid API key")
    digest = hash_key(key)
    index = documents.get(API_KEY_HASHES, digest)
    if index is None:
        raise Unauthenticated("invalid API key")
    record = documents.get(api_keys_collection(str(index["tenant_id"])), str(index["key_id"]))
    if (record is None or record.get("revoked_at")
            or not hmac.compare_digest(str(record.get("hash", "")), digest)):
        raise Unauthenticated("invalid API key")
    return Principal(subject=f"apikey:{record['id']}", tenant_id=str(record["tenant_id"]),
                     role=Role(record["role"]), via="api_key")
