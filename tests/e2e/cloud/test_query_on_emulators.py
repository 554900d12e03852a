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


SALES = (b"sku,date,units,unit_price,order_id,channel\n"
         b"MUG-1,2024-05-03,2,20.00,o-1,web\nTEE-2,2024-05-03,1,15.00,o-1,web\nMUG-1,2024-05-20,1,20.00,,shop\n"
         b"TEE-2,2024-06-01,3,15.00,o-2,web\nMUG-1,2024-04-30,5,20.00,o-0,web\n")


def test_metric_question_on_the_emulators(query_stack: RunningStack, monkeypatch: pytest.MonkeyPatch) -> None:
    """POST /v1/metrics:query answered by the query function from BigQuery-emulator rows ingested for real."""
    query_stack.use(monkeypatch)
    deps = get_deps()
    tenant = f"t-{uuid.uuid4().hex[:6]}"
    bucket = deps.settings.bucket_name("raw")
    runtime = runtime_for(deps)
    deps.blobs.write(bucket, f"raw/{tenant}/products/p.csv", PRODUCTS, content_type="text/csv")
    runtime.drain(max_seconds=300)
    deps.blobs.write(bucket, f"raw/{tenant}/sales/s.csv", SALES, content_type="text/csv")
    runtime.drain(max_seconds=300)
    wait_for(lambda: len(deps.warehouse.query("SELECT sku FROM sales WHERE tenant_id = @t", {"t": tenant})) == 5
             or None, timeout=180, what="sales rows")

    token = mint_token(deps.settings, subject="analyst", tenant_id=tenant, role=Role.VIEWER)
    body = {"metrics": ["revenue", "orders"], "dimensions": ["product"], "order_by": "revenue",
            "time_range": {"start": "2024-05-01", "end": "2024-05-31"}, "compare": "previous_period"}
    res = runtime.call_http("query", "POST", "/v1/metrics:query", headers={"Authorization": f"Bearer {token}"},
                            json_body=body)
    assert res.status == 200, res.body
    result = res.json()
    # May: Mug 2x20 + 1x20 (a line without an order id is its own order), Tee 1x15; April: Mug 5x20
    assert [(r["product"], r["revenue"], r["orders"], r["revenue_previous"]) for r in result["rows"]] == [
        ("Mug", 60.0, 2, 100.0), ("Tee", 15.0, 1, None)]
    assert result["previous_range"] == {"start": "2024-04-01", "end": "2024-04-30", "label": "2024-04-01 - 2024-04-30"}
    assert result["statement"]["dialect"] == "bigquery" and "@tenant" in result["statement"]["sql"]
