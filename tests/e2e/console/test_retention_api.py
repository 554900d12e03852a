"""GET/PUT /v1/retention through the gateway: viewers read, admins replace, the retention job reads the result."""

from __future__ import annotations

from werkzeug.test import Client

from shared.deps import get_deps
from shared.retention.policy import load_policy
from shared.security.principal import Role
from shared.security.tokens import mint_token
from tests.e2e.security.conftest import signup


def test_admin_sets_retention_and_holds(api: Client) -> None:
    owner, other = signup(api), signup(api)
    policy = api.get("/v1/retention", headers=owner.headers).get_json()
    assert policy["raw_days"] == 90 and policy["legal_hold"] is False
    resp = api.put("/v1/retention", headers=owner.headers,
                   json={**policy, "raw_days": 30, "legal_hold_classes": ["reports", "raw"]})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    stored = load_policy(get_deps().documents, owner.tenant_id)
    assert stored.raw_days == 30 and stored.legal_hold_classes == ["raw", "reports"] and stored.held("raw")
    assert api.get("/v1/retention", headers=other.headers).get_json()["raw_days"] == 90


def test_refusals(api: Client) -> None:
    owner = signup(api)
    policy = api.get("/v1/retention", headers=owner.headers).get_json()
    for bad in ({**policy, "raw_days": 0}, {**policy, "legal_hold_classes": ["everything"]},
                {**policy, "tenant_id": "t-x"}, {**policy, "raw_days": "30"}):
        assert api.put("/v1/retention", headers=owner.headers, json=bad).status_code == 400, bad
    viewer = mint_token(get_deps().settings, subject="v", tenant_id=owner.tenant_id, role=Role.VIEWER)
    headers = {"Authorization": f"Bearer {viewer}"}
    assert api.get("/v1/retention", headers=headers).status_code == 200
    assert api.put("/v1/retention", headers=headers, json=policy).status_code == 403
