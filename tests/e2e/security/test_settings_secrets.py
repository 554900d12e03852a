"""Secrets in a tenant's settings are masked for every reader once stored (webhook URLs carry credentials)."""

from __future__ import annotations

import json

from werkzeug.test import Client

from tests.e2e.security.conftest import signup

SLACK = "https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/abcdefghijklmnopqrstuvwx"


def _viewer(api: Client, admin_headers: dict[str, str]) -> dict[str, str]:
    code = api.post("/v1/invites", headers=admin_headers, json={"role": "viewer"}).get_json()["invite_code"]
    return signup(api, email="viewer-secrets@example.com", invite_code=code).headers


def test_webhook_url_and_secret_are_masked_for_viewers_and_admins(api: Client) -> None:
    admin = signup(api)
    put = api.put("/v1/notifications", headers=admin.headers,
                  json={"webhooks": [{"id": "ops", "url": SLACK, "kind": "slack"}]})
    assert put.status_code == 200, put.get_data(as_text=True)
    secret = put.get_json()["webhooks"][0]["secret"]  # shown once, to the admin who set it
    for headers in (_viewer(api, admin.headers), admin.headers):
        resp = api.get("/v1/notifications", headers=headers)
        assert resp.status_code == 200
        text = resp.get_data(as_text=True)
        assert "B0BBBBBBB" not in text and "abcdefghijklmnop" not in text and secret not in text
        hook = resp.get_json()["webhooks"][0]
        assert hook["url"] == "https://hooks.slack.com/...uvwx"
    audit = api.get("/v1/audit", headers=admin.headers)
    assert audit.status_code == 200  # the audit log keeps who changed what, not the credential
    assert "ops" in json.dumps(audit.get_json()) or "notifications" in json.dumps(audit.get_json())
    assert "B0BBBBBBB" not in json.dumps(audit.get_json())


def test_webhook_pointing_at_private_or_metadata_addresses_is_refused_when_saved(api: Client) -> None:
    admin = signup(api)
    for url in ("http://169.254.169.254/computeMetadata/v1/", "http://metadata.google.internal/x",
                "http://127.0.0.1:8080/v1/audit", "http://10.0.0.5/hook", "http://100.64.1.1/hook",
                "http://[::ffff:127.0.0.1]/hook", "http://[2002:7f00:1::]/hook", "http://localhost/hook",
                "file:///etc/passwd"):
        resp = api.put("/v1/notifications", headers=admin.headers, json={"webhooks": [{"id": "x", "url": url}]})
        assert resp.status_code == 400, (url, resp.get_data(as_text=True))
    stored = api.get("/v1/notifications", headers=admin.headers).get_json()
    assert stored["webhooks"] == []


def test_saving_the_settings_as_shown_keeps_each_receiver_and_its_secret(api: Client) -> None:
    admin = signup(api)
    first = api.put("/v1/notifications", headers=admin.headers,
                    json={"webhooks": [{"id": "ops", "url": SLACK, "kind": "slack"}]}).get_json()
    secret = first["webhooks"][0]["secret"]
    shown = api.get("/v1/notifications", headers=admin.headers).get_json()
    resent = [{"id": w["id"], "url": w["url"], "kind": w["kind"], "events": w["events"]} for w in shown["webhooks"]]
    again = api.put("/v1/notifications", headers=admin.headers, json={**shown, "webhooks": resent})
    assert again.status_code == 200, again.get_data(as_text=True)
    hook = again.get_json()["webhooks"][0]
    assert hook["url"] == SLACK and hook["secret"] == secret  # the masked URL did not replace the real one
    moved = api.put("/v1/notifications", headers=admin.headers, json={
        "webhooks": [{"id": "ops", "url": "https://hooks.example.com/new", "kind": "json"}]}).get_json()
    assert moved["webhooks"][0]["secret"] != secret  # a new address gets a new secret
