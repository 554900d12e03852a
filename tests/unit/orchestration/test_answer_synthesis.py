"""The report answers first: one sentence per ask in the question's order, the table, the method, and at most
MAX_FINDINGS supporting findings ranked by relevance (all of them with ``full``)."""

from __future__ import annotations

from typing import Any

from shared.agents.answers import AgentAnswer
from shared.models.agents import Action, AgentResult, Confidence, Finding
from shared.orchestration.outcome import AgentOutcome
from shared.orchestration.report import MAX_FINDINGS
from shared.orchestration.router import route
from shared.orchestration.synthesis import synthesize


def _result(agent: Any, answers: list[AgentAnswer], **kw: Any) -> AgentResult:
    return AgentResult(agent=agent, tenant_id="t", summary=f"{agent} headline",
                       confidence=Confidence.compute(model_certainty=0.8, data_completeness=1, data_freshness=1),
                       data={"answers": [a.model_dump(mode="json") for a in answers],
                             "as_of": {"date": "2025-06-01", "source": "data", "lag_days": 500}}, **kw)


OVER = AgentAnswer(ask="overpriced", text="2 of 9 SKUs are priced more than 5% above the median competitor.",
                   columns=["sku", "gap_pct"], rows=[["S-9", 30.0], ["S-4", 12.0]], total_rows=2,
                   method="price index", skus=["S-9", "S-4"], finding_prefixes=["position:"])
WHAT_IF = AgentAnswer(ask="what_if", text="Cutting S-1's price by 10% raises expected demand by 14.0%.",
                      columns=["sku"], rows=[["S-1"]], total_rows=1, method="log-log OLS", skus=["S-1"],
                      finding_prefixes=["scenario:"])


def _outcomes() -> list[AgentOutcome]:
    findings = [Finding(id=f"move:S-{i}", title=f"move {i}", sku=f"S-{i}", severity="high") for i in range(20)]
    findings += [Finding(id="position:S-4", title="S-4 above", sku="S-4", severity="low"),
                 Finding(id="position:S-9", title="S-9 above", sku="S-9", severity="medium"),
                 Finding(id="scenario:S-1", title="what-if S-1", sku="S-1")]
    actions = [Action(title=f"act {i}", sku=f"S-{i}", impact=float(i)) for i in range(12)]
    return [AgentOutcome(agent="pricing", status="ok", result=_result("pricing", [WHAT_IF, OVER], findings=findings,
                                                                      actions=actions)),
            AgentOutcome(agent="forecast", status="ok", result=_result("forecast", []))]


QUESTION = "Which of my products are overpriced, and what happens to demand if I cut S-1 by 10%?"


def test_answer_is_one_sentence_per_ask_in_the_question_order() -> None:
    plan = route(QUESTION)
    report = synthesize(QUESTION, plan, _outcomes())
    assert report.answer == OVER.text + " " + WHAT_IF.text
    assert report.table is not None and report.table.rows == [["S-9", 30.0], ["S-4", 12.0]]
    assert [(e.kind, e.agent, e.method) for e in report.evidence] == [("agent_method", "pricing", "price index"),
                                                                      ("agent_method", "pricing", "log-log OLS")]
    assert str(report.as_of) == "2025-06-01"


def test_findings_risks_and_actions_are_cut_to_the_most_relevant() -> None:
    plan = route(QUESTION)
    report = synthesize(QUESTION, plan, _outcomes())
    assert len(report.findings) == MAX_FINDINGS and len(report.risks) <= MAX_FINDINGS
    assert len(report.actions) <= MAX_FINDINGS
    # the answer's own evidence first: the positions it ranks (in its order), then the what-if
    assert [f.id for f in report.findings[:3]] == ["position:S-9", "position:S-4", "scenario:S-1"]
    assert {a.sku for a in report.actions} >= {"S-9", "S-4", "S-1"}
    assert [a.rank for a in report.actions] == list(range(1, len(report.actions) + 1))
    full = synthesize(QUESTION, plan, _outcomes(), full=True)
    assert len(full.findings) == 23 and len(full.actions) == 12


def test_missing_part_is_said_in_its_own_sentence() -> None:
    plan = route(QUESTION)
    outcomes = [AgentOutcome(agent="pricing", status="timed_out", error="no result within the 8s time budget"),
                AgentOutcome(agent="forecast", status="ok", result=_result("forecast", []))]
    report = synthesize(QUESTION, plan, outcomes)
    assert report.answer == ("Could not answer which products are overpriced: the pricing agent timed out (no "
                             "result within the 8s time budget). Could not answer the price what-if: the pricing "
                             "agent timed out (no result within the 8s time budget).")


def test_should_we_discount_leads_with_the_stock_verdict() -> None:
    question = "should we discount S-1?"
    plan = route(question).model_copy(update={"asks": ["reprice", "overstock"]})
    reprice = AgentAnswer(ask="reprice", text="Lower S-1 from 30 to 27 (-10.0%).", skus=["S-1"])
    stock = AgentAnswer(ask="overstock", text="Its stock: S-1 (10 days of cover: 5 on hand at 0.5 a day).",
                        columns=["sku", "days_of_cover", "on_hand", "on_order", "daily_units", "lead_time_days"],
                        rows=[["S-1", 10.0, 5, 0, 0.5, 21]], skus=["S-1"])
    outcomes = [AgentOutcome(agent="pricing", status="ok", result=_result("pricing", [reprice])),
                AgentOutcome(agent="forecast", status="ok", result=_result("forecast", [stock]))]
    answer = synthesize(question, plan, outcomes).answer
    assert answer.startswith("Don't discount S-1: its 5 on hand cover 10 days at 0.5 a day, less than its 21-day lead "
                             "time, so it would sell out before more stock arrives. Lower S-1 from 30 to 27"), answer
