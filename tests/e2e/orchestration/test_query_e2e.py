"""The query function end to end on the embedded backend, with real test runners over seeded rows."""

from __future__ import annotations

import json
import re

import pytest

from shared.orchestration.report import QueryResponse, Report
from tests.e2e.orchestration.conftest import TENANT, Client
from tests.fakes.agent_runners import demand, pricing_gaps, sentiment_scores
from tests.fakes.merchant import AS_OF

EXAMPLE = ("which of my products are overpriced compared to competitors, and what happens to demand if I cut "
           "SKU-123 by 10%?")


def _report(res: object) -> Report:
    assert res.status == 200, res.body  # type: ignore[attr-defined]
    resp = QueryResponse.model_validate(res.json())  # type: ignore[attr-defined]
    assert resp.report is not None
    return resp.report


def _metric(report: Report, agent: str, name: str) -> object:
    return next(m.value for m in report.key_metrics if m.agent == agent and m.name == name)


def test_pricing_intent_numbers_match_direct_computation(client: Client) -> None:
    report = _report(client.query("Which of my products are overpriced compared to competitors?"))
    assert report.plan.intents == ["pricing"] and report.plan.agents == ["pricing"]
    gaps = pricing_gaps(client.deps.warehouse, TENANT, [])
    over = {g["sku"]: g for g in gaps if g["gap_pct"] > 5}
    assert {f.sku: f.metrics["gap_pct"] for f in report.findings} == {s: g["gap_pct"] for s, g in over.items()}
    assert _metric(report, "pricing", "overpriced_skus") == len(over) == 3
    assert [r.sku for r in report.risks] == [f.sku for f in report.findings]
    impacts = [a.impact for a in report.actions]
    assert impacts == sorted(impacts, reverse=True) and [a.rank for a in report.actions] == [1, 2, 3]
    assert all(f.evidence and f.evidence[0].query for f in report.findings)
    assert report.confidence.known and 0 <= (report.confidence.score or -1) <= 100


def test_sentiment_intent_numbers_match(client: Client) -> None:
    report = _report(client.query("What are customers saying in their reviews?"))
    assert report.plan.agents == ["sentiment"]
    rows = sentiment_scores(client.deps.warehouse, TENANT, [])
    total = sum(r["reviews"] for r in rows)
    assert _metric(report, "sentiment", "review_count") == total
    assert _metric(report, "sentiment", "avg_rating") == round(sum(r["avg_rating"] * r["reviews"] for r in rows)
                                                               / total, 2)
    assert {f.sku for f in report.findings} == {r["sku"] for r in rows if r["avg_rating"] < 3}


@pytest.mark.parametrize(("question", "intent", "horizon"), [
    ("Forecast demand for the next 2 weeks", "forecast", 14),
    ("Which products risk a stockout next month?", "inventory", 30),
])
def test_forecast_and_inventory_intents(client: Client, question: str, intent: str, horizon: int) -> None:
    report = _report(client.query(question))
    assert intent in report.plan.intents and report.plan.agents == ["forecast"]
    rows = demand(client.deps.warehouse, TENANT, [], AS_OF, horizon, None)
    assert _metric(report, "forecast", "forecast_units") == round(sum(r["scenario_units"] for r in rows), 1)


def test_overview_runs_all_agents(client: Client) -> None:
    report = _report(client.query("How am I doing overall?"))
    assert report.plan.intents == ["overview"]
    assert set(report.agents) == {"pricing", "sentiment", "forecast"}
    assert all(status == "ok" for status in report.agents.values())
    # a merchant asking how the business is doing hears its sales first: the last whole month against the one before
    assert report.answer_kind == "mixed"
    assert re.match(r"Revenue in \w+ \d{4} \([^)]*\) was \S+, (?:up|down) [\d.]+% from \S+ in the period before",
                    report.answer), report.answer
    # a question the reader could not place falls to the overview too, without a sales headline before it
    unplaced = _report(client.query("blorf zqx?"))
    assert unplaced.plan.intents == ["overview"] and unplaced.answer_kind == "agent"
    # a typo of a question word is read as the word ("ratng" is rating), not left unplaced
    typo = _report(client.query("avg ratng?"))
    assert typo.answer_kind == "metric" and "rating" in typo.answer.split(".")[0].lower(), typo.answer


