"""Ingest a local file through the real upload path of the embedded runtime (CLI and ``ecomintel demo``)."""

from __future__ import annotations

from pathlib import Path

from shared.deps import Deps
from shared.errors import InvalidInput
from shared.ingest.ingestion import IngestionStatus, IngestionSummary, ingestion_id_for, ingestions_collection
from shared.ingest.lifecycle import is_abandoned, unfinished
from shared.security.principal import Role
from shared.security.tokens import mint_token

PROCESS_FUNCTION = "process"


def expected_status(deps: Deps) -> IngestionStatus:
    """``processed`` when a ``process`` function is deployed (in the manifest and built), else ``staged``."""
    spec = deps.manifest.functions.get(PROCESS_FUNCTION)
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
    for doc in unfinished(deps.documents, tenant):
        ingestion_id = str(doc["_id"])
        status = doc.get("status")
        if status == IngestionStatus.STAGING:
            if not is_abandoned(doc) or not doc.get("object"):
                continue
            ingest_object(deps, StorageObjectEvent(
                event_id=f"resume-{ingestion_id}", bucket=str(doc["bucket"]), name=str(doc["object"]),
                generation=str(doc["generation"]), metadata={"tenant_id": tenant}))
            doc = deps.documents.get(ingestions_collection(tenant), ingestion_id) or {}
            status = doc.get("status")
        elif status == IngestionStatus.PROCESSING and not is_abandoned(doc):
            continue
        if processing and status in (IngestionStatus.STAGED, IngestionStatus.PROCESSING) and doc.get("kind"):
            process_staged(deps, StagedNotice(tenant_id=tenant, ingestion_id=ingestion_id, kind=doc["kind"]))
        final = deps.documents.get(ingestions_collection(tenant), ingestion_id)
        if final is not None:
            resumed.append(IngestionSummary.from_document(final))
    return resumed


def ingest_path(deps: Deps, path: str | Path, tenant: str, kind: str | None = None) -> IngestionSummary:
    """Upload ``path`` as an analyst of ``tenant``, drain the pipeline, and return the ingestion's summary.

    Raises ``InvalidInput`` with a one-line reason when the file cannot be read or is refused.
    """
    from shared.runtime.local import LocalRuntime

    file = Path(path)
    if not file.is_file():
        raise InvalidInput(f"no such file: {file}")
    resumed = resume_unfinished(deps, tenant)  # so duplicates are judged against everything stored
    token = mint_token(deps.settings, subject="cli", tenant_id=tenant, role=Role.ANALYST)
    runtime = LocalRuntime(deps)
    query = {"filename": file.name}
    if kind:
        query["kind"] = kind
    with file.open("rb") as body:  # streamed to the upload function, never held whole
        resp = runtime.call_http(
            "upload", "POST", "/v1/uploads",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"},
            query=query, data=body,
        )
    body = resp.json() if resp.body else {}
    if resp.status != 201:
        message = (body or {}).get("error", {}).get("message") or f"upload failed with HTTP {resp.status}"
        raise InvalidInput(message)
    runtime.drain()
    ingestion_id = ingestion_id_for(body["bucket"], body["object"], str(body["generation"]))
    doc = deps.documents.get(ingestions_collection(tenant), ingestion_id)
    if doc is None:
        raise InvalidInput(f"the pipeline did not record ingestion {ingestion_id} of {body['object']}")
    summary = IngestionSummary.from_document(doc).model_copy(update={"resumed": resumed})
    if summary.status == IngestionStatus.FAILED:
        raise InvalidInput(summary.error or "ingestion failed")
    return summary
