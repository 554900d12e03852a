"""Sign-up never tells whether an address has an account (#19 item 10).

With e-mail configured, a sign-up answers 202 with one body for a new and a taken address alike; the e-mail
says which (a single-use code, or "you already have an account"). A real SMTP server (aiosmtpd) receives them.
Without e-mail (the embedded install), a sign-up answers 202 ``sign_in`` alike too: a new address has its
account and signs in; a taken one is left exactly as it was.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
from werkzeug.test import Client

from shared.deps import get_deps, reset_deps
from shared.runtime.gateway import Gateway
from shared.security import accounts
from shared.store.documents.accounts import TENANTS, USER_EMAILS, users_collection
from tests.e2e.schedules.receivers import smtp_server

PASSWORD = "correct horse battery"


@pytest.fixture
def mailbox(api: Client, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Client, list[Message]]]:
    with smtp_server() as (messages, port):
        monkeypatch.setenv("ECOMINTEL_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("ECOMINTEL_SMTP_PORT", str(port))
        reset_deps()
        yield Client(Gateway()), messages


def _text(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def _code(message: Message) -> str:
    found = re.search(r"code: (su_[\w-]+)", _text(message))
    assert found, _text(message)
    return found.group(1)


def test_a_taken_address_gets_the_same_answer_as_a_new_one(mailbox: tuple[Client, list[Message]]) -> None:
    api, messages = mailbox
    first = api.post("/v1/auth/signup", json={"email": "owner@example.com", "password": PASSWORD})
    assert first.status_code == 202
    done = api.post("/v1/auth/signup:verify", json={"code": _code(messages[-1])})
    assert done.status_code == 201 and done.get_json()["access_token"]

    taken = api.post("/v1/auth/signup", json={"email": "Owner@Example.com", "password": "another password 1"})
    fresh = api.post("/v1/auth/signup", json={"email": "someone-new@example.com", "password": "another password 1"})
    assert taken.status_code == fresh.status_code == 202
    assert taken.get_json() == fresh.get_json()
    assert set(taken.headers.keys()) == set(fresh.headers.keys())
    to_owner, to_new = messages[-2], messages[-1]
    assert to_owner["To"] == "owner@example.com" and "already has one" in _text(to_owner)
    assert "su_" not in _text(to_owner)
    assert to_new["To"] == "someone-new@example.com" and _code(to_new)
    # the owner's account is untouched: their password still works, the other one does not
    assert api.post("/v1/auth/login", json={"email": "owner@example.com", "password": PASSWORD}).status_code == 200
    assert api.post("/v1/auth/login", json={"email": "owner@example.com",
                                            "password": "another password 1"}).status_code == 401


def test_a_code_works_once_and_nothing_exists_before_it(mailbox: tuple[Client, list[Message]]) -> None:
    api, messages = mailbox
    assert api.post("/v1/auth/signup", json={"email": "shop@example.com", "password": PASSWORD,
                                             "tenant_name": "Shop"}).status_code == 202
    assert api.post("/v1/auth/login", json={"email": "shop@example.com", "password": PASSWORD}).status_code == 401
    code = _code(messages[-1])
    done = api.post("/v1/auth/signup:verify", json={"code": code})
    assert done.status_code == 201 and done.get_json()["role"] == "admin"
    assert api.post("/v1/auth/signup:verify", json={"code": code}).status_code == 403
    assert api.post("/v1/auth/signup:verify", json={"code": "su_" + "x" * 32}).status_code == 403
    assert api.post("/v1/auth/login", json={"email": "shop@example.com", "password": PASSWORD}).status_code == 200


def test_an_invite_is_checked_when_the_code_is_used(mailbox: tuple[Client, list[Message]]) -> None:
    api, messages = mailbox
    api.post("/v1/auth/signup", json={"email": "admin@example.com", "password": PASSWORD})
    admin = api.post("/v1/auth/signup:verify", json={"code": _code(messages[-1])}).get_json()
    invite = api.post("/v1/invites", json={"role": "viewer"},
                      headers={"Authorization": f"Bearer {admin['access_token']}"}).get_json()["invite_code"]
    bogus = api.post("/v1/auth/signup", json={"email": "v2@example.com", "password": PASSWORD,
                                              "invite_code": "inv_" + "y" * 30})
    assert bogus.status_code == 202  # an invalid invite is not told apart here either
    assert api.post("/v1/auth/signup", json={"email": "viewer@example.com", "password": PASSWORD,
                                             "invite_code": invite}).status_code == 202
    joined = api.post("/v1/auth/signup:verify", json={"code": _code(messages[-1])}).get_json()
    assert (joined["tenant_id"], joined["role"]) == (admin["tenant_id"], "viewer")


def _owner_record(email: str) -> dict[str, Any]:
    documents = get_deps().documents
    index = documents.get(USER_EMAILS, hashlib.sha256(email.encode()).hexdigest())
    assert index is not None
    user = documents.get(users_collection(index["tenant_id"]), index["user_id"])
    assert user is not None
    return {"index": index, "user": user, "tenant": documents.get(TENANTS, index["tenant_id"])}


def test_without_e_mail_a_taken_address_gets_the_same_answer_as_a_new_one(api: Client,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    hashed: list[str] = []
    real_hash = accounts.hash_password

    def recording_hash(pw: str, **kw: int) -> str:
        hashed.append(pw)
        return real_hash(pw, **kw)

    monkeypatch.setattr(accounts, "hash_password", recording_hash)
    first = api.post("/v1/auth/signup", json={"email": "owner@example.com", "password": PASSWORD,
                                              "tenant_name": "Owner's shop"})
    assert first.status_code == 202
    owner = api.post("/v1/auth/login", json={"email": "owner@example.com", "password": PASSWORD})
    assert owner.status_code == 200
    before = _owner_record("owner@example.com")

    other = {"password": "another password 1", "tenant_name": "Mallory"}
    taken = api.post("/v1/auth/signup", json={"email": "Owner@Example.com", **other})
    fresh = api.post("/v1/auth/signup", json={"email": "someone-new@example.com", **other})
    assert taken.status_code == fresh.status_code == 202
    assert taken.get_json() == fresh.get_json() == first.get_json()
    assert taken.get_json()["status"] == "sign_in" and "sign in" in taken.get_json()["message"].lower()
    assert {k: v for k, v in taken.headers.items() if k != "X-Request-Id"} == \
        {k: v for k, v in fresh.headers.items() if k != "X-Request-Id"}
    assert hashed == [PASSWORD, "another password 1", "another password 1"]  # one hash a sign-up, taken or not

    # the existing account is exactly as it was: its own password opens it, the newcomer's does not
    assert _owner_record("owner@example.com") == before
    assert api.post("/v1/auth/login", json={"email": "owner@example.com", "password": PASSWORD}).status_code == 200
    assert api.post("/v1/auth/login", json={"email": "owner@example.com",
                                            "password": "another password 1"}).status_code == 401
    # the legitimate new user signs in and is the admin of a shop of their own
    new = api.post("/v1/auth/login", json={"email": "someone-new@example.com", "password": "another password 1"})
    assert new.status_code == 200
    me = api.get("/v1/me", headers={"Authorization": f"Bearer {new.get_json()['access_token']}"}).get_json()
    assert me["role"] == "admin" and me["tenant_id"] != before["index"]["tenant_id"]


def test_without_e_mail_an_invite_is_used_only_by_an_account_created(api: Client) -> None:
    assert api.post("/v1/auth/signup", json={"email": "admin@example.com", "password": PASSWORD}).status_code == 202
    admin = api.post("/v1/auth/login", json={"email": "admin@example.com", "password": PASSWORD}).get_json()
    auth = {"Authorization": f"Bearer {admin['access_token']}"}
    invite = api.post("/v1/invites", json={"role": "viewer"}, headers=auth).get_json()["invite_code"]
    # a bad invite is refused whatever the address; a good one is not spent on a taken address
    for email in ("admin@example.com", "nobody-yet@example.com"):
        bogus = api.post("/v1/auth/signup", json={"email": email, "password": PASSWORD,
                                                  "invite_code": "inv_" + "y" * 30})
        assert bogus.status_code == 403, bogus.get_data(as_text=True)
    assert api.post("/v1/auth/signup", json={"email": "admin@example.com", "password": PASSWORD,
                                             "invite_code": invite}).status_code == 202
    assert api.get("/v1/me", headers=auth).get_json()["role"] == "admin"
    assert api.post("/v1/auth/signup", json={"email": "viewer@example.com", "password": PASSWORD,
                                             "invite_code": invite}).status_code == 202
    viewer = api.post("/v1/auth/login", json={"email": "viewer@example.com", "password": PASSWORD}).get_json()
    me = api.get("/v1/me", headers={"Authorization": f"Bearer {viewer['access_token']}"}).get_json()
    assert (me["tenant_id"], me["role"]) == (api.get("/v1/me", headers=auth).get_json()["tenant_id"], "viewer")
