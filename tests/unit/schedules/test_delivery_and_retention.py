from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from shared.audit.log import list_audit
from shared.delivery.webhook import render, sign, verify
from shared.deps import get_deps
from shared.retention.enforce import enforce_retention

NOW = datetime.now(UTC).replace(microsecond=0)


def test_signature_roundtrip_and_tamper_and_replay() -> None:
    body = b'{"event":"alert"}'
    header = sign("s" * 32, body, timestamp=1_700_000_000)
    assert verify("s" * 32, body, header, now=1_700_000_010)
    assert not verify("s" * 32, body + b" ", header, now=1_700_000_010)
    assert not verify("t" * 32, body, header, now=1_700_000_010)
    assert not verify("s" * 32, body, header, now=1_700_000_000 + 3600)
    assert not verify("s" * 32, body, "garbage", now=1_700_000_010)


def test_slack_body_has_text_and_blocks() -> None:
    body = json.loads(render("slack", "alert", {"title": "rival undercuts A", "reason": "10% cheaper",
                                                "link": "http://x/v1/alerts/1"}))
    assert body["text"].startswith("*rival undercuts A*") and body["blocks"][0]["type"] == "section"
    generic = json.loads(render("json", "alert", {"title": "t"}))
    assert generic == {"event": "alert", "data": {"title": "t"}}


def _row(tenant: str, day: date, ingested: datetime) -> dict[str, object]:
    return {"tenant_id": tenant, "ingestion_id": "i", "row_hash": f"h{day}", "record_key": f"k{day}",
            "ingested_at": ingested, "sku": "A", "date": day, "units": 1}


def test_retention_removes_exactly_what_is_older_and_audits() -> None:
    deps = get_deps()
    old_day, new_day = (NOW - timedelta(days=400)).date(), (NOW - timedelta(days=10)).date()
    deps.warehouse.insert("sales", pd.DataFrame([
        _row("t1", old_day, NOW - timedelta(days=400)), _row("t1", new_day, NOW - timedelta(days=10)),
        _row("t2", old_day, NOW - timedelta(days=400)),
    ]))
    deps.documents.set("tenants/t1/digests", "old", {"created_at": (NOW - timedelta(days=1200)).isoformat()})
    deps.documents.set("tenants/t1/digests", "new", {"created_at": (NOW - timedelta(days=5)).isoformat()})
    bucket = deps.settings.bucket_name("raw")
    deps.blobs.write(bucket, "raw/t1/sales/2024/a.csv", b"x")
    result = enforce_retention(deps, "t1", now=NOW + timedelta(days=91))  # the blob is now 91 days old
    assert result.deleted["processed_rows"] == 1
    assert result.deleted["reports"] == 1 and result.deleted["raw_files"] == 1
    left = deps.warehouse.query("SELECT tenant_id, date FROM sales ORDER BY tenant_id", {})
    assert left["tenant_id"].tolist() == ["t1", "t2"]  # t1's recent row and t2's (other tenant) untouched
    assert [d["_id"] for d in deps.documents.query("tenants/t1/digests")] == ["new"]
    actions = [(e.action, e.target) for e in list_audit(deps, "t1", action="retention.deleted")]
    assert ("retention.deleted", "table:sales") in actions and len(actions) == 3
    # idempotent: a second run deletes nothing more
    again = enforce_retention(deps, "t1", now=NOW + timedelta(days=91))
    assert again.deleted == {"raw_files": 0, "processed_rows": 0, "reports": 0}


def test_legal_hold_suspends_deletion() -> None:
    deps = get_deps()
    deps.documents.set("tenants/t1/settings", "retention", {"legal_hold_classes": ["processed"]})
    deps.warehouse.insert("sales", pd.DataFrame([_row("t1", date(2020, 1, 1), datetime(2020, 1, 2, tzinfo=UTC))]))
    result = enforce_retention(deps, "t1", now=NOW)
    assert "processed" in result.held and "processed_rows" not in result.deleted
    assert len(deps.warehouse.query("SELECT * FROM sales", {})) == 1
