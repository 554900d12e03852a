"""Deterministic synthesis and the parallel executor."""

from __future__ import annotations

import threading
from typing import Any

from shared.models.agents import Action, AgentRequest, AgentResult, Confidence, Finding
from shared.orchestration.executor import agent_requests, run_agents
from shared.orchestration.outcome import AgentOutcome
from shared.orchestration.router import route
from shared.orchestration.synthesis import rank_actions, synthesize


def _result(agent: Any, **kw: Any) -> AgentResult:
    return AgentResult(agent=agent, tenant_id="t",
                       confidence=Confidence.compute(model_certainty=0.8, data_completeness=1, data_freshness=1),
                       **kw)


def test_actions_ranked_by_impact_and_urgency() -> None:
    res = _result("pricing", actions=[Action(title="a", impact=100, urgency="low"),
                                      Action(title="b", impact=40, urgency="high"),
                                      Action(title="c", impact=60, urgency="medium")])
    ranked = rank_actions([AgentOutcome(agent="pricing", status="ok", result=res)])
    assert [(a.title, a.rank, a.score) for a in ranked] == [("b", 1, 120.0), ("c", 2, 120.0), ("a", 3, 100.0)]


def test_report_sections_and_missing_parts() -> None:
    plan = route("overview")
    outcomes = [
        AgentOutcome(agent="pricing", status="ok", result=_result(
            "pricing", summary="2 SKUs overpriced", metrics={"gap": 5.0, "gap_trend": -1.0},
            findings=[Finding(id="p1", title="SKU-1 overpriced", severity="high"),
                      Finding(id="p2", title="SKU-2 fine", severity="info")], warnings=["3 prices are stale"])),
        AgentOutcome(agent="sentiment", status="failed", error="RuntimeError: boom"),
        AgentOutcome(agent="forecast", status="ok", result=AgentResult(
            agent="forecast", tenant_id="t", status="insufficient_data", missing_data=["sales history"])),
    ]
    report = synthesize("overview", plan, outcomes)
    assert [(m.name, m.value, m.trend) for m in report.key_metrics] == [("gap", 5.0, -1.0)]
    assert [r.finding_id for r in report.risks] == ["p1"]
    assert {(m.agent, m.status) for m in report.missing} == {("sentiment", "failed"),
                                                             ("forecast", "insufficient_data")}
    assert report.limitations == ["pricing: 3 prices are stale"]
    assert next(m.reason for m in report.missing if m.agent == "forecast") == "sales history"
    assert report.confidence.score == round(80 * 2 / 3)  # one of three agents failed
    assert report.warnings == ["partial report: sentiment failed (RuntimeError: boom)"]


def test_no_agent_confidence_is_stated_not_omitted() -> None:
    report = synthesize("q", route("q"), [AgentOutcome(agent="pricing", status="failed", error="x")])
    assert report.confidence.score is None and "unknown" in report.confidence.explanation


def test_executor_isolates_failures_and_times_out() -> None:
    release = threading.Event()

    def ok(deps: Any, req: AgentRequest) -> AgentResult:
        return AgentResult(agent="pricing", tenant_id=req.tenant_id, metrics={"skus": len(req.skus)})

    def boom(deps: Any, req: AgentRequest) -> AgentResult:
        raise RuntimeError("warehouse unreachable")

    def stuck(deps: Any, req: AgentRequest) -> AgentResult:
        release.wait(30)
        return AgentResult(agent="forecast", tenant_id=req.tenant_id)

    plan = route("overview for SKU-1")
    try:
        outcomes = run_agents(None, agent_requests("t", plan), budget_seconds=0.2,  # type: ignore[arg-type]
                              runners={"pricing": ok, "sentiment": boom, "forecast": stuck})
    finally:
        release.set()
    by = {o.agent: o for o in outcomes}
    assert by["pricing"].status == "ok" and by["pricing"].result.metrics == {"skus": 1}  # type: ignore[union-attr]
    assert by["sentiment"].status == "failed" and "warehouse unreachable" in (by["sentiment"].error or "")
    assert by["forecast"].status == "timed_out"


def test_an_overview_says_what_the_data_answered_before_what_it_could_not() -> None:
    """A grocer without competitor prices: "how are we doing?" must not open on "No SKU could be compared"."""
    from shared.agents.answers import AgentAnswer

    def answering(agent: Any, answer: AgentAnswer) -> AgentOutcome:
        return AgentOutcome(agent=agent, status="ok", result=_result(
            agent, summary="s", data={"answers": [answer.model_dump(mode="json")]}))

    outcomes = [
        answering("pricing", AgentAnswer(ask="price_position", answered=False, text="No SKU could be compared.")),
        answering("sentiment", AgentAnswer(ask="sentiment_overview", answered=False, text="No reviews yet.")),
        answering("forecast", AgentAnswer(ask="forecast", text="We expect to sell 153,003 units.")),
    ]
    report = synthesize("how are we doing?", route("overview"), outcomes)
    assert report.answer == "We expect to sell 153,003 units. No SKU could be compared. No reviews yet."
    # asks the question named keep the question's order, answered or not
    asked = route("overview").model_copy(update={"asks": ["price_position", "forecast"]})
    assert synthesize("q", asked, outcomes).answer.startswith("No SKU could be compared.")
