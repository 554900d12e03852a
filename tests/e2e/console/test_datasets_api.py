"""The console's read endpoints (GET /v1/datasets...): real upload -> ingest -> process, then the reads.

Through the local gateway (WSGI) and the embedded runtime's real triggers; each test checks what one tenant
sees and that another tenant sees nothing of it.
"""

from __future__ import annotations

import csv
import io

from werkzeug.test import Client

from shared.deps import get_deps
from shared.runtime.local import LocalRuntime
from shared.security.principal import Role
from shared.security.tokens import mint_token
from tests.e2e.security.conftest import Account, signup

PRODUCTS = (
    "sku,title,brand,category,price,cost,currency\n"
    "SKU-1,Blue mug,Acme,Kitchen,12.50,4.00,USD\n"
    "SKU-2,,Acme,Kitchen,9.99,3.00,USD\n"  # row 2: title missing
    "SKU-3,<img src=x onerror=alert(1)>,Acme,Kitchen,free,3.00,USD\n"  # row 3: price not a number
    "SKU-4,Red mug,Acme,Kitchen,11.00,4.00,USD\n"
)


def _upload(api: Client, acct: Account, body: str, name: str = "products.csv") -> dict[str, str]:
    resp = api.post(
        "/v1/uploads",
        headers={**acct.headers, "Content-Type": "application/octet-stream"},
        query_string={"filename": name},
        data=body.encode(),
    )
    assert resp.status_code == 201, resp.get_data(as_text=True)
    LocalRuntime(get_deps()).drain()
    return dict(resp.get_json())


def test_upload_outcome_rejects_and_csv(api: Client) -> None:
    owner = signup(api)
    up = _upload(api, owner, PRODUCTS)
    page = api.get("/v1/datasets/ingestions", headers=owner.headers, query_string={"upload_id": up["upload_id"]})
    assert page.status_code == 200
    [ing] = page.get_json()["items"]
    assert (ing["kind"], ing["rows_read"], ing["accepted"], ing["rejected"]) == ("products", 4, 2, 2)
    assert ing["status"] in ("staged", "processed") and ing["original_filename"] == "products.csv"

    rejects = api.get(f"/v1/datasets/ingestions/{ing['ingestion_id']}/rejects", headers=owner.headers).get_json()
    assert rejects["total"] == 2
    assert [(r["row_number"], r["column"]) for r in rejects["items"]] == [(2, "title"), (3, "price")]
    assert "not a number" in rejects["items"][1]["reason"]

    resp = api.get(
        f"/v1/datasets/ingestions/{ing['ingestion_id']}/rejects", headers=owner.headers, query_string={"format": "csv"}
    )
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))
    assert [r["row_number"] for r in rows] == ["2", "3"]

    summary = api.get("/v1/datasets", headers=owner.headers).get_json()
    products = next(k for k in summary["kinds"] if k["kind"] == "products")
    assert products["rows"] == 2 and products["last_ingestion"]["ingestion_id"] == ing["ingestion_id"]
    assert {k["kind"] for k in summary["kinds"]} == {"sales", "products", "reviews", "competitor_prices", "inventory"}


def test_another_tenant_sees_nothing(api: Client) -> None:
    owner, other = signup(api), signup(api)
    up = _upload(api, owner, PRODUCTS)
    ing = api.get("/v1/datasets/ingestions", headers=owner.headers).get_json()["items"][0]
    assert api.get("/v1/datasets/ingestions", headers=other.headers).get_json() == {"items": []}
    assert api.get(
        "/v1/datasets/ingestions", headers=other.headers, query_string={"upload_id": up["upload_id"]}
    ).get_json() == {"items": []}
    for fmt in ("json", "csv"):
        resp = api.get(
            f"/v1/datasets/ingestions/{ing['ingestion_id']}/rejects",
            headers=other.headers,
            query_string={"format": fmt},
        )
        assert resp.status_code == 404
        assert owner.tenant_id not in resp.get_data(as_text=True)
    products = next(
        k for k in api.get("/v1/datasets", headers=other.headers).get_json()["kinds"] if k["kind"] == "products"
    )
    assert products["rows"] == 0 and products["last_ingestion"] is None


def test_reads_need_credentials_and_validate_arguments(api: Client) -> None:
    owner = signup(api)
    assert api.get("/v1/datasets").status_code == 401
    viewer = mint_token(get_deps().settings, subject="v", tenant_id=owner.tenant_id, role=Role.VIEWER)
    assert api.get("/v1/datasets", headers={"Authorization": f"Bearer {viewer}"}).status_code == 200
    for query in ({"upload_id": "../x"}, {"kind": "nope"}, {"limit": "0"}, {"limit": "x"}):
        resp = api.get("/v1/datasets/ingestions", headers=owner.headers, query_string=query)
        assert resp.status_code == 400, query
        assert resp.get_json()["error"]["code"] == "invalid_argument"
    resp = api.get(
        "/v1/datasets/ingestions/ing_000000000000000000000000/rejects",
        headers=owner.headers,
        query_string={"format": "xml"},
    )
    assert resp.status_code == 400
    assert api.get("/v1/datasets/ingestions/not-an-id/rejects", headers=owner.headers).status_code == 404


