"""GET/PUT /v1/alert-rules through the gateway: viewers read, admins replace, the alerts engine reads the result."""

from __future__ import annotations

from werkzeug.test import Client

from shared.alerts.rules import RULE_NAMES, load_rules
from shared.deps import get_deps
from shared.security.principal import Role
from shared.security.tokens import mint_token
from tests.e2e.security.conftest import signup


def test_admin_replaces_rules_the_engine_reads_and_others_do_not_see(api: Client) -> None:
    owner, other = signup(api), signup(api)
    defaults = api.get("/v1/alert-rules", headers=owner.headers)
    assert defaults.status_code == 200 and defaults.get_json()["enabled"] == list(RULE_NAMES)
    body = {**defaults.get_json(), "enabled": ["overstock", "stockout_risk"], "undercut_pct": 8.0}
    resp = api.put("/v1/alert-rules", headers=owner.headers, json=body)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    stored = load_rules(get_deps().documents, owner.tenant_id)
    assert stored.enabled == ["stockout_risk", "overstock"] and stored.undercut_pct == 8.0
    assert api.get("/v1/alert-rules", headers=other.headers).get_json()["enabled"] == list(RULE_NAMES)
    audit = api.get("/v1/audit", headers=owner.headers, query_string={"action": "settings."}).get_json()["items"]
    assert audit[0]["action"] == "settings.alert_rules_updated" and "undercut_pct" in audit[0]["details"]


def test_refusals(api: Client) -> None:
    owner = signup(api)
    rules = api.get("/v1/alert-rules", headers=owner.headers).get_json()
    for bad in ({**rules, "enabled": ["nope"]}, {**rules, "undercut_pct": 0}, {**rules, "tenant_id": "t-x"},
                {**rules, "default_lead_time_days": False}):
        resp = api.put("/v1/alert-rules", headers=owner.headers, json=bad)
        assert resp.status_code == 400, bad
    analyst = mint_token(get_deps().settings, subject="a", tenant_id=owner.tenant_id, role=Role.ANALYST)
    headers = {"Authorization": f"Bearer {analyst}"}
    assert api.get("/v1/alert-rules", headers=headers).status_code == 200
    assert api.put("/v1/alert-rules", headers=headers, json=rules).status_code == 403
