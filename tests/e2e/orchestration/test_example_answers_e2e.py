"""Every example question (README and ``make demo``) is answered in its first sentence.

On a generated merchant whose data ended over a year ago (no ``as_of`` in the requests), with the numbers of
the agents' own data (and of the stored rows, where a figure can be recomputed from them independently).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from shared.agents.answers import AgentAnswer, answers_of
from shared.agents.registry import get_runner
from shared.deps import get_deps
from shared.ingest.client import ingest_path
from shared.models.agents import AgentResult
from shared.orchestration.client import ask
from shared.orchestration.examples import EXAMPLES, top_sku
from shared.orchestration.executor import QUICK_AGENT_OPTIONS, agent_requests
from shared.orchestration.report import Report
from shared.sample.merchant import SampleMerchant, generate_merchant, write_merchant

TENANT = "shop"
ENDED = date(2025, 11, 30)  # over a year before this was written: answers are as of the data, not empty
README = Path(__file__).resolve().parents[3] / "README.md"


def _readme_questions() -> list[str]:
    return re.findall(r'ecomintel ask "([^"]+)"', README.read_text())


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0]


def _agent(report: Report, agent: str) -> AgentResult:
    """The agent's own result for the report's plan (forecasts are cached, so the same numbers)."""
    requests = agent_requests(TENANT, report.plan, options={"marketplaces": [], "kpis": [], "goals": []},
                              agent_options=QUICK_AGENT_OPTIONS)
    request = requests[agent]  # type: ignore[index]
    request.options["persist"] = False
    return get_runner(agent)(get_deps(), request)  # type: ignore[arg-type]


def _answer(result: AgentResult, ask_kind: str) -> AgentAnswer:
    return next(a for a in answers_of(result) if a.ask == ask_kind)


def _ingest(tmp: Path) -> SampleMerchant:
    merchant = generate_merchant(seed=5, n_skus=12, end=ENDED, days=240)
    for sample in write_merchant(merchant, tmp / "sample"):
        assert ingest_path(get_deps(), sample.path, TENANT, sample.kind.value).status == "processed"
    return merchant


def _ask(question: str, mode: str = "quick") -> Report:
    resp = ask(get_deps(), question, tenant=TENANT, mode=mode, use_cache=False)  # type: ignore[arg-type]
    assert resp.report is not None
    report = resp.report
    assert report.answer and not report.answer.startswith("Could not"), (question, report.answer)
    return report


def _independent_rating_change(sku: str) -> tuple[float, float]:
    """Spam-weighted mean rating of the last 90 days vs before, straight from the stored review rows."""
    rows = get_deps().warehouse.query("SELECT sku, date, rating, spam_score FROM reviews WHERE tenant_id = @tenant_id",
                                      {"tenant_id": TENANT})
    rows["date"] = pd.to_datetime(rows["date"]).dt.date
    end = max(rows["date"])
    rows = rows[(rows["sku"] == sku) & rows["rating"].notna()]
    s = pd.to_numeric(rows["spam_score"], errors="coerce").fillna(0.0).to_numpy()
    w = np.where(s >= 0.8, 0.0, np.where(s >= 0.5, 1.0 - s, 1.0))
    recent = (rows["date"] > end - timedelta(days=90)).to_numpy()
    r = rows["rating"].to_numpy(dtype=float)
    return float(np.average(r[~recent], weights=w[~recent])), float(np.average(r[recent], weights=w[recent]))


@pytest.mark.slow
def test_every_example_question_is_answered_in_its_first_sentence(tmp_path: Path) -> None:
    merchant = _ingest(tmp_path)
    sku = top_sku(get_deps(), TENANT)
    declining = merchant.review_truth.declining_sku
    stockout_sku = sorted(merchant.stock_truth.stockout)[0] if merchant.stock_truth.stockout else sku
    readme = {q: q.replace("SKU-42", declining).replace("SKU-7", stockout_sku) for q in _readme_questions()}
    assert len(readme) >= 3

    # README: "Which SKUs are priced above the market?"
    above = _ask(readme["Which SKUs are priced above the market?"])
    positions = _answer(_agent(above, "pricing"), "overpriced")
    n_above = positions.total_rows
    assert _first_sentence(above.answer).startswith(f"{n_above} of ")
    assert above.table is not None and [r[0] for r in above.table.rows] == [r[0] for r in positions.rows]
    gap_at = above.table.columns.index("gap_pct")
    assert above.table.columns[:2] == ["sku", "product"]  # each SKU beside its title
    assert all(r[gap_at] > 5 for r in above.table.rows)  # gap_pct, ranked
    assert [r[gap_at] for r in above.table.rows] == sorted((r[gap_at] for r in above.table.rows), reverse=True)
    assert above.as_of is not None and above.as_of <= ENDED
    assert any("the data ends" in x for x in above.limitations)  # stale: said, and confidence lowered

    # README: "Why are ratings for SKU-42 falling?" (the merchant's product whose ratings fall)
    why = _ask(readme["Why are ratings for SKU-42 falling?"])
    before, recent = _independent_rating_change(declining)
    assert f"({declining})'s rating" in _first_sentence(why.answer)  # "Title (SKU)", as the other agents name it
    assert f"rating fell from {before:.2f} to {recent:.2f} stars" in _first_sentence(why.answer)

    # README: units over 30 days, and when we run out
    units_q = readme["How many units of SKU-7 will we sell in the next 30 days, and when do we run out?"]
    units = _ask(units_q, "deep")
    forecast = _agent(units, "forecast")
    total = sum(next(f for f in forecast.data["forecasts"] if f["series_id"] == stockout_sku)["forecast"])
    first = _first_sentence(units.answer)
    # the product by its title first, its SKU beside it: "Urbanist Lite Headlamp (OUT-0003) is expected to sell ..."
    assert re.match(rf"[^(]+ \({re.escape(stockout_sku)}\) is expected to sell {total:,.0f} units over the next "
                    r"30 days", first), first
    assert "interval" in first
    assert units.plan.asks == ["forecast", "stockout"] and len(re.findall(r"\.(?:\s|$)", units.answer)) >= 2

    # demo 1: overpriced + what-if, each part in its own sentence; the what-if states the demand change
    template, mode = EXAMPLES[0]
    mixed = _ask(template.format(sku=sku), mode)
    scenario = _agent(mixed, "pricing").data["scenario"]
    assert scenario is not None and scenario["available"], scenario
    change = 100 * (scenario["units_multiplier"] - 1)
    sentences = re.split(r"(?<=\.)\s+(?=[A-Z])", mixed.answer)
    assert "above the median competitor" in sentences[0]
    what_if = next(s for s in sentences if s.startswith("Cutting"))
    assert f"{'raises' if change >= 0 else 'lowers'} expected demand by {abs(change):.1f}%" in what_if
    assert f"elasticity of {scenario['elasticity']:.2f}" in what_if and "interval" in what_if

    # demo 2: complaints over the last 90 days (of the merchant's own data)
    template, mode = EXAMPLES[1]
    complaints = _ask(template, mode)
    assert complaints.table is not None
    top = complaints.table.rows[0]
    assert _first_sentence(complaints.answer).startswith("The top complaints about ")
    assert f"{top[0]} in {top[1]} review" in complaints.answer and f'"{top[4]}"' in complaints.answer
    assert complaints.plan.entities.end_date is not None and complaints.plan.entities.end_date <= ENDED
    assert complaints.period is not None and complaints.period.days == 90  # to the as-of date, as metrics count it
    assert complaints.period.end == complaints.as_of  # the answer states the period it used
    assert f"{complaints.period.start.isoformat()} to {complaints.period.end.isoformat()}" in complaints.answer

    # demo 3 (deep): forecast for 4 weeks and the products at risk of a stockout
    template, mode = EXAMPLES[2]
    risk = _ask(template, mode)
    # every SKU with sales is forecast here (20): their sum is the store's (a larger catalogue leads with the
    # store's own series: tests/unit/forecast/test_answers.py)
    assert re.match(r"\d+ SKUs are expected to sell [\d,]+ units over the next 28 days", risk.answer)
    stock_sentence = next(s for s in re.split(r"(?<=\.)\s+(?=[A-Z\d])", risk.answer)
                          if "run out" in s)
    stock = _answer(_agent(risk, "forecast"), "stockout")
    left, lead = stock.columns.index("days_left"), stock.columns.index("lead_time_days")  # a product column too
    assert all(r[left] < r[lead] for r in stock.rows)  # days left < lead time, soonest first
    assert [r[left] for r in stock.rows] == sorted(r[left] for r in stock.rows)
    if stock.rows:
        assert stock_sentence.startswith(f"{stock.total_rows} SKU")
        assert {r[0] for r in stock.rows} >= set(merchant.stock_truth.stockout) & {
            c["sku"] for c in _agent(risk, "forecast").data["cover"]}
    for report in (above, why, units, mixed, complaints, risk):
        assert len(report.findings) <= 5 and len(report.risks) <= 5 and len(report.actions) <= 5
