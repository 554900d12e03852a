"""Per-home random keys of the embedded backend (token signing, signed URLs), kept in 0600 files.

A key file that is missing is created; one that is shorter than a key must be (emptied, truncated) is
refused rather than used: a digest of an empty file is a key anyone can compute.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from shared.config import MIN_SIGNING_KEY_LENGTH
from shared.errors import EcomIntelError, Unauthenticated

#: Per-home token keys with when their file was last seen (``time.monotonic``).
_HOME_TOKEN_KEYS: dict[Path, tuple[bytes, float]] = {}
#: How often a remembered key's file is checked for deletion (deleting it starts over with a new key). Every
#: request needs the key: a file-system check each time was a system call, and a GIL hand-off, per request.
KEY_RECHECK_SECONDS = 1.0


class SigningKeyUnusable(EcomIntelError):
    """A key file is too short to sign with: refuse, never derive a key from it."""

    code = "signing_key_unusable"


def local_key(path: Path) -> bytes:
    """The key in ``path``, created with fresh random bytes (mode 0600) when absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32))
    raw = path.read_bytes()
    if len(raw) < MIN_SIGNING_KEY_LENGTH:
        raise SigningKeyUnusable(
            f"{path} holds {len(raw)} bytes, fewer than the {MIN_SIGNING_KEY_LENGTH} a key needs; restore it from "
            "a backup (ecomintel restore), or delete it to start over with a new key (everyone is signed out)")
    return raw


@dataclass(frozen=True)
class ConfiguredKey:
    """The operator's token key (env, Secret Manager); without one no token can be signed or checked."""

    secret: str | None

    def token_key(self) -> bytes:
        """The configured key's bytes."""
        if self.secret is None:
            raise Unauthenticated("no JWT signing key configured (ECOMINTEL_JWT_SIGNING_KEY)")
        return self.secret.encode()


@dataclass(frozen=True)
class HomeKey:
    """The configured token key, else a random one kept in ``path`` inside the embedded home."""

    path: Path
    secret: str | None = None

    def token_key(self) -> bytes:
        """The configured key, or the digest of the per-home key file (created on first use)."""
        if self.secret is not None:
            return self.secret.encode()
        now = time.monotonic()
        cached = _HOME_TOKEN_KEYS.get(self.path)
        if cached is not None and (now - cached[1] < KEY_RECHECK_SECONDS or self.path.exists()):
            if now - cached[1] >= KEY_RECHECK_SECONDS:
                _HOME_TOKEN_KEYS[self.path] = (cached[0], now)
            return cached[0]
        key = hashlib.sha256(local_key(self.path)).digest()
        _HOME_TOKEN_KEYS[self.path] = (key, now)
        return key
