"""Ask a question on the emulator stack: the query function process answers from BigQuery-emulator rows that
the real ingest/process functions loaded, with the same numbers the agents compute directly."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from shared.agents.registry import get_runner
from shared.deps import get_deps
from shared.orchestration.executor import QUICK_AGENT_OPTIONS, agent_requests
from shared.orchestration.report import QueryResponse
from shared.runtime import runtime_for
from shared.security.principal import Role
from shared.security.tokens import mint_token
from tests.e2e.cloud.conftest import RunningStack, function_stack, wait_for

pytestmark = [pytest.mark.emulator, pytest.mark.xdist_group("emulators"), pytest.mark.slow]
REQUIRED = ("ingest", "process", "data_updated", "query")

PRODUCTS = b"sku,title,price,cost\nMUG-1,Mug,20.00,8.00\nTEE-2,Tee,15.00,6.00\n"
COMPETITORS = (b"sku,competitor,date,price\nMUG-1,rival,2024-06-01,16.00\nMUG-1,other,2024-06-01,17.50\n"
               b"TEE-2,rival,2024-06-01,15.50\n")


@pytest.fixture(scope="module")
def query_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    yield from function_stack(tmp_path_factory, REQUIRED, "q")


def test_pricing_question_on_the_emulators(query_stack: RunningStack, monkeypatch: pytest.MonkeyPatch) -> None:
    query_stack.use(monkeypatch)
    deps = get_deps()
    tenant = f"t-{uuid.uuid4().hex[:6]}"
    bucket = deps.settings.bucket_name("raw")
    deps.blobs.write(bucket, f"raw/{tenant}/products/p.csv", PRODUCTS, content_type="text/csv")
    runtime = runtime_for(deps)
    runtime.drain(max_seconds=300)
    deps.blobs.write(bucket, f"raw/{tenant}/competitor_prices/c.csv", COMPETITORS, content_type="text/csv")
    runtime.drain(max_seconds=300)
    wait_for(lambda: len(deps.warehouse.query("SELECT sku FROM competitor_prices WHERE tenant_id = @t",
                                              {"t": tenant})) == 3 or None, timeout=180, what="competitor rows")

    token = mint_token(deps.settings, subject="analyst", tenant_id=tenant, role=Role.ANALYST)
    res = runtime.call_http("query", "POST", "/v1/query", headers={"Authorization": f"Bearer {token}"},
                            json_body={"question": "Which SKUs are priced above the market?", "as_of": "2024-06-02",
                                       "use_cache": False})
    assert res.status == 200, res.body
    report = QueryResponse.model_validate(res.json()).report
    assert report is not None and report.plan.agents == ["pricing"] and report.agents == {"pricing": "ok"}
    request = agent_requests(tenant, report.plan, as_of=date(2024, 6, 2),
                             options={"marketplaces": [], "kpis": [], "goals": []},
                             agent_options=QUICK_AGENT_OPTIONS)["pricing"]
    direct = get_runner("pricing")(deps, request)  # the same agent, in this process, on the same emulators
    shown = {m.name: m.value for m in report.key_metrics if m.agent == "pricing"}
    assert shown and all(shown[k] == v for k, v in direct.metrics.items() if k in shown)
    over = {f.sku for f in report.findings if f.sku and "above" in f.title}
    assert "MUG-1" in over
