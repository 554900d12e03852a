"""``answer_query``: validate, check the cache, plan, run (quick) or fan out (deep), synthesise, remember."""

from __future__ import annotations

import hashlib
import time
from datetime import date
from typing import TYPE_CHECKING

from shared.errors import EcomIntelError, InvalidInput
from shared.observability.logs import get_logger, log_event
from shared.orchestration import cache, descriptive
from shared.orchestration.brief import brief_report
from shared.orchestration.context import (
    carried_reading,
    get_preferences,
    is_follow_up,
    previous_turn,
    record_turn,
    resolve_follow_up,
    turn_context,
)
from shared.orchestration.conventions import clock_context, tenant_conventions, wall_clock_today
from shared.orchestration.executor import QUICK_AGENT_OPTIONS, RunnerLookup, agent_requests, run_agents
from shared.orchestration.jobs import create_job
from shared.orchestration.judgement import judgement_report
from shared.orchestration.metrics import PLANS, QUERY_SECONDS
from shared.orchestration.model_use import llm_for, record_usage
from shared.orchestration.narrative import narrate
from shared.orchestration.planner import plan_question
from shared.orchestration.report import QueryRequest, QueryResponse, Report
from shared.orchestration.router import detect_intents, route
from shared.orchestration.synthesis import synthesize
from shared.orchestration.versions import data_version

if TYPE_CHECKING:
    from shared.deps import Deps
    from shared.security.principal import Principal

_log = get_logger(__name__)


class BudgetExceeded(EcomIntelError):
    """The tenant's LLM token budget for the period is spent (deep mode needs the model)."""

    code = "budget_exceeded"
    http_status = 429


def _descriptive_report(deps: Deps, read: descriptive.ReadOutcome, req: QueryRequest, version: int,
                        warnings: list[str]) -> Report | None:
    """The metrics layer's report for a metric reading, the plain refusal for an unanswerable one, else None."""
    reading = read.reading
    if reading.kind == "unanswerable":
        return descriptive.unanswerable_report(
            reading, mode=req.mode, planner=read.planner, data_version=version, warnings=list(warnings),
            received=descriptive.received_sales(deps, read.index.vocabulary.tenant_id, reading))
    if reading.kind == "catalogue":
        return descriptive.catalogue_report(deps, reading, read.index, mode=req.mode, planner=read.planner,
                                            data_version=version, warnings=list(warnings))
    if reading.kind != "metric" or reading.query is None:
        return None
    try:
        return descriptive.metric_report(deps, reading, read.index, mode=req.mode, planner=read.planner,
                                         data_version=version, warnings=list(warnings))
    except InvalidInput as exc:  # a query the metrics layer refuses: the agents get the question
        log_event(_log, "metric query refused; using the agents", severity="WARNING", error=exc.message)
        warnings.append(f"the metrics layer could not answer this reading ({exc.message}); asked the agents")
        return None


def _today(deps: Deps, tenant: str, req: QueryRequest) -> date:
    """``as_of`` when given, else the latest date of the data the question needs, else the wall clock."""
    from shared.orchestration.asof import question_as_of

    return req.as_of or question_as_of(deps.warehouse, tenant, req.question) or wall_clock_today(
        tenant_conventions(deps.documents, tenant))  # no dated data: the tenant's day, not UTC's


def answer_query(deps: Deps, principal: Principal, req: QueryRequest, *,
                 runners: RunnerLookup | None = None) -> QueryResponse:
    """Answer one question for the authenticated caller's tenant."""
    start = time.perf_counter()
    resp = _answer(deps, principal, req, runners)
    QUERY_SECONDS.labels(mode=req.mode, cached=str(resp.cached).lower()).observe(time.perf_counter() - start)
    return resp


