"""``GET /v1/ingestions/{id}``: one ingestion of the caller's tenant, as the CLI and clients poll it.

The id is derived from the raw object (``ingestion_id_for(bucket, object, generation)``), so a client that
uploaded a file knows it before the pipeline has run; until the ingest function records it the answer is 404.
Only ``tenants/{tenant}/ingestions`` of the authenticated tenant is read: another tenant's id is a 404 too.
"""

from __future__ import annotations

from typing import Any

from shared import regex as re
from shared.deps import Deps
from shared.errors import NotFound
from shared.ingest.ingestion import IngestionSummary
from shared.store.documents.ingestions import IngestionRecords

_INGESTION_ID = re.compile(r"^ing_[0-9a-f]{24}$")


class IngestionView(IngestionSummary):
    """An ingestion as the API shows it: the summary plus how many rows processing merged."""

    processed_rows: int | None = None
    source: str | None = None
    original_filename: str | None = None
    finished_at: str | None = None
    currency: str | None = None  # the upload's stated currency, applied to its rows that name none


def get_ingestion(deps: Deps, tenant_id: str, ingestion_id: str) -> IngestionView:
    """The ingestion ``ingestion_id`` of ``tenant_id`` (``NotFound`` when absent or not this tenant's)."""
    # an id that cannot exist is simply not found: it never reaches the document store as a path
    doc: dict[str, Any] | None = None
    if _INGESTION_ID.match(ingestion_id):
        doc = IngestionRecords(deps.documents, tenant_id).get(ingestion_id)
    if doc is None or doc.get("tenant_id", tenant_id) != tenant_id:
        raise NotFound(f"no ingestion {ingestion_id} in this tenant (yet)")
    fields = {k: v for k, v in doc.items() if k in IngestionView.model_fields}
    if fields.get("finished_at") is not None:
        fields["finished_at"] = str(fields["finished_at"])
    return IngestionView.model_validate(fields)
