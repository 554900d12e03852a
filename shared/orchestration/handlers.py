"""Event handlers behind the thin job, synthesize and data_updated functions.

The event kernel (``shared.event_handler``) acknowledges permanent problems (bad payload, unknown job) and
lets anything else raise so the platform redelivers. Every handler is idempotent (parts are created once, the
report is written once, version bumps are keyed by kind and ingestion id).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shared.errors import InvalidInput
from shared.event_handler import pubsub_handler
from shared.events import PubSubMessage
from shared.models.agents import AgentName
from shared.observability.logs import get_logger
from shared.orchestration.data_updated import handle_data_updated  # noqa: F401 - one import place for handlers
from shared.orchestration.executor import RunnerLookup
from shared.orchestration.jobs import AgentTask, PartDone, assemble, run_task

if TYPE_CHECKING:
    from shared.deps import Deps


_log = get_logger(__name__)


def handle_agent_task(deps: Deps, event: Any, agent: AgentName, runners: RunnerLookup | None = None) -> None:
    """``agent-task-<agent>``: run the agent and store its part."""

    @pubsub_handler(f"{agent}_job", AgentTask, context=lambda t: {"tenant": t.tenant_id, "job_id": t.job_id})
    def run(message: PubSubMessage, task: AgentTask) -> str:
        if task.agent != agent:
            raise InvalidInput(f"task for agent {task.agent!r} delivered to the {agent} function")
        return "ok" if run_task(deps, task, runners) else "duplicate"

    run(event)


def handle_part_done(deps: Deps, event: Any) -> None:
    """``agent-part-done``: assemble the report when all parts are in (exactly once per job)."""

    @pubsub_handler("synthesize", PartDone, context=lambda p: {"tenant": p.tenant_id, "job_id": p.job_id})
    def run(message: PubSubMessage, part: PartDone) -> str:
        return "assembled" if assemble(deps, part.tenant_id, part.job_id) else "waiting"

    run(event)