def test_what_if_example_question(client: Client) -> None:
    report = _report(client.query(EXAMPLE))
    assert set(report.plan.intents) == {"pricing", "what_if", "forecast"}
    assert report.plan.entities.skus == ["SKU-123"] and report.plan.entities.price_change_pct == -10
    # pricing scans the catalogue, the scenario stays on SKU-123
    assert _metric(report, "pricing", "overpriced_skus") == 3
    scenario = demand(client.deps.warehouse, TENANT, ["SKU-123"], AS_OF, 30, -10.0)
    assert _metric(report, "forecast", "forecast_units") == scenario[0]["scenario_units"]
    assert _metric(report, "forecast", "baseline_units") == scenario[0]["baseline_units"]
    trend = next(m.trend for m in report.key_metrics if m.name == "forecast_units")
    assert trend == 15.0  # elasticity -1.5 x -10%


def test_cache_hit_then_miss_after_data_updated(client: Client) -> None:
    first = client.query("Which of my products are overpriced?")
    assert first.json()["cached"] is False
    again = client.query("  which of my products are OVERPRICED ")
    assert again.json()["cached"] is True
    assert again.json()["report"]["key_metrics"] == first.json()["report"]["key_metrics"]
    payload = {"tenant_id": TENANT, "kind": "competitor_prices", "ingestion_id": "ing-1", "rows": 12}
    client.deps.bus.publish("data-updated", json.dumps(payload).encode())
    assert client.runtime.drain() >= 1
    after = client.query("Which of my products are overpriced?")
    assert after.json()["cached"] is False
    assert after.json()["report"]["data_version"] == 1
    # a duplicate delivery of the same ingestion does not bump again
    client.deps.bus.publish("data-updated", json.dumps(payload).encode())
    client.runtime.drain()
    assert client.query("Which of my products are overpriced?").json()["cached"] is True


def test_cache_is_per_tenant(client: Client) -> None:
    client.query("Which of my products are overpriced?")
    other = client.query("Which of my products are overpriced?", tenant="other")
    assert other.json()["cached"] is False
    assert other.json()["report"]["agents"] == {"pricing": "insufficient_data"}


