"""A crashed ingestion never makes a re-run report success with nothing stored (#19 item 1, #16)."""

from __future__ import annotations

import socket
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from shared.events import StorageObjectEvent
from tests.e2e.ingest.conftest import Harness

ROWS = "".join(f"S{i},2024-01-0{i + 1},{i + 1}\n" for i in range(6))
DATA = ("sku,date,units\n" + ROWS).encode()


def _lease_everything(harness: Harness) -> None:
    """What the crashed process had done: taken every queued message (it never acked them)."""
    bus: Any = harness.deps.bus
    manifest = harness.deps.manifest
    for topic in manifest.topics:
        for spec in manifest.subscribers(topic):
            bus.pull(manifest.subscription_name(spec.name, topic), max_messages=100)


def _dead_owner() -> str:
    """A lease owner naming a process of this host that has exited."""
    child = subprocess.Popen(["true"])
    child.wait()
    return f"{socket.gethostname()}:{child.pid}"


def _event(upload: dict[str, Any], event_id: str = "e1") -> StorageObjectEvent:
    return StorageObjectEvent(event_id=event_id, bucket=upload["bucket"], name=upload["object"],
                              generation=str(upload["generation"]), metadata={"tenant_id": "acme"})


def test_a_rerun_after_a_crash_mid_staging_stores_every_row(harness: Harness, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    import shared.ingest.pipeline as pipeline
    from shared.ingest.client import ingest_path

    harness.deps.settings.ingest_chunk_rows = 2
    resp = harness.upload(DATA, kind="sales")
    assert resp.status == 201
    _lease_everything(harness)
    real = pipeline.stage_rows
    calls: list[int] = []

    def killed_after_two_chunks(staging, rows):  # type: ignore[no-untyped-def]
        written = real(staging, rows)
        calls.append(written)
        if len(calls) == 2:
            raise SystemExit(137)  # the process dies here: nothing after this line runs
        return written

    monkeypatch.setattr(pipeline, "stage_rows", killed_after_two_chunks)
    with pytest.raises(SystemExit):
        pipeline.ingest_object(harness.deps, _event(resp.json()))
    monkeypatch.undo()
    crashed = harness.ingestion_of(resp.json()["object"])
    assert crashed["status"] == "staging" and harness.count("stg_sales") == 4
    harness.deps.documents.set("tenants/acme/ingestions", crashed["ingestion_id"],
                               {"lease_owner": _dead_owner()}, merge=True)

    source = tmp_path / "sales.csv"
    source.write_bytes(DATA)
    summary = ingest_path(harness.deps, source, "acme", "sales")  # the same command, run again

    assert harness.count("sales") == 6  # every row stored, none twice
    assert summary.status == "processed" and summary.rows_read == 6
    assert summary.accepted + summary.duplicates == 6  # and what it says is true now
    assert [r.ingestion_id for r in summary.resumed] == [crashed["ingestion_id"]]
    assert summary.resumed[0].status == "processed"


def test_rows_of_an_unfinished_ingestion_are_not_duplicates_evidence(harness: Harness,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import shared.ingest.pipeline as pipeline

    harness.deps.settings.ingest_chunk_rows = 2
    first = harness.upload(DATA, kind="sales").json()
    _lease_everything(harness)

    def killed(staging, rows):  # type: ignore[no-untyped-def]
        pipeline_real(staging, rows)
        raise SystemExit(137)

    pipeline_real = pipeline.stage_rows
    monkeypatch.setattr(pipeline, "stage_rows", killed)
    with pytest.raises(SystemExit):
        pipeline.ingest_object(harness.deps, _event(first))
    monkeypatch.undo()
    # another upload of the same rows while the crashed attempt's lease still runs: all of them are new
    doc = harness.ingest(DATA, kind="sales")
    assert doc["accepted"] == 6 and doc["duplicates"] == 0
    assert harness.count("sales") == 6


def test_a_duplicate_finalize_during_processing_changes_nothing(harness: Harness,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import shared.processing.service as service
    from shared.ingest.pipeline import ingest_object

    resp = harness.upload(b"sku,date,units\nA,2024-01-01,3\n", kind="sales")
    upload = resp.json()
    real = service.load_staged
    during: list[Any] = []

    def load_then_redeliver(*args, **kwargs):  # type: ignore[no-untyped-def]
        during.append(ingest_object(harness.deps, _event(upload, "e-duplicate")))
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "load_staged", load_then_redeliver)
    harness.runtime.drain()

    assert len(during) == 1 and during[0].status == "processing"  # acknowledged, not re-run
    doc = harness.ingestion_of(upload["object"])
    assert doc["status"] == "processed" and doc["attempts"] == 1 and doc["accepted"] == 1
    assert doc["processed_rows"] == 1 and harness.count("sales") == 1


def test_a_duplicate_finalize_delivered_to_the_ingest_function_during_processing_is_acknowledged_unrun(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    """GCS redelivers the finalize while processing merges: the ingest function (storage_handler) acks it."""
    import shared.processing.service as service
    from shared.events import gcs_notification
    from shared.ports import Message

    resp = harness.upload(b"sku,date,units\nA,2024-01-01,3\nB,2024-01-02,4\n", kind="sales")
    upload = resp.json()
    manifest = harness.deps.manifest
    ingest = manifest.functions["ingest"]
    topic = manifest.buckets[ingest.trigger.bucket or ""].notification_topic
    info = harness.deps.blobs.stat(upload["bucket"], upload["object"])
    assert info is not None and topic
    real = service.load_staged
    seen: list[tuple[int, dict[str, Any], dict[str, Any]]] = []

    def load_then_redeliver(*args, **kwargs):  # type: ignore[no-untyped-def]
        before = harness.ingestion_of(upload["object"])
        data, attributes = gcs_notification(info)
        duplicate = Message(message_id="finalize-again", topic=topic, data=data, attributes=attributes,
                            publish_time=datetime.now(UTC))
        status = harness.runtime.deliver(ingest, duplicate, manifest.subscription_name("ingest", topic))
        seen.append((status, before, harness.ingestion_of(upload["object"])))
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "load_staged", load_then_redeliver)
    harness.runtime.drain()

    assert len(seen) == 1
    status, before, after = seen[0]
    assert 200 <= status < 300  # acknowledged: the platform does not redeliver it again
    assert before["status"] == after["status"] == "processing"
    assert after == before  # the record was not touched: no second staging attempt, no reset counters
    doc = harness.ingestion_of(upload["object"])
    assert doc["status"] == "processed" and doc["attempts"] == 1 and doc["accepted"] == 2
    assert doc["processed_rows"] == 2 and harness.count("sales") == 2
