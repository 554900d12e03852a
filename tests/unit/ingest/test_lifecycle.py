"""The ingestion state machine: claims, leases, take-overs, and no step backwards."""

from __future__ import annotations

import ast
import socket
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.deps import get_deps
from shared.ingest.lifecycle import IngestionLifecycle, IngestionStatus, is_abandoned
from shared.ports import DocumentStore


@pytest.fixture
def documents() -> DocumentStore:
    return get_deps().documents


def _machine(documents: DocumentStore, owner: str, lease: int = 900) -> IngestionLifecycle:
    return IngestionLifecycle(documents, "acme", "ing_1", owner=owner, lease_seconds=lease)


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_one_staging_attempt_at_a_time_then_staged_then_done(documents: DocumentStore) -> None:
    a, b = _machine(documents, "host-a:1"), _machine(documents, "host-b:2")
    assert a.claim_staging({"kind": "sales"}).action == "run"
    assert b.claim_staging({"kind": "sales"}).action == "busy"  # a live lease elsewhere: never run twice
    assert a.finish_staging({"accepted": 3}, IngestionStatus.STAGED)
    assert b.claim_staging({"kind": "sales"}).action == "publish"  # staged, not announced yet
    a.mark_published()
    assert b.claim_staging({"kind": "sales"}).action == "done"
    doc = a.get()
    assert doc is not None and doc["status"] == "staged" and doc["attempts"] == 1 and doc["accepted"] == 3


def test_an_expired_lease_is_taken_over_and_the_old_owner_cannot_finish(documents: DocumentStore) -> None:
    a, b = _machine(documents, "host-a:1", lease=-1), _machine(documents, "host-b:2")
    assert a.claim_staging({"kind": "sales"}).action == "run"
    claim = b.claim_staging({"kind": "sales"})
    assert claim.action == "run" and claim.doc["attempts"] == 2 and claim.doc["lease_owner"] == "host-b:2"
    assert not a.finish_staging({"accepted": 99}, IngestionStatus.STAGED)  # it lost the lease
    assert b.finish_staging({"accepted": 3}, IngestionStatus.STAGED)
    doc = b.get()
    assert doc is not None and doc["accepted"] == 3


def test_a_lease_of_a_dead_local_process_is_abandoned_at_once(documents: DocumentStore) -> None:
    dead = _machine(documents, f"{socket.gethostname()}:{_dead_pid()}")
    assert dead.claim_staging({"kind": "sales"}).action == "run"
    doc = dead.get()
    assert doc is not None and is_abandoned(doc)
    alive = _machine(documents, "elsewhere:5")
    assert alive.claim_staging({"kind": "sales"}).action == "run"
    doc = alive.get()
    assert doc is not None and not is_abandoned(doc)
    later = datetime.now(UTC) + timedelta(seconds=901)
    assert is_abandoned(doc, later)


def test_processing_claims(documents: DocumentStore) -> None:
    a, b = _machine(documents, "host-a:1"), _machine(documents, "host-b:2")
    assert a.claim_processing("sales").action == "invalid"  # unknown ingestion
    a.claim_staging({"kind": "sales"})
    assert b.claim_processing("sales").action == "not_staged"
    a.finish_staging({}, IngestionStatus.STAGED)
    assert b.claim_processing("reviews").action == "invalid"  # another kind
    assert b.claim_processing("sales").action == "run"
    assert a.claim_processing("sales").action == "busy"
    assert a.claim_staging({"kind": "sales"}).action in ("publish", "done")  # a duplicate finalize: no re-run
    assert not a.finish_processing({"processed_rows": 9})
    assert b.finish_processing({"processed_rows": 1})
    assert a.claim_processing("sales").action == "already"
    doc = a.get()
    assert doc is not None and doc["status"] == "processed" and doc["processed_rows"] == 1
    assert doc["lease_owner"] is None


def test_bookkeeping_cannot_move_the_state(documents: DocumentStore) -> None:
    a = _machine(documents, "host:a")
    a.claim_staging({"kind": "sales"})
    for field in ("status", "attempts", "lease_owner", "lease_until", "processing_attempts"):
        with pytest.raises(ValueError):
            a.record({field: "processing", "note": 1})
    a.record({"note": 1})
    doc = a.get()
    assert doc is not None and doc["status"] == IngestionStatus.STAGING and doc["note"] == 1


def _ingestion_writes_outside_the_lifecycle() -> list[str]:
    """Calls that could write an ingestion record other than through ``IngestionLifecycle``."""
    root = Path(__file__).resolve().parents[3]
    found = []
    for file in sorted([*(root / "shared").rglob("*.py"), *(root / "functions").rglob("*.py")]):
        rel = file.relative_to(root).as_posix()
        if rel.startswith("shared/store/") or rel == "shared/ingest/lifecycle.py":
            continue
        tree = ast.parse(file.read_text(encoding="utf-8"))
        bound = {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
                 and isinstance(node.value, ast.Call) and getattr(node.value.func, "id", None) == "IngestionRecords"
                 for t in node.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "ingestions_collection":
                found.append(f"{rel}:{node.lineno}: raw ingestion path")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("transact", "merge"):
                target = node.func.value
                if (isinstance(target, ast.Name) and target.id in bound) or (
                        isinstance(target, ast.Call) and getattr(target.func, "id", None) == "IngestionRecords"):
                    found.append(f"{rel}:{node.lineno}: {node.func.attr}")
    return found


def test_only_the_lifecycle_writes_ingestion_records() -> None:
    """So every status an ingestion record takes is an ``IngestionStatus`` written by one transition."""
    assert _ingestion_writes_outside_the_lifecycle() == []
