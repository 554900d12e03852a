"""A gateway client over the embedded backend, with cheap bcrypt and generous rate limits by default."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from werkzeug.test import Client, TestResponse

from shared.deps import reset_deps
from shared.runtime.gateway import Gateway


@dataclass
class Account:
    """A signed-up admin and their tenant."""

    email: str
    password: str
    token: str
    tenant_id: str
    user_id: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Client:
    monkeypatch.setenv("ECOMINTEL_BCRYPT_ROUNDS", "4")
    for name in ("TENANT", "KEY", "PUBLIC"):
        monkeypatch.setenv(f"ECOMINTEL_RATE_LIMIT_{name}_PER_MINUTE", "100000")
        monkeypatch.setenv(f"ECOMINTEL_RATE_LIMIT_{name}_BURST", "100000")
    reset_deps()
    return Client(Gateway())


def signup(api: Client, email: str | None = None, **extra: Any) -> Account:
    email = email or f"user-{uuid.uuid4().hex[:8]}@example.com"
    password = "correct horse battery"
    resp = api.post("/v1/auth/signup", json={"email": email, "password": password, **extra})
    assert resp.status_code == 202 and resp.get_json()["status"] == "sign_in", resp.get_data(as_text=True)
    login = api.post("/v1/auth/login", json={"email": email, "password": password})
    assert login.status_code == 200, login.get_data(as_text=True)
    token = login.get_json()["access_token"]
    me = api.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()
    return Account(email, password, token, me["tenant_id"], me["subject"])


@pytest.fixture
def make_account(api: Client) -> Callable[..., Account]:
    return lambda **kw: signup(api, **kw)


def error_of(resp: TestResponse) -> dict[str, Any]:
    body = resp.get_json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details", "request_id"}, body
    assert resp.headers["X-Request-Id"] == body["error"]["request_id"]
    return dict(body["error"])
