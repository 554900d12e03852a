"""The upload core: checks a file's name, type and size, picks its kind, and streams it to the raw bucket.

Objects land at ``raw/{tenant}/{kind}/{YYYY}/{MM}/{DD}/{upload_id}/{safe-filename}``; the client's file
name is never used as a path, only as a sanitised last segment.
"""

from __future__ import annotations

import io
import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import IO, Any

from shared import regex as re
from shared.deps import Deps
from shared.errors import EcomIntelError, InvalidInput, NotFound, PayloadTooLarge, PermissionDenied
from shared.ingest.ingestion import ingestion_id_for
from shared.ingest.kinds import detect_kind
from shared.ingest.preamble import locate_header
from shared.ingest.sniff import is_gzip, sniff
from shared.ingest.upload_currency import upload_currency
from shared.models.records import DataKind
from shared.security.uploads import (
    WORKBOOK_CONTENT_TYPES,
    WORKBOOK_EXTENSIONS,
    WORKBOOK_SLOT,
    check_workbook_head,
    is_workbook_name,
    safe_filename,
)
from shared.store.documents.uploads import claim_signed_url as store_claim
from shared.store.documents.uploads import save_upload_currency
from shared.store.tenant import is_tenant_id

ALLOWED_EXTENSIONS = (".csv", ".tsv", ".txt", ".gz", *WORKBOOK_EXTENSIONS)
ALLOWED_CONTENT_TYPES = frozenset({
    "text/csv", "application/csv", "text/plain", "text/tab-separated-values", "application/octet-stream",
    "application/gzip", "application/x-gzip", "application/vnd.ms-excel", *WORKBOOK_CONTENT_TYPES,
})
#: The content type an .xlsx workbook is stored with when the client names none.
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLS_CONTENT_TYPE = "application/vnd.ms-excel"
HEAD_BYTES = 64 * 1024
SIGNED_URL_SECONDS = 900
#: Spent signed upload URLs of the embedded store (``claim_signed_url``).
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_UPLOAD_ID = re.compile(r"^up_[0-9a-f]{32}$")


class UnsupportedMediaType(EcomIntelError):
    """The request's content type is not one we ingest."""

    code = "unsupported_media_type"
    http_status = 415


def sanitise_filename(name: object) -> str:
    """``name`` as a safe file name with an accepted extension (400 otherwise; never used as a path)."""
    if name is None or (isinstance(name, str) and not name.strip()):
        raise InvalidInput("a filename is required", details={"field": "filename"})
    # refuse anything that could act as a path, then keep a tidy slug for the object key
    safe = _UNSAFE.sub("_", safe_filename(name))  # type: ignore[arg-type]  # refuses non-strings too
    if not safe.lower().endswith(ALLOWED_EXTENSIONS):
        raise InvalidInput(f"unsupported file extension; use one of {', '.join(ALLOWED_EXTENSIONS)}",
                           details={"field": "filename"})
    return safe


def check_content_type(content_type: str | None) -> None:
    """Refuse media types that are not delimited text or gzip (415)."""
    if not content_type:
        return
    media = content_type.split(";", 1)[0].strip().lower()
    if media not in ALLOWED_CONTENT_TYPES:
        raise UnsupportedMediaType(f"unsupported content type {media!r}; send text/csv or application/octet-stream")


def parse_kind(kind: str | None) -> DataKind | None:
    """``kind`` as a ``DataKind`` (400 naming the valid kinds), or ``None`` when not given."""
    if kind is None or kind == "":
        return None
    try:
        return DataKind(kind)
    except ValueError as exc:
        raise InvalidInput(f"unknown kind {kind!r}; use one of {', '.join(k.value for k in DataKind)}") from exc


def object_name(tenant_id: str, kind: DataKind | str, upload_id: str, filename: str,
                now: datetime | None = None) -> str:
    """The tenant-scoped raw object name of an upload (``kind``: a kind, or a workbook's ``workbook`` slot)."""
    when = now or datetime.now(UTC)
    return f"raw/{tenant_id}/{kind}/{when:%Y/%m/%d}/{upload_id}/{filename}"


