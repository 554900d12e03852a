"""Cloud Storage-shaped blob store on a directory, emitting finalize notifications like GCS.

Objects live at ``<root>/<bucket>/<name>``; metadata in a JSON sidecar under ``<root>/.meta``.
Writes go to a temp file and are renamed into place, so readers never see half an object.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import shutil
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import IO

from shared.ports import BlobInfo

FinalizeHook = Callable[[BlobInfo], None]


def _safe_parts(name: str) -> list[str]:
    parts = [p for p in name.split("/") if p]
    if not parts or any(p in (".", "..") for p in parts) or name.startswith("/"):
        raise ValueError(f"invalid object name: {name!r}")
    return parts


class DirectoryBlobStore:
    """Buckets are directories; ``on_finalize`` is called after every successful write."""

    #: Nothing for the client to send: the upload endpoint spends each signed URL on its first ``PUT``.
    upload_headers: Mapping[str, str] = MappingProxyType({})

    def __init__(self, root: Path, *, signing_key: bytes, base_url: str,
                 on_finalize: FinalizeHook | None = None) -> None:
        self.root = root
        self._meta_root = root / ".meta"
        self._signing_key = signing_key
        self._base_url = base_url.rstrip("/")
        self.on_finalize = on_finalize
        root.mkdir(parents=True, exist_ok=True)

    def _path(self, bucket: str, name: str) -> Path:
        return self.root.joinpath(*_safe_parts(bucket), *_safe_parts(name))

    def _meta_path(self, bucket: str, name: str) -> Path:
        return self._meta_root.joinpath(*_safe_parts(bucket), *_safe_parts(name)).with_suffix(".meta.json")

    def write(self, bucket: str, name: str, data: bytes | IO[bytes], *, content_type: str | None = None,
              metadata: Mapping[str, str] | None = None) -> BlobInfo:
        """Stream ``data`` into place, then record metadata and fire the finalize hook."""
        target = self._path(bucket, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        md5 = hashlib.md5(usedforsecurity=False)
        size = 0
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                if isinstance(data, bytes | bytearray):
                    out.write(data)
                    md5.update(data)
                    size = len(data)
                else:
                    while chunk := data.read(1 << 20):
                        out.write(chunk)
                        md5.update(chunk)
                        size += len(chunk)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        info = BlobInfo(
            bucket=bucket,
            name=name,
            size=size,
            generation=str(time.time_ns()),
            content_type=content_type,
            md5_hash=base64.b64encode(md5.digest()).decode(),
            updated=datetime.now(UTC),
            metadata=dict(metadata or {}),
        )
        meta = self._meta_path(bucket, name)
        meta.parent.mkdir(parents=True, exist_ok=True)
        meta.write_text(json.dumps({**info.__dict__, "updated": info.updated.isoformat() if info.updated else None}))
        if self.on_finalize is not None:
            self.on_finalize(info)
        return info

    def open(self, bucket: str, name: str) -> IO[bytes]:
        """Open an object for streaming reads (``FileNotFoundError`` when absent)."""
        return self._path(bucket, name).open("rb")

    def stat(self, bucket: str, name: str) -> BlobInfo | None:
        """Object metadata, or ``None``."""
        meta = self._meta_path(bucket, name)
        if not meta.exists() or not self._path(bucket, name).exists():
            return None
        raw = json.loads(meta.read_text())
        raw["updated"] = datetime.fromisoformat(raw["updated"]) if raw.get("updated") else None
        return BlobInfo(**raw)

    def list(self, bucket: str, prefix: str = "") -> Iterator[BlobInfo]:
        """Objects whose name starts with ``prefix``, in name order."""
        base = self.root / bucket
        if not base.exists():
            return
        for path in sorted(base.rglob("*")):
            if path.is_file() and not path.name.startswith(".upload-"):
                name = path.relative_to(base).as_posix()
                if name.startswith(prefix) and (info := self.stat(bucket, name)) is not None:
                    yield info

    def delete(self, bucket: str, name: str) -> None:
        """Delete an object and its metadata if present."""
        self._path(bucket, name).unlink(missing_ok=True)
        self._meta_path(bucket, name).unlink(missing_ok=True)

    def delete_bucket_tree(self, bucket: str) -> None:
        """Remove a whole bucket (tests and retention of the embedded backend)."""
        shutil.rmtree(self.root / bucket, ignore_errors=True)
        shutil.rmtree(self._meta_root / bucket, ignore_errors=True)

    def signed_url(self, bucket: str, name: str, *, method: str = "PUT", expires_seconds: int = 900,
                   content_type: str | None = None) -> str:
        """An HMAC-signed URL served by the local upload endpoint (``/v1/blobs/...``)."""
        _safe_parts(name)
        expires = int(time.time()) + expires_seconds
        sig = self._sign(method, bucket, name, expires, content_type or "")
        query = urllib.parse.urlencode({"expires": expires, "content_type": content_type or "", "signature": sig})
        return f"{self._base_url}/v1/blobs/{bucket}/{urllib.parse.quote(name)}?{query}"

    def verify_signature(self, method: str, bucket: str, name: str, expires: int, content_type: str,
                         signature: str) -> bool:
        """Check a signed URL's signature and expiry (constant-time compare)."""
        if expires < time.time():
            return False
        return hmac.compare_digest(self._sign(method, bucket, name, expires, content_type), signature)

    def _sign(self, method: str, bucket: str, name: str, expires: int, content_type: str) -> str:
        msg = "\n".join([method.upper(), bucket, name, str(expires), content_type]).encode()
        return hmac.new(self._signing_key, msg, hashlib.sha256).hexdigest()
