"""Admin endpoints: the audit log and tenant settings (thin: decode, call the core)."""

from __future__ import annotations

import flask
import functions_framework

from shared.audit.log import list_audit, record_audit
from shared.deps import get_deps
from shared.errors import InvalidInput
from shared.http import Routes, endpoint, parse_body
from shared.retention.policy import RetentionPolicy
from shared.retention.policy_api import RetentionPolicyIn, policy_view, replace_policy
from shared.security.api_models import AuditEntryOut, AuditPage, TenantSettings
from shared.security.principal import Principal, Role
from shared.security.tenant_settings import get_tenant_settings, put_tenant_settings


def _int_arg(request: flask.Request, name: str, default: int | None, lo: int, hi: int) -> int | None:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise InvalidInput(f"query parameter {name!r} must be an integer", details={"field": name}) from exc
    if not lo <= value <= hi:
        raise InvalidInput(f"query parameter {name!r} must be between {lo} and {hi}", details={"field": name})
    return value


@endpoint(role=Role.ADMIN, route="/v1/audit")
def get_audit(request: flask.Request, principal: Principal) -> AuditPage:
    limit = _int_arg(request, "limit", 100, 1, 1000) or 100
    before = _int_arg(request, "before_ns", None, 0, 2**63 - 1)
    action = request.args.get("action") or None
    if action is not None and len(action) > 100:
        raise InvalidInput("query parameter 'action' is too long", details={"field": "action"})
    entries = list_audit(get_deps(), principal.tenant_id, action=action, limit=limit, before_ns=before)
    next_before = None
    if len(entries) == limit and entries:
        next_before = int(entries[-1].id.split("-", 1)[0])
    return AuditPage(items=[AuditEntryOut.model_validate(e.model_dump()) for e in entries],
                     next_before_ns=next_before)


@endpoint(role=Role.VIEWER, route="/v1/settings")
def get_settings_view(request: flask.Request, principal: Principal) -> TenantSettings:
    return get_tenant_settings(get_deps().documents, principal.tenant_id)


@endpoint(role=Role.ADMIN, route="/v1/settings")
def put_settings(request: flask.Request, principal: Principal) -> TenantSettings:
    body = parse_body(request, TenantSettings)
    deps = get_deps()
    before = put_tenant_settings(deps.documents, principal.tenant_id, body)
    changed = {k: {"from": v, "to": getattr(body, k)} for k, v in before.model_dump().items()
               if getattr(body, k) != v}
    record_audit(deps, principal.tenant_id, principal.subject, "settings.updated", "settings", changed)
    return body


@endpoint(role=Role.VIEWER, route="/v1/retention")
def get_retention(request: flask.Request, principal: Principal) -> RetentionPolicy:
    return policy_view(get_deps(), principal.tenant_id)


@endpoint(role=Role.ADMIN, route="/v1/retention")
def put_retention(request: flask.Request, principal: Principal) -> RetentionPolicy:
    return replace_policy(get_deps(), principal.tenant_id, principal.subject, parse_body(request, RetentionPolicyIn))


ROUTES = Routes([
    ("GET", "/v1/retention", get_retention),
    ("PUT", "/v1/retention", put_retention),
    ("GET", "/v1/audit", get_audit),
    ("GET", "/v1/settings", get_settings_view),
    ("PUT", "/v1/settings", put_settings),
])


@functions_framework.http
def admin_http(request: flask.Request) -> flask.Response:
    return ROUTES.dispatch(request)
