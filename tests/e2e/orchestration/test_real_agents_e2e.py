"""After the sample merchant is ingested through the real upload path, each intent produces a report whose
numbers match what the real agents compute directly for the same request."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from shared.agents.registry import get_runner
from shared.deps import get_deps
from shared.ingest.client import ingest_path
from shared.orchestration.executor import QUICK_AGENT_OPTIONS, agent_requests
from shared.orchestration.report import QueryResponse
from shared.runtime.local import LocalRuntime
from shared.sample.merchant import generate_merchant, write_merchant
from shared.security.principal import Role
from shared.security.tokens import mint_token

TENANT = "sample"
AS_OF = date(2026, 6, 30)
#: per-run identifiers, not analysis results
VOLATILE = {"run_id", "cached", "elapsed_ms"}

QUESTIONS = {
    "pricing": "Which SKUs are priced above the market?",
    "sentiment": "What are customers complaining about in reviews?",
    "forecast": "How many units will we sell in the next 30 days?",
    "inventory": "Which products risk a stockout next month?",
    "overview": "How am I doing overall?",
}


@pytest.fixture(scope="module")
def merchant_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sample-merchant")


@pytest.mark.slow
@pytest.mark.parametrize("intent", list(QUESTIONS))
def test_report_numbers_match_the_agents(intent: str, tmp_path: Path) -> None:
    deps = get_deps()
    merchant = generate_merchant(seed=11, n_skus=12, end=AS_OF - timedelta(days=1), days=240)
    for sample in write_merchant(merchant, tmp_path / "sample"):
        assert ingest_path(deps, sample.path, TENANT, sample.kind.value).status == "processed"

    token = mint_token(deps.settings, subject="analyst", tenant_id=TENANT, role=Role.ANALYST)
    res = LocalRuntime(deps).call_http("query", "POST", "/v1/query", headers={"Authorization": f"Bearer {token}"},
                                       json_body={"question": QUESTIONS[intent], "as_of": AS_OF.isoformat(),
                                                  "use_cache": False})
    assert res.status == 200, res.body
    report = QueryResponse.model_validate(res.json()).report
    assert report is not None and intent in report.plan.intents
    assert report.agents and all(status in ("ok", "partial") for status in report.agents.values()), report.agents

    requests = agent_requests(TENANT, report.plan, as_of=AS_OF,
                              options={"marketplaces": [], "kpis": [], "goals": []},
                              agent_options=QUICK_AGENT_OPTIONS)
    compared = 0
    for agent, request in requests.items():
        direct = get_runner(agent)(get_deps(), request)
        shown = {m.name: m.value for m in report.key_metrics if m.agent == agent}
        expected = {k: v for k, v in direct.metrics.items() if k not in VOLATILE}
        for name, value in expected.items():
            if name in shown:
                assert shown[name] == value, (agent, name)
                compared += 1
        finding_ids = {f.id for f in report.findings if f.agent == agent}
        assert finding_ids <= {f.id for f in direct.findings}
    assert compared >= len(requests)  # every agent contributed numbers that were checked
