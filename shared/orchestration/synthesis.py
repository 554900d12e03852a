"""Deterministic synthesis: agent outcomes -> report (answer, table, evidence, then the supporting sections).

The answer is assembled from the agents' own answers to the question's asks, in the order the question
asks them (one sentence each); findings, risks and actions are ranked by relevance to that answer and cut
to :data:`MAX_FINDINGS` unless the full output is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.agents.answers import ASK_AGENT, AgentAnswer, AskKind, answers_of
from shared.models.agents import Confidence
from shared.orchestration.answer_charts import agent_chart
from shared.orchestration.discount_cover import discount_verdict
from shared.orchestration.outcome import AgentOutcome
from shared.orchestration.plan import Plan
from shared.orchestration.report import (
    MAX_FINDINGS,
    AnswerEvidence,
    AnswerTable,
    KeyMetric,
    MissingPart,
    Mode,
    RankedAction,
    Report,
    ReportFinding,
    Risk,
)
from shared.orchestration.table_columns import described
from shared.store.metrics.model import TimeRange

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


_ASK_WORDS: dict[AskKind, str] = {
    "overpriced": "which products are overpriced", "underpriced": "which products are underpriced",
    "undercut": "which competitor undercuts us", "price_position": "how our prices compare",
    "what_if": "the price what-if", "complaints": "what customers complain about",
    "rating_decline": "whose ratings are falling", "sentiment_overview": "what reviews say",
    "stockout": "which products will run out", "overstock": "which products are overstocked",
    "forecast": "the demand forecast",
    "cheapest_competitor": "which competitor is cheapest", "dearest_competitor": "which competitor is dearest",
    "versus_competitor": "how our prices compare with the competitor's", "competitor_stock":
        "which products competitors are out of stock on", "competitor_prices": "how the competitor's prices moved",
    "out_of_stock": "which products are out of stock", "reorder": "what to reorder",
    "lost_sales": "what stock-outs cost",
    "reprice": "what to reprice", "aspect": "what reviews say about it", "praise": "what customers like",
    "spam": "which reviews look fake",
    "elasticity": "how price-sensitive demand is", "category_position": "which categories are priced above the market",
    "map_violations": "which competitors advertise below MAP",
    "ours_cheapest": "on how many products we are the cheapest",
    "ours_dearest": "on how many products we are the dearest seller",
    "competitor_coverage": "how many competitors carry each product",
    "price_history": "when our prices changed", "review_length": "how long reviews are",
    "markup": "what a unit earns over its cost", "competitor_promotions": "competitors' promotions",
}


@dataclass
class Answered:
    """The report's answer: sentences, the table behind the first part, evidence, and the parts used."""

    text: str
    table: AnswerTable | None
    evidence: list[AnswerEvidence]
    parts: list[tuple[str, AgentAnswer]]


def _unanswered(ask: AskKind, outcomes: list[AgentOutcome]) -> str:
    """The sentence for an ask whose agent produced no answer: what happened instead."""
    agent = ASK_AGENT[ask]
    o = next((o for o in outcomes if o.agent == agent), None)
    if o is None:
        why = f"the {agent} agent was not run"
    elif o.result is None:
        why = f"the {agent} agent {o.status.replace('_', ' ')}" + (f" ({o.error})" if o.error else "")
    else:
        why = "; ".join(o.result.missing_data) or o.result.summary or f"the {agent} agent gave no answer"
    return f"Could not answer {_ASK_WORDS[ask]}: {why.rstrip('.')}."


def assemble_answer(plan: Plan, outcomes: list[AgentOutcome]) -> Answered:
    """One sentence per ask, in the question's order; the table of the first answered part."""
    by_agent: dict[str, list[AgentAnswer]] = {o.agent: answers_of(o.result) for o in outcomes if o.result}
    wanted: list[AskKind] = list(plan.asks) or [a.ask for agent in plan.agents for a in by_agent.get(agent, [])]
    if not wanted:  # an overview from runners without answers: each agent's summary
        wanted = [a for a in ("price_position", "sentiment_overview", "forecast") if ASK_AGENT[a] in plan.agents]
    parts: list[tuple[str, AgentAnswer]] = []
    sentences: list[str] = []
    unanswered: list[str] = []  # an overview's parts the data could not answer: said after the ones it could
    # a runner that does not answer asks (an older or external agent) still speaks through its summary
    for o in outcomes:
        if o.result is not None and not by_agent.get(o.agent) and o.result.status in ("ok", "partial") \
                and o.result.summary and any(ASK_AGENT[a] == o.agent for a in wanted):
            sentences.append(o.result.summary.rstrip(".") + ".")
            wanted = [a for a in wanted if ASK_AGENT[a] != o.agent]
    for ask in dict.fromkeys(wanted):
        primary = ASK_AGENT[ask]
        candidates = [(primary, a) for a in by_agent.get(primary, []) if a.ask == ask] + [
            (agent, a) for agent, answers in by_agent.items() if agent != primary for a in answers if a.ask == ask]
        pick = next((c for c in candidates if c[1].answered), candidates[0] if candidates else None)
        if pick is None:
            sentences.append(_unanswered(ask, outcomes))
            continue
        if ask == "what_if" and pick[0] == "pricing":
            # one what-if: the pricing agent's price response on the demand forecast's units of those days
            from shared.orchestration.whatif_units import on_forecast_baseline, plain_baseline

            forecast = next((a for agent, a in candidates if agent == "forecast" and a.answered), None)
            plain = None if forecast is not None else plain_baseline(outcomes)
            pick = (pick[0], on_forecast_baseline(pick[1], forecast, plain))
        parts.append(pick)
        (sentences if pick[1].answered or plan.asks else unanswered).append(pick[1].text)
    sentences += unanswered
    if "reprice" in wanted and (verdict := discount_verdict([a for _, a in parts])) is not None:
        sentences.insert(0, verdict)  # "should we discount X?": the stock's verdict first, the market's price after
    table = None
    for _, a in parts:
        if a.rows:
            table = described(AnswerTable(columns=a.columns, rows=a.rows, total_rows=max(a.total_rows, len(a.rows))),
                              measure=plan.entities.measure)
            break
    evidence = [AnswerEvidence(kind="agent_method", agent=agent, method=a.method,
                               description=f"{agent} agent, {a.ask.replace('_', ' ')}")
                for agent, a in parts if a.method]
    return Answered(" ".join(sentences), table, evidence, parts)


