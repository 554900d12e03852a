"""Deep mode: a job document, one Pub/Sub task per agent, parts stored per agent, one report per job.

Documents: ``tenants/{t}/jobs/{job_id}`` (status, plan, request, deadline, report when done; for a question
that also asks a sales figure, the metric report computed when it was asked, answered first or second as in
quick mode) and
``tenants/{t}/jobs/{job_id}/parts/{agent}`` (an :class:`AgentOutcome`). Topics: ``agent-task-<agent>``
(payload :class:`AgentTask`) and ``agent-part-done`` (payload :class:`PartDone`).
"""

from __future__ import annotations

import time
import uuid
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from shared.errors import NotFound
from shared.models.agents import AgentName, AgentRequest
from shared.observability.logs import get_logger, log_event
from shared.orchestration.executor import RunnerLookup, run_one
from shared.orchestration.model_use import maybe_narrate
from shared.orchestration.outcome import AgentOutcome
from shared.orchestration.plan import Plan
from shared.orchestration.report import Report
from shared.orchestration.synthesis import combine, synthesize
from shared.store.documents.jobs import job_parts_collection, jobs_collection
from shared.store.tenant import TENANT_ID_PATTERN

if TYPE_CHECKING:
    from shared.deps import Deps

_log = get_logger(__name__)
PART_DONE_TOPIC = "agent-part-done"
_JOB_ID = r"^[a-f0-9]{32}$"


def task_topic(agent: AgentName) -> str:
    """Topic carrying tasks for ``agent``."""
    return f"agent-task-{agent}"


class AgentTask(BaseModel):
    """One agent's share of a deep job."""

    tenant_id: str = Field(pattern=TENANT_ID_PATTERN)
    job_id: str = Field(pattern=_JOB_ID)
    agent: AgentName
    request: AgentRequest


class PartDone(BaseModel):
    """An agent stored its part."""

    tenant_id: str = Field(pattern=TENANT_ID_PATTERN)
    job_id: str = Field(pattern=_JOB_ID)
    agent: AgentName


class JobView(BaseModel):
    """What ``GET /v1/jobs/{id}`` returns."""

    job_id: str
    status: Literal["running", "done"]
    agents: list[AgentName]
    parts_done: list[AgentName]
    deadline_at: float
    report: Report | None = None


def create_job(deps: Deps, *, question: str, plan: Plan, planner: str, requests: dict[AgentName, AgentRequest],
               deadline_seconds: float, warnings: list[str], kpis: list[str], data_version: int,
               user: str, full: bool = False, metric: Report | None = None, agents_first: bool = False,
               lead: str = "", currency: str | None = None) -> str:
    """Create the job document and publish one task per planned agent; returns the job id.

    ``metric`` is the metrics layer's answer to the sales half of a mixed question ("what did we make last
    month and are we cheaper than MegaMart?"), computed now and kept in the job document so every assembly
    (a redelivered part, the deadline) combines the same figure; ``agents_first`` keeps the order asked.
    ``lead`` is what the reader must say before the agents' answer ("Orders are not forecast, only units sold
    and revenue."), as quick mode says it (``descriptive.with_lead``). ``currency`` is the tenant's (its
    catalogue's) when the question was asked: the assembled table states it on its money columns, as quick mode's.
    """
    job_id = uuid.uuid4().hex
    tenant = next(iter(requests.values())).tenant_id
    now = time.time()
    deps.documents.create(jobs_collection(tenant), job_id, {
        "job_id": job_id, "status": "running", "question": question, "plan": plan.model_dump(mode="json"),
        "planner": planner, "agents": list(requests),
        "warnings": warnings, "kpis": kpis, "data_version": data_version, "user": user, "full": full,
        "created_at": now, "deadline_at": now + deadline_seconds,
        **({"metric_report": metric.model_dump(mode="json"), "agents_first": agents_first} if metric else {}),
        **({"lead": lead} if lead else {}),
        **({"currency": currency} if currency else {}),
    })
    for agent, request in requests.items():
        task = AgentTask(tenant_id=tenant, job_id=job_id, agent=agent, request=request)
        deps.bus.publish(task_topic(agent), task.model_dump_json().encode(),
                         {"tenant_id": tenant, "job_id": job_id, "agent": agent})
    log_event(_log, "deep job created", job_id=job_id, tenant=tenant, agents=plan.agents)
    return job_id