def test_failing_agent_is_isolated(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from shared.agents import registry

    monkeypatch.setitem(registry.AGENT_RUNNERS, "sentiment", "tests.fakes.agent_runners:does_not_exist")
    report = _report(client.query("Give me an overview"))
    assert report.agents["pricing"] == "ok" and report.agents["forecast"] == "ok"
    missing = {m.agent: m for m in report.missing}
    assert missing["sentiment"].status == "failed" and "does_not_exist" in missing["sentiment"].reason
    assert any("partial report: sentiment failed" in w for w in report.warnings)
    assert "Not covered: sentiment (failed)" in report.executive_summary
    # a partial report is not cached
    assert client.query("Give me an overview").json()["cached"] is False


def test_deep_mode_completes_through_the_drained_bus(client: Client) -> None:
    res = client.query(EXAMPLE, mode="deep")
    assert res.status == 202
    job_id = res.json()["job_id"]
    running = client.job(job_id).json()
    assert running["status"] == "running" and running["parts_done"] == []
    client.runtime.drain()
    view = client.job(job_id).json()
    assert view["status"] == "done" and sorted(view["parts_done"]) == ["forecast", "pricing"]
    deep = Report.model_validate(view["report"])
    quick = _report(client.query(EXAMPLE, use_cache=False))
    assert deep.job_id == job_id and deep.mode == "deep"
    def triples(r: Report) -> set[tuple[object, ...]]:
        return {(m.name, m.value, m.trend) for m in r.key_metrics}

    assert triples(deep) == triples(quick)
    assert len(deep.key_metrics) == len(quick.key_metrics) == 4


def test_deep_mode_one_report_with_duplicate_deliveries(client: Client) -> None:
    job_id = client.query("Give me an overview", mode="deep").json()["job_id"]
    client.runtime.drain()
    first = client.job(job_id).json()["report"]
    from shared.orchestration.jobs import PART_DONE_TOPIC, PartDone

    for agent in ("pricing", "sentiment", "forecast"):
        msg = PartDone(tenant_id=TENANT, job_id=job_id, agent=agent).model_dump_json().encode()
        client.deps.bus.publish(PART_DONE_TOPIC, msg)
    client.runtime.drain()
    assert client.job(job_id).json()["report"]["generated_at"] == first["generated_at"]


def test_deep_mode_deadline_assembles_what_is_in(client: Client) -> None:
    from shared.orchestration.jobs import job_view

    job_id = client.query(EXAMPLE, mode="deep").json()["job_id"]
    lost = client.deps.bus.pull("forecast_job--agent-task-forecast")  # type: ignore[attr-defined]
    for m in lost:
        client.deps.bus.ack("forecast_job--agent-task-forecast", m.ack_id)  # type: ignore[attr-defined]
    client.runtime.drain()
    assert client.job(job_id).json()["status"] == "running"
    view = job_view(client.deps, TENANT, job_id, now=10**12)
    assert view.status == "done" and view.report is not None
    assert [(m.agent, m.status) for m in view.report.missing] == [("forecast", "timed_out")]
    assert view.report.agents["pricing"] == "ok"


def test_jobs_are_tenant_scoped(client: Client) -> None:
    job_id = client.query("Give me an overview", mode="deep").json()["job_id"]
    res = client.runtime.call_http("query", "GET", f"/v1/jobs/{job_id}", headers=client.headers(tenant="other"))
    assert res.status == 404


def test_tenant_cannot_come_from_the_body(client: Client) -> None:
    res = client.query("Which of my products are overpriced?", tenant_id="victim")
    assert res.status == 400 and "tenant_id" in res.json()["error"]["message"]


def test_bad_request_names_the_field(client: Client) -> None:
    res = client.query("Hi", mode="fast")
    assert res.status == 400
    fields = {e["field"] for e in res.json()["error"]["details"]["errors"]}
    assert fields == {"question", "mode"}
    assert client.runtime.call_http("query", "POST", "/v1/query", json_body={"question": "x"}).status == 401


def test_follow_up_resolves_against_the_session(client: Client) -> None:
    first = _report(client.query("How are the reviews in the shoes category?", session_id="s1"))
    assert first.plan.entities.categories == ["shoes"]
    follow = _report(client.query("and for the blue one?", session_id="s1"))
    assert follow.plan.intents == ["sentiment"]
    assert follow.plan.entities.skus == ["SKU-123"]  # the only blue shoe
    assert "resolved to SKU-123" in follow.plan.rationale
    # without the session, or in another user's session of the same id, the words stand alone
    assert _report(client.query("and for the blue one?")).plan.intents == ["overview"]
    assert _report(client.query("and for the blue one?", session_id="s1", user="mallory")).plan.intents == \
        ["overview"]


def test_preferences_are_stored_and_order_key_metrics(client: Client) -> None:
    put = client.runtime.call_http("query", "PUT", "/v1/preferences", headers=client.headers(),
                                   json_body={"kpis": ["avg_gap_pct"], "marketplaces": ["amazon"], "goals": ["margin"]})
    assert put.status == 200
    got = client.runtime.call_http("query", "GET", "/v1/preferences", headers=client.headers()).json()
    assert got["marketplaces"] == ["amazon"]
    report = _report(client.query("Which of my products are overpriced?"))
    assert report.key_metrics[0].name == "avg_gap_pct"
    other_user = _report(client.query("Which of my products are overpriced?", user="bob"))
    assert other_user.key_metrics[0].name == "overpriced_skus"


def test_cli_ask_prints_sections_and_json(client: Client, capsys: pytest.CaptureFixture[str]) -> None:
    from shared.cli.main import main

    assert main(["ask", EXAMPLE, "--tenant", TENANT, "--as-of", AS_OF.isoformat()]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 of 6 SKUs")  # the answer first
    for section in ("== Supporting findings ==", "== Actions"):
        assert section in out
    assert main(["ask", EXAMPLE, "--tenant", TENANT, "--as-of", AS_OF.isoformat(), "--full"]) == 0
    out = capsys.readouterr().out
    for section in ("== Summary ==", "== Key metrics ==", "== Supporting findings =="):
        assert section in out
    assert main(["ask", "Give me an overview", "--tenant", TENANT, "--mode", "deep", "--json",
                 "--as-of", AS_OF.isoformat()]) == 0
    report = Report.model_validate_json(capsys.readouterr().out)
    assert report.mode == "deep" and set(report.agents) == {"pricing", "sentiment", "forecast"}


def test_ask_examples(client: Client) -> None:
    import io

    from shared.orchestration.examples import EXAMPLES, ask_examples, top_sku

    out = io.StringIO()
    answers = ask_examples(client.deps, TENANT, out=out)
    assert len(answers) == len(EXAMPLES) and all(a.report for a in answers)
    assert [a.mode for a in answers] == ["quick", "quick", "deep"]
    assert out.getvalue().count("\nQuestion: ") == 3
    sku = top_sku(client.deps, TENANT)
    assert sku.startswith("SKU-2") and answers[0].report.plan.entities.skus == [sku]  # type: ignore[union-attr]


def test_quick_mode_returns_partial_results_when_an_agent_runs_out_of_time(
        client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from shared.agents import registry
    from tests.fakes.agent_runners import FINISHED, RELEASE

    _report(client.query("Give me an overview", use_cache=False))  # warm: imports, statement caches
    monkeypatch.setattr(client.deps.settings, "query_budget_seconds", 2.0)
    monkeypatch.setitem(registry.AGENT_RUNNERS, "forecast", "tests.fakes.agent_runners:blocking_forecast")
    RELEASE.clear()
    FINISHED.clear()
    try:
        report = _report(client.query("Give me an overview", use_cache=False))
    finally:
        RELEASE.set()
        assert FINISHED.wait(30)  # the orphaned agent thread is done before the backend closes
    assert report.agents == {"pricing": "ok", "sentiment": "ok", "forecast": "timed_out"}
    assert report.missing[0].reason == "no result within the 2s time budget"
    assert "partial report: forecast timed out (no result within the 2s time budget)" in report.warnings
    assert report.findings and all(f.agent != "forecast" for f in report.findings)


def _revenue_by_sku(client: Client, start: str, end: str) -> list[tuple[str, float, float]]:
    """(sku, revenue, units) per SKU between two days, most revenue first: the truth, straight from the rows."""
    frame = client.deps.warehouse.query(
        "SELECT sku, SUM(revenue) AS revenue, SUM(units) AS units FROM sales WHERE tenant_id = @tenant_id "
        "AND date BETWEEN CAST(@start AS DATE) AND CAST(@end AS DATE) GROUP BY sku ORDER BY revenue DESC",
        {"tenant_id": TENANT, "start": start, "end": end})
    return [(str(s), float(r), float(u)) for s, r, u in zip(frame["sku"], frame["revenue"], frame["units"],
                                                             strict=True)]


def _title(client: Client, sku: str) -> str:
    frame = client.deps.warehouse.query("SELECT title FROM products WHERE tenant_id = @tenant_id AND sku = @sku",
                                        {"tenant_id": TENANT, "sku": sku})
    return str(frame["title"].iloc[0])


def _says(answer: str, value: float) -> bool:
    """Whether ``answer`` states ``value`` (to the cent, thousands separated or not)."""
    return any(abs(float(x.replace(",", "")) - value) < 0.01 for x in re.findall(r"\d[\d,]*\.?\d*", answer))


def test_a_three_turn_conversation_resolves_each_turn_against_the_last(client: Client) -> None:
    """"top 3 products by revenue in March" -> "what about the second one" -> "and units?", in two sessions.

    Each follow-up is read against its own session's previous turn; a cached answer from the other session (same
    words, another previous reading) is never served for it.
    """
    for session, (start, end, month) in {"m": ("2026-03-01", "2026-03-31", "March 2026"),
                                         "f": ("2026-02-01", "2026-02-28", "February 2026")}.items():
        ranked = _revenue_by_sku(client, start, end)
        first = _report(client.query(f"top 3 products by revenue in {month}", session_id=session))
        assert first.answer_kind == "metric" and all(_says(first.answer, r) for _, r, _ in ranked[:3]), first.answer
        sku, revenue, units = ranked[1]
        second = _report(client.query("what about the second one", session_id=session))
        assert second.answer.startswith(f"Revenue for {_title(client, sku)} in {month}"), second.answer
        assert _says(second.answer, revenue) and not _says(second.answer, ranked[0][1]), second.answer
        third = _report(client.query("and units?", session_id=session))
        assert third.answer.startswith(f"Units sold for {_title(client, sku)} in {month}"), third.answer
        assert _says(third.answer, units), third.answer
    # a new question in the same session inherits nothing: the whole store, not the second product
    fresh = _report(client.query("ok, what was revenue in March 2026?", session_id="m"))
    total = sum(r for _, r, _ in _revenue_by_sku(client, "2026-03-01", "2026-03-31"))
    assert fresh.answer.startswith("Revenue in March 2026") and _says(fresh.answer, total), fresh.answer


def test_cli_session_follow_ups(client: Client, capsys: pytest.CaptureFixture[str]) -> None:
    """``ecomintel ask --session``: the period shifts, then the breakdown changes, each against the turn before."""
    from shared.cli.main import main

    def ask(question: str) -> Report:
        assert main(["ask", question, "--tenant", TENANT, "--as-of", AS_OF.isoformat(), "--session", "c1",
                     "--json"]) == 0
        return Report.model_validate_json(capsys.readouterr().out)

    march = sum(r for _, r, _ in _revenue_by_sku(client, "2026-03-01", "2026-03-31"))
    feb = _revenue_by_sku(client, "2026-02-01", "2026-02-28")
    assert _says(ask("What was revenue in March 2026?").answer, march)
    before = ask("and the month before?")
    assert before.answer.startswith("Revenue in February 2026") and _says(before.answer, sum(r for _, r, _ in feb))
    by_category = ask("break that down by category")
    cats = client.deps.warehouse.query(
        "SELECT p.category, SUM(s.revenue) AS revenue FROM sales s JOIN products p USING (tenant_id, sku) "
        "WHERE s.tenant_id = @tenant_id AND s.date BETWEEN DATE '2026-02-01' AND DATE '2026-02-28' "
        "GROUP BY p.category", {"tenant_id": TENANT})
    assert by_category.answer.startswith("Revenue in February 2026"), by_category.answer
    assert all(_says(by_category.answer, float(v)) for v in cats["revenue"]), by_category.answer
    # without --session the same words stand alone (no February, no earlier question)
    assert main(["ask", "break that down by category", "--tenant", TENANT, "--as-of", AS_OF.isoformat(),
                 "--json"]) == 0
    alone = Report.model_validate_json(capsys.readouterr().out)
    assert "February 2026" not in alone.answer
