from __future__ import annotations

from pathlib import Path

import pytest

from shared.adapters.local.documents import SqliteDocumentStore
from shared.config import Settings
from shared.errors import PermissionDenied, Unauthenticated
from shared.security import accounts, api_keys
from shared.security.api_models import SignupRequest
from shared.security.passwords import hash_password, verify_password
from shared.security.principal import Principal, Role
from shared.store.documents.accounts import TENANTS


@pytest.fixture
def store(tmp_path: Path) -> SqliteDocumentStore:
    return SqliteDocumentStore(tmp_path / "docs.sqlite")


SETTINGS = Settings(bcrypt_rounds=4)


def test_password_hash_is_bcrypt_and_long_passwords_are_not_truncated() -> None:
    h = hash_password("x" * 100, rounds=4)
    assert h.startswith("$2b$04$") and "x" * 8 not in h
    assert verify_password("x" * 100, h) and not verify_password("x" * 99, h)
    assert not verify_password("x" * 100 + "y", h)
    assert not verify_password("anything", "not-a-hash")


def test_signup_login(store: SqliteDocumentStore) -> None:
    p = accounts.signup(store, SETTINGS, SignupRequest(email="A@B.io", password="password1"))
    assert p is not None and p.role == Role.ADMIN
    assert accounts.login(store, SETTINGS, "a@b.io", "password1") == p
    with pytest.raises(Unauthenticated):
        accounts.login(store, SETTINGS, "a@b.io", "password2")
    stored = store.get(accounts.users_collection(p.tenant_id), p.subject)
    assert stored is not None and "password1" not in str(stored)
    # a taken address (any case): nothing created, nothing changed
    assert accounts.signup(store, SETTINGS, SignupRequest(email="a@B.IO", password="password2")) is None
    assert store.get(accounts.users_collection(p.tenant_id), p.subject) == stored
    assert accounts.login(store, SETTINGS, "a@b.io", "password1") == p
    assert len(store.query(TENANTS)) == 1


def test_an_address_claimed_meanwhile_is_answered_as_taken(store: SqliteDocumentStore,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Two sign-ups with one new address at once: the loser gets ``None`` (the taken answer), not a conflict."""
    first = accounts.signup(store, SETTINGS, SignupRequest(email="race@b.io", password="password1"))
    assert first is not None
    real_get = store.get
    monkeypatch.setattr(store, "get", lambda c, d: None if c == accounts.USER_EMAILS else real_get(c, d))
    assert accounts.signup(store, SETTINGS, SignupRequest(email="race@b.io", password="password2")) is None
    monkeypatch.undo()
    assert accounts.login(store, SETTINGS, "race@b.io", "password1") == first


def test_api_keys_hashed_and_revocable(store: SqliteDocumentStore) -> None:
    admin = Principal(subject="u1", tenant_id="t1", role=Role.ADMIN)
    key, record = api_keys.create_api_key(store, SETTINGS, admin, name="ci", role=Role.VIEWER)
    assert key not in str(store.query("tenants/t1/api_keys")) and key not in str(store.query("api_key_hashes"))
    assert api_keys.verify_api_key(store, key).role == Role.VIEWER
    with pytest.raises(Unauthenticated):
        api_keys.verify_api_key(store, key + "x")
    api_keys.revoke_api_key(store, "t1", record["id"])
    with pytest.raises(Unauthenticated):
        api_keys.verify_api_key(store, key)


def test_key_role_capped_by_creator(store: SqliteDocumentStore) -> None:
    analyst = Principal(subject="u1", tenant_id="t1", role=Role.ANALYST)
    with pytest.raises(PermissionDenied):
        api_keys.create_api_key(store, SETTINGS, analyst, name="x", role=Role.ADMIN)


def test_revoke_is_tenant_scoped(store: SqliteDocumentStore) -> None:
    admin = Principal(subject="u1", tenant_id="t1", role=Role.ADMIN)
    key, record = api_keys.create_api_key(store, SETTINGS, admin, name="ci", role=Role.VIEWER)
    with pytest.raises(Exception, match="not found"):
        api_keys.revoke_api_key(store, "t2", record["id"])
    assert api_keys.verify_api_key(store, key).tenant_id == "t1"
