"""What the ``reports`` retention class covers in the document store."""

from __future__ import annotations

from shared.store.documents._paths import tenant_collection
from shared.store.documents.alerts import alerts_collection
from shared.store.documents.deliveries import digests_collection
from shared.store.documents.jobs import jobs_collection


def reports_collection(tenant: str) -> str:
    """Stored reports of a tenant."""
    return tenant_collection(tenant, "reports")


def report_class_collections(tenant: str) -> tuple[tuple[str, str], ...]:
    """``(collection, timestamp field)`` of every collection holding the tenant's reports-class data."""
    return ((digests_collection(tenant), "created_at"), (alerts_collection(tenant), "created_at"),
            (reports_collection(tenant), "created_at"), (jobs_collection(tenant), "created_at"))
