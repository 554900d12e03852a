"""Deliver one alert or digest to one channel (Pub/Sub ``delivery-requested``); failures raise to be retried."""

import functions_framework
from cloudevents.http import CloudEvent

from shared.delivery.dispatch import attempt
from shared.deps import get_deps
from shared.errors import InvalidInput
from shared.events import decode_pubsub
from shared.observability.logs import configure_logging, get_logger, log_context, log_event

_log = get_logger("functions.deliver")


@functions_framework.cloud_event
def deliver(event: CloudEvent) -> None:
    configure_logging()
    try:
        message = decode_pubsub(event)
        payload = message.json()
        tenant, delivery_id = str(payload["tenant_id"]), str(payload["delivery_id"])
    except (InvalidInput, KeyError, TypeError) as exc:
        log_event(_log, "delivery message rejected", severity="ERROR", error=str(exc))
        return
    with log_context(event_id=message.message_id, tenant=tenant, delivery_id=delivery_id):
        status = attempt(get_deps(), tenant, delivery_id)  # TransientError propagates: Pub/Sub retries
        log_event(_log, "delivery finished", status=status)
