"""'What is the demand forecast for our best seller?' forecasts the top SKU by units, through the real query path."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from shared.deps import get_deps
from shared.ingest.client import ingest_path
from shared.orchestration.report import QueryResponse
from shared.runtime.local import LocalRuntime
from shared.sample.merchant import generate_merchant, write_merchant
from shared.security.principal import Role
from shared.security.tokens import mint_token

TENANT = "sample"
AS_OF = date(2026, 6, 30)


@pytest.mark.slow
def test_our_best_seller_is_the_top_sku_by_units_over_90_days(tmp_path: Path) -> None:
    deps = get_deps()
    merchant = generate_merchant(seed=7, n_skus=12, end=AS_OF - timedelta(days=1), days=240)
    for sample in write_merchant(merchant, tmp_path / "sample"):
        assert ingest_path(deps, sample.path, TENANT, sample.kind.value).status == "processed"
    stored = deps.warehouse.query(
        "SELECT sku, SUM(units) AS units FROM sales WHERE tenant_id = @t AND date > @start GROUP BY sku "
        "ORDER BY units DESC", {"t": TENANT, "start": AS_OF - timedelta(days=91)})
    best = str(stored["sku"].iloc[0])

    token = mint_token(deps.settings, subject="analyst", tenant_id=TENANT, role=Role.ANALYST)
    res = LocalRuntime(deps).call_http("query", "POST", "/v1/query", headers={"Authorization": f"Bearer {token}"},
                                       json_body={"question": "What is the demand forecast for our best seller?",
                                                  "as_of": AS_OF.isoformat(), "use_cache": False})
    assert res.status == 200, res.body
    report = QueryResponse.model_validate(res.json()).report
    assert report is not None
    # before: "We expect to sell N units ... across all 12 SKUs" (the whole store)
    assert re.match(rf"[^(]+ \({re.escape(best)}\) is expected to sell ", report.answer), report.answer
    assert report.table is not None and [row[0] for row in report.table.rows] == [best]
