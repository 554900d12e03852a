"""The process function driven by a real ingestion-staged message on the embedded backend."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import pytest

from shared.deps import Deps, get_deps
from shared.models.records import DataKind
from shared.processing.lineage import record_key
from shared.runtime.local import LocalRuntime

TENANT = "t1"
STAGED_AT = datetime(2024, 3, 1, 12, tzinfo=UTC)


def _lineage(ingestion: str, row: int, ingested_at: datetime = STAGED_AT) -> dict[str, Any]:
    return {"tenant_id": TENANT, "ingestion_id": ingestion, "source_uri": f"gs://raw/{ingestion}.csv",
            "source_row": row, "row_hash": f"h{ingestion}{row}", "record_key": f"ingest-key-{row}",
            "ingested_at": ingested_at, "quality_flags": None}


def _stage(deps: Deps, kind: DataKind, ingestion: str, rows: list[dict[str, Any]],
           ingested_at: datetime = STAGED_AT) -> None:
    frame = pd.DataFrame([{**r, **_lineage(ingestion, i + 1, ingested_at)} for i, r in enumerate(rows)])
    deps.warehouse.insert(f"stg_{kind.value}", frame)
    deps.documents.set(f"tenants/{TENANT}/ingestions", ingestion,
                       {"status": "staged", "kind": kind.value, "accepted": len(rows)})


def _publish(deps: Deps, kind: DataKind, ingestion: str, tenant: str = TENANT) -> None:
    body = json.dumps({"tenant_id": tenant, "ingestion_id": ingestion, "kind": kind.value}).encode()
    deps.bus.publish("ingestion-staged", body)


def _data_updated(deps: Deps) -> list[dict[str, Any]]:
    bus: Any = deps.bus
    bus.ensure_subscription("test--data-updated", "data-updated")
    return [json.loads(m.data) for m in bus.pull("test--data-updated", max_messages=100)]


@pytest.fixture()
def deps() -> Deps:
    d = get_deps()
    d.bus.ensure_subscription("test--data-updated", "data-updated")  # type: ignore[attr-defined]
    return d


def _products(deps: Deps) -> None:
    _stage(deps, DataKind.PRODUCTS, "p1", [
        {"sku": "sku-ab-1", "title": "Kettle", "price": 20.0, "asin": "B0KETTLE01", "gtin": "012345678905"},
        {"sku": "CD-2", "title": "Toaster", "price": 35.0},
    ])
    _publish(deps, DataKind.PRODUCTS, "p1")


def test_sales_are_normalised_deduplicated_filled_and_announced(deps: Deps) -> None:
    _products(deps)
    _stage(deps, DataKind.SALES, "s1", [
        {"sku": " ab-1 ", "date": date(2024, 2, 1), "units": 2, "unit_price": None, "revenue": 36.0,
         "channel": "web"},
        {"sku": "b0kettle01", "date": date(2024, 2, 1), "units": 1, "unit_price": None, "revenue": None,
         "channel": "amazon"},
        {"sku": "SKU:cd-2", "date": date(2024, 2, 2), "units": 3, "unit_price": 30.0, "revenue": None,
         "channel": "web"},
        {"sku": "cd-2", "date": date(2024, 2, 2), "units": 4, "unit_price": 30.0, "revenue": 120.0,
         "channel": "web"},  # the row above's key once normalised, in the same file: two lines, summed
    ])
    _publish(deps, DataKind.SALES, "s1")
    LocalRuntime(deps).drain()

    final = deps.warehouse.query(
        "SELECT sku, channel, units, unit_price, revenue, source_row, ingestion_id, quality_flags, record_key "
        "FROM sales WHERE tenant_id = @t ORDER BY sku, channel", {"t": TENANT})
    # the catalogue spells it "sku-ab-1": stored as SKU-AB-1 (case folded, the merchant's prefix kept)
    assert final[["sku", "channel", "units", "unit_price", "revenue", "source_row"]].to_dict("records") == [
        {"sku": "CD-2", "channel": "web", "units": 7, "unit_price": 30.0, "revenue": 210.0, "source_row": 3},
        {"sku": "SKU-AB-1", "channel": "amazon", "units": 1, "unit_price": 20.0, "revenue": 20.0, "source_row": 2},
        {"sku": "SKU-AB-1", "channel": "web", "units": 2, "unit_price": 18.0, "revenue": 36.0, "source_row": 1},
    ]
    amazon = json.loads(final.loc[final["channel"] == "amazon", "quality_flags"].iloc[0])
    assert {"field": "sku", "action": "mapped_asin", "from": "b0kettle01", "to": "SKU-AB-1"} in amazon
    assert {"field": "unit_price", "action": "filled_from_product_price", "from": None, "to": 20.0} in amazon
    assert final["record_key"].iloc[1] == record_key(
        DataKind.SALES, {"sku": "SKU-AB-1", "date": date(2024, 2, 1), "channel": "amazon", "order_id": None})

    doc = deps.documents.get(f"tenants/{TENANT}/ingestions", "s1")
    assert doc is not None and doc["status"] == "processed" and doc["processed_rows"] == 3
    assert doc["changes"]["order_lines_combined"] == 1 and doc["changes"]["sku:mapped_asin"] == 1
    assert doc["changes"].get("duplicates_in_batch", 0) == 0
    updates = _data_updated(deps)
    assert {"tenant_id": TENANT, "kind": "sales", "ingestion_id": "s1", "rows": 3} in updates
    assert {"tenant_id": TENANT, "kind": "products", "ingestion_id": "p1", "rows": 2} in updates


def test_redelivery_is_idempotent_and_crash_halfway_converges(deps: Deps) -> None:
    _products(deps)
    _stage(deps, DataKind.SALES, "s1", [
        {"sku": "ab-1", "date": date(2024, 2, 1), "units": 2, "unit_price": 10.0, "channel": "web"},
    ])
    _publish(deps, DataKind.SALES, "s1")
    LocalRuntime(deps).drain()
    first = deps.warehouse.query("SELECT * FROM sales WHERE tenant_id = @t", {"t": TENANT})
    _data_updated(deps)

    _publish(deps, DataKind.SALES, "s1")  # plain redelivery: acknowledged, nothing changes or is re-announced
    LocalRuntime(deps).drain()
    assert _data_updated(deps) == []
    again = deps.warehouse.query("SELECT * FROM sales WHERE tenant_id = @t", {"t": TENANT})
    pd.testing.assert_frame_equal(first, again)

    # Crash after the merge but before the status update: the redelivery converges to the same rows.
    deps.documents.set(f"tenants/{TENANT}/ingestions", "s1", {"status": "staged"}, merge=True)
    _publish(deps, DataKind.SALES, "s1")
    LocalRuntime(deps).drain()
    converged = deps.warehouse.query("SELECT * FROM sales WHERE tenant_id = @t", {"t": TENANT})
    pd.testing.assert_frame_equal(first, converged)
    assert [u["ingestion_id"] for u in _data_updated(deps)] == ["s1"]


def test_newer_final_version_is_not_overwritten_by_an_older_ingestion(deps: Deps) -> None:
    _stage(deps, DataKind.INVENTORY, "new", [{"sku": "A", "date": date(2024, 2, 1), "on_hand": 5,
                                               "lead_time_days": 7}], ingested_at=datetime(2024, 3, 2, tzinfo=UTC))
    _publish(deps, DataKind.INVENTORY, "new")
    LocalRuntime(deps).drain()
    _stage(deps, DataKind.INVENTORY, "old", [{"sku": "a", "date": date(2024, 2, 1), "on_hand": 9,
                                               "lead_time_days": None}], ingested_at=datetime(2024, 3, 1, tzinfo=UTC))
    _publish(deps, DataKind.INVENTORY, "old")
    LocalRuntime(deps).drain()
    rows = deps.warehouse.query("SELECT on_hand, ingestion_id FROM inventory WHERE tenant_id = @t", {"t": TENANT})
    assert rows.to_dict("records") == [{"on_hand": 5, "ingestion_id": "new"}]
    doc = deps.documents.get(f"tenants/{TENANT}/ingestions", "old")
    assert doc is not None and doc["changes"]["stale_skipped"] == 1


def test_reviews_are_scored_and_kept(deps: Deps) -> None:
    spam = "Best kettle ever buy now at www.kettledeals.com for the best price"
    _stage(deps, DataKind.REVIEWS, "r1", [
        {"review_id": "1", "sku": "A", "date": date(2024, 2, 1), "rating": 5, "text": spam, "verified": False},
        {"review_id": "2", "sku": "A", "date": date(2024, 2, 1), "rating": 5, "text": spam, "verified": False},
        {"review_id": "3", "sku": "A", "date": date(2024, 2, 3), "rating": None,
         "text": "Boils fast, the lid is a little stiff but fine", "verified": True},
    ])
    _publish(deps, DataKind.REVIEWS, "r1")
    LocalRuntime(deps).drain()
    rows = deps.warehouse.query(
        "SELECT review_id, rating, spam_score, spam_reasons, quality_flags FROM reviews WHERE tenant_id = @t "
        "ORDER BY review_id", {"t": TENANT})
    assert len(rows) == 3
    assert rows["spam_score"].iloc[0] >= 0.5 and "link_or_contact" in json.loads(rows["spam_reasons"].iloc[0])
    assert rows["spam_score"].iloc[2] < 0.5
    assert pd.isna(rows["rating"].iloc[2])
    assert json.loads(rows["quality_flags"].iloc[2]) == [
        {"field": "rating", "action": "missing_kept_null", "from": None, "to": None}]


@pytest.mark.parametrize("body", [b"not json", json.dumps({"tenant_id": TENANT}).encode(),
                                  json.dumps({"tenant_id": TENANT, "ingestion_id": "nope", "kind": "sales"}).encode()])
def test_permanent_errors_are_acknowledged(deps: Deps, body: bytes) -> None:
    deps.bus.publish("ingestion-staged", body)
    LocalRuntime(deps).drain()
    bus: Any = deps.bus
    assert bus.pending("process--ingestion-staged") == 0
    assert bus.dead_letters("process--ingestion-staged") == 0
    assert _data_updated(deps) == []


def test_transient_error_is_retried(deps: Deps, monkeypatch: pytest.MonkeyPatch) -> None:
    _stage(deps, DataKind.SALES, "s1", [{"sku": "A", "date": date(2024, 2, 1), "units": 1, "unit_price": 1.0}])
    calls = {"n": 0}
    real_upsert = deps.warehouse.upsert_unless_newer

    def flaky(table: str, rows: pd.DataFrame, keys: list[str], version: str) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("warehouse unavailable")
        return real_upsert(table, rows, keys, version)

    monkeypatch.setattr(deps.warehouse, "upsert_unless_newer", flaky)
    _publish(deps, DataKind.SALES, "s1")
    LocalRuntime(deps).drain()
    assert calls["n"] == 2
    doc = deps.documents.get(f"tenants/{TENANT}/ingestions", "s1")
    assert doc is not None and doc["status"] == "processed"


def test_still_staging_is_transient(deps: Deps) -> None:
    from shared.errors import TransientError
    from shared.processing.service import StagedNotice, process_staged

    deps.documents.set(f"tenants/{TENANT}/ingestions", "s9", {"status": "staging", "kind": "sales"})
    with pytest.raises(TransientError):
        process_staged(deps, StagedNotice(tenant_id=TENANT, ingestion_id="s9", kind=DataKind.SALES))
    doc = deps.documents.get(f"tenants/{TENANT}/ingestions", "s9")
    assert doc is not None and doc["status"] == "staging"


def test_kind_mismatch_is_recorded_and_acknowledged(deps: Deps) -> None:
    _stage(deps, DataKind.SALES, "s1", [{"sku": "A", "date": date(2024, 2, 1), "units": 1, "unit_price": 1.0}])
    _publish(deps, DataKind.REVIEWS, "s1")
    LocalRuntime(deps).drain()
    doc = deps.documents.get(f"tenants/{TENANT}/ingestions", "s1")
    assert doc is not None and doc["status"] == "staged" and "message says reviews" in doc["processing_error"]
    bus: Any = deps.bus
    assert bus.pending("process--ingestion-staged") == 0


def test_tenant_default_lead_time(deps: Deps) -> None:
    deps.documents.set("tenants", TENANT, {"default_lead_time_days": 30})
    _stage(deps, DataKind.INVENTORY, "v1", [{"sku": "A", "date": date(2024, 2, 1), "on_hand": 5}])
    _publish(deps, DataKind.INVENTORY, "v1")
    LocalRuntime(deps).drain()
    rows = deps.warehouse.query("SELECT lead_time_days, quality_flags FROM inventory WHERE tenant_id = @t",
                                {"t": TENANT})
    assert rows["lead_time_days"].tolist() == [30]
    assert json.loads(rows["quality_flags"].iloc[0])[0]["action"] == "default_from_tenant"
