"""A tenant's own service figures for the console's Metrics page.

Ingestion volume and failures, deep-question latency and agent outcomes, LLM tokens against the budget.

Built from the tenant's documents (ingestion records, job records, the token ledger), never from the
process-wide Prometheus registry: ``/metrics`` aggregates every tenant, and one tenant's admin must not see
another's volumes.
"""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from shared.deps import Deps
from shared.ingest.lifecycle import IngestionStatus
from shared.orchestration import budget as budget_mod
from shared.store.documents.ingestions import IngestionRecords
from shared.store.documents.jobs import jobs_collection


class IngestionDay(BaseModel):
    """Files and rows ingested on one day (UTC)."""

    date: date
    files: int = 0
    failed: int = 0
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0


class IngestionUsage(BaseModel):
    """Ingestion volume and failures over the window."""

    files: int
    failed: int
    rows_read: int
    accepted: int
    rejected: int
    by_day: list[IngestionDay]
    last_failure: str | None = Field(default=None, description="The most recent failed ingestion's error.")


class QuestionUsage(BaseModel):
    """Deep questions (jobs) over the window: how long they took and how their agents ended."""

    deep_jobs: int
    completed: int
    latency_p50_s: float | None = None
    latency_p95_s: float | None = None
    agent_outcomes: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="Agent -> result status (ok, partial, timed_out, failed, ...) -> count.")


class LlmUsage(BaseModel):
    """Tokens used this budget period against the budget."""

    period: str
    used: int
    budget: int
    state: str
    used_ratio: float


class TenantUsage(BaseModel):
    """The Metrics page: one tenant's figures over the last ``days`` days."""

    days: int
    since: date
    ingestions: IngestionUsage
    questions: QuestionUsage
    llm: LlmUsage


def _when(value: Any) -> datetime | None:
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 3)
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1], 3)


def ingestion_usage(docs: list[dict[str, Any]], since: datetime) -> IngestionUsage:
    """Per-day volume and failures of the ingestions that finished (or started) since ``since``."""
    days: dict[date, IngestionDay] = {}
    last_failure: tuple[datetime, str] | None = None
    for doc in docs:
        when = _when(doc.get("finished_at")) or _when(doc.get("started_at"))
        if when is None or when < since:
            continue
        day = days.setdefault(when.date(), IngestionDay(date=when.date()))
        day.files += 1
        day.rows_read += int(doc.get("rows_read") or 0)
        day.accepted += int(doc.get("accepted") or 0)
        day.rejected += int(doc.get("rejected") or 0)
        if doc.get("status") == IngestionStatus.FAILED:
            day.failed += 1
            if last_failure is None or when > last_failure[0]:
                last_failure = (when, str(doc.get("error") or "failed"))
    by_day = sorted(days.values(), key=lambda d: d.date)
    return IngestionUsage(
        files=sum(d.files for d in by_day), failed=sum(d.failed for d in by_day),
        rows_read=sum(d.rows_read for d in by_day), accepted=sum(d.accepted for d in by_day),
        rejected=sum(d.rejected for d in by_day), by_day=by_day,
        last_failure=None if last_failure is None else last_failure[1],
    )


def question_usage(jobs: list[dict[str, Any]], since: datetime) -> QuestionUsage:
    """Latency of completed deep jobs and the result status of each agent in their reports."""
    recent = [j for j in jobs if (_when(j.get("created_at")) or datetime.min.replace(tzinfo=UTC)) >= since]
    latencies = [float(j["completed_at"]) - float(j["created_at"]) for j in recent
                 if isinstance(j.get("completed_at"), int | float) and isinstance(j.get("created_at"), int | float)]
    outcomes: dict[str, Counter[str]] = {}
    for job in recent:
        report = job.get("report") or {}
        for agent, status in (report.get("agents") or {}).items():
            outcomes.setdefault(str(agent), Counter())[str(status)] += 1
    return QuestionUsage(deep_jobs=len(recent), completed=len(latencies), latency_p50_s=_quantile(latencies, 0.5),
                         latency_p95_s=_quantile(latencies, 0.95),
                         agent_outcomes={a: dict(sorted(c.items())) for a, c in sorted(outcomes.items())})


def tenant_usage(deps: Deps, tenant_id: str, days: int = 30, now: datetime | None = None) -> TenantUsage:
    """The tenant's figures over the last ``days`` days (tokens: the current budget period)."""
    now = now or datetime.now(UTC)
    since = now - timedelta(days=days)
    s = deps.settings
    status = budget_mod.budget_status(deps.documents, tenant_id, s.llm_token_budget, s.llm_budget_warning_ratio,
                                      now=now)
    return TenantUsage(
        days=days, since=since.date(),
        ingestions=ingestion_usage(IngestionRecords(deps.documents, tenant_id).query(), since),
        questions=question_usage(deps.documents.query(jobs_collection(tenant_id)), since),
        llm=LlmUsage(period=status.period, used=status.used, budget=status.budget, state=status.state,
                     used_ratio=round(status.used / status.budget, 4) if status.budget else 0.0),
    )
