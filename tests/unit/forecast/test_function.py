"""The forecast function end to end through the embedded runtime (rows inserted into the warehouse)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from shared.deps import get_deps
from shared.runtime.local import LocalRuntime
from shared.security.principal import Role
from shared.security.tokens import mint_token

AS_OF = date(2025, 6, 30)


def _lineage(n: int, tenant: str, prefix: str) -> dict[str, object]:
    return {"tenant_id": tenant, "ingestion_id": "ing-1", "row_hash": [f"{prefix}-h{i}" for i in range(n)],
            "record_key": [f"{prefix}-k{i}" for i in range(n)], "ingested_at": datetime(2025, 7, 1, tzinfo=UTC)}


def _seed(tenant: str = "acme") -> None:
    deps = get_deps()
    rng = np.random.default_rng(7)
    days = [AS_OF - timedelta(days=i) for i in range(119, -1, -1)]
    weekly = np.array([1.0, 1.0, 1.0, 1.1, 1.3, 1.6, 0.8])
    units = [int(rng.poisson(10 * weekly[d.weekday()])) for d in days]
    price = [9.99 if i % 30 < 20 else 7.99 for i in range(len(days))]
    sales = pd.DataFrame({"sku": "SKU-1", "date": days, "units": units, "unit_price": price,
                          "promo": [p < 9 for p in price], **_lineage(len(days), tenant, "s")})
    deps.warehouse.insert("sales", sales)
    inv = pd.DataFrame({"sku": ["SKU-1"], "date": [AS_OF], "on_hand": [120], "on_order": [0],
                        "lead_time_days": [5], "location": ["main"], **_lineage(1, tenant, "i")})
    deps.warehouse.insert("inventory", inv)
    # another tenant's rows must never leak into acme's answer
    other = sales.assign(tenant_id="other", units=1000)
    deps.warehouse.insert("sales", other)


def _call(body: dict[str, object], tenant: str = "acme") -> tuple[int, dict[str, Any]]:
    deps = get_deps()
    token = mint_token(deps.settings, subject="u1", tenant_id=tenant, role=Role.VIEWER)
    res = LocalRuntime(deps).call_http("forecast", "POST", "/v1/agents/forecast",
                                       headers={"Authorization": f"Bearer {token}"}, json_body=body)
    return res.status, res.json()


def test_forecast_function_answers_units_and_stockout() -> None:
    _seed()
    status, body = _call({"tenant_id": "evil", "skus": ["SKU-1"], "horizon_days": 30, "as_of": AS_OF.isoformat(),
                          "options": {"prophet": "never"}})
    assert status == 200, body
    assert body["tenant_id"] == "acme"
    assert body["status"] == "ok"
    fc = next(f for f in body["findings"] if f["id"] == "forecast:SKU-1")
    total = fc["metrics"]["forecast_total"]
    assert 200 < total < 500  # ~11/day over 30 days; the other tenant's 1000/day is not mixed in
    assert fc["metrics"]["lower"] <= total <= fc["metrics"]["upper"]
    assert fc["metrics"]["backtest_mase"] is not None and fc["metrics"]["naive_mase"] is not None
    assert fc["evidence"][0]["query"] and fc["evidence"][0]["params"]["tenant"] == "acme"
    stock = next(f for f in body["findings"] if f["id"] == "stock:SKU-1")
    assert stock["metrics"]["stockout_date"] is not None  # 120 units at ~11/day run out within 30 days
    assert stock["metrics"]["reorder_point"] > 0
    assert body["confidence"]["known"] is True
    # second call: unchanged data -> served from the cache, and drift tracking sees the first run
    status2, body2 = _call({"skus": ["SKU-1"], "horizon_days": 30, "as_of": AS_OF.isoformat(),
                            "options": {"prophet": "never"}})
    assert status2 == 200
    assert body2["metrics"]["cached"] == 1


def test_forecast_function_requires_token_and_reports_missing_data() -> None:
    res = LocalRuntime(get_deps()).call_http("forecast", "POST", "/v1/agents/forecast", json_body={})
    assert res.status == 401
    status, body = _call({"skus": ["NOPE"], "horizon_days": 7, "as_of": AS_OF.isoformat()})
    assert status == 200
    assert body["status"] == "insufficient_data"
    assert body["missing_data"]
