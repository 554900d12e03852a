"""Scheduled jobs: one record per run, and the nightly refresh's state and results."""

from __future__ import annotations

from shared.store.documents._paths import tenant_collection

#: Document (in :func:`refresh_collection`) holding when each agent was last refreshed.
REFRESH_STATE_DOC = "state"


def job_runs_collection(tenant: str) -> str:
    """Records of a tenant's scheduled job runs (``<job>-<message id>``)."""
    return tenant_collection(tenant, "job_runs")


def refresh_collection(tenant: str) -> str:
    """The nightly refresh's state."""
    return tenant_collection(tenant, "refresh")


def refresh_results_collection(tenant: str) -> str:
    """The latest result of each refreshed agent batch."""
    return tenant_collection(tenant, "refresh_results")
