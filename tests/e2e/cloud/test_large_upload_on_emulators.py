"""A file over 100 MB through the upload function on the emulator stack, with memory bounded.

The body is generated while it is sent (never on disk, never whole in memory); the function reads the
request stream, which cannot seek, and writes it to fake-gcs-server as a chunked resumable upload. The
function process's peak RSS (``VmHWM``) may grow by a few chunks, never by the file's size. Only ``auth``
and ``upload`` run: nothing ingests the object, so the test measures the upload path alone.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

import pytest
import requests

from shared.adapters.gcp.blobs import UPLOAD_CHUNK_BYTES
from shared.deps import get_deps
from shared.ingest.client import send_resumable
from tests.e2e.cloud.conftest import RunningStack, function_stack

pytestmark = [pytest.mark.emulator, pytest.mark.xdist_group("emulators"), pytest.mark.slow]
REQUIRED = ("auth", "upload")
HEADER = b"sku,date,units,unit_price\n"
ROW = b"SKU-000123,2024-03-01,3,19.99\n"
SIZE = 110 * 1024 * 1024
SIGNED_SIZE = 40 * 1024 * 1024  # over Cloud Run's 32 MiB request limit: the size that takes this path


class GeneratedCsv(io.RawIOBase):
    """``size`` bytes of CSV made up as they are read (``len()`` gives requests its Content-Length)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.sent = 0
        self._block = HEADER + ROW * ((1 << 20) // len(ROW))

    def __len__(self) -> int:
        return self.size - self.sent

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self.size - self.sent, len(self._block))
        start = 0 if self.sent == 0 else len(HEADER)  # the header once, then rows
        chunk = self._block[start:start + n]
        buffer[: len(chunk)] = chunk
        self.sent += len(chunk)
        return len(chunk)


def peak_rss_kib(pid: int) -> int:
    """The process's peak resident set so far (``VmHWM`` in ``/proc/<pid>/status``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


@pytest.fixture(scope="module")
def upload_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    yield from function_stack(tmp_path_factory, REQUIRED, "big")


@pytest.fixture(scope="module")
def api_key(upload_stack: RunningStack) -> str:
    auth = upload_stack.state.functions["auth"]
    email = f"big-{uuid.uuid4().hex[:6]}@example.com"
    signup = requests.post(f"{auth}/v1/auth/signup", timeout=60, json={
        "email": email, "password": "correct horse battery", "tenant_name": "Big files"})
    assert signup.status_code == 202, signup.text
    login = requests.post(f"{auth}/v1/auth/login", timeout=60,
                          json={"email": email, "password": "correct horse battery"})
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    created = requests.post(f"{auth}/v1/api-keys", json={"name": "big", "role": "analyst"}, timeout=60,
                            headers={"Authorization": f"Bearer {token}"})
    assert created.status_code == 201, created.text
    return str(created.json()["key"])


def test_110_mb_upload_streams_with_bounded_memory(upload_stack: RunningStack, api_key: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    upload_stack.use(monkeypatch)
    url = upload_stack.state.functions["upload"] + "/v1/uploads"
    headers = {"Authorization": f"ApiKey {api_key}", "Content-Type": "text/csv"}
    warm = requests.post(url, params={"filename": "warm.csv"}, data=HEADER + ROW, headers=headers, timeout=120)
    assert warm.status_code == 201, warm.text  # clients built, modules imported: the baseline
    pid = int(upload_stack.state.processes["function:upload"]["pid"])
    before = peak_rss_kib(pid)
    resp = requests.post(url, params={"filename": "big.csv"}, data=GeneratedCsv(SIZE), headers=headers, timeout=900)
    assert resp.status_code == 201, resp.text
    growth_mib = (peak_rss_kib(pid) - before) / 1024
    body = resp.json()
    assert body["size"] == SIZE and body["kind"] == "sales"
    info = get_deps().blobs.stat(body["bucket"], body["object"])
    assert info is not None and info.size == SIZE and info.generation == str(body["generation"])
    # a few 8 MiB chunks in flight at most; the 110 MiB file never sits in the function's memory
    assert growth_mib < 4 * UPLOAD_CHUNK_BYTES / 2**20, f"peak RSS grew by {growth_mib:.0f} MiB"


def test_signed_resumable_session_takes_a_large_stream(upload_stack: RunningStack, api_key: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's path for files over Cloud Run's 32 MiB request limit: signed POST, then chunked PUTs."""
    upload_stack.use(monkeypatch)
    grant = requests.post(upload_stack.state.functions["upload"] + "/v1/uploads:signed-url", timeout=60,
                          json={"kind": "sales", "filename": "big.csv"},
                          headers={"Authorization": f"ApiKey {api_key}"})
    assert grant.status_code == 201, grant.text
    body = grant.json()
    assert body["method"] == "PUT" and body["resumable"]["method"] == "POST"
    # a raw stream is what the function reads too: IO[bytes]'s read() is all send_resumable calls
    done = send_resumable(body["resumable"], cast(IO[bytes], GeneratedCsv(SIGNED_SIZE)), SIGNED_SIZE)
    assert done.status_code in (200, 201)
    info = get_deps().blobs.stat(body["bucket"], body["object"])
    assert info is not None and info.size == SIGNED_SIZE


def test_every_upload_mode_stores_the_file(upload_stack: RunningStack, api_key: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Raw, multipart, gzip-encoded and signed-URL uploads all reach the bucket (each was a 500 before)."""
    import gzip

    upload_stack.use(monkeypatch)
    base = upload_stack.state.functions["upload"]
    auth = {"Authorization": f"ApiKey {api_key}"}
    csv = HEADER + ROW * 3
    raw = requests.post(f"{base}/v1/uploads", params={"filename": "raw.csv"}, data=csv, timeout=60,
                        headers={**auth, "Content-Type": "text/csv"})
    multipart = requests.post(f"{base}/v1/uploads", files={"file": ("multi.csv", csv, "text/csv")}, timeout=60,
                              headers=auth)
    gzipped = requests.post(f"{base}/v1/uploads", params={"filename": "zipped.csv.gz"}, data=gzip.compress(csv),
                            timeout=60, headers={**auth, "Content-Type": "application/gzip"})
    stored = []
    for resp in (raw, multipart, gzipped):
        assert resp.status_code == 201, resp.text
        stored.append(resp.json())
    grant = requests.post(f"{base}/v1/uploads:signed-url", json={"kind": "sales", "filename": "signed.csv"},
                          headers=auth, timeout=60).json()
    put = requests.request(grant["method"], grant["url"], data=csv, headers=grant["headers"], timeout=60)
    assert put.status_code == 200, put.text
    stored.append({"bucket": grant["bucket"], "object": grant["object"], "size": len(csv)})
    blobs = get_deps().blobs
    for body in stored:
        info = blobs.stat(body["bucket"], body["object"])
        assert info is not None and info.size == body["size"], body