def _answer(deps: Deps, principal: Principal, req: QueryRequest, runners: RunnerLookup | None) -> QueryResponse:
    s = deps.settings
    tenant, user = principal.tenant_id, principal.subject
    dated: list[date] = []

    def today() -> date:
        """The as-of date, read from the data only when the agents' path needs it (a metric answer reads its own)."""
        if not dated:
            dated.append(_today(deps, tenant, req))
        return dated[0]

    warnings: list[str] = []
    llm, status = llm_for(deps, tenant)
    if status is not None and status.state != "ok":
        if status.state == "exceeded" and req.mode == "deep":
            raise BudgetExceeded(status.message + "; deep mode is unavailable until the next period, "
                                 "quick mode still works with the deterministic planner",
                                 details={"used": status.used, "budget": status.budget, "period": status.period})
        warnings.append(status.message + ("; using the deterministic planner" if status.state == "exceeded" else ""))

    version = data_version(deps.documents, tenant)
    prefs = get_preferences(deps.documents, tenant, user)
    previous = previous_turn(deps.documents, tenant, user, req.session_id, req.question) if req.session_id \
        else None
    brief = brief_report(req.question, previous, mode=req.mode, data_version=version,
                         currency=lambda: descriptive.vocabulary_index(deps, tenant, version).vocabulary.currency)
    if brief is not None:  # "thanks!": answered briefly, not recorded (the next follow-up leans on the turn before)
        return QueryResponse(mode=req.mode, status="done", report=brief, warnings=warnings)
    judged = judgement_report(
        deps, req.question, previous, descriptive.vocabulary_index(deps, tenant, version),
        lambda text: descriptive.read(deps, tenant, text, version=version, as_of=req.as_of, previous=None, llm=None,
                                      timeout_seconds=0).reading,
        mode=req.mode, data_version=version) if previous is not None else None
    if judged is not None:  # "is that good?" after a figure: judged against the catalogue or its usual level
        return QueryResponse(mode=req.mode, status="done", report=judged, warnings=warnings)
    explicit = bool(detect_intents(req.question))
    follow_up = previous is not None and is_follow_up(req.question, route(req.question, today=today()), explicit)
    context = "|".join([turn_context(previous), prefs.model_dump_json(),
                        req.as_of.isoformat() if req.as_of else "", "full" if req.full else "",
                        *clock_context(deps.documents, tenant)])
    key = cache.cache_key(tenant, req.question, version, hashlib.sha256(context.encode()).hexdigest())

    if req.mode == "quick" and req.use_cache:
        hit = cache.lookup(deps.documents, tenant, key)
        if hit is not None:
            if req.session_id:
                kept = None
                if hit.answer_kind in ("metric", "unanswerable"):  # keep the typed reading for the next follow-up
                    kept = descriptive.session_reading(
                        descriptive.read(deps, tenant, req.question, version=version, as_of=req.as_of,
                                         previous=previous, llm=None, timeout_seconds=0), tenant, req.as_of)
                record_turn(deps.documents, tenant, req.session_id, user, req.question, hit.plan, kept,
                            None if kept is not None else carried_reading(previous, hit.plan))
            return QueryResponse(mode="quick", status="done", cached=True, report=hit, warnings=warnings)

    # descriptive questions first: the metrics layer answers them (or says the data cannot)
    read = descriptive.read(deps, tenant, req.question, version=version, as_of=req.as_of,
                            previous=previous if req.session_id else None, llm=llm,
                            timeout_seconds=deps.settings.llm_timeout_seconds)
    record_usage(deps, tenant, read.responses)
    warnings.extend(read.warnings)
    metric_report = _descriptive_report(deps, read, req, version, warnings)
    reading = read.reading
    if metric_report is not None and not (reading.kind == "metric" and reading.agent_intents):
        PLANS.labels(planner=read.planner).inc()
        if req.session_id:
            record_turn(deps.documents, tenant, req.session_id, user, req.question, metric_report.plan,
                        descriptive.session_reading(read, tenant, req.as_of))
        if req.use_cache:
            cache.store(deps.documents, tenant, key, metric_report, cache.freshness_seconds([], s))
        return QueryResponse(mode=req.mode, status="done", report=metric_report, warnings=warnings)

    # the question as read (shorthand written out: "sales next mo" -> "sales next month")
    planning = plan_question(reading.text or req.question, llm=llm, timeout_seconds=deps.settings.llm_timeout_seconds,
                             previous_question=previous["question"] if previous else None, today=today())
    record_usage(deps, tenant, planning.responses)
    PLANS.labels(planner=planning.planner).inc()
    warnings.extend(planning.warnings)
    plan = planning.plan
    if follow_up and previous is not None:
        plan, note = resolve_follow_up(req.question, plan, previous, explicit_intents=explicit,
                                       warehouse=deps.warehouse, tenant_id=tenant)
        log_event(_log, "follow-up resolved", tenant=tenant, note=note)
    # names from the tenant's vocabulary: product titles -> SKUs, its own competitors
    plan = descriptive.agent_plan(reading, plan, read.index)
    options = {"marketplaces": prefs.marketplaces, "kpis": prefs.kpis, "goals": prefs.goals}
    requests = agent_requests(tenant, plan, as_of=today() if req.as_of else None, options=options,
                              agent_options=QUICK_AGENT_OPTIONS if req.mode == "quick" else None)
    if req.session_id:
        record_turn(deps.documents, tenant, req.session_id, user, req.question, plan,
                    carried=carried_reading(previous, plan))

    if req.mode == "deep":
        job_id = create_job(deps, question=req.question, plan=plan, planner=planning.planner, requests=requests,
                            deadline_seconds=s.job_deadline_seconds, warnings=warnings, kpis=prefs.kpis,
                            data_version=version, user=user, full=req.full, metric=metric_report,
                            agents_first=reading.agents_first, lead=reading.lead if reading.kind == "agent" else "",
                            currency=read.index.vocabulary.currency)
        return QueryResponse(mode="deep", status="running", job_id=job_id, warnings=warnings)

    outcomes = run_agents(deps, requests, budget_seconds=s.query_budget_seconds, runners=runners)
    report = synthesize(req.question, plan, outcomes, mode="quick", planner=planning.planner, kpis=prefs.kpis,
                        warnings=warnings, data_version=version, full=req.full,
                        currency=read.index.vocabulary.currency)
    if llm is not None:
        report, responses = narrate(llm, req.question, outcomes, report, deps.settings.llm_timeout_seconds)
        record_usage(deps, tenant, responses)
    report = descriptive.with_lead(report, reading)  # "Orders are not forecast, only units sold and revenue."
    if metric_report is not None:  # a mixed question: the metric answer first
        report = descriptive.combine(metric_report, report, agents_first=reading.agents_first)
    if req.use_cache and not any(m.status in ("failed", "timed_out") for m in report.missing):
        cache.store(deps.documents, tenant, key, report, cache.freshness_seconds(plan.agents, s))
    return QueryResponse(mode="quick", status="done", report=report, warnings=report.warnings)