def run_task(deps: Deps, task: AgentTask, runners: RunnerLookup | None = None) -> bool:
    """Run one agent task and store its part (idempotent); returns False when it was already done."""
    parts = job_parts_collection(task.tenant_id, task.job_id)
    job = deps.documents.get(jobs_collection(task.tenant_id), task.job_id)
    if job is None:
        raise NotFound(f"job {task.job_id} does not exist")
    if deps.documents.get(parts, task.agent) is None and job.get("status") == "running":
        outcome = run_one(deps, task.agent, task.request, runners)
        if not deps.documents.create(parts, task.agent, outcome.model_dump(mode="json")):
            return False
    elif deps.documents.get(parts, task.agent) is None:
        return False  # job already assembled (deadline): the late part is not needed
    deps.bus.publish(PART_DONE_TOPIC, PartDone(tenant_id=task.tenant_id, job_id=task.job_id,
                                               agent=task.agent).model_dump_json().encode(),
                     {"tenant_id": task.tenant_id, "job_id": task.job_id})
    return True


def _outcomes(job: dict[str, Any], parts: dict[str, dict[str, Any]]) -> list[AgentOutcome]:
    out = []
    for agent in job["agents"]:
        if agent in parts:
            out.append(AgentOutcome.model_validate({k: v for k, v in parts[agent].items() if k != "_id"}))
        else:
            out.append(AgentOutcome(agent=agent, status="timed_out",
                                    error="no result before the job deadline"))
    return out


def _load_parts(deps: Deps, tenant_id: str, job_id: str) -> dict[str, dict[str, Any]]:
    return {d["_id"]: d for d in deps.documents.query(job_parts_collection(tenant_id, job_id))}


def assemble(deps: Deps, tenant_id: str, job_id: str, *, force: bool = False, now: float | None = None) -> bool:
    """Assemble the report when every part is in, the deadline passed, or ``force``.

    Exactly one report per job: the final write is a transaction that only succeeds while the job runs.
    Returns True when this call wrote the report.
    """
    job = deps.documents.get(jobs_collection(tenant_id), job_id)
    if job is None:
        raise NotFound(f"job {job_id} does not exist")
    if job.get("status") != "running":
        return False
    parts = _load_parts(deps, tenant_id, job_id)
    now = time.time() if now is None else now
    complete = all(a in parts for a in job["agents"])
    if not (complete or force or now >= float(job["deadline_at"])):
        return False
    outcomes = _outcomes(job, parts)
    report = synthesize(job["question"], Plan.model_validate(job["plan"]), outcomes, mode="deep",
                        planner=job.get("planner", "router"), kpis=job.get("kpis") or [],
                        warnings=list(job.get("warnings") or []), data_version=int(job.get("data_version", 0)),
                        job_id=job_id, full=bool(job.get("full")),
                        currency=job["currency"] if isinstance(job.get("currency"), str) else None)
    report = maybe_narrate(deps, tenant_id, job["question"], outcomes, report)
    if job.get("lead") and report.answer:  # "Orders are not forecast, ...": said first, as in quick mode
        answer = str(job["lead"]) + report.answer
        report = report.model_copy(update={"answer": answer, "executive_summary": answer})
    if job.get("metric_report"):  # a mixed question: the sales figure too, in the order asked
        report = combine(Report.model_validate(job["metric_report"]), report,
                         agents_first=bool(job.get("agents_first")))
    body = report.model_dump(mode="json")

    def finish(doc: dict[str, Any] | None) -> bool:
        assert doc is not None  # the store passes {} for a new document
        if doc.get("status") != "running":
            return False
        doc.update({"status": "done", "report": body, "completed_at": time.time()})
        return True

    won = deps.documents.transact(jobs_collection(tenant_id), job_id, finish)
    if won:
        log_event(_log, "deep job assembled", job_id=job_id, tenant=tenant_id, complete=complete)
    return won


def job_view(deps: Deps, tenant_id: str, job_id: str, *, now: float | None = None) -> JobView:
    """The job as its owner sees it; a job past its deadline is assembled with what is in."""
    job = deps.documents.get(jobs_collection(tenant_id), job_id)
    if job is None:
        raise NotFound(f"job {job_id} not found")
    now = time.time() if now is None else now
    if job.get("status") == "running" and now >= float(job["deadline_at"]):
        assemble(deps, tenant_id, job_id, now=now)
        job = deps.documents.get(jobs_collection(tenant_id), job_id) or job
    parts = _load_parts(deps, tenant_id, job_id)
    return JobView(job_id=job_id, status=job["status"], agents=job["agents"],
                   parts_done=[a for a in job["agents"] if a in parts], deadline_at=float(job["deadline_at"]),
                   report=Report.model_validate(job["report"]) if job.get("report") else None)
