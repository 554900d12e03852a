"""Deliver one alert or digest to one channel (Pub/Sub ``delivery-requested``); failures raise to be retried."""

from __future__ import annotations

import functions_framework

from shared.delivery.dispatch import DeliveryRequest, attempt
from shared.deps import get_deps
from shared.event_handler import pubsub_handler
from shared.events import PubSubMessage


@functions_framework.cloud_event
@pubsub_handler("deliver", DeliveryRequest,
                context=lambda r: {"tenant": r.tenant_id, "delivery_id": r.delivery_id})
def deliver(message: PubSubMessage, request: DeliveryRequest) -> str:
    return attempt(get_deps(), request.tenant_id, request.delivery_id)  # TransientError: Pub/Sub retries
