"""The body shared by every scheduled job function: decode, fan out or run, map errors."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from shared.deps import get_deps
from shared.errors import InvalidInput
from shared.events import decode_pubsub
from shared.observability.logs import configure_logging, get_logger, log_context, log_event
from shared.scheduling.jobs import JOB_TOPICS, JobRunner, handle

_log = get_logger(__name__)


def run_job_event(job: str, event: Any, runner: JobRunner) -> dict[str, Any] | None:
    """Handle one Pub/Sub CloudEvent for ``job``; permanent errors are logged and acknowledged."""
    configure_logging()
    try:
        message = decode_pubsub(event)
        payload = message.json() or {}
        if not isinstance(payload, dict):
            raise InvalidInput("job payload must be a JSON object")
    except InvalidInput as exc:
        log_event(_log, "job message rejected", severity="ERROR", job=job, error=str(exc))
        return None
    with log_context(event_id=message.message_id, tenant=payload.get("tenant_id"), job=job):
        deps = get_deps()
        result = handle(deps, JOB_TOPICS[job], payload, runner)
        if payload.get("tenant_id"):
            deps.documents.set(f"tenants/{payload['tenant_id']}/job_runs", f"{job}-{message.message_id}",
                               {"job": job, "message_id": message.message_id, "result": result,
                                "finished_at": datetime.now(UTC).isoformat()})
        log_event(_log, "job done", job=job, result=result)
        return result
