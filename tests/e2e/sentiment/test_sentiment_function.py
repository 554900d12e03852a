from __future__ import annotations

from datetime import UTC, datetime

from shared.config import get_settings
from shared.deps import get_deps
from shared.runtime.local import LocalRuntime
from shared.security.principal import Role
from shared.security.tokens import mint_token
from tests.unit.sentiment.reviews_fixture import AS_OF, falling_sku_reviews


def _insert(deps: object, tenant: str, sku: str, category: str) -> None:
    frame = falling_sku_reviews(sku).assign(
        tenant_id=tenant,
        ingestion_id="ing-1",
        row_hash=lambda d: d["review_id"],
        record_key=lambda d: d["review_id"],
        ingested_at=datetime(2026, 11, 1, tzinfo=UTC),
    )
    deps.warehouse.insert("reviews", frame)  # type: ignore[attr-defined]
    import pandas as pd

    products = pd.DataFrame(
        [
            {
                "sku": sku,
                "title": f"Watch {sku}",
                "category": category,
                "tenant_id": tenant,
                "ingestion_id": "ing-1",
                "row_hash": sku,
                "record_key": sku,
                "ingested_at": datetime(2026, 11, 1, tzinfo=UTC),
            }
        ]
    )
    deps.warehouse.insert("products", products)  # type: ignore[attr-defined]


def _auth(tenant: str) -> dict[str, str]:
    token = mint_token(get_settings(), subject="u1", tenant_id=tenant, role=Role.VIEWER)
    return {"Authorization": f"Bearer {token}"}


def test_sentiment_http_answers_why_ratings_fall() -> None:
    deps = get_deps()
    _insert(deps, "acme", "SKU-42", "watches")
    _insert(deps, "other", "SKU-42", "watches")
    rt = LocalRuntime(deps)
    from shared.observability.metrics import REGISTRY

    before = REGISTRY.get_sample_value("ecomintel_sentiment_reviews_total", {"outcome": "analysed"}) or 0.0
    body = {"tenant_id": "other", "skus": ["SKU-42"], "as_of": AS_OF.isoformat(),
            "options": {"window_days": 30, "deadline_s": 60}}
    resp = rt.call_http("sentiment", "POST", "/v1/agents/sentiment", headers=_auth("acme"), json_body=body)
    assert resp.status == 200, resp.body
    result = resp.json()
    assert result["agent"] == "sentiment" and result["tenant_id"] == "acme"
    assert result["metrics"]["reviews"] == 40  # only acme's rows, although the body named another tenant
    decline = next(f for f in result["findings"] if f["id"] == "decline-SKU-42")
    query_ev = decline["evidence"][0]
    assert query_ev["params"]["tenant"] == "acme"
    assert any(f"tenant_id = {mark}tenant " in query_ev["query"] for mark in "@$")  # the engine's own dialect
    assert decline["evidence"][-1]["row_ids"]
    assert result["data"]["per_sku"][0]["product_title"] == "Watch SKU-42"
    after = REGISTRY.get_sample_value("ecomintel_sentiment_reviews_total", {"outcome": "analysed"})
    assert after == before + 40
    # a question: the agent chose its polarity method by volume and deadline and says which
    method = result["data"]["method"]
    assert result["metrics"]["sentiment_method"] == method["method"]
    if method["method"].startswith("accurate"):
        assert method["accurate_reviews"] == 25 and method["other_reviews"] == 15  # the 25 most recent
        assert "accurate method" in result["summary"]
    else:
        assert method["method"] == "fast" and "not installed" in method["reason"]
    backfill = rt.call_http("sentiment", "POST", "/v1/agents/sentiment", headers=_auth("acme"),
                            json_body={**body, "options": {"purpose": "backfill", "deadline_s": 60}}).json()
    assert backfill["data"]["method"]["method"] == "fast" and backfill["data"]["method"]["reason"] == "bulk backfill"


def test_sentiment_http_filters_by_category() -> None:
    deps = get_deps()
    _insert(deps, "acme", "SKU-42", "watches")
    _insert(deps, "acme", "SKU-7", "shoes")
    rt = LocalRuntime(deps)
    body = {"tenant_id": "acme", "categories": ["shoes"], "as_of": AS_OF.isoformat()}
    result = rt.call_http("sentiment", "POST", "/v1/agents/sentiment", headers=_auth("acme"), json_body=body).json()
    assert {r["sku"] for r in result["data"]["per_sku"]} == {"SKU-7"}
    # the tenant has reviews, none of this SKU: the period read is named
    none = rt.call_http("sentiment", "POST", "/v1/agents/sentiment", headers=_auth("acme"),
                        json_body={"skus": ["NOPE"]}).json()
    assert none["status"] == "insufficient_data"
    assert none["data"]["answers"][0]["text"].startswith("There are no reviews of NOPE between ")


def test_sentiment_http_errors() -> None:
    rt = LocalRuntime(get_deps())
    anon = rt.call_http("sentiment", "POST", "/v1/agents/sentiment", json_body={})
    assert anon.status == 401 and anon.json()["error"]["code"] == "unauthenticated"
    bad = rt.call_http(
        "sentiment", "POST", "/v1/agents/sentiment", headers=_auth("acme"), json_body={"horizon_days": -3}
    )
    assert bad.status == 400 and bad.json()["error"]["code"] == "invalid_argument"
    opt = rt.call_http(
        "sentiment",
        "POST",
        "/v1/agents/sentiment",
        headers=_auth("acme"),
        json_body={"options": {"window_days": "30; DROP TABLE reviews"}},
    )
    assert opt.status == 400 and "window_days" in opt.json()["error"]["message"]
    for option in ({"method": "magic"}, {"purpose": "nightly"}, {"deadline_s": 0}, {"deadline_s": "5"}):
        refused = rt.call_http("sentiment", "POST", "/v1/agents/sentiment", headers=_auth("acme"),
                               json_body={"options": option})
        assert refused.status == 400 and next(iter(option)) in refused.json()["error"]["message"]
    empty = rt.call_http(
        "sentiment", "POST", "/v1/agents/sentiment", headers=_auth("acme"), json_body={"skus": ["NOPE"]}
    )
    assert empty.status == 200 and empty.json()["status"] == "insufficient_data"
    assert empty.json()["missing_data"]
    # a tenant that never uploaded a review is told so, not given a window ending on the wall clock's today
    assert empty.json()["data"]["answers"][0]["text"].startswith("No reviews have been uploaded yet")