def workbook_content_type(filename: str) -> str:
    """The content type of a workbook by its name (``.xls``: Excel 97-2003; else Office Open XML)."""
    return XLS_CONTENT_TYPE if filename.lower().endswith(".xls") else XLSX_CONTENT_TYPE


def workbook_slot(kind: DataKind | None) -> str:
    """Where a workbook is filed: under the kind stated for all its sheets, else ``workbook`` (each sheet's own)."""
    return kind.value if kind is not None else WORKBOOK_SLOT


def new_upload_id() -> str:
    """A fresh upload id."""
    return f"up_{uuid.uuid4().hex}"


class ExpandedSize:
    """Counts the bytes a gzip stream expands to as its compressed blocks pass, refusing past ``limit`` (413).

    Inflates in bounded steps and keeps nothing: memory is one step whatever the ratio (a 766 KiB gzip of
    256 MiB). Concatenated gzip members are followed, as ``gzip`` readers do.
    """

    STEP_BYTES = 1 << 20

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._damaged = False
        self.size = 0

    def feed(self, data: bytes) -> None:
        """Account for the next compressed bytes."""
        if self._damaged:
            return
        pending = data
        while True:
            try:
                out = self._inflate.decompress(pending, self.STEP_BYTES)
            except zlib.error:
                self._damaged = True  # not ours to refuse: the ingest reports a damaged gzip with its counts
                return
            self.size += len(out)
            if self.size > self._limit:
                raise PayloadTooLarge(f"file expands to more than the upload limit of {self._limit} bytes")
            if self._inflate.eof:  # the next member starts in what is left
                pending = self._inflate.unused_data
                self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
                if not pending:
                    return
                continue
            pending = self._inflate.unconsumed_tail
            if not pending and len(out) < self.STEP_BYTES:
                return


class CappedReader(io.RawIOBase):
    """Replays ``head`` then the rest of ``stream``; raises 413 once more than ``limit`` bytes were read.

    For a gzip body the limit applies to the expanded bytes too: the cap is on what the file holds, not on
    how well it compresses.
    """

    def __init__(self, head: bytes, stream: IO[bytes], limit: int) -> None:
        self._head = head
        self._stream = stream
        self._limit = limit
        self._expanded = ExpandedSize(limit) if is_gzip(head) else None
        self.size = 0

    def readable(self) -> bool:
        """Always readable."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` from the head, then the stream."""
        view = memoryview(buffer)
        if self._head:
            data, self._head = self._head[: len(view)], self._head[len(view):]
        else:
            data = self._stream.read(len(view)) or b""
        self.size += len(data)
        if self.size > self._limit:
            raise PayloadTooLarge(f"file exceeds the upload limit of {self._limit} bytes")
        if self._expanded is not None:
            self._expanded.feed(data)
        view[: len(data)] = data
        return len(data)


def read_head(stream: IO[bytes], limit: int) -> bytes:
    """Up to ``limit`` bytes from ``stream`` (several reads if the stream returns short ones)."""
    parts: list[bytes] = []
    size = 0
    while size < limit:
        block = stream.read(limit - size)
        if not block:
            break
        parts.append(block)
        size += len(block)
    return b"".join(parts)


def plain_head(head: bytes) -> bytes:
    """The first bytes of the text, gunzipping a gzip head (a truncated stream is fine)."""
    if not is_gzip(head):
        return head
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, HEAD_BYTES)
    except zlib.error as exc:
        raise InvalidInput(f"the file is not valid gzip: {exc}") from exc


def kind_from_head(text_head: bytes) -> DataKind:
    """Detect the kind from a file's header line (400 naming the columns when none fits).

    A report's title lines above the header are passed over (``shared.ingest.preamble``).
    """
    dialect = sniff(text_head)
    _, header = locate_header(text_head.decode(dialect.encoding, errors="ignore"), dialect.delimiter)
    return detect_kind([h.strip() for h in header])


