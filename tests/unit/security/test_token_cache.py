"""Verified tokens are remembered (the hot path of every read), never past their expiry or across keys."""

from __future__ import annotations

import time
from typing import Any

import pytest

from shared.config import Settings
from shared.errors import Unauthenticated
from shared.security import tokens
from shared.security.principal import Role


def _settings(key: str) -> Settings:
    return Settings(jwt_signing_key=key)


def test_a_second_check_of_the_same_token_skips_the_signature(monkeypatch: pytest.MonkeyPatch) -> None:
    s = _settings("a" * 40)
    token = tokens.mint_token(s, subject="u1", tenant_id="t1", role=Role.VIEWER)
    assert tokens.verify_token(s, token).subject == "u1"
    decodes: list[str] = []
    real = tokens.jwt.decode

    def counting(*args: Any, **kwargs: Any) -> Any:
        decodes.append("decode")
        return real(*args, **kwargs)

    monkeypatch.setattr(tokens.jwt, "decode", counting)
    first, second = tokens.verify_token(s, token), tokens.verify_token(s, token)
    assert decodes == [] and first == second and first is not second


def test_a_remembered_token_goes_back_to_the_full_check_once_expired(monkeypatch: pytest.MonkeyPatch) -> None:
    s = _settings("b" * 40)
    token = tokens.mint_token(s, subject="u1", tenant_id="t1", role=Role.VIEWER, ttl_seconds=60)
    tokens.verify_token(s, token)
    later = time.time() + 60 + tokens.LEEWAY_SECONDS + 1
    monkeypatch.setattr(tokens.time, "time", lambda: later)

    def expired(*args: object, **kwargs: object) -> None:
        raise tokens.jwt.ExpiredSignatureError("expired")  # what PyJWT says at that time

    monkeypatch.setattr(tokens.jwt, "decode", expired)
    with pytest.raises(Unauthenticated):
        tokens.verify_token(s, token)


def test_a_remembered_token_is_not_valid_under_another_key() -> None:
    s = _settings("c" * 40)
    token = tokens.mint_token(s, subject="u1", tenant_id="t1", role=Role.VIEWER)
    tokens.verify_token(s, token)
    with pytest.raises(Unauthenticated):
        tokens.verify_token(_settings("d" * 40), token)


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "VERIFIED_CACHE_SIZE", 5)
    s = _settings("e" * 40)
    for i in range(20):
        tokens.verify_token(s, tokens.mint_token(s, subject=f"u{i}", tenant_id="t1", role=Role.VIEWER))
    assert len(tokens._VERIFIED) <= 5


def test_the_home_key_file_is_checked_once_a_second_not_per_request(isolated_env: object,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Deleting the embedded home's key file starts over with a new key, noticed within a second."""
    from pathlib import Path

    from shared.security import key_files

    s = Settings(jwt_signing_key=None)
    clock = [1000.0]
    monkeypatch.setattr(key_files.time, "monotonic", lambda: clock[0])
    first = tokens.signing_key(s)
    stats: list[Path] = []
    real_exists = Path.exists

    def recording_exists(self: Path, **kw: Any) -> bool:
        stats.append(self)
        return real_exists(self, **kw)

    monkeypatch.setattr(Path, "exists", recording_exists)
    for _ in range(100):
        assert tokens.signing_key(s) == first
    assert stats == []  # no file-system call per request
    (s.state_dir / "jwt.key").unlink()
    clock[0] += key_files.KEY_RECHECK_SECONDS / 2
    assert tokens.signing_key(s) == first
    clock[0] += key_files.KEY_RECHECK_SECONDS
    assert tokens.signing_key(s) != first and (s.state_dir / "jwt.key").exists()
