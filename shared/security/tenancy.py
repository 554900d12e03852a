"""Tenant isolation helpers: the tenant always comes from the principal, and mismatches are security events."""

from __future__ import annotations

from typing import Any

from shared.audit.security_events import record_security_event
from shared.errors import NotFound
from shared.security.principal import Principal


def require_same_tenant(deps: Any, principal: Principal, owner_tenant: str | None, target: str) -> None:
    """Refuse access to a resource owned by another tenant: record a security event, answer 404.

    404 (not 403) so the caller cannot tell an existing foreign id from a missing one.
    """
    if owner_tenant is not None and owner_tenant != principal.tenant_id:
        record_security_event(deps, kind="cross_tenant", tenant=principal.tenant_id, actor=principal.subject,
                              target=target, details={"owner_tenant": owner_tenant})
        raise NotFound(f"{target} not found")
