"""Blob store on Cloud Storage (or fake-gcs-server). Finalize notifications come from the bucket itself.

Object names are validated like the embedded store (no ``..`` segments, no leading ``/``): GCS would
accept them, but they are never legitimate here and the embedded backend refuses them.
"""

from __future__ import annotations

import os
import shutil
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from datetime import timedelta
from types import MappingProxyType
from typing import IO, Any

from google.api_core import exceptions as gexc
from google.cloud import storage  # type: ignore[attr-defined]

from shared.ports import BlobInfo

# A resumable upload sends the stream in chunks of this size (a multiple of 256 KiB, as GCS requires):
# memory stays near one chunk whatever the file size, and the stream is read once, never sought.
UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024
_COPY_BLOCK_BYTES = 1024 * 1024
# Resumable sessions through a V4 signed URL: the initiating POST must carry this header, signed.
RESUMABLE_START = {"x-goog-resumable": "start"}
#: Signed into every upload URL: Cloud Storage stores the object only if it does not exist yet (generation 0),
#: so a signed upload URL creates one object once and a second PUT is refused (412), never an overwrite.
UPLOAD_PRECONDITION = {"x-goog-if-generation-match": "0"}


def check_object_name(name: str) -> None:
    """Refuse traversal-looking or empty object names (``ValueError``)."""
    parts = [p for p in name.split("/") if p]
    if not parts or name.startswith("/") or any(p in (".", "..") for p in parts):
        raise ValueError(f"invalid object name: {name!r}")


def blob_info(blob: storage.Blob) -> BlobInfo:
    """Port metadata of a loaded blob."""
    return BlobInfo(
        bucket=blob.bucket.name,
        name=blob.name or "",
        size=int(blob.size or 0),
        generation=str(blob.generation or ""),
        content_type=blob.content_type,
        md5_hash=blob.md5_hash,
        crc32c=blob.crc32c,
        updated=blob.updated,
        metadata=dict(blob.metadata or {}),
    )


