"""Signed upload URLs spent: ``signed_url_claims/<sha256(bucket/object + signature)>``.

The embedded blob store takes signed ``PUT``s itself, so it keeps who spent which URL; Cloud Storage holds
the same rule with the object's generation precondition and never writes here.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from shared.ports import DocumentStore

#: Global record of spent signed upload URLs.
SIGNED_URL_CLAIMS = "signed_url_claims"


def claim_signed_url(documents: DocumentStore, bucket: str, name: str, signature: str) -> bool:
    """Record the URL as spent (an atomic create); ``False`` when it already was."""
    key = hashlib.sha256(f"{bucket}/{name}\n{signature}".encode()).hexdigest()
    return documents.create(SIGNED_URL_CLAIMS, key, {"object": name, "claimed_at": datetime.now(UTC).isoformat()})
