"""Ingest a local file through the public upload path, on any backend (CLI and ``ecomintel demo``).

The file goes to ``POST /v1/uploads`` (streamed), or, when it is larger than the runtime lets one request
carry (Cloud Run: 32 MiB), straight to the raw bucket through a signed URL (a resumable session sent in
chunks). Either way the ingestion id follows from the stored object, and the client reads the result from
``GET /v1/ingestions/{id}``: once after the embedded runtime has drained its bus, or by polling while the
emulators' or Google Cloud's push subscriptions deliver.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import requests

from shared.deps import Deps
from shared.errors import InvalidInput
from shared.ingest.ingestion import IngestionStatus, IngestionSummary, ingestion_id_for
from shared.ingest.lifecycle import is_abandoned, unfinished
from shared.ingest.lookup import IngestionView
from shared.ingest.upload import HEAD_BYTES, kind_from_head, plain_head, read_head, workbook_content_type
from shared.manifest import Manifest
from shared.security.uploads import is_workbook_name
from shared.store.documents.ingestions import IngestionRecords

if TYPE_CHECKING:
    from shared.runtime import Runtime
    from shared.runtime.served import ServedRuntime

PROCESS_FUNCTION = "process"
#: Chunk of a resumable upload (a multiple of 256 KiB, as Cloud Storage requires): the memory it takes.
RESUMABLE_CHUNK_BYTES = 8 * 1024 * 1024
POLL_SECONDS = 0.5


def expected_status(deps: Deps) -> IngestionStatus:
    """``processed`` when a ``process`` function is deployed (in the manifest and built), else ``staged``."""
    return expected_status_in(deps.manifest)


def expected_status_in(manifest: Manifest) -> IngestionStatus:
    """``expected_status`` for a client that has the manifest but not the backend (``ingest_through``)."""
    spec = manifest.functions.get(PROCESS_FUNCTION)
    return IngestionStatus.PROCESSED if spec is not None and spec.source.exists() else IngestionStatus.STAGED


def resume_unfinished(deps: Deps, tenant: str) -> list[IngestionSummary]:
    """Finish the tenant's ingestions that a crashed run left behind, before anything new is judged.

    An abandoned ``staging`` attempt (its owner process gone, or its lease expired) is redone from its raw
    object; a ``staged`` ingestion, or an abandoned ``processing`` one, is processed (when a ``process``
    function is deployed). Live attempts of other processes are left alone (their claims say ``busy``).
    Returns the summaries of the ingestions resumed.
    """
    from shared.events import StorageObjectEvent
    from shared.ingest.pipeline import ingest_object
    from shared.processing.service import StagedNotice, process_staged

    processing = expected_status(deps) is IngestionStatus.PROCESSED
    resumed: list[IngestionSummary] = []
    records = IngestionRecords(deps.documents, tenant)
    for doc in unfinished(deps.documents, tenant):
        ingestion_id = str(doc["_id"])
        status = doc.get("status")
        if status == IngestionStatus.STAGING:
            if not is_abandoned(doc) or not doc.get("object"):
                continue
            ingest_object(deps, StorageObjectEvent(
                event_id=f"resume-{ingestion_id}", bucket=str(doc["bucket"]), name=str(doc["object"]),
                generation=str(doc["generation"]), metadata={"tenant_id": tenant}))
            doc = records.get(ingestion_id) or {}
            status = doc.get("status")
        elif status == IngestionStatus.PROCESSING and not is_abandoned(doc):
            continue
        if processing and status in (IngestionStatus.STAGED, IngestionStatus.PROCESSING) and doc.get("kind"):
            process_staged(deps, StagedNotice(tenant_id=tenant, ingestion_id=ingestion_id, kind=doc["kind"]))
        final = records.get(ingestion_id)
        if final is not None:
            resumed.append(IngestionSummary.from_document(final))
    return resumed


def wait_seconds() -> float:
    """How long a client waits for the pipeline (``ECOMINTEL_CLIENT_TIMEOUT_SECONDS``, default 600)."""
    return float(os.environ.get("ECOMINTEL_CLIENT_TIMEOUT_SECONDS") or 600)


def _error_message(body: Any, status: int, what: str) -> str:
    message = body.get("error", {}).get("message") if isinstance(body, dict) else None
    return message or f"{what} failed with HTTP {status}"


def ingest_path(deps: Deps, path: str | Path, tenant: str, kind: str | None = None, *,
                runtime: Runtime | None = None, currency: str | None = None) -> IngestionView:
    """Upload ``path`` as an analyst of ``tenant``, wait for the pipeline, and return the ingestion.

    ``currency`` (ISO 4217) is the upload's stated currency: the file's rows that name none are priced in it
    (``currency:from_upload``), whether the file goes in one request or through a signed URL.
    Raises ``InvalidInput`` with a one-line reason when the file cannot be read or is refused.
    """
    from shared.runtime import runtime_for

    file = Path(path)
    if not file.is_file():
        raise InvalidInput(f"no such file: {file}")
    runtime = runtime or runtime_for(deps)
    # the embedded backend finishes what a crashed run left first, so duplicates are judged against all stored
    resumed = [] if runtime.delivers_in_background else resume_unfinished(deps, tenant)
    headers = runtime.credentials(tenant, subject="cli")
    limit = runtime.max_request_bytes
    if limit is not None and file.stat().st_size > limit:
        bucket, name, generation = _upload_signed(runtime, headers, file, kind, currency)
    else:
        bucket, name, generation = _upload_direct(runtime, headers, file, kind, currency)
    runtime.settle()
    view = wait_for_ingestion(deps, runtime, headers, ingestion_id_for(bucket, name, generation), name)
    return view.model_copy(update={"resumed": resumed}) if resumed else view


def ingest_through(runtime: ServedRuntime, path: str | Path, tenant: str, kind: str | None = None, *,
                   currency: str | None = None) -> IngestionView:
    """``ingest_path`` through a running ``ecomintel serve`` that holds the embedded home (one writer).

    This process never opens the engines: the file is streamed to the server's ``POST /v1/uploads``, its
    pipeline worker ingests it, and the result is polled from ``GET /v1/ingestions/{id}``.
    """
    file = Path(path)
    if not file.is_file():
        raise InvalidInput(f"no such file: {file}")
    headers = runtime.credentials(tenant, subject="cli")
    bucket, name, generation = _upload_direct(runtime, headers, file, kind, currency)
    return _wait(runtime.manifest, runtime, headers, ingestion_id_for(bucket, name, generation), name)


def _upload_direct(runtime: Runtime | ServedRuntime, headers: Mapping[str, str], file: Path,
                   kind: str | None, currency: str | None = None) -> tuple[str, str, str]:
    """``POST /v1/uploads`` with the file streamed as the body (``?currency=`` when one is stated)."""
    query = {"filename": file.name}
    if kind:
        query["kind"] = kind
    if currency:
        query["currency"] = currency
    with file.open("rb") as body:  # streamed to the upload function, never held whole
        resp = runtime.call_http("upload", "POST", "/v1/uploads", query=query, data=body,
                                 headers={**headers, "Content-Type": "application/octet-stream"})
    out = resp.json() if resp.body else {}
    if resp.status != 201:
        raise InvalidInput(_error_message(out, resp.status, "upload"))
    return str(out["bucket"]), str(out["object"]), str(out["generation"])


def _upload_signed(runtime: Runtime, headers: Mapping[str, str], file: Path,
                   kind: str | None, currency: str | None = None) -> tuple[str, str, str]:
    """Ask for a signed URL (stating ``currency`` when given), then send the file to the bucket itself.

    The file goes by a resumable session when the store offers one, else in one ``PUT``.
    """
    workbook = is_workbook_name(file.name)  # its sheets name their kinds at ingest (shared.ingest.sheets)
    if not kind and not workbook:
        with file.open("rb") as fh:  # a signed upload names its kind up front: read it from the header
            kind = kind_from_head(plain_head(read_head(fh, HEAD_BYTES))).value
    content_type = workbook_content_type(file.name) if workbook else \
        "application/gzip" if file.name.lower().endswith(".gz") else "text/csv"
    request = {**({"kind": kind} if kind else {}), "filename": file.name, "content_type": content_type,
               **({"currency": currency} if currency else {})}
    resp = runtime.call_http("upload", "POST", "/v1/uploads:signed-url", headers=headers, json_body=request)
    grant = resp.json() if resp.body else {}
    if resp.status != 201:
        raise InvalidInput(_error_message(grant, resp.status, "signed upload"))
    size = file.stat().st_size
    with file.open("rb") as body:
        if "resumable" in grant:
            stored = send_resumable(grant["resumable"], body, size)
        else:
            put = requests.request(grant["method"], grant["url"], data=body, headers=grant.get("headers") or {},
                                   timeout=600)
            if put.status_code >= 300:
                raise InvalidInput(f"storage refused the upload: HTTP {put.status_code} {put.text[:200]}")
            stored = put
    return str(grant["bucket"]), str(grant["object"]), _generation(stored)


def send_resumable(start: Mapping[str, Any], body: IO[bytes], size: int,
                   chunk_bytes: int = RESUMABLE_CHUNK_BYTES) -> requests.Response:
    """Open a resumable session with the signed ``start`` request, then ``PUT`` ``body`` in chunks.

    Each chunk carries ``Content-Range: bytes a-b/size``; Cloud Storage answers 308 until the last one. A
    chunk that fails on the network is sent once more with the same range. Memory: one chunk.
    """
    opened = requests.request(start["method"], start["url"], headers=dict(start.get("headers") or {}), timeout=60)
    if opened.status_code not in (200, 201) or "Location" not in opened.headers:
        raise InvalidInput(f"storage did not open an upload session: HTTP {opened.status_code} {opened.text[:200]}")
    session = opened.headers["Location"]
    offset = 0
    while True:
        chunk = body.read(chunk_bytes)
        end = offset + len(chunk)
        content_range = f"bytes {offset}-{end - 1}/{size}" if chunk else f"bytes */{size}"
        for attempt in (1, 2):
            try:
                resp = requests.put(session, data=chunk, headers={"Content-Range": content_range}, timeout=600)
                break
            except requests.ConnectionError:
                if attempt == 2:
                    raise
        if resp.status_code in (200, 201):
            return resp
        if resp.status_code != 308:
            raise InvalidInput(f"storage refused a chunk ({content_range}): HTTP {resp.status_code} "
                               f"{resp.text[:200]}")
        if end >= size:
            raise InvalidInput(f"storage kept the session open after all {size} bytes")
        offset = end


def _generation(resp: requests.Response) -> str:
    """The stored object's generation: the XML API's header, or the JSON resource (fake-gcs-server)."""
    if generation := resp.headers.get("x-goog-generation"):
        return generation
    try:
        return str(resp.json()["generation"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidInput("storage did not say which generation it stored") from exc


def wait_for_ingestion(deps: Deps, runtime: Runtime, headers: Mapping[str, str], ingestion_id: str,
                       name: str) -> IngestionView:
    """``GET /v1/ingestions/{id}`` until the pipeline reached the expected status (or failed)."""
    return _wait(deps.manifest, runtime, headers, ingestion_id, name)


def _wait(manifest: Manifest, runtime: Runtime | ServedRuntime, headers: Mapping[str, str], ingestion_id: str,
          name: str, *, failed_ok: bool = False) -> IngestionView:
    """The ingestion once settled (``InvalidInput`` when it failed, unless ``failed_ok``), with its derived ones."""
    wanted = {expected_status_in(manifest).value, IngestionStatus.FAILED.value}
    deadline = time.monotonic() + wait_seconds()
    view: IngestionView | None = None
    while True:
        res = runtime.call_http("upload", "GET", f"/v1/ingestions/{ingestion_id}", headers=dict(headers))
        if res.status == 200:
            view = IngestionView.model_validate(res.json())
        elif res.status != 404:
            raise InvalidInput(_error_message(res.json() if res.body else {}, res.status, "reading the ingestion"))
        settled = view is not None and view.status in wanted
        if settled or not runtime.delivers_in_background or time.monotonic() > deadline:
            break
        time.sleep(POLL_SECONDS)
    if view is None:
        raise InvalidInput(f"the pipeline did not record ingestion {ingestion_id} of {name}")
    if view.status == IngestionStatus.FAILED and not failed_ok:
        raise InvalidInput(view.error or "ingestion failed")
    if view.derived:  # the files of records a multi-file dataset's rows were joined into: how they ended
        joined: list[IngestionSummary] = []
        for derived in view.derived:
            try:  # a failed one as it is recorded (a workbook's sheet: which sheet, and why)
                joined.append(_wait(manifest, runtime, headers, derived, name, failed_ok=True))
            except InvalidInput as exc:
                joined.append(IngestionSummary(ingestion_id=derived, tenant_id=view.tenant_id, kind=None,
                                               status=IngestionStatus.FAILED.value, error=exc.message))
        view = view.model_copy(update={"joined": joined})
    return view