class GcsBlobStore:
    """Cloud Storage-backed ``BlobStore``."""

    #: What a client sends with a signed upload URL besides ``Content-Type`` (signed into the URL).
    upload_headers: Mapping[str, str] = MappingProxyType(UPLOAD_PRECONDITION)

    def __init__(self, client: storage.Client) -> None:
        self.client = client

    def write(self, bucket: str, name: str, data: bytes | IO[bytes], *, content_type: str | None = None,
              metadata: Mapping[str, str] | None = None) -> BlobInfo:
        """Upload (resumable and streamed for file objects); GCS emits the finalize notification."""
        check_object_name(name)
        blob = self.client.bucket(bucket).blob(name)
        if metadata:
            blob.metadata = dict(metadata)
        if isinstance(data, bytes | bytearray):
            blob.upload_from_string(bytes(data), content_type=content_type or "application/octet-stream")
            return blob_info(blob)
        # A chunked resumable upload reads the stream forwards only: a request body (no seek, no tell) works,
        # and memory is bounded by the chunk size. ``upload_from_file`` would need ``tell()`` on the stream.
        with blob.open("wb", chunk_size=UPLOAD_CHUNK_BYTES, ignore_flush=True,
                       content_type=content_type or "application/octet-stream") as writer:
            shutil.copyfileobj(data, writer, _COPY_BLOCK_BYTES)
        blob.reload()  # the writer does not keep the final object resource: size and generation come from here
        return blob_info(blob)

    def open(self, bucket: str, name: str) -> IO[bytes]:
        """A streaming reader (``FileNotFoundError`` when absent)."""
        check_object_name(name)
        blob = self.client.bucket(bucket).get_blob(name)
        if blob is None:
            raise FileNotFoundError(f"gs://{bucket}/{name}")
        return blob.open("rb")

    def stat(self, bucket: str, name: str) -> BlobInfo | None:
        """Metadata or ``None``."""
        check_object_name(name)
        try:
            blob = self.client.bucket(bucket).get_blob(name)
        except gexc.NotFound:
            return None
        return blob_info(blob) if blob is not None else None

    def list(self, bucket: str, prefix: str = "") -> Iterator[BlobInfo]:
        """Objects under ``prefix`` in name order."""
        for blob in self.client.list_blobs(bucket, prefix=prefix or None):
            yield blob_info(blob)

    def delete(self, bucket: str, name: str) -> None:
        """Delete if present."""
        check_object_name(name)
        try:
            self.client.bucket(bucket).blob(name).delete()
        except gexc.NotFound:
            pass

    def signed_url(self, bucket: str, name: str, *, method: str = "PUT", expires_seconds: int = 900,
                   content_type: str | None = None, headers: Mapping[str, str] | None = None) -> str:
        """A V4 signed URL for ``method`` (``headers`` are signed too and must be sent as given).

        ``PUT`` is a single-request upload; ``POST`` with ``RESUMABLE_START`` headers opens a resumable
        session whose URI comes back in ``Location`` (then ``PUT`` the bytes there): both are what Cloud
        Storage's XML API accepts through a signed URL. fake-gcs-server checks no signature but routes a
        request carrying ``X-Goog-Algorithm`` exactly like that (PUT: upload, POST: session), so against it
        the URL has the same path-style shape and V4 query parameters, with an empty signature.
        """
        check_object_name(name)
        if method.upper() in ("PUT", "POST"):  # an upload: create only, so the URL works once
            headers = {**UPLOAD_PRECONDITION, **(headers or {})}
        emulator = os.environ.get("STORAGE_EMULATOR_HOST")
        if emulator:
            return _emulator_signed_url(emulator, bucket, name, expires_seconds, headers)
        blob = self.client.bucket(bucket).blob(name)
        kwargs: dict[str, Any] = {}
        credentials = self.client._credentials
        if not hasattr(credentials, "sign_bytes"):
            # Runtime credentials without a private key (Cloud Functions): sign through IAM signBlob.
            import google.auth.transport.requests

            credentials.refresh(google.auth.transport.requests.Request())
            kwargs = {"service_account_email": credentials.service_account_email,
                      "access_token": credentials.token}
        if headers:
            kwargs["headers"] = dict(headers)
        return blob.generate_signed_url(version="v4", expiration=timedelta(seconds=expires_seconds),
                                        method=method.upper(), content_type=content_type, **kwargs)

    def signed_resumable_url(self, bucket: str, name: str, *, expires_seconds: int = 900,
                             content_type: str | None = None) -> tuple[str, dict[str, str]]:
        """A signed ``POST`` URL that opens a resumable upload session, and the headers it must carry."""
        url = self.signed_url(bucket, name, method="POST", expires_seconds=expires_seconds,
                              content_type=content_type, headers=RESUMABLE_START)
        return url, {**RESUMABLE_START, **UPLOAD_PRECONDITION}


def _emulator_signed_url(base: str, bucket: str, name: str, expires_seconds: int,
                         headers: Mapping[str, str] | None) -> str:
    """A path-style URL with the V4 query parameters (unsigned: fake-gcs-server checks no signature)."""
    signed_headers = ";".join(sorted({"host", *(h.lower() for h in headers or {})}))
    query = urllib.parse.urlencode({
        "X-Goog-Algorithm": "GOOG4-RSA-SHA256",
        "X-Goog-Credential": "emulator/auto/storage/goog4_request",
        "X-Goog-Date": time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()),
        "X-Goog-Expires": expires_seconds,
        "X-Goog-SignedHeaders": signed_headers,
        "X-Goog-Signature": "",
        # fake-gcs-server names a session opened by POST from this parameter, not from the path (GCS ignores it)
        "name": name,
    })
    return f"{base.rstrip('/')}/{bucket}/{urllib.parse.quote(name)}?{query}"
