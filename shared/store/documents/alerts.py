"""Alerts and the engine's bookkeeping: ``alerts``, ``alert_state`` (per key), ``alert_caps`` (per rule/day)."""

from __future__ import annotations

from shared.store.documents._paths import tenant_collection


def alerts_collection(tenant: str) -> str:
    """A tenant's alerts."""
    return tenant_collection(tenant, "alerts")


def alert_state_collection(tenant: str) -> str:
    """Per-key alert state (firing, held, reference values)."""
    return tenant_collection(tenant, "alert_state")


def alert_caps_collection(tenant: str) -> str:
    """Per-rule daily notification counters."""
    return tenant_collection(tenant, "alert_caps")
