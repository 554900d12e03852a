"""The upload cap counts what a gzip expands to, not its compressed bytes (#19 item 3).

A 766 KiB gzip of 256 MiB passed a 1 MiB cap; here a gzip well under the cap that expands past it is refused
with 413 while it streams, and nothing is stored.
"""

from __future__ import annotations

import gzip
import io
import zlib

import pytest

from shared.deps import get_deps, reset_deps
from shared.errors import PayloadTooLarge
from shared.ingest.upload import ExpandedSize
from tests.e2e.ingest.conftest import Harness

LIMIT = 1024 * 1024


def _csv(rows: int) -> bytes:
    lines = (b"SKU-%05d,2024-01-%02d,%d\n" % (i % 100, i % 4 + 1, i % 5) for i in range(rows))
    return b"sku,date,units\n" + b"".join(lines)


@pytest.fixture
def capped(monkeypatch: pytest.MonkeyPatch) -> Harness:
    monkeypatch.setenv("ECOMINTEL_MAX_UPLOAD_BYTES", str(LIMIT))
    reset_deps()
    return Harness(get_deps())


def test_a_small_gzip_that_expands_past_the_cap_is_413(capped: Harness) -> None:
    plain = _csv(400_000)  # ~10 MiB of text
    packed = gzip.compress(plain, 9)
    assert len(packed) < LIMIT < len(plain)
    resp = capped.upload(packed, filename="sales.csv.gz", kind="sales", content_type="application/gzip")
    assert resp.status == 413, resp.body
    assert resp.json()["error"]["code"] == "payload_too_large" and "expands" in resp.json()["error"]["message"]
    assert list(capped.deps.blobs.list(capped.deps.settings.bucket_name("raw"))) == []


def test_a_gzip_that_expands_within_the_cap_is_ingested(capped: Harness) -> None:
    plain = _csv(20_000)
    assert len(plain) < LIMIT
    doc = capped.ingest(gzip.compress(plain), filename="sales.csv.gz", kind="sales", content_type="application/gzip")
    assert doc["status"] == "processed" and doc["rows_read"] == 20_000


def test_every_member_of_a_concatenated_gzip_counts(capped: Harness) -> None:
    member = gzip.compress(_csv(30_000))  # each member ~0.75 MiB expanded: two pass the cap together
    resp = capped.upload(member + member, filename="sales.csv.gz", kind="sales", content_type="application/gzip")
    assert resp.status == 413, resp.body


def test_expanded_size_counts_exactly_in_bounded_steps() -> None:
    plain = b"x" * (5 * ExpandedSize.STEP_BYTES + 123)
    packed = gzip.compress(plain) + gzip.compress(b"tail\n")
    counter = ExpandedSize(limit=10 * len(plain))
    stream = io.BytesIO(packed)
    while block := stream.read(4096):
        counter.feed(block)
    assert counter.size == len(plain) + 5
    with pytest.raises(PayloadTooLarge):
        ExpandedSize(limit=len(plain) - 1).feed(packed)


def test_a_damaged_gzip_is_left_to_the_ingest_to_report() -> None:
    packed = bytearray(gzip.compress(b"sku,units\nA,1\n" * 1000))
    packed[40:60] = b"\x00" * 20
    counter = ExpandedSize(limit=LIMIT)
    counter.feed(bytes(packed))  # no exception here; the ingest says the gzip is damaged
    assert counter.size < LIMIT
    with pytest.raises(zlib.error):
        zlib.decompress(bytes(packed), 16 + zlib.MAX_WBITS)
