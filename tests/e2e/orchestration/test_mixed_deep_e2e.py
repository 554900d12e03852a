"""A question mixing a sales figure with an agents' ask is answered in full in quick and in deep mode.

The real query function on the embedded runtime with the real agents: deep mode's job keeps the metrics
layer's answer to the sales clause and puts it beside the agents' answer in the order asked, with the same
first sentences as quick mode and the revenue the metric question alone answers (and the stored rows sum to).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from shared.deps import get_deps
from shared.orchestration.jobs import PART_DONE_TOPIC, PartDone, job_view
from shared.orchestration.report import Report
from shared.runtime.local import LocalRuntime
from shared.store.documents.jobs import jobs_collection
from tests.e2e.orchestration.conftest import TENANT, Client
from tests.fakes.merchant import seed_merchant

LAST_WEEK = (date(2026, 3, 23), date(2026, 3, 29))  # the Monday-Sunday week before AS_OF (31 Mar 2026)
MARCH = (date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def shop(isolated_env: Any) -> Iterator[Client]:
    """The seeded merchant answered by the registry's real agents (no test runners)."""
    deps = get_deps()
    seed_merchant(deps.warehouse, TENANT)
    yield Client(deps, LocalRuntime(deps))


def _revenue(client: Client, period: tuple[date, date]) -> str:
    """The period's revenue summed from the stored sales rows, as the answer writes it."""
    rows = client.deps.warehouse.query(
        "SELECT SUM(revenue) AS revenue FROM sales WHERE tenant_id = @tenant_id AND date >= @start AND date <= @end",
        {"tenant_id": TENANT, "start": period[0], "end": period[1]})
    return f"€{float(rows['revenue'].iloc[0]):,.2f}"


def _quick(client: Client, question: str) -> Report:
    res = client.query(question, use_cache=False)
    assert res.status == 200, res.body
    return Report.model_validate(res.json()["report"])


def _deep(client: Client, question: str) -> tuple[str, Report]:
    res = client.query(question, mode="deep")
    assert res.status == 202, res.body
    job_id = res.json()["job_id"]
    client.runtime.drain()
    view = client.job(job_id).json()
    assert view["status"] == "done"
    return job_id, Report.model_validate(view["report"])


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=\.)\s+(?=[A-Z])", text)


@pytest.mark.parametrize(("question", "sales", "asked", "period"), [
    ("How much revenue did we make last week, and are we cheaper than Amazon?",
     "How much revenue did we make last week?", "Are we cheaper than Amazon?", LAST_WEEK),
    ("Are we cheaper than Zalando, and what was revenue last month?",
     "What was revenue last month?", "Are we cheaper than Zalando?", MARCH),
    ("Revenue last week and which products will run out?",
     "Revenue last week", "Which products will run out?", LAST_WEEK),
])
def test_both_parts_in_the_order_asked_in_quick_and_deep_mode(shop: Client, question: str, sales: str,
                                                              asked: str, period: tuple[date, date]) -> None:
    metric = _quick(shop, sales)
    agents = _quick(shop, asked)
    assert metric.answer_kind == "metric" and agents.answer_kind == "agent"
    revenue = _revenue(shop, period)
    assert revenue in metric.answer  # the metric answer is the stored rows' sum
    agents_first = question.startswith("Are we")
    expected = f"{agents.answer} {metric.answer}" if agents_first else f"{metric.answer} {agents.answer}"

    quick = _quick(shop, question)
    job_id, deep = _deep(shop, question)
    for report in (quick, deep):
        assert report.answer_kind == "mixed"
        assert report.answer == expected, (report.mode, report.answer)
        first = _sentences(report.answer)[0]
        assert (revenue not in first) if agents_first else first == metric.answer
        assert report.period == metric.period  # the sales clause's period, stated
        assert any(e.kind == "sql" for e in report.evidence) and report.agents  # both parts' evidence
    # (deep mode's agents run with their full options: their supporting sections may differ, not the answer)
    assert deep.mode == "deep" and deep.job_id == job_id and quick.mode == "quick"


def test_the_metric_half_is_kept_in_the_job_once_and_for_its_tenant(shop: Client) -> None:
    question = "How much revenue did we make last week, and are we cheaper than Amazon?"
    res = shop.query(question, mode="deep")
    job_id = res.json()["job_id"]
    stored = shop.deps.documents.get(jobs_collection(TENANT), job_id)
    assert stored is not None and stored["status"] == "running"
    assert _revenue(shop, LAST_WEEK) in stored["metric_report"]["answer"] and stored["agents_first"] is False

    # the deadline assembles what is in (no agent part yet): the sales figure still leads
    lost = shop.deps.bus.pull("pricing_job--agent-task-pricing")  # type: ignore[attr-defined]
    for m in lost:
        shop.deps.bus.ack("pricing_job--agent-task-pricing", m.ack_id)  # type: ignore[attr-defined]
    view = job_view(shop.deps, TENANT, job_id, now=10**12)
    assert view.report is not None and view.report.answer_kind == "mixed"
    assert view.report.answer.startswith(f"Revenue last week (23-29 Mar 2026) was {_revenue(shop, LAST_WEEK)}.")
    assert [m.agent for m in view.report.missing] == ["pricing"]

    # a redelivered part does not assemble (or combine) a second time; another tenant sees no job
    got = shop.job(job_id).json()
    # the console's JobView (console/src/api/types.ts): the stored metric report is not exposed beside it
    assert set(got) == {"job_id", "status", "agents", "parts_done", "deadline_at", "report"}
    first = got["report"]
    msg = PartDone(tenant_id=TENANT, job_id=job_id, agent="pricing").model_dump_json().encode()
    shop.deps.bus.publish(PART_DONE_TOPIC, msg)
    shop.runtime.drain()
    again = shop.job(job_id).json()["report"]
    assert again == first and again["answer"].count("Revenue last week") == 1
    other = shop.runtime.call_http("query", "GET", f"/v1/jobs/{job_id}", headers=shop.headers(tenant="other"))
    assert other.status == 404
