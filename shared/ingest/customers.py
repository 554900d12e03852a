"""Customer identities on sales lines: a keyed hash per tenant, never the clear value.

A customer e-mail or id column is turned into ``customer_hash`` on ingest: HMAC-SHA256 with a random
secret of the tenant's own (``tenants/{t}/settings/customer_hash``, created on first use), over the value
trimmed and, for an e-mail, lower-cased. The same customer hashes alike in every file of the tenant (so
repeat customers can be counted), differently in another tenant, and the hash cannot be reversed or
recomputed without the tenant's secret. The secret is never logged or returned by any endpoint.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from shared.ingest.parse import strip, to_arrow
from shared.ports import DocumentStore
from shared.store.documents.settings import SettingsDoc, create_settings, read_settings

_KEY_FIELD = "hmac_key"


def tenant_customer_key(documents: DocumentStore, tenant_id: str) -> bytes:
    """The tenant's customer-hash secret (32 random bytes), created atomically on first use."""
    doc = read_settings(documents, tenant_id, SettingsDoc.CUSTOMER_HASH)
    if not doc or not doc.get(_KEY_FIELD):
        # create() refuses when another worker got there first: then its key is the one to use
        create_settings(documents, tenant_id, SettingsDoc.CUSTOMER_HASH, {
            _KEY_FIELD: secrets.token_hex(32), "algorithm": "hmac-sha256", "created_at": datetime.now(UTC).isoformat()})
        doc = read_settings(documents, tenant_id, SettingsDoc.CUSTOMER_HASH)
    if not doc or not doc.get(_KEY_FIELD):
        raise RuntimeError("the tenant's customer-hash key could not be created")
    return bytes.fromhex(str(doc[_KEY_FIELD]))


#: A value written over with a mask character only (``XXXXXXXXX``, ``*****``, ``###``)
_MASKED = r"^(?:[Xx]{3,}|\*{3,}|#{3,})$"


def normalise_customer(raw: pd.Series) -> pd.Series:
    """Trimmed values, e-mails (anything with an ``@``) lower-cased; empty cells become missing.

    A masked value (DataCo's ``XXXXXXXXX`` e-mails, ``****``) names nobody: it is missing too, so the customer id
    beside it is read instead of every line being one customer.
    """
    text = pc.fill_null(strip(to_arrow(raw)), "")
    text = pc.if_else(pc.match_substring(text, "@"), pc.utf8_lower(text), text)
    masked = pc.match_substring_regex(text, _MASKED)
    text = pc.if_else(pc.or_(pc.equal(text, ""), masked), pa.scalar(None, pa.string()), text)
    return pd.Series(text.to_pylist(), index=raw.index, dtype=object)


def customer_hash(value: str, key: bytes) -> str:
    """Hex HMAC-SHA256 of one normalised value."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def hash_customers(emails: pd.Series | None, ids: pd.Series | None, key: bytes) -> pd.Series:
    """Per row, the hash of the e-mail, else of the customer id (``None`` where neither is given).

    The e-mail wins because it is the stable identity across channels (a shop's guest orders often carry
    customer id ``0``). Each distinct value is hashed once.
    """
    source = [s for s in (emails, ids) if s is not None]
    if not source:
        raise ValueError("no customer column")
    values = normalise_customer(source[0])
    for other in source[1:]:
        values = values.where(values.notna(), normalise_customer(other))
    distinct = {v: customer_hash(v, key) for v in values.dropna().unique()}
    return values.map(distinct).astype(object).where(values.notna(), None)
