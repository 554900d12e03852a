"""Counters kept in transactions: LLM token usage per period and the global rate-limit buckets."""

from __future__ import annotations

from shared.store.documents._paths import tenant_collection

#: Global token buckets (by hashed scope and key), shared by every instance.
RATE_LIMITS = "rate_limits"


def llm_usage_collection(tenant: str) -> str:
    """A tenant's LLM token usage, one document per accounting period."""
    return tenant_collection(tenant, "llm_usage")
