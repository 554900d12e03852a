"""Attacks that must fail: bad tokens, role violations, cross-tenant ids, SQL injection, traversal, bursts."""

from __future__ import annotations

import re
import time
from typing import Any

import jwt
import pytest
from werkzeug.test import Client

from shared.config import get_settings
from shared.deps import reset_deps
from shared.runtime.gateway import Gateway
from shared.security.openapi import OPERATIONS, Operation
from shared.security.principal import Role
from shared.security.tokens import ISSUER, mint_token, signing_key
from tests.e2e.security.conftest import Account, error_of, signup

AUTHENTICATED = [op for op in OPERATIONS if op.role is not None]
SQLI = ["' OR '1'='1", "x'); DROP TABLE documents;--", "1; SELECT * FROM users --", "\" OR \"\"=\"",
        "Robert'); DELETE FROM tenants; --", "%' UNION SELECT password_hash FROM users --"]


def _available(api: Client, op: Operation) -> None:
    gateway = api.application
    assert isinstance(gateway, Gateway)
    if not gateway.available(op.function):
        pytest.skip(f"function {op.function!r} is not part of this build")


def _path(op: Operation, value: str = "abc123") -> str:
    return re.sub(r"\{\w+\}", value, op.path)


def _claims(acct: Account, **override: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {"sub": acct.user_id, "tid": acct.tenant_id, "role": "admin", "iat": now, "nbf": now,
              "exp": now + 3600, "iss": ISSUER}
    claims.update(override)
    return {k: v for k, v in claims.items() if v is not None}


def _b64(raw: bytes) -> str:
    return jwt.utils.base64url_encode(raw).decode()


def _bad_tokens(acct: Account) -> dict[str, str]:
    key = signing_key(get_settings())
    now = int(time.time())
    header, payload, _ = mint_token(get_settings(), subject=acct.user_id, tenant_id=acct.tenant_id,
                                    role=Role.ADMIN).split(".")
    return {
        "alg_none": jwt.encode(_claims(acct), "", algorithm="none"),  # "": no key
        "alg_none_signed_shape": jwt.encode(_claims(acct), "", algorithm="none") + "c2ln",
        "wrong_key": jwt.encode(_claims(acct), b"x" * 32, algorithm="HS256"),
        "expired": jwt.encode(_claims(acct, iat=now - 7200, nbf=now - 7200, exp=now - 3600), key, algorithm="HS256"),
        "not_yet_valid": jwt.encode(_claims(acct, nbf=now + 3600), key, algorithm="HS256"),
        "no_tenant": jwt.encode(_claims(acct, tid=None), key, algorithm="HS256"),
        "wrong_issuer": jwt.encode(_claims(acct, iss="evil"), key, algorithm="HS256"),
        "hs512_same_key": jwt.encode(_claims(acct), key, algorithm="HS512"),
        "forged_payload": ".".join([header, _b64(b'{"sub":"x","tid":"other","role":"admin"}'), payload[:10]]),
        "garbage": "not.a.token",
    }


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
@pytest.mark.parametrize("op", AUTHENTICATED, ids=lambda op: f"{op.method} {op.path}")
def test_bad_credentials_get_401_everywhere(api: Client, op: Operation) -> None:
    _available(api, op)
    acct = signup(api)
    attempts = {name: {"Authorization": f"Bearer {tok}"} for name, tok in _bad_tokens(acct).items()}
    attempts["none"] = {}
    attempts["basic"] = {"Authorization": "Basic YWRtaW46YWRtaW4="}
    attempts["bad_api_key"] = {"X-API-Key": "eik_0000_forged"}
    for name, headers in attempts.items():
        resp = api.open(_path(op), method=op.method, headers=headers, json={})
        assert resp.status_code == 401, (name, resp.get_data(as_text=True))
        assert error_of(resp)["code"] == "unauthenticated"
        assert resp.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("op", [op for op in AUTHENTICATED if op.role != "viewer"],
                         ids=lambda op: f"{op.method} {op.path}")
def test_role_below_required_gets_403(api: Client, op: Operation) -> None:
    _available(api, op)
    acct = signup(api)
    settings = get_settings()
    for role in Role:
        if role.value == op.role or (op.role == "analyst" and role == Role.ADMIN):
            continue
        if op.role == "analyst" and role != Role.VIEWER:
            continue
        token = mint_token(settings, subject=acct.user_id, tenant_id=acct.tenant_id, role=role)
        resp = api.open(_path(op), method=op.method, headers={"Authorization": f"Bearer {token}"}, json={})
        assert resp.status_code == 403, (role, resp.get_data(as_text=True))


@pytest.mark.parametrize("op", [op for op in AUTHENTICATED if "{" in op.path], ids=lambda op: f"{op.method} {op.path}")
def test_other_tenants_ids_are_refused_and_logged(api: Client, op: Operation) -> None:
    """Every endpoint with an id, called with another tenant's id: 404, nothing leaked, victim untouched."""
    _available(api, op)
    victim, attacker = signup(api), signup(api)
    victim_key = api.post("/v1/api-keys", headers=victim.headers, json={"name": "v2"}).get_json()
    victim_ids = {"key_id": victim_key["id"]}
    gateway = api.application
    assert isinstance(gateway, Gateway)
    if gateway.available("query"):  # a deep query leaves a job behind
        job = api.post("/v1/query", headers=victim.headers,
                       json={"question": "Which products should I reprice?", "mode": "deep"}).get_json()
        if job.get("job_id"):
            victim_ids["job_id"] = job["job_id"]
    if gateway.available("alerts"):  # an alert stored for the victim
        from datetime import UTC, datetime

        from shared.alerts.models import Alert
        from shared.deps import get_deps
        from shared.store.documents.alerts import alerts_collection

        alert = Alert(alert_id="a" * 24, tenant_id=victim.tenant_id, rule="competitor_undercut", key="undercut:A",
                      severity="high", title="t", reason="r", link="/v1/alerts/" + "a" * 24,
                      created_at=datetime.now(UTC))
        get_deps().documents.set(alerts_collection(victim.tenant_id), alert.alert_id, alert.model_dump(mode="json"))
        victim_ids["alert_id"] = alert.alert_id
    name = re.findall(r"\{(\w+)\}", op.path)[0]
    if name not in victim_ids:
        pytest.skip(f"no fixture for {name} in this build")
    resp = api.open(_path(op, victim_ids[name]), method=op.method, headers=attacker.headers, json={})
    assert resp.status_code in (403, 404)
    text = resp.get_data(as_text=True)
    assert victim.tenant_id not in text and victim.email not in text
    # the victim's key still works
    assert api.get("/v1/me", headers={"X-API-Key": victim_key["key"]}).status_code == 200


def test_cross_tenant_reads_see_only_own_data(api: Client) -> None:
    a, b = signup(api), signup(api)
    api.put("/v1/settings", headers=a.headers, json={"currency": "EUR", "display_name": "A secret name"})
    api.post("/v1/api-keys", headers=a.headers, json={"name": "a-key"})
    for path in ("/v1/settings", "/v1/api-keys", "/v1/audit", "/v1/me"):
        text = api.get(path, headers=b.headers).get_data(as_text=True)
        assert a.tenant_id not in text and "A secret name" not in text and "a-key" not in text, path


def test_tenant_in_body_is_ignored(api: Client) -> None:
    a, b = signup(api), signup(api)
    resp = api.post("/v1/api-keys", headers=a.headers, json={"name": "k", "tenant_id": b.tenant_id})
    assert resp.status_code == 400  # unknown fields are refused, never used
    resp = api.put("/v1/settings", headers=a.headers, json={"currency": "GBP", "tenant_id": b.tenant_id})
    assert resp.status_code == 400
    assert api.get("/v1/settings", headers=b.headers).get_json()["currency"] == "USD"


def test_cross_tenant_revoke_is_a_security_event(api: Client) -> None:
    victim, attacker = signup(api), signup(api)
    key_id = api.post("/v1/api-keys", headers=victim.headers, json={"name": "v"}).get_json()["id"]
    assert api.delete(f"/v1/api-keys/{key_id}", headers=attacker.headers).status_code == 404
    events = api.get("/v1/audit", headers=attacker.headers, query_string={"action": "security."}).get_json()
    assert [e["action"] for e in events["items"]] == ["security.cross_tenant"]
    assert events["items"][0]["target"] == f"api_key:{key_id}"


@pytest.mark.parametrize("payload", SQLI)
def test_sql_injection_strings_are_data(api: Client, payload: str) -> None:
    acct = signup(api, tenant_name=payload)
    key = api.post("/v1/api-keys", headers=acct.headers, json={"name": payload}).get_json()
    assert key["name"] == payload
    assert [k["name"] for k in api.get("/v1/api-keys", headers=acct.headers).get_json()["items"]] == [payload]
    settings = api.put("/v1/settings", headers=acct.headers, json={"display_name": payload}).get_json()
    assert settings["display_name"] == payload
    assert api.get("/v1/settings", headers=acct.headers).get_json()["display_name"] == payload
    audit = api.get("/v1/audit", headers=acct.headers, query_string={"action": payload}).get_json()
    assert audit["items"] == []
    login = api.post("/v1/auth/login", json={"email": acct.email, "password": payload})
    assert login.status_code == 401
    # as an e-mail: refused as malformed (whitespace) or simply unknown, never an error or a match
    resp = api.post("/v1/auth/login", json={"email": f"{payload.replace(' ', '')}@x.io", "password": payload})
    assert resp.status_code == 401


def test_burst_over_the_limit_gets_429(monkeypatch: pytest.MonkeyPatch, api: Client) -> None:
    acct = signup(api)
    monkeypatch.setenv("ECOMINTEL_RATE_LIMIT_KEY_BURST", "5")
    monkeypatch.setenv("ECOMINTEL_RATE_LIMIT_KEY_PER_MINUTE", "6")
    get_settings.cache_clear()
    statuses = [api.get("/v1/me", headers=acct.headers).status_code for _ in range(8)]
    assert statuses == [200] * 5 + [429] * 3
    resp = api.get("/v1/me", headers=acct.headers)
    assert error_of(resp)["code"] == "rate_limited"
    assert 1 <= int(resp.headers["Retry-After"]) <= 10
    # another tenant has its own bucket
    other = signup(api)
    assert api.get("/v1/me", headers=other.headers).status_code == 200


def test_tenant_bucket_spans_keys(monkeypatch: pytest.MonkeyPatch, api: Client) -> None:
    acct = signup(api)
    keys = [api.post("/v1/api-keys", headers=acct.headers, json={"name": f"k{i}"}).get_json()["key"]
            for i in range(3)]
    monkeypatch.setenv("ECOMINTEL_RATE_LIMIT_TENANT_BURST", "4")
    monkeypatch.setenv("ECOMINTEL_RATE_LIMIT_TENANT_PER_MINUTE", "1")
    get_settings.cache_clear()
    statuses = [api.get("/v1/me", headers={"X-API-Key": keys[i % 3]}).status_code for i in range(6)]
    assert statuses == [200] * 4 + [429] * 2


def test_login_bursts_are_limited_per_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOMINTEL_BCRYPT_ROUNDS", "4")
    monkeypatch.setenv("ECOMINTEL_RATE_LIMIT_PUBLIC_BURST", "3")
    reset_deps()
    api = Client(Gateway())
    body = {"email": "x@example.com", "password": "guess-guess"}
    statuses = [api.post("/v1/auth/login", json=body).status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]


TRAVERSAL = ["../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "a/../../b.csv", "C:\\x.csv",
             ".env", "....//....//x.csv", "x.csv\x00.png", "%2e%2e%2fetc%2fpasswd.csv"]


@pytest.mark.parametrize("name", TRAVERSAL)
def test_upload_refuses_traversal_names(api: Client, name: str) -> None:
    op = next(op for op in OPERATIONS if op.path == "/v1/uploads")
    _available(api, op)
    acct = signup(api)
    resp = api.post("/v1/uploads", headers=acct.headers,
                    data={"file": (__import__("io").BytesIO(b"sku,qty\nA,1\n"), name), "kind": "sales"})
    assert resp.status_code in (400, 415), resp.get_data(as_text=True)


def test_errors_share_one_shape_and_propagate_request_id(api: Client) -> None:
    acct = signup(api)
    rid = "req-0123456789abcdef"
    for method, path, headers, body in (("GET", "/v1/me", {}, None), ("GET", "/v1/nowhere", {}, None),
                                        ("PATCH", "/v1/me", acct.headers, None),
                                        ("POST", "/v1/auth/login", {}, {"email": 3})):
        resp = api.open(path, method=method, headers={**headers, "X-Request-Id": rid}, json=body)
        assert resp.status_code >= 400
        err = error_of(resp)
        if path != "/v1/nowhere":
            assert err["request_id"] == rid
    # a malicious request id is replaced, not echoed into logs
    evil = 'x", "severity": "CRITICAL", "tenant": "other'
    resp = api.get("/v1/me", headers={"X-Request-Id": evil})
    assert re.fullmatch(r"[0-9a-f]{32}", error_of(resp)["request_id"])


def test_password_guessing_is_limited_per_account_and_source(monkeypatch: pytest.MonkeyPatch, api: Client) -> None:
    acct = signup(api)
    monkeypatch.setenv("ECOMINTEL_LOGIN_ATTEMPTS_PER_MINUTE", "3")
    get_settings.cache_clear()

    def login(password: str, source: str) -> int:
        return api.post("/v1/auth/login", json={"email": acct.email, "password": password},
                        environ_base={"REMOTE_ADDR": source}).status_code

    assert [login(f"guess-{i}-xx", "198.51.100.7") for i in range(5)] == [401, 401, 401, 429, 429]
    # the guesser's own source stays throttled, even with the right password
    assert login(acct.password, "198.51.100.7") == 429
    # but a stranger's guesses do not lock the owner out of their own address
    assert login(acct.password, "203.0.113.20") == 200
    # guesses spread over many sources still meet the account's ceiling (10x the per-source limit)
    spread = [login(f"spread-{i}-xx", f"192.0.2.{i}") for i in range(40)]
    assert spread.count(429) > 0 and 401 in spread
    assert login(acct.password, "203.0.113.99") == 429
    other = signup(api)
    assert api.post("/v1/auth/login", json={"email": other.email, "password": other.password}).status_code == 200
