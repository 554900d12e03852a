"""The gateway serves /metrics with request series recorded by @endpoint, and CORS when configured."""

from __future__ import annotations

import pytest
from werkzeug.test import Client

from shared.config import get_settings
from tests.e2e.security.conftest import signup


def test_metrics_count_requests_by_function_route_status(api: Client) -> None:
    acct = signup(api)
    api.get("/v1/me", headers=acct.headers)
    api.get("/v1/me")
    text = api.get("/metrics").get_data(as_text=True)
    assert 'ecomintel_http_requests_total{function="auth",method="GET",route="/v1/me",status="200"}' in text
    assert 'ecomintel_http_requests_total{function="auth",method="GET",route="/v1/me",status="401"}' in text
    assert "ecomintel_http_request_seconds_bucket" in text


def test_openapi_served(api: Client) -> None:
    assert api.get("/openapi.json").get_json()["openapi"].startswith("3.")
    assert api.get("/healthz").status_code == 200


def test_cors_allowed_origin_only(api: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOMINTEL_CORS_ALLOWED_ORIGINS", '["https://app.example.com"]')
    get_settings.cache_clear()
    pre = api.options("/v1/me", headers={"Origin": "https://app.example.com",
                                         "Access-Control-Request-Method": "GET"})
    assert pre.status_code == 204
    assert pre.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "Authorization" in pre.headers["Access-Control-Allow-Headers"]
    other = api.options("/v1/me", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    resp = api.get("/v1/me", headers={"Origin": "https://app.example.com"})
    assert resp.status_code == 401 and resp.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
