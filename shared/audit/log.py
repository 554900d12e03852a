"""The audit log: who did what to which target, per tenant, stored in the document store.

Entries live at ``tenants/<tenant>/audit/<id>`` where the id sorts by time, so admins can page newest
first. Security events (refused cross-tenant access, role violations, failed logins) are audit entries
with an ``action`` of ``security.<kind>``; they are also logged at WARNING and counted in a metric.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from shared.ports import DocumentStore, Filter
from shared.store.documents.audit import audit_collection

SECURITY_PREFIX = "security."


class AuditEntry(BaseModel):
    """One audited operation."""

    id: str
    tenant_id: str
    at: datetime
    actor: str
    action: str = Field(description="e.g. upload.created, api_key.revoked, settings.updated, security.cross_tenant")
    target: str = ""
    details: dict[str, Any] = Field(default_factory=dict)


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{field: {"from", "to"}}`` for each field a settings change altered (what the audit entry records)."""
    return {k: {"from": v, "to": after.get(k)} for k, v in before.items() if after.get(k) != v}


def record_audit(
    deps: Any, tenant: str, actor: str, action: str, target: str = "", details: dict[str, Any] | None = None
) -> AuditEntry:
    """Append an audit entry for ``tenant`` (``deps`` is anything with a ``documents`` store)."""
    documents: DocumentStore = deps.documents
    now_ns = time.time_ns()
    entry = AuditEntry(
        id=f"{now_ns:020d}-{uuid.uuid4().hex[:8]}",
        tenant_id=tenant,
        at=datetime.fromtimestamp(now_ns / 1e9, UTC),
        actor=actor,
        action=action,
        target=target,
        details=details or {},
    )
    data = entry.model_dump(mode="json")
    data["at_ns"] = now_ns
    documents.set(audit_collection(tenant), entry.id, data)
    return entry


def list_audit(
    deps: Any, tenant: str, *, action: str | None = None, limit: int = 100, before_ns: int | None = None
) -> list[AuditEntry]:
    """A tenant's audit entries, newest first, optionally one action (or ``security.`` prefix)."""
    documents: DocumentStore = deps.documents
    filters: list[Filter] = []
    if action and not action.endswith("."):
        filters.append(Filter("action", "==", action))
    if before_ns is not None:
        filters.append(Filter("at_ns", "<", before_ns))
    rows = documents.query(audit_collection(tenant), filters, order_by="at_ns", descending=True,
                           limit=None if action and action.endswith(".") else limit)
    if action and action.endswith("."):
        rows = [r for r in rows if str(r.get("action", "")).startswith(action)][:limit]
    return [AuditEntry.model_validate(r) for r in rows]