def test_usage_is_the_admins_own_tenant_only(api: Client) -> None:
    owner, other = signup(api), signup(api)
    _upload(api, owner, PRODUCTS)
    usage = api.get("/v1/usage", headers=owner.headers, query_string={"days": 7})
    assert usage.status_code == 200, usage.get_data(as_text=True)
    body = usage.get_json()
    assert (body["days"], body["ingestions"]["files"], body["ingestions"]["rejected"]) == (7, 1, 2)
    assert body["llm"]["budget"] > 0 and body["llm"]["state"] == "ok"
    assert api.get("/v1/usage", headers=other.headers).get_json()["ingestions"]["files"] == 0
    analyst = mint_token(get_deps().settings, subject="a", tenant_id=owner.tenant_id, role=Role.ANALYST)
    assert api.get("/v1/usage", headers={"Authorization": f"Bearer {analyst}"}).status_code == 403
    assert api.get("/v1/usage", headers=owner.headers, query_string={"days": "0"}).status_code == 400


def test_summary_lists_connector_sources_with_their_last_run_but_not_their_config(api: Client) -> None:
    from shared.connectors.runner import run_sync
    from shared.store.documents.sync import sources_collection

    owner, other = signup(api), signup(api)
    deps = get_deps()
    deps.documents.set(
        sources_collection(owner.tenant_id),
        "shopify",
        {"enabled": True, "config": {"shop": "private-shop.myshopify.com"}},
    )
    run = run_sync(deps, "shopify", owner.tenant_id, secret=lambda name: (_ for _ in ()).throw(KeyError(name)))
    assert run.status == "failed"
    body = api.get("/v1/datasets", headers=owner.headers)
    [sync] = body.get_json()["syncs"]
    assert (sync["source"], sync["enabled"], sync["last_status"], sync["consecutive_failures"]) == (
        "shopify",
        True,
        "failed",
        1,
    )
    assert sync["last_errors"] and sync["last_finished_at"]
    assert "private-shop" not in body.get_data(as_text=True)
    assert api.get("/v1/datasets", headers=other.headers).get_json()["syncs"] == []


REVIEWS = (  # a review set that publishes no dates (as Kaggle's Women's E-Commerce Clothing Reviews)
    "review_id,sku,rating,title,text\n"
    "r1,SKU-1,5,Love it,Fits well and the fabric is soft\n"
    "r2,SKU-1,2,Too small,Runs two sizes small\n"
    "r3,SKU-4,4,Nice,Good colour\n"
)
SALES = "order_id,date,sku,units,unit_price\nO1,2024-09-03,SKU-1,2,12.50\n"


def test_undated_reviews_and_an_upload_currency_are_in_the_reads(api: Client) -> None:
    owner, other = signup(api), signup(api)
    _upload(api, owner, REVIEWS, "reviews.csv")
    resp = api.post(
        "/v1/uploads",
        headers={**owner.headers, "Content-Type": "application/octet-stream"},
        query_string={"filename": "orders.csv", "currency": "eur"},
        data=SALES.encode(),
    )
    assert resp.status_code == 201, resp.get_data(as_text=True)
    LocalRuntime(get_deps()).drain()

    summary = {k["kind"]: k for k in api.get("/v1/datasets", headers=owner.headers).get_json()["kinds"]}
    assert (summary["reviews"]["rows"], summary["reviews"]["undated"], summary["reviews"]["last"]) == (3, 3, None)
    assert summary["sales"]["undated"] == 0 and summary["sales"]["last_ingestion"]["currency"] == "EUR"
    page = api.get("/v1/datasets/ingestions", headers=owner.headers).get_json()
    items = {i["original_filename"]: i for i in page["items"]}
    assert items["orders.csv"]["currency"] == "EUR" and items["reviews.csv"]["currency"] is None
    # the all-time review figures the console's tiles ask for count every review, dated or not
    kpis = api.post("/v1/metrics:query", headers=owner.headers, json={"metrics": ["avg_rating", "review_count"]})
    assert kpis.status_code == 200, kpis.get_data(as_text=True)
    assert kpis.get_json()["rows"][0]["review_count"] == 3
    assert abs(kpis.get_json()["rows"][0]["avg_rating"] - 11 / 3) < 1e-9
    theirs = {k["kind"]: k for k in api.get("/v1/datasets", headers=other.headers).get_json()["kinds"]}
    assert (theirs["reviews"]["rows"], theirs["reviews"]["undated"]) == (0, 0)


def test_stored_rows_are_the_callers_tenant_only_as_json_or_csv(api: Client) -> None:
    """``GET /v1/datasets/rows`` (what ``ecomintel export`` reads through a running server)."""
    owner, other = signup(api), signup(api)
    _upload(api, owner, PRODUCTS)
    kept = api.get("/v1/datasets/rows", headers=owner.headers, query_string={"kind": "products"}).get_json()
    assert (kept["kind"], kept["rejects"]) == ("products", False)
    assert sorted(r["sku"] for r in kept["rows"]) == ["SKU-1", "SKU-4"]
    refused = api.get(
        "/v1/datasets/rows",
        headers=owner.headers,
        query_string={"kind": "products", "rejects": "true", "format": "csv"},
    )
    assert refused.status_code == 200 and refused.mimetype == "text/csv"
    assert len(list(csv.DictReader(io.StringIO(refused.get_data(as_text=True))))) == 2
    assert (
        api.get("/v1/datasets/rows", headers=other.headers, query_string={"kind": "products"}).get_json()["rows"] == []
    )
    bad = api.get("/v1/datasets/rows", headers=owner.headers, query_string={"kind": "orders"})
    assert bad.status_code == 400 and bad.get_json()["error"]["details"] == {"field": "kind"}
