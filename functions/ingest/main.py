"""Storage-finalize entry point ``ingest_object``: stream a raw file into staging and rejects."""

from __future__ import annotations

from typing import Any

import functions_framework

from shared.deps import get_deps
from shared.errors import InvalidInput
from shared.events import decode_storage
from shared.ingest.pipeline import ingest_object as ingest_raw_object
from shared.observability.logs import configure_logging, get_logger, log_event
from shared.observability.metrics import EVENTS_HANDLED

_log = get_logger(__name__)


@functions_framework.cloud_event
def ingest_object(event: Any) -> None:
    configure_logging()
    try:
        obj = decode_storage(event)
    except InvalidInput as exc:  # permanent: a retry would fail the same way
        log_event(_log, "malformed storage event", severity="ERROR", error=exc.message)
        EVENTS_HANDLED.labels(function="ingest", outcome="malformed").inc()
        return
    try:
        result = ingest_raw_object(get_deps(), obj)
    except Exception:
        EVENTS_HANDLED.labels(function="ingest", outcome="retry").inc()
        raise  # transient: the platform redelivers, the retry cleans up and starts over
    outcome = "ignored" if result is None else str(result.status)
    EVENTS_HANDLED.labels(function="ingest", outcome=outcome).inc()
