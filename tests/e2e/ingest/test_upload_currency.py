"""An upload's stated currency, through the real HTTP upload API on the embedded runtime.

``?currency=EUR`` on ``POST /v1/uploads`` (and ``currency`` in a signed-URL request) prices the file's rows that
name no currency; rows naming one keep it; a code that is not ISO 4217 is refused before anything is stored.
Without one, the tenant's saved currency stays the fallback, and the answer says it came from the settings.
"""

from __future__ import annotations

import json
import urllib.parse

from shared.orchestration.client import ask
from shared.runtime.local import HttpResult
from shared.security.api_models import TenantSettings
from shared.security.tenant_settings import put_tenant_settings
from tests.e2e.ingest.conftest import Harness

SALES = b"sku,date,units,unit_price,currency\nS1,2024-01-05,2,10.00,\nS2,2024-01-06,1,5.00,USD\nS3,2024-01-07,1,4.00,\n"


def _sales(harness: Harness, tenant: str = "acme") -> list[tuple[str, object, list[str]]]:
    rows = harness.rows("SELECT sku, currency, quality_flags FROM sales WHERE tenant_id = @t ORDER BY sku", t=tenant)
    return [(r["sku"], r["currency"] if isinstance(r["currency"], str) else None,
             json.loads(r["quality_flags"] or "[]")) for r in rows]


def _upload(harness: Harness, data: bytes, currency: str, tenant: str = "acme") -> HttpResult:
    return harness.runtime.call_http(
        "upload", "POST", "/v1/uploads", data=data,
        headers={"Authorization": f"Bearer {harness.token(tenant)}", "Content-Type": "text/csv"},
        query={"filename": "sales.csv", "currency": currency})


def test_an_uploads_currency_prices_the_rows_that_name_none(harness: Harness) -> None:
    resp = _upload(harness, SALES, "eur")
    assert resp.status == 201, resp.body
    assert resp.json()["currency"] == "EUR"
    harness.runtime.drain()
    ingestion = f"/v1/ingestions/{resp.json()['ingestion_id']}"
    view = harness.runtime.call_http("upload", "GET", ingestion, headers={"Authorization": f"Bearer {harness.token()}"})
    assert view.status == 200 and view.json()["currency"] == "EUR" and view.json()["accepted"] == 3
    rows = _sales(harness)
    assert [(s, c) for s, c, _ in rows] == [("S1", "EUR"), ("S2", "USD"), ("S3", "EUR")]
    assert "currency:from_upload" in rows[0][2] and "currency:from_upload" not in rows[1][2]
    # another tenant's upload without a currency is untouched by this one's
    plain = harness.upload(SALES, filename="sales.csv", tenant="other")
    assert plain.status == 201
    harness.runtime.drain()
    assert [c for _, c, _ in _sales(harness, "other")] == [None, "USD", None]


def test_a_currency_that_is_not_iso_4217_is_refused_before_anything_is_stored(harness: Harness) -> None:
    for bad in ("EURO", "XYZ", "€"):
        resp = _upload(harness, SALES, bad)
        assert resp.status == 400, (bad, resp.body)
        assert resp.json()["error"]["details"]["field"] == "currency"
    harness.runtime.drain()
    assert harness.count("sales") == 0


def test_a_signed_uploads_currency_prices_its_competitor_prices(harness: Harness) -> None:
    auth = {"Authorization": f"Bearer {harness.token()}"}
    refused = harness.runtime.call_http("upload", "POST", "/v1/uploads:signed-url", headers=auth, json_body={
        "kind": "competitor_prices", "filename": "prices.csv", "currency": "pounds"})
    assert refused.status == 400
    resp = harness.runtime.call_http("upload", "POST", "/v1/uploads:signed-url", headers=auth, json_body={
        "kind": "competitor_prices", "filename": "prices.csv", "content_type": "text/csv", "currency": "GBP"})
    assert resp.status == 201, resp.body
    signed = resp.json()
    assert signed["currency"] == "GBP"
    url = urllib.parse.urlsplit(signed["url"])
    body = b"sku,competitor,date,price,currency\nS1,MegaMart,2024-01-05,9.50,\nS2,MegaMart,2024-01-05,4.00,EUR\n"
    put = harness.runtime.call_http("upload", "PUT", urllib.parse.unquote(url.path), data=body,
                                    query=dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True)),
                                    headers={"Content-Type": "text/csv"})
    assert put.status == 201, put.body
    harness.runtime.drain()
    assert harness.ingestion_of(signed["object"])["currency"] == "GBP"
    rows = harness.rows("SELECT sku, currency FROM competitor_prices WHERE tenant_id = @t ORDER BY sku", t="acme")
    assert [(r["sku"], r["currency"]) for r in rows] == [("S1", "GBP"), ("S2", "EUR")]


def test_the_answer_names_where_its_currency_came_from(harness: Harness) -> None:
    no_currency = b"sku,date,units,unit_price\nS1,2024-01-05,2,10.00\nS3,2024-01-07,1,4.00\n"
    put_tenant_settings(harness.deps.documents, "acme", TenantSettings(currency="JPY"))
    put_tenant_settings(harness.deps.documents, "beta", TenantSettings(currency="JPY"))
    assert harness.upload(no_currency, filename="sales.csv").status == 201
    assert _upload(harness, no_currency, "CHF", tenant="beta").status == 201
    harness.runtime.drain()
    question = "What was revenue in January 2024?"
    settings = ask(harness.deps, question, tenant="acme", use_cache=False, runtime=harness.runtime).report
    stated = ask(harness.deps, question, tenant="beta", use_cache=False, runtime=harness.runtime).report
    assert settings is not None and stated is not None
    # acme: 2 x 10 + 4 = 24, in the settings' JPY and said so; beta: the upload's CHF, a fact of the rows
    assert "24" in settings.answer and "JPY as your settings states" in settings.answer
    assert "CHF" in stated.answer and "24" in stated.answer and "settings" not in stated.answer
