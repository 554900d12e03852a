"""A signed upload URL for Cloud Storage works once (#19 item 10): the second use is refused with 412.

The store signs ``x-goog-if-generation-match: 0`` into every upload URL (``GcsBlobStore.signed_url``), so
Cloud Storage stores the object only if it does not exist yet. fake-gcs-server (the emulator tier) ignores the
precondition and checks no signature, so it cannot show this. Here the real ``google-cloud-storage`` client
signs V4 URLs with a throwaway service-account key, and a small local server speaking the XML API does what
Cloud Storage does with them: it verifies the V4 signature against the key's public half (so a signed header
cannot be dropped or changed), honours ``x-goog-if-generation-match`` (``0``: only if absent; 412 otherwise),
and runs resumable sessions (``x-goog-resumable: start`` -> ``Location`` -> ``PUT`` with ``Content-Range``).
The client side is the product's own: the headers a grant carries and ``send_resumable``.
"""

from __future__ import annotations

import binascii
import hashlib
import io
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from google.cloud import storage  # type: ignore[attr-defined]
from google.oauth2 import service_account

from shared.adapters.gcp.blobs import GcsBlobStore
from shared.errors import InvalidInput
from shared.ingest.client import send_resumable

BUCKET = "shop-raw"
PRECONDITION_FAILED = (b"<?xml version='1.0' encoding='UTF-8'?><Error><Code>PreconditionFailed</Code>"
                       b"<Message>At least one of the pre-conditions you specified did not hold.</Message></Error>")


