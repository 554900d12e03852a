"""Password hashing with bcrypt.

Passwords are first reduced with SHA-256 (base64) so bcrypt's 72-byte input limit never truncates a long
passphrase silently; the bcrypt cost comes from settings (tests lower it).
"""

from __future__ import annotations

import base64
import hashlib

import bcrypt

from shared.errors import InvalidInput

MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 256


def _prehash(password: str) -> bytes:
    return base64.b64encode(hashlib.sha256(password.encode("utf-8")).digest())


def check_password_policy(password: str) -> None:
    """Refuse passwords that are too short or absurdly long (``InvalidInput`` naming the field)."""
    if not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        raise InvalidInput(
            f"password must be {MIN_PASSWORD_CHARS}-{MAX_PASSWORD_CHARS} characters",
            details={"field": "password"},
        )


def hash_password(password: str, *, rounds: int = 12) -> str:
    """A bcrypt hash of ``password`` (salted; safe to store)."""
    return bcrypt.hashpw(_prehash(password), bcrypt.gensalt(rounds=rounds)).decode("ascii")


def verify_password(password: str, hashed: str) -> bool:
    """True when ``password`` matches ``hashed`` (constant-time inside bcrypt)."""
    try:
        return bcrypt.checkpw(_prehash(password), hashed.encode("ascii"))
    except ValueError:
        return False


_DUMMY_HASHES: dict[int, str] = {}


def burn_password_check(password: str, *, rounds: int = 12) -> None:
    """Spend the time of one real check, so unknown e-mails and wrong passwords take equally long."""
    dummy = _DUMMY_HASHES.get(rounds)
    if dummy is None:
        dummy = _DUMMY_HASHES[rounds] = hash_password("not-a-real-password", rounds=rounds)
    verify_password(password, dummy)
