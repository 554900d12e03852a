"""The pricing function through the embedded runtime, with rows in the embedded warehouse."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pytest

from shared.deps import get_deps
from shared.pricing.elasticity import POOLED_METHOD
from shared.runtime.local import LocalRuntime
from shared.security.principal import Role
from shared.security.tokens import mint_token

PATH = "/v1/agents/pricing"
START = date(2026, 3, 1)


def _lineage(frame: pd.DataFrame, tenant: str, kind: str) -> pd.DataFrame:
    out = frame.copy()
    out["tenant_id"] = tenant
    out["ingestion_id"] = "ing-1"
    out["row_hash"] = [f"h{i}" for i in range(len(out))]
    out["record_key"] = [f"{kind}:{tenant}:{i}" for i in range(len(out))]
    out["ingested_at"] = datetime(2026, 4, 1, tzinfo=UTC)
    return out


def _seed(tenant: str, *, competitor_price_a: float = 10.0) -> None:
    wh = get_deps().warehouse
    wh.insert("products", _lineage(pd.DataFrame({
        "sku": ["SKU-A", "SKU-B"], "title": ["Widget", "Gadget"], "category": ["tools", "tools"],
        "price": [12.0, 20.0], "cost": [6.0, 15.0], "map_price": [None, 19.0],
    }), tenant, "products"))
    days = [START + timedelta(days=i) for i in range(30)]
    rows = []
    for d in days:
        rows += [("SKU-A", "shopx", d, competitor_price_a, "X-A"), ("SKU-A", "shopy", d, 11.0, "Y-A"),
                 ("SKU-B", "shopx", d, 18.5 if d >= START + timedelta(days=25) else 21.0, "X-B")]
    wh.insert("competitor_prices", _lineage(pd.DataFrame(
        rows, columns=["sku", "competitor", "date", "price", "competitor_sku"]), tenant, "competitor_prices"))
    # SKU-A sales with price variation following elasticity -2
    rng = np.random.default_rng(7)
    prices = rng.choice([10.0, 11.0, 12.0, 13.0], size=len(days))
    units = np.round(10_000 * prices ** -2.0 * np.exp(rng.normal(0, 0.1, len(days)))).astype(int)
    wh.insert("sales", _lineage(pd.DataFrame({"sku": "SKU-A", "date": days, "units": units,
                                              "unit_price": prices}), tenant, "sales"))


def _call(body: dict[str, Any], *, tenant: str = "t1", role: Role = Role.VIEWER) -> Any:
    deps = get_deps()
    token = mint_token(deps.settings, subject="u1", tenant_id=tenant, role=role)
    return LocalRuntime(deps).call_http("pricing", "POST", PATH, headers={"Authorization": f"Bearer {token}"},
                                        json_body=body)


def test_pricing_function_returns_agent_result_for_the_token_tenant() -> None:
    _seed("t1")
    _seed("t2", competitor_price_a=100.0)  # another tenant's data must not leak in
    resp = _call({"tenant_id": "t2", "as_of": "2026-03-30"})
    assert resp.status == 200, resp.body
    result = resp.json()
    assert result["agent"] == "pricing" and result["tenant_id"] == "t1"
    positions = {p["sku"]: p for p in result["data"]["positions"]}
    # SKU-A: our price is the latest sales price; competitors 10 and 11
    a = positions["SKU-A"]
    assert a["comp_median"] == pytest.approx(10.5)
    assert a["price_index"] == pytest.approx(100 * a["our_price"] / 10.5)
    # SKU-B: catalogue price 20 vs 18.5 (shopx dropped from 21 on day 26: a >5% move)
    b = positions["SKU-B"]
    assert b["our_price"] == 20.0 and b["rank"] == 2 and b["gap_to_min"] == pytest.approx(1.5)
    moves = result["data"]["alerts"]
    assert [(m["sku"], m["direction"]) for m in moves] == [("SKU-B", "down")]
    # our SKU-B price stays >= MAP 19 and margin floor 15 / 0.9
    assert b["recommended_price"] >= 19.0
    assert result["confidence"]["known"] is True
    ev = next(f for f in result["findings"] if f["id"].startswith("move:SKU-B"))["evidence"][0]
    assert ev["params"]["tenant"] == "t1"
    assert any(f"tenant_id = {mark}tenant " in ev["query"] for mark in "@$")  # the engine's own dialect
    assert ev["row_ids"], "move evidence names the competitor rows"


def test_price_change_scenario_uses_elasticity_with_interval() -> None:
    _seed("t1")
    resp = _call({"skus": ["SKU-A"], "price_change_pct": -10, "as_of": "2026-03-30", "horizon_days": 7})
    assert resp.status == 200, resp.body
    scenario = resp.json()["data"]["scenario"]
    assert scenario["available"] is True and scenario["method"] == POOLED_METHOD
    assert -3.0 < scenario["ci_low"] < scenario["elasticity"] < scenario["ci_high"] < -1.5
    assert scenario["delta_units"] > 0  # a price cut sells more when demand is elastic
    assert scenario["delta_units_low"] <= scenario["delta_units"] <= scenario["delta_units_high"]
    finding = next(f for f in resp.json()["findings"] if f["id"] == "scenario:SKU-A")
    assert finding["confidence"]["known"] is True
    assert finding["confidence"]["data_freshness"] == 1.0  # sales run up to as_of, 2026-03-30


def test_no_competitor_prices_reports_missing_data() -> None:
    resp = _call({"as_of": "2026-03-30"})
    assert resp.status == 200
    result = resp.json()
    assert result["status"] == "insufficient_data"
    assert any("competitor prices" in m for m in result["missing_data"])
    assert result["confidence"]["known"] is False


def test_requires_a_token_and_rejects_bad_bodies() -> None:
    runtime = LocalRuntime(get_deps())
    assert runtime.call_http("pricing", "POST", PATH, json_body={}).status == 401
    bad = _call({"price_change_pct": "lots"})
    assert bad.status == 400 and "price_change_pct" in bad.json()["error"]["message"]
    token = mint_token(get_deps().settings, subject="u1", tenant_id="t1", role=Role.VIEWER)
    garbled = runtime.call_http("pricing", "POST", PATH, data=b"{not json",
                                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert garbled.status == 400 and garbled.json()["error"]["message"] == "body is not valid JSON"


def test_request_filters_reach_the_queries() -> None:
    _seed("t1")
    body = {"skus": ["SKU-A", "SKU-B"], "categories": ["tools"], "competitors": ["shopx"],
            "start_date": "2026-03-20", "end_date": "2026-03-28", "as_of": "2026-03-30"}
    result = _call(body).json()
    positions = {p["sku"]: p for p in result["data"]["positions"]}
    assert set(positions) == {"SKU-A", "SKU-B"}
    assert positions["SKU-A"]["n_competitors"] == 1 and positions["SKU-A"]["n_dates"] == 9
    assert positions["SKU-A"]["latest_date"] == "2026-03-28"
    assert _call({**body, "categories": ["garden"]}).json()["status"] == "insufficient_data"


def test_listings_check_the_competitor_mappings() -> None:
    _seed("t1")
    listings = [{"competitor": "shopx", "competitor_sku": "X-A", "title": "Gadget"},
                {"competitor": "shopy", "competitor_sku": "Y-A", "title": "Widget"}]
    plain = _call({"as_of": "2026-03-30"}).json()
    checked = _call({"as_of": "2026-03-30", "options": {"listings": listings}}).json()
    assert any("shopx item X-A is mapped to SKU-A but looks like SKU-B" in w for w in checked["warnings"])
    a_plain = next(p for p in plain["data"]["positions"] if p["sku"] == "SKU-A")
    a_checked = next(p for p in checked["data"]["positions"] if p["sku"] == "SKU-A")
    assert a_checked["model_certainty"] == pytest.approx(0.5 * a_plain["model_certainty"])  # match mean (0 + 1) / 2


def test_registry_runner_is_the_pricing_agent() -> None:
    from shared.agents.registry import get_runner
    from shared.models.agents import AgentRequest

    _seed("t1")
    result = get_runner("pricing")(get_deps(), AgentRequest(tenant_id="t1", as_of=date(2026, 3, 30)))
    assert result.agent == "pricing" and result.metrics["skus_positioned"] == 2
    assert result.elapsed_ms is not None
