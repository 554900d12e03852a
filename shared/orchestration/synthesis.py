"""Deterministic synthesis: agent outcomes -> report (summary, metrics, findings, risks, actions, confidence)."""

from __future__ import annotations

from shared.models.agents import Confidence
from shared.orchestration.outcome import AgentOutcome
from shared.orchestration.plan import Plan
from shared.orchestration.report import KeyMetric, MissingPart, Mode, RankedAction, Report, ReportFinding, Risk

_URGENCY_WEIGHT = {"high": 3.0, "medium": 2.0, "low": 1.0}
_SEVERITY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}
_TREND_SUFFIXES = ("_trend", "_change_pct", "_delta")


def key_metrics(outcomes: list[AgentOutcome], kpis: list[str] | None = None) -> list[KeyMetric]:
    """Headline metrics of each agent; ``<name>_trend`` style metrics become the trend of ``<name>``.

    The user's preferred KPIs come first.
    """
    out: list[KeyMetric] = []
    for o in outcomes:
        if o.result is None:
            continue
        metrics = o.result.metrics
        trends = {}
        for name, value in metrics.items():
            for suffix in _TREND_SUFFIXES:
                if name.endswith(suffix) and name[: -len(suffix)] in metrics:
                    trends[name[: -len(suffix)]] = (name, value)
        trend_names = {n for n, _ in trends.values()}
        for name, value in metrics.items():
            if name in trend_names:
                continue
            out.append(KeyMetric(agent=o.agent, name=name, value=value,
                                 trend=trends[name][1] if name in trends else None))
    if kpis:
        order = {k.lower(): i for i, k in enumerate(kpis)}
        out.sort(key=lambda m: order.get(m.name.lower(), len(order)))
    return out


def rank_actions(outcomes: list[AgentOutcome]) -> list[RankedAction]:
    """All actions ranked by impact x urgency weight (ties: more urgent first)."""
    actions = [
        RankedAction(**a.model_dump(), agent=o.agent, score=round(a.impact * _URGENCY_WEIGHT[a.urgency], 4))
        for o in outcomes if o.result for a in o.result.actions
    ]
    actions.sort(key=lambda a: (-a.score, -_URGENCY_WEIGHT[a.urgency], a.title))
    for i, a in enumerate(actions, start=1):
        a.rank = i
    return actions


def overall_confidence(outcomes: list[AgentOutcome], missing: list[MissingPart]) -> Confidence:
    """Mean of the known agent scores, reduced by the share of planned agents that are missing."""
    known = [o.result.confidence for o in outcomes if o.result and o.result.confidence.known
             and o.result.confidence.score is not None]
    planned = len(outcomes)
    if not known:
        return Confidence(explanation="confidence unknown: no agent could assess its confidence")
    coverage = (planned - len([m for m in missing if m.status in ("failed", "timed_out")])) / max(planned, 1)
    mean = sum(c.score or 0 for c in known) / len(known)
    completeness = [c.data_completeness for c in known if c.data_completeness is not None]
    freshness = [c.data_freshness for c in known if c.data_freshness is not None]
    return Confidence(
        score=round(mean * coverage), known=True,
        model_certainty=round(mean / 100, 4),
        data_completeness=round(sum(completeness) / len(completeness), 4) if completeness else None,
        data_freshness=round(sum(freshness) / len(freshness), 4) if freshness else None,
        explanation=f"mean of {len(known)} agent score(s) x agent coverage {coverage:.2f}",
    )


def missing_parts(outcomes: list[AgentOutcome]) -> list[MissingPart]:
    """What is not (fully) in the report and why."""
    out = []
    for o in outcomes:
        if o.status == "failed":
            out.append(MissingPart(agent=o.agent, status="failed", reason=o.error or "agent failed"))
        elif o.status == "timed_out":
            out.append(MissingPart(agent=o.agent, status="timed_out", reason=o.error or "agent ran out of time"))
        elif o.result is not None and o.result.status in ("insufficient_data", "partial", "failed"):
            need = "; ".join(o.result.missing_data) or o.result.summary or o.result.status
            status = "failed" if o.result.status == "failed" else o.result.status
            out.append(MissingPart(agent=o.agent, status=status, reason=need))
    return out


def deterministic_summary(plan: Plan, outcomes: list[AgentOutcome], missing: list[MissingPart],
                          risks: list[Risk], actions: list[RankedAction]) -> str:
    """An executive summary built only from the agents' own words and numbers."""
    parts = []
    for o in outcomes:
        if o.result is not None and o.result.summary:
            parts.append(f"{o.agent.capitalize()}: {o.result.summary.rstrip('.')}.")
    if risks:
        top = risks[0]
        parts.append(f"Top risk ({top.severity}): {top.title.rstrip('.')}.")
    if actions:
        parts.append(f"First action: {actions[0].title.rstrip('.')}.")
    if missing:
        parts.append("Not covered: " + ", ".join(f"{m.agent} ({m.status})" for m in missing) + ".")
    if not parts:
        parts.append("No agent produced a result for this question.")
    return " ".join(parts)


def synthesize(question: str, plan: Plan, outcomes: list[AgentOutcome], *, mode: Mode = "quick",
               planner: str = "router", kpis: list[str] | None = None, warnings: list[str] | None = None,
               data_version: int = 0, job_id: str | None = None) -> Report:
    """Assemble the report from agent outcomes without any model."""
    findings = [ReportFinding(**f.model_dump(), agent=o.agent) for o in outcomes if o.result for f in o.result.findings]
    risks = [Risk(agent=f.agent, title=f.title, severity=f.severity, finding_id=f.id, sku=f.sku)
             for f in findings if _SEVERITY_RANK[f.severity] >= _SEVERITY_RANK["medium"]]
    risks.sort(key=lambda r: -_SEVERITY_RANK[r.severity])
    actions = rank_actions(outcomes)
    missing = missing_parts(outcomes)
    limitations: list[str] = []
    all_warnings = list(warnings or [])
    listed = {m.agent for m in missing}  # their missing data is already stated once, in ``missing``
    for o in outcomes:
        if o.result is None:
            continue
        limitations.extend(f"{o.agent}: {w}" for w in o.result.warnings)
        if o.agent not in listed:
            limitations.extend(f"{o.agent}: missing {m}" for m in o.result.missing_data)
        if not o.result.confidence.known and o.result.confidence.explanation:
            limitations.append(f"{o.agent}: {o.result.confidence.explanation}")
    for m in missing:
        if m.status in ("failed", "timed_out"):
            all_warnings.append(f"partial report: {m.agent} {m.status.replace('_', ' ')} ({m.reason})")
    return Report(
        question=question, mode=mode, plan=plan, planner="llm" if planner == "llm" else "router",
        executive_summary=deterministic_summary(plan, outcomes, missing, risks, actions),
        key_metrics=key_metrics(outcomes, kpis), findings=findings, risks=risks, actions=actions,
        confidence=overall_confidence(outcomes, missing), limitations=limitations, missing=missing,
        warnings=all_warnings, agents={o.agent: (o.result.status if o.result else o.status) for o in outcomes},
        data_version=data_version, job_id=job_id,
    )
