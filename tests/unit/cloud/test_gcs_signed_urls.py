"""The signed URLs handed out on Google Cloud: real V4 signatures over the method and headers GCS checks.

Signed here with a throwaway service-account key (no network): the query says which headers are signed,
so a client that sends the returned method and headers is what Cloud Storage verifies.
"""

from __future__ import annotations

import urllib.parse

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from google.auth.credentials import AnonymousCredentials
from google.cloud import storage  # type: ignore[attr-defined]
from google.oauth2 import service_account

from shared.adapters.gcp.blobs import RESUMABLE_START, UPLOAD_PRECONDITION, GcsBlobStore


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> GcsBlobStore:
    monkeypatch.delenv("STORAGE_EMULATOR_HOST", raising=False)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    creds = service_account.Credentials.from_service_account_info({
        "type": "service_account", "client_email": "upload@p.iam.gserviceaccount.com", "private_key": pem,
        "token_uri": "https://oauth2.googleapis.com/token", "project_id": "p"})
    client = storage.Client(project="p", credentials=AnonymousCredentials())
    client._credentials = creds
    return GcsBlobStore(client)


def _query(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


def test_put_url_signs_the_content_type(store: GcsBlobStore) -> None:
    url = store.signed_url("b", "raw/t/sales/x.csv", method="PUT", content_type="text/csv")
    assert url.startswith("https://storage.googleapis.com/b/raw/t/sales/x.csv?")
    q = _query(url)
    assert q["X-Goog-Algorithm"] == "GOOG4-RSA-SHA256" and q["X-Goog-Expires"] == "900"
    # the create-only precondition is signed: the URL stores one object once (a second PUT is 412)
    assert q["X-Goog-SignedHeaders"] == "content-type;host;x-goog-if-generation-match"
    assert len(q["X-Goog-Signature"]) == 512  # hex of a 2048-bit RSA signature


def test_resumable_url_signs_the_start_header(store: GcsBlobStore) -> None:
    url, headers = store.signed_resumable_url("b", "raw/t/sales/x.csv", content_type="text/csv")
    assert headers == {**RESUMABLE_START, **UPLOAD_PRECONDITION} == {"x-goog-resumable": "start",
                                                                     "x-goog-if-generation-match": "0"}
    assert _query(url)["X-Goog-SignedHeaders"] == "content-type;host;x-goog-if-generation-match;x-goog-resumable"
    put = store.signed_url("b", "raw/t/sales/x.csv", method="PUT", content_type="text/csv")
    assert _query(url)["X-Goog-Signature"] != _query(put)["X-Goog-Signature"]  # the method is signed too


def test_a_download_url_carries_no_upload_precondition(store: GcsBlobStore) -> None:
    assert _query(store.signed_url("b", "raw/t/sales/x.csv", method="GET"))["X-Goog-SignedHeaders"] == "host"


def test_the_grant_tells_the_client_to_send_the_precondition(store: GcsBlobStore) -> None:
    from shared.config import Settings
    from shared.ingest.upload import signed_upload

    class _Deps:
        settings = Settings()
        blobs = store
        resumable_uploads = store  # what the composition root sets for the Cloud Storage adapter

    grant = signed_upload(_Deps(), "t1", {"kind": "sales", "filename": "x.csv"})  # type: ignore[arg-type]
    assert grant["headers"] == {"Content-Type": "text/csv", "x-goog-if-generation-match": "0"}
    assert _query(grant["url"])["X-Goog-SignedHeaders"] == "content-type;host;x-goog-if-generation-match"
    assert grant["resumable"]["headers"]["x-goog-if-generation-match"] == "0"