@dataclass(frozen=True)
class UploadResult:
    """What the upload endpoint answers."""

    upload_id: str
    bucket: str
    object: str
    size: int
    kind: str
    generation: str
    currency: str | None = None

    def body(self) -> dict[str, Any]:
        """The JSON response body, with the id the ingestion will have (poll ``GET /v1/ingestions/{id}``)."""
        out = {k: v for k, v in self.__dict__.items() if k != "currency" or v is not None}
        return {**out, "ingestion_id": ingestion_id_for(self.bucket, self.object, self.generation)}


def store_upload(deps: Deps, tenant_id: str, stream: IO[bytes], *, filename: str | None, kind: str | None,
                 content_type: str | None, content_length: int | None, gzip_encoded: bool = False,
                 currency: str | None = None) -> UploadResult:
    """Validate and stream one uploaded file into the raw bucket (which triggers ingestion).

    ``currency`` (ISO 4217) is what the file's rows that name none are priced in.
    """
    safe = sanitise_filename(filename)
    stated = upload_currency(currency)
    check_content_type(content_type)
    wanted = parse_kind(kind)
    limit = deps.settings.max_upload_bytes
    if content_length is not None and content_length > limit:
        raise PayloadTooLarge(f"file of {content_length} bytes exceeds the upload limit of {limit} bytes")
    head = read_head(stream, HEAD_BYTES)
    if not head:
        raise InvalidInput("the file is empty")
    resolved: str
    if check_workbook_head(safe, head) is not None:  # its sheets' kinds are read at ingest (shared.ingest.sheets)
        resolved = workbook_slot(wanted)
        content_type = content_type or workbook_content_type(safe)
    else:
        if (gzip_encoded or safe.lower().endswith(".gz")) and not is_gzip(head):
            raise InvalidInput("declared gzip but the body is not gzip")
        text = plain_head(head)
        sniff(text)  # refuses empty and binary content early
        resolved = (wanted or kind_from_head(text)).value
    upload_id = new_upload_id()
    name = object_name(tenant_id, resolved, upload_id, safe)
    bucket = deps.settings.bucket_name("raw")
    body = io.BufferedReader(CappedReader(head, stream, limit), buffer_size=1 << 20)
    info = deps.blobs.write(bucket, name, body, content_type=content_type or "text/csv", metadata={
        "tenant_id": tenant_id, "kind": resolved, "upload_id": upload_id, "source": "upload",
        "original_filename": filename or safe, **({"currency": stated} if stated else {}),
    })
    return UploadResult(upload_id, bucket, name, info.size, resolved, info.generation, stated)


def signed_upload(deps: Deps, tenant_id: str, body: Any) -> dict[str, Any]:
    """A time-limited signed URL for a large file of a declared kind, and how to use it.

    ``url``/``method``/``headers``: one ``PUT`` of the whole file (Cloud Storage's simple upload through a
    V4 signed URL). Where the store offers it, ``resumable`` describes the resumable alternative: ``POST``
    to its URL with its headers, then ``PUT`` the bytes (in one request or in ``Content-Range`` chunks)
    to the session URL returned in ``Location``.
    """
    if not isinstance(body, dict):
        raise InvalidInput("expected a JSON object {kind, filename, content_type, currency}")
    kind = parse_kind(body.get("kind"))
    safe = sanitise_filename(body.get("filename"))
    workbook = is_workbook_name(safe)
    if kind is None and not workbook:  # a workbook's sheets name their kinds at ingest
        raise InvalidInput("kind is required for a signed upload")
    content_type = str(body.get("content_type") or (workbook_content_type(safe) if workbook else "text/csv"))
    check_content_type(content_type)
    stated = upload_currency(body.get("currency"))
    upload_id = new_upload_id()
    name = object_name(tenant_id, workbook_slot(kind) if workbook else str(kind), upload_id, safe)
    if stated:  # the bytes go straight to the bucket: the ingest reads the currency from here
        save_upload_currency(deps.documents, tenant_id, upload_id, stated)
    bucket = deps.settings.bucket_name("raw")
    url = deps.blobs.signed_url(bucket, name, method="PUT", expires_seconds=SIGNED_URL_SECONDS,
                                content_type=content_type)
    expires = datetime.now(UTC) + timedelta(seconds=SIGNED_URL_SECONDS)
    out: dict[str, Any] = {
        "url": url, "method": "PUT", "headers": {"Content-Type": content_type, **deps.blobs.upload_headers},
        "object": name, "bucket": bucket,
        "content_type": content_type, "expires_at": expires.isoformat().replace("+00:00", "Z"),
        **({"currency": stated} if stated else {}),
    }
    if deps.resumable_uploads is not None:
        start_url, start_headers = deps.resumable_uploads.signed_resumable_url(
            bucket, name, expires_seconds=SIGNED_URL_SECONDS, content_type=content_type)
        out["resumable"] = {"url": start_url, "method": "POST",
                            "headers": {"Content-Type": content_type, **start_headers}}
    return out


