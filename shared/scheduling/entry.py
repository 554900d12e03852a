"""The body shared by every scheduled job function: the event kernel around fan out or run."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.deps import get_deps
from shared.event_handler import pubsub_handler
from shared.events import PubSubMessage
from shared.observability.logs import get_logger, log_event
from shared.scheduling.jobs import JOB_TOPICS, JobRunner, handle
from shared.store.documents.schedules import job_runs_collection

_log = get_logger(__name__)


class JobRequest(BaseModel):
    """A scheduled job's message: no tenant (from Cloud Scheduler) fans out; with one, one run.

    Other fields are the job's own options, passed through.
    """

    model_config = ConfigDict(extra="allow")

    tenant_id: str | None = Field(default=None, max_length=64)


def run_job_event(job: str, event: Any, runner: JobRunner) -> dict[str, Any] | None:
    """Handle one Pub/Sub CloudEvent for ``job`` (the kernel acknowledges malformed and permanent errors)."""
    results: list[dict[str, Any]] = []

    @pubsub_handler(job, JobRequest, context=lambda r: {"tenant": r.tenant_id, "job": job})
    def run(message: PubSubMessage, request: JobRequest) -> str:
        deps = get_deps()
        payload = request.model_dump(exclude_none=True)
        result = handle(deps, JOB_TOPICS[job], payload, runner)
        if request.tenant_id:
            deps.documents.set(job_runs_collection(request.tenant_id), f"{job}-{message.message_id}",
                               {"job": job, "message_id": message.message_id, "result": result,
                                "finished_at": datetime.now(UTC).isoformat()})
        log_event(_log, "job done", job=job, result=result)
        results.append(result)
        return "fanned_out" if "fanned_out" in result else "ok"

    run(event)
    return results[0] if results else None
