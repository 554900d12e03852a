"""An ingest reads the uploaded object once: checksum, sniffing sample and parsing share one pass."""

from __future__ import annotations

import gzip
import hashlib
from collections import Counter
from typing import IO, Any

import pytest

from shared.events import StorageObjectEvent
from shared.ingest import pipeline
from shared.ingest.pipeline import ingest_object
from tests.e2e.ingest.conftest import Harness

GOOD = (b"Order Date,Product ID,Qty,Unit Price,Currency,Order\n"
        b"2024-01-02,A1,3,$12.50,USD,o1\n"
        b"2024-13-45,A3,1,$1.00,USD,o3\n"       # rejected: the date
        b"2024-01-07,A6,5,\"$1,299.00\",USD,o6\n")
RAGGED = GOOD + b"2024-01-05,A4,2\n"           # a short row: the exact reader takes over (a second pass)


def _put(harness: Harness, data: bytes, n: int) -> StorageObjectEvent:
    bucket = harness.deps.settings.bucket_name("raw")
    name = f"raw/acme/sales/2024/01/01/up_{n:032d}/sales.csv"
    info = harness.deps.blobs.write(bucket, name, data, metadata={"tenant_id": "acme"})
    return StorageObjectEvent(event_id=f"e{n}", bucket=bucket, name=name, generation=info.generation,
                              metadata=info.metadata)


@pytest.fixture
def opens(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each object is opened (the real blob store underneath)."""
    counted: Counter[str] = Counter()
    real = harness.deps.blobs.open

    def counting(bucket: str, name: str, *args: Any, **kwargs: Any) -> IO[bytes]:
        counted[name] += 1
        return real(bucket, name, *args, **kwargs)

    monkeypatch.setattr(harness.deps.blobs, "open", counting)
    return counted


@pytest.mark.parametrize("compress", [False, True])
def test_one_read_gives_the_checksum_of_the_stored_bytes(harness: Harness, opens: Counter[str],
                                                         compress: bool) -> None:
    data = gzip.compress(GOOD) if compress else GOOD
    event = _put(harness, data, 1)
    result = ingest_object(harness.deps, event)
    assert result is not None and (result.accepted, result.rejected) == (2, 1)
    assert opens[event.name] == 1
    assert result.file_checksum == hashlib.sha256(data).hexdigest()
    assert {r["file_checksum"] for r in harness.rows("SELECT file_checksum FROM rejects")} == {result.file_checksum}


def test_a_restarted_pass_and_a_failed_file_still_record_the_checksum(harness: Harness, opens: Counter[str]) -> None:
    ragged = _put(harness, RAGGED, 2)
    result = ingest_object(harness.deps, ragged)
    assert result is not None and (result.accepted, result.rejected) == (2, 2)
    assert opens[ragged.name] == 2  # the fast reader's pass, then the exact reader's
    assert result.file_checksum == hashlib.sha256(RAGGED).hexdigest()
    missing = b"Product ID,Colour\nA1,red\n"  # no date, no units: refused at the header
    failed = ingest_object(harness.deps, _put(harness, missing, 3))
    assert failed is not None and failed.status == "failed"
    assert failed.file_checksum == hashlib.sha256(missing).hexdigest()


def test_rejects_past_one_batch_are_stored_once_per_file(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rejects stored before the end of the file need the checksum early: it is read separately then."""
    monkeypatch.setattr(pipeline, "REJECT_BATCH_ROWS", 1)
    monkeypatch.setattr(harness.deps.settings, "ingest_chunk_rows", 2)
    lines = b"".join(b"2024-13-45,B%d,1,$1.00,USD,x%d\n" % (i, i) for i in range(7))
    data = b"Order Date,Product ID,Qty,Unit Price,Currency,Order\n" + lines + b"2024-01-02,A1,3,$2.00,USD,o1\n"
    first = ingest_object(harness.deps, _put(harness, data, 4))
    assert first is not None and (first.accepted, first.rejected) == (1, 7)
    again = ingest_object(harness.deps, _put(harness, data, 5))  # the same file uploaded again
    assert again is not None and again.rejected == 7
    stored = harness.rows("SELECT ingestion_id, file_checksum FROM rejects")
    assert len(stored) == 7 and {r["ingestion_id"] for r in stored} == {first.ingestion_id}
    assert {r["file_checksum"] for r in stored} == {hashlib.sha256(data).hexdigest()}
