"""The store's document records on every document adapter (SQLite; the Firestore emulator).

Each test uses a tenant of its own, so the emulator's data from other tests cannot leak into what is read.
"""

from __future__ import annotations

import uuid
from typing import Any

from shared.ingest.lifecycle import IngestionLifecycle, IngestionStatus, uncommitted_ids, unfinished
from shared.store.documents import accounts, settings
from shared.store.documents.ingestions import IngestionRecords


def _tenant() -> str:
    return "t-" + uuid.uuid4().hex[:12]


def test_tenant_registry_and_settings_documents(documents: Any) -> None:
    tenant = _tenant()
    assert accounts.register_tenant(documents, tenant, {"tenant_id": tenant, "name": "Acme"})
    assert not accounts.register_tenant(documents, tenant, {"tenant_id": tenant, "name": "other"})
    assert documents.get("tenants", tenant) == accounts.get_tenant(documents, tenant) == {
        "tenant_id": tenant, "name": "Acme"}
    assert tenant in {r["_id"] for r in accounts.tenant_records(documents)}
    settings.write_settings(documents, tenant, settings.SettingsDoc.RETENTION, {"raw_days": 7})
    assert documents.get(f"tenants/{tenant}/settings", "retention") == {"raw_days": 7}
    assert settings.read_settings(documents, tenant, settings.SettingsDoc.RETENTION) == {"raw_days": 7}
    assert settings.read_settings(documents, _tenant(), settings.SettingsDoc.RETENTION) is None
    assert settings.create_settings(documents, tenant, settings.SettingsDoc.CUSTOMER_HASH, {"k": 1})
    assert not settings.create_settings(documents, tenant, settings.SettingsDoc.CUSTOMER_HASH, {"k": 2})
    assert settings.read_settings(documents, tenant, settings.SettingsDoc.CUSTOMER_HASH) == {"k": 1}


def test_ingestion_records_of_one_tenant_by_status(documents: Any) -> None:
    tenant, other = _tenant(), _tenant()
    records = IngestionRecords(documents, tenant)
    records.transact("ing_1", lambda d: d.update({"status": "staging", "kind": "sales"}))
    records.merge("ing_1", {"published_at": "2024-01-01T00:00:00+00:00"})
    documents.set(f"tenants/{tenant}/ingestions", "ing_2", {"status": "processed"})
    documents.set(f"tenants/{other}/ingestions", "ing_3", {"status": "staging"})
    assert records.get("ing_1") == {"status": "staging", "kind": "sales", "published_at": "2024-01-01T00:00:00+00:00"}
    assert [d["_id"] for d in records.with_status(["staging"])] == ["ing_1"]
    assert sorted(d["_id"] for d in records.with_status(["staging", "processed"])) == ["ing_1", "ing_2"]
    assert IngestionRecords(documents, _tenant()).query() == []


def test_the_ingestion_state_machine_runs_the_same_on_every_adapter(documents: Any) -> None:
    tenant = _tenant()
    ingest = IngestionLifecycle(documents, tenant, "ing_1", owner="host-a:1")
    other = IngestionLifecycle(documents, tenant, "ing_1", owner="host-b:2")
    assert ingest.claim_staging({"kind": "sales", "object": "raw/x"}).action == "run"
    assert other.claim_staging({"kind": "sales"}).action == "busy"
    assert uncommitted_ids(documents, tenant) == ["ing_1"]
    assert ingest.finish_staging({"accepted": 1}, IngestionStatus.STAGED)
    assert other.claim_processing("sales").action == "run"
    # a duplicate finalize while processing runs: nothing to do but (at most) announce the staged rows
    duplicate = ingest.claim_staging({"kind": "sales"})
    assert duplicate.action == "publish" and duplicate.doc["status"] == IngestionStatus.PROCESSING
    assert ingest.get() == duplicate.doc
    assert [d["_id"] for d in unfinished(documents, tenant)] == ["ing_1"]
    assert other.finish_processing({"processed_rows": 1})
    doc = ingest.get()
    assert doc is not None and doc["status"] == IngestionStatus.PROCESSED and doc["attempts"] == 1
    assert doc["accepted"] == 1 and unfinished(documents, tenant) == []
