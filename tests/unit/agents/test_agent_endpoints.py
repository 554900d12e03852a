"""The three agent functions answer their HTTP contract the same way (one endpoint helper behind them)."""

from __future__ import annotations

import pytest

from shared.deps import get_deps
from shared.runtime.local import HttpResult, LocalRuntime
from shared.security.principal import Role
from shared.security.tokens import mint_token

AGENTS = ["pricing", "sentiment", "forecast"]


def _headers(tenant: str = "acme") -> dict[str, str]:
    token = mint_token(get_deps().settings, subject="u1", tenant_id=tenant, role=Role.VIEWER)
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def _call(agent: str, method: str = "POST", path: str | None = None, data: bytes | None = None) -> HttpResult:
    runtime = LocalRuntime(get_deps())
    return runtime.call_http(agent, method, path or f"/v1/agents/{agent}", headers=_headers(), data=data)


@pytest.mark.parametrize("agent", AGENTS)
def test_bad_requests_are_refused_alike(agent: str) -> None:
    cases = [
        (_call(agent, "GET"), 400, "method GET not allowed; use POST"),
        (_call(agent, path="/v1/agents/other"), 404, "no route /v1/agents/other"),
        (_call(agent, data=b"{not json"), 400, "body is not valid JSON"),
        (_call(agent, data=b"[1, 2]"), 400, "body must be a JSON object shaped like AgentRequest"),
    ]
    for resp, status, message in cases:
        assert (resp.status, resp.json()["error"]["message"]) == (status, message)
    invalid = _call(agent, data=b'{"skus": "not-a-list"}')
    assert invalid.status == 400 and invalid.json()["error"]["message"].startswith("skus:")


@pytest.mark.parametrize("agent", AGENTS)
def test_the_tenant_comes_from_the_token_and_an_empty_body_is_a_default_request(agent: str) -> None:
    resp = _call(agent, data=b'{"tenant_id": "someone-else"}')
    assert resp.status == 200 and resp.json()["tenant_id"] == "acme" and resp.json()["agent"] == agent
    empty = _call(agent, data=b"")
    assert empty.status == 200 and empty.json()["status"] == "insufficient_data"
