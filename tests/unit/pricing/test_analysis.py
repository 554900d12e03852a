"""The composed analysis and its AgentResult, on frames only (no backend)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from shared.models.agents import AgentRequest
from shared.pricing.analysis import PricingInputs, SourceQuery, analyse, to_agent_result
from shared.pricing.options import PricingOptions
from tests.unit.pricing.frames import observations


def _inputs() -> PricingInputs:
    rows = []
    for day in range(1, 11):
        d = f"2026-02-{day:02d}"
        rows += [("A", d, "x", 10.0, 12.0), ("A", d, "y", 10.0 if day < 8 else 9.0, 12.0),
                 ("B", d, "x", 20.0, 20.0)]
    obs = observations(rows)
    obs["row_id"] = [f"cp:{i}" for i in range(len(obs))]
    obs.loc[obs["competitor"] == "y", "match_confidence"] = 0.7
    obs["match_confidence"] = obs["match_confidence"].fillna(1.0)
    attrs = pd.DataFrame({"cost": [6.0, None], "map_price": [None, 21.0], "msrp": [None, None],
                          "category": ["toys", "toys"]}, index=pd.Index(["A", "B"], name="sku"))
    return PricingInputs(observations=obs, attributes=attrs)


def test_result_carries_numbers_evidence_and_confidence() -> None:
    options = PricingOptions()
    analysis = analyse(_inputs(), options, today=date(2026, 2, 10))
    a = analysis.skus.loc["A"]
    assert a["price_index"] == pytest.approx(100 * 12 / 9.5)
    assert a["model_certainty"] == pytest.approx(0.85)  # mean match confidence (1.0 and 0.7)
    assert a["data_completeness"] == 1.0 and a["data_freshness"] == 1.0
    assert a["confidence"] == 85
    assert a["recommended_price"] == pytest.approx(10.8)  # 10% step toward median 9.5, floor 6 / 0.9
    b = analysis.skus.loc["B"]
    assert b["recommended_price"] == 21.0 and "below_map_now" in b["flags"]
    assert [m.direction for m in analysis.moves.itertuples()] == ["down"]  # y: 10 -> 9 (-10%)

    request = AgentRequest(tenant_id="t1")
    result = to_agent_result(analysis, request, options, observations=_inputs().observations,
                             sources={"competitor_prices": SourceQuery("SELECT 1 WHERE tenant_id = @tenant_id",
                                                                       {"tenant_id": "t1"})})
    assert result.agent == "pricing" and result.status == "ok"
    finding = next(f for f in result.findings if f.id == "position:A")
    assert finding.metrics["rank"] == 3 and finding.confidence.score == 85
    assert finding.evidence[0].query == "SELECT 1 WHERE tenant_id = @tenant_id"
    assert finding.evidence[0].row_ids == ["cp:27", "cp:28"]
    assert any(f.id.startswith("below_map:B:us") and f.severity == "high" for f in result.findings)
    assert any("need review" in w for w in result.warnings)
    assert any("no cost" in w for w in result.warnings)
    action = next(x for x in result.actions if x.sku == "A")
    assert action.method == "rule" and "Lower A from 12.00 to 10.80" == action.title
    assert result.confidence.known and result.confidence.score is not None
    assert result.data["positions"][0]["sku"] == "A"


def test_stale_data_lowers_freshness() -> None:
    analysis = analyse(_inputs(), PricingOptions(), today=date(2026, 2, 24))  # 14 days later: half
    assert analysis.skus.loc["B", "data_freshness"] == pytest.approx(0.5)
    assert analysis.skus.loc["B", "confidence"] == 50


def test_no_competitor_prices_is_insufficient_data_with_unknown_confidence() -> None:
    empty = observations([])
    analysis = analyse(PricingInputs(observations=empty), PricingOptions(), today=date(2026, 2, 10))
    result = to_agent_result(analysis, AgentRequest(tenant_id="t1"), PricingOptions(), observations=empty)
    assert result.status == "insufficient_data"
    assert result.missing_data and "competitor prices" in result.missing_data[0]
    assert result.confidence.known is False and "confidence unknown" in result.confidence.explanation


def test_no_own_prices_is_reported_not_crashed() -> None:
    obs = observations([("A", "2026-02-01", "x", 10.0, float("nan"))])
    analysis = analyse(PricingInputs(observations=obs), PricingOptions(), today=date(2026, 2, 1))
    result = to_agent_result(analysis, AgentRequest(tenant_id="t1"), PricingOptions(), observations=obs)
    assert analysis.skus.empty and result.status == "insufficient_data"
    assert any("our prices" in m for m in result.missing_data)
    assert any("no price of ours" in w for w in result.warnings)
