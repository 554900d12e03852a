"""Pub/Sub entry point: forecast one chunk of a tenant's SKUs (fan-out of a tenant-wide forecast)."""

from __future__ import annotations

import functions_framework

from shared.deps import get_deps
from shared.event_handler import pubsub_handler
from shared.events import PubSubMessage
from shared.forecast.jobs import ChunkMessage, run_chunk


@functions_framework.cloud_event
@pubsub_handler("forecast_batch", ChunkMessage, context=lambda c: {"tenant": c.tenant_id, "job_id": c.job_id})
def forecast_chunk_event(message: PubSubMessage, chunk: ChunkMessage) -> str:
    return "duplicate" if run_chunk(get_deps(), chunk).get("duplicate") else "ok"
