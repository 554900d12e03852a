"""How a document path is put together: ``tenants/<tenant>/<collection>[/<doc>/<sub-collection>]``.

Private to the store: the aggregate modules name their collections and call these; nothing else joins a
path. The tenant id is validated here, so no path can be built for a malformed (or empty) tenant.
"""

from __future__ import annotations

from shared.store.tenant import tenant_id

#: The top-level collection every tenant's documents hang under (also the tenant registry itself).
TENANTS = "tenants"


def tenant_collection(tenant: str, name: str) -> str:
    """``tenants/<tenant>/<name>`` for a validated tenant."""
    return f"{TENANTS}/{tenant_id(tenant)}/{name}"


def nested_collection(tenant: str, parent: str, doc_id: str, name: str) -> str:
    """``tenants/<tenant>/<parent>/<doc_id>/<name>``: a sub-collection under one document."""
    if not doc_id or "/" in doc_id:
        raise ValueError(f"invalid document id {doc_id!r}")
    return f"{tenant_collection(tenant, parent)}/{doc_id}/{name}"
