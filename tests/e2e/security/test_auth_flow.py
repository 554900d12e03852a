"""Sign-up, log-in, invites, API keys and roles through the local gateway."""

from __future__ import annotations

from werkzeug.test import Client

from tests.e2e.security.conftest import error_of, signup


def test_signup_login_me(api: Client) -> None:
    acct = signup(api, email="Owner@Example.com", tenant_name="Shop")
    login = api.post("/v1/auth/login", json={"email": "owner@example.com", "password": acct.password})
    assert login.status_code == 200
    body = login.get_json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 24 * 3600
    me = api.get("/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"}).get_json()
    assert me == {"subject": acct.user_id, "tenant_id": acct.tenant_id, "role": "admin", "via": "jwt",
                  "email": "owner@example.com"}


def test_wrong_password_and_unknown_email_look_the_same(api: Client) -> None:
    acct = signup(api)
    wrong = api.post("/v1/auth/login", json={"email": acct.email, "password": "not the password"})
    unknown = api.post("/v1/auth/login", json={"email": "nobody@example.com", "password": "not the password"})
    assert wrong.status_code == unknown.status_code == 401
    assert error_of(wrong)["message"] == error_of(unknown)["message"]


def test_invite_joins_tenant_with_role_once(api: Client) -> None:
    admin = signup(api)
    invite = api.post("/v1/invites", headers=admin.headers, json={"role": "viewer"})
    assert invite.status_code == 201
    code = invite.get_json()["invite_code"]
    viewer = signup(api, invite_code=code)
    assert viewer.tenant_id == admin.tenant_id
    me = api.get("/v1/me", headers=viewer.headers).get_json()
    assert me["role"] == "viewer"
    again = api.post("/v1/auth/signup", json={"email": "second@example.com", "password": "password123",
                                             "invite_code": code})
    assert again.status_code == 403 and error_of(again)["details"] == {"field": "invite_code"}


def test_viewer_cannot_change_settings_or_manage_keys(api: Client) -> None:
    admin = signup(api)
    code = api.post("/v1/invites", headers=admin.headers, json={"role": "viewer"}).get_json()["invite_code"]
    viewer = signup(api, invite_code=code)
    for method, path, body in (("PUT", "/v1/settings", {"currency": "EUR"}),
                               ("POST", "/v1/api-keys", {"name": "x"}),
                               ("GET", "/v1/api-keys", None),
                               ("GET", "/v1/audit", None),
                               ("POST", "/v1/invites", {"role": "viewer"})):
        resp = api.open(path, method=method, headers=viewer.headers, json=body)
        assert resp.status_code == 403, (method, path)
        assert error_of(resp)["code"] == "permission_denied"
    assert api.get("/v1/settings", headers=viewer.headers).status_code == 200
    audit = api.get("/v1/audit", headers=admin.headers, query_string={"action": "security."}).get_json()
    assert {e["action"] for e in audit["items"]} == {"security.role_violation"}
    assert len(audit["items"]) == 5


def test_api_key_lifecycle(api: Client) -> None:
    admin = signup(api)
    created = api.post("/v1/api-keys", headers=admin.headers, json={"name": "ci", "role": "analyst"})
    assert created.status_code == 201
    key, key_id = created.get_json()["key"], created.get_json()["id"]
    for headers in ({"X-API-Key": key}, {"Authorization": f"ApiKey {key}"}):
        me = api.get("/v1/me", headers=headers).get_json()
        assert me["tenant_id"] == admin.tenant_id and me["role"] == "analyst" and me["via"] == "api_key"
    listed = api.get("/v1/api-keys", headers=admin.headers).get_json()["items"]
    assert [k["id"] for k in listed] == [key_id]
    assert "key" not in listed[0] and "hash" not in listed[0]
    assert api.delete(f"/v1/api-keys/{key_id}", headers=admin.headers).status_code == 204
    assert api.get("/v1/me", headers={"X-API-Key": key}).status_code == 401
    listed = api.get("/v1/api-keys", headers=admin.headers).get_json()["items"]
    assert listed[0]["revoked_at"] is not None


def test_key_cannot_outrank_creator(api: Client) -> None:
    admin = signup(api)
    key = api.post("/v1/api-keys", headers=admin.headers, json={"name": "a", "role": "admin"}).get_json()["key"]
    # an admin key may mint keys, but never above admin; an analyst key cannot mint at all (403)
    analyst = api.post("/v1/api-keys", headers={"X-API-Key": key}, json={"name": "b", "role": "analyst"}).get_json()
    resp = api.post("/v1/api-keys", headers={"X-API-Key": analyst["key"]}, json={"name": "c", "role": "viewer"})
    assert resp.status_code == 403


def test_settings_change_is_audited(api: Client) -> None:
    admin = signup(api)
    resp = api.put("/v1/settings", headers=admin.headers, json={"currency": "EUR", "display_name": "Shop"})
    assert resp.status_code == 200 and resp.get_json()["currency"] == "EUR"
    audit = api.get("/v1/audit", headers=admin.headers, query_string={"action": "settings.updated"}).get_json()
    [entry] = audit["items"]
    assert entry["details"]["currency"] == {"from": "USD", "to": "EUR"}
    assert entry["actor"] == admin.user_id


def test_audit_paging(api: Client) -> None:
    admin = signup(api)
    for i in range(5):
        api.post("/v1/api-keys", headers=admin.headers, json={"name": f"k{i}"})
    first = api.get("/v1/audit", headers=admin.headers, query_string={"limit": 3}).get_json()
    assert len(first["items"]) == 3 and first["next_before_ns"] is not None
    rest = api.get("/v1/audit", headers=admin.headers,
                   query_string={"limit": 10, "before_ns": first["next_before_ns"]}).get_json()
    ids = [e["id"] for e in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 6  # 5 keys + the sign-up
    assert ids == sorted(ids, reverse=True)
