"""Event handlers behind the thin job, synthesize and data_updated functions.

Permanent problems (bad payload, unknown job) are logged and acknowledged; anything else raises so the
platform redelivers. Every handler is idempotent (parts are created once, the report is written once,
version bumps are keyed by kind and ingestion id).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shared.errors import NotFound
from shared.models.agents import AgentName
from shared.observability.logs import get_logger, log_context, log_event
from shared.observability.metrics import EVENTS_HANDLED
from shared.orchestration.data_updated import handle_data_updated  # noqa: F401 - one import place for handlers
from shared.orchestration.decoding import decode_payload
from shared.orchestration.executor import RunnerLookup
from shared.orchestration.jobs import AgentTask, PartDone, assemble, run_task

if TYPE_CHECKING:
    from shared.deps import Deps

_log = get_logger(__name__)


def handle_agent_task(deps: Deps, event: Any, agent: AgentName, runners: RunnerLookup | None = None) -> None:
    """``agent-task-<agent>``: run the agent and store its part."""
    function = f"{agent}_job"
    decoded = decode_payload(event, AgentTask, function)
    if decoded is None:
        return
    msg, task = decoded
    with log_context(event_id=msg.event_id, tenant=task.tenant_id, job_id=task.job_id):
        if task.agent != agent:
            log_event(_log, "task for another agent acknowledged", severity="ERROR", got=task.agent, want=agent)
            EVENTS_HANDLED.labels(function=function, outcome="invalid").inc()
            return
        try:
            ran = run_task(deps, task, runners)
        except NotFound as exc:
            log_event(_log, "task for unknown job acknowledged", severity="ERROR", error=str(exc))
            EVENTS_HANDLED.labels(function=function, outcome="invalid").inc()
            return
        EVENTS_HANDLED.labels(function=function, outcome="ok" if ran else "duplicate").inc()


def handle_part_done(deps: Deps, event: Any) -> None:
    """``agent-part-done``: assemble the report when all parts are in (exactly once per job)."""
    decoded = decode_payload(event, PartDone, "synthesize")
    if decoded is None:
        return
    msg, part = decoded
    with log_context(event_id=msg.event_id, tenant=part.tenant_id, job_id=part.job_id):
        try:
            wrote = assemble(deps, part.tenant_id, part.job_id)
        except NotFound as exc:
            log_event(_log, "part for unknown job acknowledged", severity="ERROR", error=str(exc))
            EVENTS_HANDLED.labels(function="synthesize", outcome="invalid").inc()
            return
        EVENTS_HANDLED.labels(function="synthesize", outcome="assembled" if wrote else "waiting").inc()
