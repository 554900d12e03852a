"""Delivery records and attempts.

Each (alert or digest) x channel is one delivery at ``tenants/{t}/deliveries/{id}``, created once and queued
on ``delivery-requested``. The ``deliver`` function attempts it; a failure raises so Pub/Sub retries with
backoff, and after ``max_delivery_attempts`` the delivery is marked ``dead_lettered`` (and the message goes
to the dead-letter topic). The alert or digest itself is never lost: it stays queryable whatever happens.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.delivery import email, webhook
from shared.delivery.settings import Event, load_notifications
from shared.deps import Deps
from shared.errors import TransientError
from shared.observability.logs import get_logger, log_event
from shared.store.documents.alerts import alerts_collection
from shared.store.documents.deliveries import deliveries_collection, digests_collection

DELIVERY_TOPIC = "delivery-requested"
_log = get_logger(__name__)


class DeliveryRequest(BaseModel):
    """The ``delivery-requested`` message: which delivery record to attempt."""

    tenant_id: str = Field(min_length=1, max_length=64)
    delivery_id: str = Field(min_length=1, max_length=400)


class Delivery(BaseModel):
    """One message to one channel."""

    delivery_id: str
    tenant_id: str
    event: Event
    ref_id: str
    channel: Literal["webhook", "email"]
    target: str
    status: Literal["pending", "delivered", "dead_lettered"] = "pending"
    attempts: int = 0
    errors: list[str] = Field(default_factory=list)
    created_at: datetime
    delivered_at: datetime | None = None


def enqueue(deps: Deps, tenant: str, event: Event, ref_id: str) -> list[str]:
    """Create (once) and queue a delivery per configured channel; returns delivery ids queued now."""
    prefs = load_notifications(deps.documents, tenant)
    targets: list[tuple[Literal["webhook", "email"], str]] = [
        ("webhook", w.id) for w in prefs.webhooks if event in w.events]
    if prefs.emails and event in prefs.email_events:
        targets.append(("email", ",".join(prefs.emails)))
    queued = []
    for channel, target in targets:
        delivery_id = f"{event}-{ref_id}-{channel}-{target if channel == 'webhook' else 'mail'}"
        record = Delivery(delivery_id=delivery_id, tenant_id=tenant, event=event, ref_id=ref_id, channel=channel,
                          target=target, created_at=datetime.now(UTC))
        if deps.documents.create(deliveries_collection(tenant), delivery_id, record.model_dump(mode="json")):
            deps.bus.publish(DELIVERY_TOPIC, DeliveryRequest(tenant_id=tenant, delivery_id=delivery_id)
                             .model_dump_json().encode(),
                             {"tenant_id": tenant, "event": event})
            queued.append(delivery_id)
    return queued


def _alert_content(deps: Deps, tenant: str, ref_id: str) -> tuple[str, dict[str, Any], list[tuple[str, bytes]]]:
    doc = deps.documents.get(alerts_collection(tenant), ref_id)
    if doc is None:
        raise LookupError(f"alert {ref_id} not found")
    payload = {k: doc.get(k) for k in ("alert_id", "rule", "severity", "title", "reason", "sku", "metrics", "link",
                                        "created_at")}
    return f"[{doc.get('severity', '').upper()}] {doc.get('title')}", payload, []


def _digest_content(deps: Deps, tenant: str, ref_id: str) -> tuple[str, dict[str, Any], list[tuple[str, bytes]]]:
    from shared.digest.stored import load_chart_images

    doc = deps.documents.get(digests_collection(tenant), ref_id)
    if doc is None:
        raise LookupError(f"digest {ref_id} not found")
    images = load_chart_images(deps, doc)
    return str(doc.get("subject") or f"Your {doc.get('frequency', '')} digest"), doc, images


def _text(subject: str, payload: dict[str, Any]) -> str:
    if "actions" in payload:  # digest
        lines = [subject, "", str(payload.get("summary", "")), ""]
        for i, action in enumerate(payload.get("actions", []), 1):
            lines.append(f"{i}. {action.get('title')} (confidence {action.get('confidence', 'unknown')}, "
                         f"{action.get('urgency', '')} urgency)")
            if action.get("detail"):
                lines.append(f"   {action['detail']}")
            for ev in action.get("evidence", [])[:2]:
                lines.append(f"   evidence: {ev}")
        if payload.get("limitations"):
            lines += ["", "Data limitations: " + "; ".join(payload["limitations"])]
        return "\n".join(lines)
    return f"{subject}\n\n{payload.get('reason', '')}\n\nEvidence: {payload.get('link', '')}"


def attempt(deps: Deps, tenant: str, delivery_id: str) -> str:
    """Try one delivery; returns its final status, or raises ``TransientError`` to be retried."""
    collection = deliveries_collection(tenant)
    doc = deps.documents.get(collection, delivery_id)
    if doc is None:
        log_event(_log, "unknown delivery", severity="ERROR", delivery_id=delivery_id)
        return "unknown"
    record = Delivery.model_validate(doc)
    if record.status != "pending":
        return record.status
    try:
        subject, payload, images = (_alert_content if record.event == "alert" else _digest_content)(
            deps, tenant, record.ref_id)
        if record.channel == "webhook":
            prefs = load_notifications(deps.documents, tenant)
            target = next((w for w in prefs.webhooks if w.id == record.target), None)
            if target is None:
                raise LookupError(f"webhook {record.target} no longer configured")
            body = webhook.render(target.kind, record.event, {**payload, "title": payload.get("title", subject)})
            webhook.post(target.url, body, target.secret, timeout=deps.settings.webhook_timeout_seconds)
        else:
            message = email.build_message(deps.settings, to=record.target.split(","), subject=subject,
                                          text=_text(subject, payload), images=images)
            email.send(deps.settings, message)
    except Exception as exc:  # any failure counts as an attempt; the record says why
        record.attempts += 1
        record.errors = [*record.errors, f"{type(exc).__name__}: {exc}"][-5:]
        permanent = isinstance(exc, LookupError | webhook.DeliveryRefused)
        if record.attempts >= deps.settings.max_delivery_attempts or permanent:
            record.status = "dead_lettered"
            deps.documents.set(collection, delivery_id, record.model_dump(mode="json"))
            log_event(_log, "delivery dead-lettered", severity="ERROR", delivery_id=delivery_id,
                      attempts=record.attempts, error=record.errors[-1])
            return record.status
        deps.documents.set(collection, delivery_id, record.model_dump(mode="json"))
        raise TransientError(f"delivery {delivery_id} failed (attempt {record.attempts})") from exc
    record.attempts += 1
    record.status = "delivered"
    record.delivered_at = datetime.now(UTC)
    deps.documents.set(collection, delivery_id, record.model_dump(mode="json"))
    return record.status
