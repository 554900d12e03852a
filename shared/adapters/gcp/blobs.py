"""Blob store on Cloud Storage (or fake-gcs-server). Finalize notifications come from the bucket itself.

Object names are validated like the embedded store (no ``..`` segments, no leading ``/``): GCS would
accept them, but they are never legitimate here and the embedded backend refuses them.
"""

from __future__ import annotations

import os
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from datetime import timedelta
from typing import IO, Any

from google.api_core import exceptions as gexc
from google.cloud import storage  # type: ignore[attr-defined]

from shared.ports import BlobInfo


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
        else:
            blob.upload_from_file(data, content_type=content_type or "application/octet-stream")
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
                   content_type: str | None = None) -> str:
        """A V4 signed URL. Against fake-gcs-server (no signature checks) an unsigned URL to the same object.

        fake-gcs-server has no PUT route for ``/<bucket>/<object>`` (it reads the Host as the bucket), so on
        the emulator an upload URL is its media-upload endpoint, which takes the bytes with ``POST``.
        """
        check_object_name(name)
        emulator = os.environ.get("STORAGE_EMULATOR_HOST")
        if emulator:
            base = emulator.rstrip("/")
            if method.upper() in ("PUT", "POST"):
                query = urllib.parse.urlencode({"uploadType": "media", "name": name})
                return f"{base}/upload/storage/v1/b/{bucket}/o?{query}"
            query = urllib.parse.urlencode({"X-Goog-Expires": expires_seconds,
                                            "X-Goog-Date": time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())})
            return f"{base}/{bucket}/{urllib.parse.quote(name)}?{query}"
        blob = self.client.bucket(bucket).blob(name)
        kwargs: dict[str, Any] = {}
        credentials = self.client._credentials
        if not hasattr(credentials, "sign_bytes"):
            # Runtime credentials without a private key (Cloud Functions): sign through IAM signBlob.
            import google.auth.transport.requests

            credentials.refresh(google.auth.transport.requests.Request())
            kwargs = {"service_account_email": credentials.service_account_email,
                      "access_token": credentials.token}
        return blob.generate_signed_url(version="v4", expiration=timedelta(seconds=expires_seconds),
                                        method=method.upper(), content_type=content_type, **kwargs)
