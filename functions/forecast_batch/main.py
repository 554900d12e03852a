"""Pub/Sub entry point: forecast one chunk of a tenant's SKUs (fan-out of a tenant-wide forecast)."""

from __future__ import annotations

from typing import Any

import functions_framework
from pydantic import ValidationError

from shared.deps import get_deps
from shared.errors import InvalidInput
from shared.events import decode_pubsub
from shared.observability.logs import configure_logging, get_logger, log_context, log_event

_log = get_logger(__name__)


@functions_framework.cloud_event
def forecast_chunk_event(event: Any) -> None:
    configure_logging()
    from shared.forecast.jobs import ChunkMessage, run_chunk

    try:
        message = decode_pubsub(event)
        chunk = ChunkMessage.model_validate(message.json())
    except (InvalidInput, ValidationError) as exc:  # permanent: log and acknowledge
        log_event(_log, "bad forecast chunk message", severity="ERROR", error=str(exc)[:500])
        return
    with log_context(event_id=message.event_id, tenant=chunk.tenant_id, job_id=chunk.job_id):
        outcome = run_chunk(get_deps(), chunk)
        log_event(_log, "forecast chunk done", chunk=chunk.chunk, duplicate=bool(outcome.get("duplicate")))
