from __future__ import annotations

import time

import jwt
import pytest

from shared.config import Settings
from shared.errors import Unauthenticated
from shared.security.principal import Role
from shared.security.tokens import ISSUER, mint_token, signing_key, verify_token


def _settings(key: str | None = "k" * 40) -> Settings:
    return Settings(jwt_signing_key=key)


def _claims(**over: object) -> dict[str, object]:
    now = int(time.time())
    claims: dict[str, object] = {"sub": "u1", "tid": "t1", "role": "analyst", "iat": now, "nbf": now,
                                 "exp": now + 60, "iss": ISSUER}
    claims.update(over)
    return {k: v for k, v in claims.items() if v is not None}


def test_round_trip() -> None:
    s = _settings()
    p = verify_token(s, mint_token(s, subject="u1", tenant_id="t1", role=Role.ANALYST))
    assert (p.subject, p.tenant_id, p.role) == ("u1", "t1", Role.ANALYST)


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
@pytest.mark.parametrize("make", [
    lambda key: jwt.encode(_claims(), "", algorithm="none"),  # "": no key
    lambda key: jwt.encode(_claims(), b"other-key" * 4, algorithm="HS256"),
    lambda key: jwt.encode(_claims(exp=int(time.time()) - 60), key, algorithm="HS256"),
    lambda key: jwt.encode(_claims(nbf=int(time.time()) + 600), key, algorithm="HS256"),
    lambda key: jwt.encode(_claims(tid=None), key, algorithm="HS256"),
    lambda key: jwt.encode(_claims(exp=None), key, algorithm="HS256"),
    lambda key: jwt.encode(_claims(iss="someone-else"), key, algorithm="HS256"),
    lambda key: jwt.encode(_claims(), key, algorithm="HS384"),
    lambda key: jwt.encode(_claims(role="root"), key, algorithm="HS256"),
    lambda key: jwt.encode(_claims(tid="../other"), key, algorithm="HS256"),
    lambda key: "a.b.c",
], ids=["alg_none", "wrong_key", "expired", "not_yet_valid", "no_tenant", "no_exp", "wrong_issuer",
        "other_alg", "unknown_role", "bad_tenant_id", "garbage"])
def test_rejected(make: object) -> None:
    s = _settings()
    token = make(signing_key(s))  # type: ignore[operator]
    with pytest.raises(Unauthenticated):
        verify_token(s, token)


def test_local_key_is_per_home_and_stable(isolated_env: object) -> None:
    s = _settings(None)
    a = mint_token(s, subject="u", tenant_id="t", role=Role.VIEWER)
    assert verify_token(Settings(), a).tenant_id == "t"
    assert signing_key(s) == signing_key(Settings())


def test_gcp_without_key_refuses() -> None:
    with pytest.raises(Unauthenticated):
        signing_key(Settings(backend="gcp"))


@pytest.mark.parametrize("key", ["", "   ", "x", "k" * 31])
def test_short_or_empty_configured_key_is_refused_at_start(key: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="at least 32 characters"):
        _settings(key)


@pytest.mark.parametrize("content", [b"", b"short"])
def test_truncated_local_key_file_is_refused_not_hashed(isolated_env: object, content: bytes) -> None:
    from shared.security.tokens import SigningKeyUnusable

    s = _settings(None)
    signing_key(s)  # creates the per-home key
    path = s.state_dir / "jwt.key"
    path.write_bytes(content)
    import shared.security.key_files as key_files

    key_files._HOME_TOKEN_KEYS.clear()
    with pytest.raises(SigningKeyUnusable, match="fewer than the 32"):
        mint_token(s, subject="u", tenant_id="t", role=Role.ADMIN)
    # a token forged with the digest of the empty key is not accepted either
    import hashlib

    forged = jwt.encode(_claims(role="admin"), hashlib.sha256(content).digest(), algorithm="HS256")
    with pytest.raises((SigningKeyUnusable, Unauthenticated)):
        verify_token(s, forged)