def claim_signed_url(deps: Deps, bucket: str, name: str, signature: str) -> None:
    """Spend a signed upload URL: the first ``PUT`` takes it (an atomic create), any later one is refused (403).

    Every signed URL names a fresh object (its upload id), so a second ``PUT`` could only overwrite a file
    already ingested and ingest it again. Cloud Storage is held to the same rule by the object's generation
    precondition; here the claim is a document, so two ``PUT``s racing cannot both win. A ``PUT`` that fails
    after its claim (too large, cut off) spends the URL too: ask for a new one.
    """
    if deps.blobs.stat(bucket, name) is not None or not store_claim(deps.documents, bucket, name, signature):
        raise PermissionDenied("this signed URL was already used; ask for a new one")


def put_signed(deps: Deps, bucket: str, name: str, query: dict[str, str], stream: IO[bytes],
               content_type: str | None, content_length: int | None) -> UploadResult:
    """Store the body of a signed-URL PUT (embedded blob store only; GCS takes these PUTs itself)."""
    if deps.signed_puts is None:
        raise NotFound("signed uploads go straight to the storage service on this backend")
    try:
        expires = int(query.get("expires", ""))
    except ValueError as exc:
        raise PermissionDenied("invalid signed URL") from exc
    signed_type = query.get("content_type", "")
    if not deps.signed_puts.verify_signature("PUT", bucket, name, expires, signed_type, query.get("signature", "")):
        raise PermissionDenied("invalid or expired signed URL")
    parts = name.split("/")
    if (bucket != deps.settings.bucket_name("raw") or len(parts) != 8 or parts[0] != "raw"
            or not is_tenant_id(parts[1]) or not _UPLOAD_ID.match(parts[6])):
        raise PermissionDenied("signed URL does not point inside raw/{tenant}/")
    workbook = is_workbook_name(parts[7])
    kind = WORKBOOK_SLOT if workbook and parts[2] == WORKBOOK_SLOT else str(parse_kind(parts[2]) or "")
    if not kind:
        raise PermissionDenied("signed URL has no kind")
    if signed_type and (content_type or "").split(";")[0].strip().lower() != signed_type.lower():
        raise UnsupportedMediaType(f"content type must be {signed_type!r} as signed")
    limit = deps.settings.max_upload_bytes
    if content_length is not None and content_length > limit:
        raise PayloadTooLarge(f"file of {content_length} bytes exceeds the upload limit of {limit} bytes")
    claim_signed_url(deps, bucket, name, query.get("signature", ""))
    head = read_head(stream, HEAD_BYTES)
    if not head:
        raise InvalidInput("the file is empty")
    if workbook:
        check_workbook_head(parts[7], head)
    body = io.BufferedReader(CappedReader(head, stream, limit), buffer_size=1 << 20)
    info = deps.blobs.write(bucket, name, body, content_type=signed_type or content_type, metadata={
        "tenant_id": parts[1], "kind": kind, "upload_id": parts[6], "source": "upload",
        "original_filename": parts[7],
    })
    return UploadResult(parts[6], bucket, name, info.size, kind, info.generation)
