"""Signed upload URLs spent: ``signed_url_claims/<sha256(bucket/object + signature)>``.

The embedded blob store takes signed ``PUT``s itself, so it keeps who spent which URL; Cloud Storage holds
the same rule with the object's generation precondition and never writes here.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from shared.ports import DocumentStore
from shared.store.documents._paths import tenant_collection

#: Global record of spent signed upload URLs.
SIGNED_URL_CLAIMS = "signed_url_claims"


def claim_signed_url(documents: DocumentStore, bucket: str, name: str, signature: str) -> bool:
    """Record the URL as spent (an atomic create); ``False`` when it already was."""
    key = hashlib.sha256(f"{bucket}/{name}\n{signature}".encode()).hexdigest()
    return documents.create(SIGNED_URL_CLAIMS, key, {"object": name, "claimed_at": datetime.now(UTC).isoformat()})


def upload_options_collection(tenant: str) -> str:
    """A tenant's per-upload options stated when a signed upload URL was issued (keyed by upload id)."""
    return tenant_collection(tenant, "upload_options")


def save_upload_currency(documents: DocumentStore, tenant: str, upload_id: str, currency: str) -> None:
    """Keep the currency a signed upload states until its file is ingested."""
    documents.set(upload_options_collection(tenant), upload_id, {"currency": currency,
                                                                 "created_at": datetime.now(UTC).isoformat()})


def stated_upload_currency(documents: DocumentStore, tenant: str, upload_id: str) -> str | None:
    """The currency a signed upload of ``tenant`` stated, else ``None``."""
    doc = documents.get(upload_options_collection(tenant), upload_id)
    value = doc.get("currency") if doc else None
    return value if isinstance(value, str) else None