class XmlApiStorage:
    """Objects, generations and resumable sessions of one local server; what Cloud Storage enforces."""

    def __init__(self, public_key: rsa.RSAPublicKey) -> None:
        self.public_key = public_key
        self.objects: dict[str, tuple[bytes, int]] = {}  # "/bucket/name" -> (data, generation)
        self.sessions: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()

    def signature_problem(self, method: str, raw_path: str, headers: Any) -> str | None:
        """Why a V4 signed request is not valid (``None`` when it is): expiry, signed headers, the signature."""
        path, _, raw_query = raw_path.partition("?")
        pairs = urllib.parse.parse_qsl(raw_query, keep_blank_values=True)
        query = dict(pairs)
        if query.get("X-Goog-Algorithm") != "GOOG4-RSA-SHA256" or "X-Goog-Signature" not in query:
            return "not a V4 signed URL"
        signed_at = datetime.strptime(query["X-Goog-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        if time.time() > signed_at.timestamp() + int(query["X-Goog-Expires"]):
            return "expired"
        names = query["X-Goog-SignedHeaders"].split(";")  # a signed header left out reads as empty: no match
        canonical_headers = "".join(f"{name}:{' '.join(headers.get(name, '').split())}\n" for name in names)
        canonical_query = "&".join(sorted(f"{urllib.parse.quote(k, safe='~')}={urllib.parse.quote(v, safe='~')}"
                                          for k, v in pairs if k != "X-Goog-Signature"))
        request = "\n".join([method, path, canonical_query, canonical_headers, ";".join(names), "UNSIGNED-PAYLOAD"])
        scope = query["X-Goog-Credential"].split("/", 1)[1]
        to_sign = "\n".join(["GOOG4-RSA-SHA256", query["X-Goog-Date"], scope,
                             hashlib.sha256(request.encode()).hexdigest()])
        try:
            self.public_key.verify(binascii.unhexlify(query["X-Goog-Signature"]), to_sign.encode(),
                                   padding.PKCS1v15(), hashes.SHA256())
        except (InvalidSignature, binascii.Error, ValueError):
            return "SignatureDoesNotMatch"
        return None

    def precondition_holds(self, key: str, if_generation_match: str | None) -> bool:
        """``x-goog-if-generation-match``: ``0`` means the object must not exist; ``n``, its generation is n."""
        if if_generation_match is None:
            return True
        current = self.objects.get(key)
        return (current[1] if current else 0) == int(if_generation_match)

    def store(self, key: str, data: bytes, if_generation_match: str | None) -> int | None:
        """Write unless the precondition fails (checked and written under one lock, as GCS is atomic)."""
        with self.lock:
            if not self.precondition_holds(key, if_generation_match):
                return None
            generation = time.time_ns()
            self.objects[key] = (data, generation)
            return generation


def _handler(storage_: XmlApiStorage) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  # quiet: the test reads results
            pass

        def _answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _signed(self, method: str) -> str | None:
            problem = storage_.signature_problem(method, self.path, self.headers)
            if problem:
                self._body()
                self._answer(403, f"<Error><Code>AccessDenied</Code><Message>{problem}</Message></Error>".encode())
                return None
            return self.path.partition("?")[0]

        def do_PUT(self) -> None:  # noqa: N802  # http.server's naming
            if self.path.startswith("/upload/session/"):
                self._session_put(self.path.rsplit("/", 1)[1])
                return
            key = self._signed("PUT")
            if key is None:
                return
            generation = storage_.store(key, self._body(), self.headers.get("x-goog-if-generation-match"))
            if generation is None:
                self._answer(412, PRECONDITION_FAILED)
            else:
                self._answer(200, headers={"x-goog-generation": str(generation)})

        def do_POST(self) -> None:  # noqa: N802
            key = self._signed("POST")
            if key is None:
                return
            self._body()
            condition = self.headers.get("x-goog-if-generation-match")
            if self.headers.get("x-goog-resumable") != "start":
                self._answer(400, b"<Error><Code>InvalidArgument</Code></Error>")
                return
            with storage_.lock:
                if not storage_.precondition_holds(key, condition):
                    self._answer(412, PRECONDITION_FAILED)
                    return
                session = uuid.uuid4().hex
                storage_.sessions[session] = {"key": key, "condition": condition, "data": b""}
            host = self.headers["Host"]
            self._answer(201, headers={"Location": f"http://{host}/upload/session/{session}"})

        def _session_put(self, session_id: str) -> None:
            session = storage_.sessions.get(session_id)
            chunk = self._body()
            if session is None:
                self._answer(404)
                return
            start, _, total = self.headers["Content-Range"].removeprefix("bytes ").partition("/")
            if start != "*":
                session["data"] += chunk
            if len(session["data"]) < int(total):
                self._answer(308, headers={"Range": f"bytes=0-{len(session['data']) - 1}"})
                return
            storage_.sessions.pop(session_id)
            generation = storage_.store(session["key"], session["data"], session["condition"])
            if generation is None:
                self._answer(412, PRECONDITION_FAILED)
            else:
                self._answer(200, headers={"x-goog-generation": str(generation)})

    return Handler


@pytest.fixture
def gcs() -> Iterator[tuple[GcsBlobStore, XmlApiStorage]]:
    """A ``GcsBlobStore`` whose client signs with a throwaway key, pointed at the local XML API server."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    credentials = service_account.Credentials.from_service_account_info({
        "type": "service_account", "project_id": "shop", "private_key_id": "k1", "private_key": pem,
        "client_email": "uploads@shop.iam.gserviceaccount.com", "client_id": "1",
        "token_uri": "https://oauth2.googleapis.com/token"})
    storage_ = XmlApiStorage(key.public_key())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(storage_))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client = storage.Client(project="shop", credentials=credentials,
                            client_options={"api_endpoint": f"http://127.0.0.1:{server.server_address[1]}"})
    try:
        yield GcsBlobStore(client), storage_
    finally:
        server.shutdown()
        server.server_close()


def _object_name() -> str:
    return f"raw/t-0123456789abcdef/sales/2026/12/05/{uuid.uuid4().hex}/sales.csv"


def test_a_signed_put_url_stores_once_and_a_second_put_is_refused(gcs: tuple[GcsBlobStore, XmlApiStorage]) -> None:
    store, server = gcs
    name = _object_name()
    url = store.signed_url(BUCKET, name, content_type="text/csv")
    headers = {"Content-Type": "text/csv", **store.upload_headers}  # what the upload grant tells the client
    first = requests.put(url, data=b"date,sku,units\n2026-12-01,A,1\n", headers=headers, timeout=10)
    assert first.status_code == 200, first.text
    second = requests.put(url, data=b"date,sku,units\n2026-12-01,A,999\n", headers=headers, timeout=10)
    assert second.status_code == 412 and b"PreconditionFailed" in second.content
    data, generation = server.objects[f"/{BUCKET}/{name}"]
    assert data == b"date,sku,units\n2026-12-01,A,1\n" and str(generation) == first.headers["x-goog-generation"]


def test_the_precondition_is_signed_so_a_client_cannot_leave_it_out(gcs: tuple[GcsBlobStore, XmlApiStorage]) -> None:
    store, server = gcs
    name = _object_name()
    url = store.signed_url(BUCKET, name, content_type="text/csv")
    assert "x-goog-if-generation-match" in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)[
        "X-Goog-SignedHeaders"][0].split(";")
    for headers in ({"Content-Type": "text/csv"},  # left out: would overwrite
                    {"Content-Type": "text/csv", "x-goog-if-generation-match": "1"}):  # changed
        refused = requests.put(url, data=b"x", headers=headers, timeout=10)
        assert refused.status_code == 403 and b"SignatureDoesNotMatch" in refused.content
    assert f"/{BUCKET}/{name}" not in server.objects


def test_a_signed_resumable_url_opens_one_session_only(gcs: tuple[GcsBlobStore, XmlApiStorage]) -> None:
    store, server = gcs
    name = _object_name()
    url, start_headers = store.signed_resumable_url(BUCKET, name, content_type="text/csv")
    start = {"url": url, "method": "POST", "headers": {"Content-Type": "text/csv", **start_headers}}
    body = b"date,sku,units\n" + b"2026-12-01,A,1\n" * 40_000
    done = send_resumable(start, io.BytesIO(body), len(body), chunk_bytes=256 * 1024)
    assert done.status_code == 200 and server.objects[f"/{BUCKET}/{name}"][0] == body
    with pytest.raises(InvalidInput, match="HTTP 412"):
        send_resumable(start, io.BytesIO(b"date,sku,units\n"), 15)
    assert server.objects[f"/{BUCKET}/{name}"][0] == body


def test_two_sessions_opened_before_either_finished_store_one_object(
        gcs: tuple[GcsBlobStore, XmlApiStorage]) -> None:
    """The precondition is checked again when a session finishes, so two racing uploads cannot both land."""
    store, server = gcs
    name = _object_name()
    url, start_headers = store.signed_resumable_url(BUCKET, name, content_type="text/csv")
    headers = {"Content-Type": "text/csv", **start_headers}
    sessions = [requests.post(url, headers=headers, timeout=10).headers["Location"] for _ in range(2)]
    finished = [requests.put(s, data=body, headers={"Content-Range": f"bytes 0-{len(body) - 1}/{len(body)}"},
                             timeout=10).status_code
                for s, body in zip(sessions, (b"first\n", b"second\n"), strict=True)]
    assert finished == [200, 412] and server.objects[f"/{BUCKET}/{name}"][0] == b"first\n"
