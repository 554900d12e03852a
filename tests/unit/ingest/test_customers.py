from __future__ import annotations

import pandas as pd

from shared.deps import get_deps
from shared.ingest.customers import customer_hash, hash_customers, normalise_customer, tenant_customer_key
from shared.security.tenant_settings import get_tenant_settings


def test_the_key_is_created_once_per_tenant_and_kept_apart_from_the_settings_api() -> None:
    documents = get_deps().documents
    first = tenant_customer_key(documents, "acme")
    assert len(first) == 32 and tenant_customer_key(documents, "acme") == first
    assert tenant_customer_key(documents, "globex") != first
    assert documents.get("tenants/acme/settings", "customer_hash") is not None
    assert first.hex() not in get_tenant_settings(documents, "acme").model_dump_json()


def test_a_key_created_by_another_worker_first_is_the_one_used() -> None:
    documents = get_deps().documents
    documents.create("tenants/acme/settings", "customer_hash", {"hmac_key": "ab" * 32})
    assert tenant_customer_key(documents, "acme") == bytes.fromhex("ab" * 32)


def test_normalising_trims_and_lowercases_emails_only() -> None:
    values = normalise_customer(pd.Series([" Jane@Example.COM ", "  C-77 ", "", None]))
    assert values.tolist() == ["jane@example.com", "C-77", None, None]


def test_hash_is_hmac_sha256_hex() -> None:
    key = b"\x01" * 32
    digest = customer_hash("a@b.c", key)
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert hash_customers(pd.Series(["A@B.c"]), pd.Series(["7"]), key).tolist() == [digest]
