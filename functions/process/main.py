"""``process``: an ingestion staged rows; normalise, deduplicate, fill, score and merge them.

Permanent failures (malformed message, unknown or unprocessable ingestion) are logged and acknowledged;
anything else raises so Pub/Sub redelivers (processing is idempotent on the ingestion).
"""

from __future__ import annotations

import functions_framework
from cloudevents.http import CloudEvent
from pydantic import ValidationError

from shared.deps import get_deps
from shared.errors import InvalidInput, NotFound
from shared.events import decode_pubsub
from shared.observability.logs import configure_logging, get_logger, log_context, log_event
from shared.observability.metrics import EVENTS_HANDLED
from shared.processing.service import StagedNotice, process_staged

_log = get_logger("functions.process")


@functions_framework.cloud_event
def process_ingestion(event: CloudEvent) -> None:
    configure_logging()
    try:
        message = decode_pubsub(event)
        notice = StagedNotice.model_validate(message.json())
    except (InvalidInput, ValidationError) as exc:
        log_event(_log, "malformed ingestion-staged message acknowledged", severity="ERROR",
                  event_id=getattr(event, "get", lambda _k: None)("id"), error=str(exc))
        EVENTS_HANDLED.labels(function="process", outcome="malformed").inc()
        return
    with log_context(event_id=message.event_id, tenant=notice.tenant_id, ingestion_id=notice.ingestion_id):
        try:
            outcome = process_staged(get_deps(), notice)
        except (NotFound, InvalidInput) as exc:
            log_event(_log, "ingestion cannot be processed; acknowledged", severity="ERROR", error=exc.message)
            EVENTS_HANDLED.labels(function="process", outcome="permanent_error").inc()
            return
        EVENTS_HANDLED.labels(function="process", outcome=outcome.status).inc()
