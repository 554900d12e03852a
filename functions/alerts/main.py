"""Alerts API: list, read, acknowledge and resolve a tenant's alerts; manage where they are delivered."""

from __future__ import annotations

import secrets

import flask
import functions_framework

from shared.alerts.lifecycle import acknowledge_alert, resolve_alert
from shared.alerts.models import Alert, AlertPage
from shared.alerts.rules import AlertRules
from shared.alerts.rules_api import AlertRulesIn, replace_rules, rules_view
from shared.audit.log import record_audit
from shared.delivery.settings import (
    NotificationSettings,
    NotificationSettingsIn,
    NotificationSettingsView,
    load_notifications,
    mask_url,
    merge_webhooks,
    save_notifications,
)
from shared.deps import get_deps
from shared.errors import InvalidInput, NotFound
from shared.http import Routes, endpoint, parse_body, path_param
from shared.ports import Filter
from shared.security import outbound
from shared.security.principal import Principal, Role
from shared.store.documents.alerts import alerts_collection

_STATUSES = ("open", "acknowledged", "resolved")


@endpoint(role=Role.VIEWER, route="/v1/alerts")
def list_alerts(request: flask.Request, principal: Principal) -> AlertPage:
    status = request.args.get("status")
    if status is not None and status not in _STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(_STATUSES)}", details={"field": "status"})
    filters = [Filter("status", "==", status)] if status else []
    docs = get_deps().documents.query(alerts_collection(principal.tenant_id), filters, order_by="created_at",
                                      descending=True, limit=200)
    return AlertPage(items=[Alert.model_validate(d) for d in docs])


def _one(principal: Principal, alert: Alert | None) -> Alert:
    if alert is None:
        raise NotFound("alert not found")
    return alert


@endpoint(role=Role.VIEWER, route="/v1/alerts/{alert_id}")
def get_alert(request: flask.Request, principal: Principal) -> Alert:
    doc = get_deps().documents.get(alerts_collection(principal.tenant_id), path_param(request, "alert_id"))
    return _one(principal, None if doc is None else Alert.model_validate(doc))


@endpoint(role=Role.ANALYST, route="/v1/alerts/{alert_id}:acknowledge")
def ack_alert(request: flask.Request, principal: Principal) -> Alert:
    alert_id = path_param(request, "alert_id")
    return _one(principal, acknowledge_alert(get_deps(), principal.tenant_id, alert_id, actor=principal.subject))


@endpoint(role=Role.ANALYST, route="/v1/alerts/{alert_id}:resolve")
def resolve(request: flask.Request, principal: Principal) -> Alert:
    alert_id = path_param(request, "alert_id")
    return _one(principal, resolve_alert(get_deps(), principal.tenant_id, alert_id, actor=principal.subject))


@endpoint(role=Role.VIEWER, route="/v1/notifications")
def get_notifications(request: flask.Request, principal: Principal) -> NotificationSettingsView:
    return NotificationSettingsView.of(load_notifications(get_deps().documents, principal.tenant_id))


@endpoint(role=Role.ADMIN, route="/v1/notifications")
def put_notifications(request: flask.Request, principal: Principal) -> NotificationSettings:
    """Replace channels; a new receiver (or a new URL) sent without a secret gets one, returned in this response.

    Receivers sent back as the settings page shows them (URL masked, no secret) keep their URL and secret.
    """
    body = parse_body(request, NotificationSettingsIn)
    deps = get_deps()
    stored = load_notifications(deps.documents, principal.tenant_id).webhooks
    webhooks = merge_webhooks(body.webhooks, stored, lambda: secrets.token_urlsafe(32))
    for hook in webhooks:
        try:
            outbound.check_url(hook.url, resolver=outbound.resolve, unresolvable_ok=True)
        except outbound.OutboundRefused as exc:
            raise InvalidInput(f"webhook {hook.id}: {exc}", details={"field": "webhooks.url"}) from exc
    settings = NotificationSettings(webhooks=webhooks, emails=body.emails, email_events=body.email_events,
                                    digest_frequency=body.digest_frequency)
    save_notifications(deps.documents, principal.tenant_id, settings)
    record_audit(deps, principal.tenant_id, principal.subject, "settings.notifications_updated", "notifications",
                 {"webhooks": [mask_url(h.url) for h in settings.webhooks], "emails": len(settings.emails)})
    return settings


@endpoint(role=Role.VIEWER, route="/v1/alert-rules")
def get_alert_rules(request: flask.Request, principal: Principal) -> AlertRules:
    return rules_view(get_deps(), principal.tenant_id)


@endpoint(role=Role.ADMIN, route="/v1/alert-rules")
def put_alert_rules(request: flask.Request, principal: Principal) -> AlertRules:
    return replace_rules(get_deps(), principal.tenant_id, principal.subject, parse_body(request, AlertRulesIn))


ROUTES = Routes([
    ("GET", "/v1/alerts", list_alerts),
    ("GET", "/v1/alerts/{alert_id}", get_alert),
    ("POST", "/v1/alerts/{alert_id}:acknowledge", ack_alert),
    ("POST", "/v1/alerts/{alert_id}:resolve", resolve),
    ("GET", "/v1/notifications", get_notifications),
    ("PUT", "/v1/notifications", put_notifications),
    ("GET", "/v1/alert-rules", get_alert_rules),
    ("PUT", "/v1/alert-rules", put_alert_rules),
])


@functions_framework.http
def alerts_http(request: flask.Request) -> flask.Response:
    return ROUTES.dispatch(request)
