"""``POST /v1/metrics:query`` and ``GET /v1/metrics:catalog`` through the query function's app."""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.store.metrics.catalog import METRICS
from tests.e2e.orchestration.conftest import TENANT, Client

MARCH = {"start": "2026-03-01", "end": "2026-03-30"}


def _sales(client: Client) -> pd.DataFrame:
    frame = client.deps.warehouse.query("SELECT * FROM sales WHERE tenant_id = @t", {"t": TENANT})
    products = client.deps.warehouse.query("SELECT sku, category FROM products WHERE tenant_id = @t", {"t": TENANT})
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame.merge(products, on="sku", how="left")


def _post(client: Client, body: dict[str, object], tenant: str | None = None) -> object:
    return client.runtime.call_http("query", "POST", "/v1/metrics:query", headers=client.headers(tenant),
                                    json_body=body)


def test_breakdown_with_previous_period_matches_the_rows(client: Client) -> None:
    res = _post(client, {"metrics": ["revenue", "orders"], "dimensions": ["category"], "time_range": MARCH,
                         "compare": "previous_period", "order_by": "revenue", "share_of_total": True})
    assert res.status == 200, res.body  # type: ignore[attr-defined]
    body = res.json()  # type: ignore[attr-defined]
    sales = _sales(client)
    now = sales[(sales["date"] >= date(2026, 3, 1)) & (sales["date"] <= date(2026, 3, 30))]
    before = sales[(sales["date"] >= date(2026, 1, 30)) & (sales["date"] <= date(2026, 2, 28))]
    want = now.groupby("category")["revenue"].sum().sort_values(ascending=False)
    assert [r["category"] for r in body["rows"]] == list(want.index)
    for row in body["rows"]:
        assert abs(row["revenue"] - want[row["category"]]) < 1e-6
        assert row["orders"] == now[now["category"] == row["category"]]["order_id"].nunique()
        prior = before[before["category"] == row["category"]]["revenue"].sum()
        assert abs(row["revenue_previous"] - prior) < 1e-6
        assert abs(row["revenue_share"] - want[row["category"]] / want.sum()) < 1e-9
    assert body["previous_range"]["start"] == "2026-01-30" and body["currency"] == "EUR"
    assert body["query"]["tenant_id"] == TENANT and "$tenant" in body["statement"]["sql"]
    assert body["statement"]["dialect"] == "duckdb"


def test_another_tenant_sees_none_of_these_rows(client: Client) -> None:
    res = _post(client, {"metrics": ["revenue", "units"]}, tenant="globex")
    assert res.status == 200  # type: ignore[attr-defined]
    assert res.json()["rows"] == [{"revenue": None, "units": None}]  # type: ignore[attr-defined]


def test_the_body_cannot_name_a_tenant(client: Client) -> None:
    res = _post(client, {"metrics": ["revenue"], "tenant_id": "globex"})
    assert res.status == 400  # type: ignore[attr-defined]
    assert res.json()["error"]["code"] == "invalid_argument"  # type: ignore[attr-defined]


def test_what_the_data_cannot_answer_is_a_400_in_the_error_shape(client: Client) -> None:
    res = _post(client, {"metrics": ["revenue"], "dimensions": ["competitor"]})
    assert res.status == 400  # type: ignore[attr-defined]
    error = res.json()["error"]  # type: ignore[attr-defined]
    assert "no competitor" in error["message"] and error["details"]["dimension"] == "competitor"
    res = _post(client, {"metrics": ["revenue"], "order_by": "units"})
    assert res.status == 400 and "order_by" in res.json()["error"]["message"]  # type: ignore[attr-defined]


def test_catalog_lists_every_metric_with_label_and_unit(client: Client) -> None:
    res = client.runtime.call_http("query", "GET", "/v1/metrics:catalog", headers=client.headers())
    assert res.status == 200
    body = res.json()
    assert {m["name"]: m["unit"] for m in body["metrics"]} == {n: s.unit for n, s in METRICS.items()}
    assert {d["name"] for d in body["dimensions"]} >= {"date", "product", "competitor"}


def test_metrics_need_credentials(client: Client) -> None:
    res = client.runtime.call_http("query", "POST", "/v1/metrics:query", json_body={"metrics": ["revenue"]})
    assert res.status == 401


def test_rates_the_data_cannot_give_are_none_not_zero(client: Client) -> None:
    res = _post(client, {"metrics": ["revenue", "net_revenue", "discount_rate", "return_rate", "customers"]})
    assert res.status == 200  # type: ignore[attr-defined]
    row = res.json()["rows"][0]  # type: ignore[attr-defined]
    assert row["net_revenue"] == row["revenue"] == _sales(client)["revenue"].sum()
    assert row["discount_rate"] is None and row["return_rate"] is None and row["customers"] is None