def _relevance(sku: str | None, item_id: str, severity_rank: int, answered: Answered, plan: Plan) -> float:
    """How much a finding/risk/action supports the answer: its kind, then its SKU's place in the answer."""
    score = float(severity_rank)
    for i, (_, a) in enumerate(answered.parts):
        if any(item_id.startswith(p) for p in a.finding_prefixes):
            score += 100.0 - 10 * i
        if sku is not None and sku in a.skus:
            score += 50.0 - a.skus.index(sku)
    if sku is not None and sku in plan.entities.skus:
        score += 20.0
    return score


def period_of(answered: Answered) -> TimeRange | None:
    """The period of the first part that has one (``"2026-09-06 to 2026-12-04"``)."""
    for _, a in answered.parts:
        if a.period_start is not None and a.period_end is not None and a.period_start <= a.period_end:
            return TimeRange(start=a.period_start, end=a.period_end,
                             label=f"{a.period_start.isoformat()} to {a.period_end.isoformat()}")
    return None


def as_of_of(outcomes: list[AgentOutcome]) -> date | None:
    """The latest date the agents answered as of (each reports it in ``data["as_of"]``)."""
    dates = []
    for o in outcomes:
        info = o.result.data.get("as_of") if o.result is not None else None
        if isinstance(info, dict) and info.get("date"):
            dates.append(date.fromisoformat(str(info["date"])))
    return max(dates) if dates else None


def synthesize(question: str, plan: Plan, outcomes: list[AgentOutcome], *, mode: Mode = "quick",
               planner: str = "router", kpis: list[str] | None = None, warnings: list[str] | None = None,
               data_version: int = 0, job_id: str | None = None, full: bool = False,
               currency: str | None = None) -> Report:
    """Assemble the report from agent outcomes without any model; ``full`` keeps every finding and action.

    ``currency``: the tenant's (its catalogue's) currency, stated on the answer's table when it has money columns.
    """
    answered = assemble_answer(plan, outcomes)
    table = answered.table
    if table is not None and currency and any(c.unit == "money" for c in table.column_info):
        table = table.model_copy(update={"currency": currency})
    findings = [ReportFinding(**f.model_dump(), agent=o.agent) for o in outcomes if o.result for f in o.result.findings]
    findings.sort(key=lambda f: -_relevance(f.sku, f.id, _SEVERITY_RANK[f.severity], answered, plan))
    risks = [Risk(agent=f.agent, title=f.title, severity=f.severity, finding_id=f.id, sku=f.sku)
             for f in findings if _SEVERITY_RANK[f.severity] >= _SEVERITY_RANK["medium"]]
    actions = rank_actions(outcomes)
    if not full:
        findings = findings[:MAX_FINDINGS]
        risks = risks[:MAX_FINDINGS]
        weight = {id(a): _relevance(a.sku, (a.finding_ids or [""])[0], 0, answered, plan) for a in actions}
        actions = sorted(actions, key=lambda a: (-weight[id(a)], a.rank))[:MAX_FINDINGS]
        actions.sort(key=lambda a: a.rank)
        for i, a in enumerate(actions, start=1):
            a.rank = i
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
    if not full and len(limitations) > MAX_FINDINGS:
        limitations = [*limitations[:MAX_FINDINGS],
                       f"{len(limitations) - MAX_FINDINGS} more data notes (ask with --full to see them)"]
    return Report(
        question=question, answer=answered.text, answer_kind="agent", as_of=as_of_of(outcomes),
        period=period_of(answered),
        table=table, chart=agent_chart(table), evidence=answered.evidence,
        mode=mode, plan=plan, planner="llm" if planner == "llm" else "router",
        executive_summary=deterministic_summary(plan, outcomes, missing, risks, actions),
        key_metrics=key_metrics(outcomes, kpis), findings=findings, risks=risks, actions=actions,
        confidence=overall_confidence(outcomes, missing), limitations=limitations, missing=missing,
        warnings=all_warnings, agents={o.agent: (o.result.status if o.result else o.status) for o in outcomes},
        data_version=data_version, job_id=job_id,
    )


def combine(metric: Report, agents: Report, *, agents_first: bool = False) -> Report:
    """A mixed question: each part's answer in the order asked (the metric's first unless ``agents_first``).

    Quick mode combines right after the agents ran; deep mode when the job is assembled, from the metric
    report computed when the question was asked (``jobs.create_job`` keeps it in the job document).
    """
    agent_answer = agents.answer or agents.executive_summary
    parts = [agent_answer, metric.answer] if agents_first else [metric.answer, agent_answer]
    answer = " ".join(p.strip() for p in parts if p and p.strip())
    return agents.model_copy(update={
        "answer": answer, "answer_kind": "mixed", "period": metric.period, "as_of": metric.as_of,
        "table": metric.table or agents.table, "chart": metric.chart or agents.chart,
        "evidence": metric.evidence + agents.evidence})
