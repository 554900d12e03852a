"""Jobs: deep question jobs with their per-agent parts, and batch forecast jobs with their chunks."""

from __future__ import annotations

from shared.store.documents._paths import nested_collection, tenant_collection

_JOBS = "jobs"


def jobs_collection(tenant: str) -> str:
    """A tenant's question jobs."""
    return tenant_collection(tenant, _JOBS)


def job_parts_collection(tenant: str, job_id: str) -> str:
    """The per-agent parts of one question job (``tenants/<tenant>/jobs/<job>/parts``)."""
    return nested_collection(tenant, _JOBS, job_id, "parts")


def forecast_jobs_collection(tenant: str) -> str:
    """A tenant's batch forecast jobs."""
    return tenant_collection(tenant, "forecast_jobs")


def forecast_job_chunks_collection(tenant: str) -> str:
    """Finished chunks of batch forecast jobs (the idempotency record of each chunk)."""
    return tenant_collection(tenant, "forecast_job_chunks")
