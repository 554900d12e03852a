"""JWT access tokens (HS256). The signing key comes from the key source ``shared.deps.key_source`` picks.

Verification pins the algorithm list, so ``alg: none`` and algorithm-confusion tokens are rejected,
and requires ``exp``, ``iat``, ``sub`` and the tenant claim.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict

import jwt

from shared.config import Settings
from shared.deps import key_source
from shared.errors import Unauthenticated
from shared.security.key_files import SigningKeyUnusable
from shared.security.principal import Principal, Role

__all__ = ["SigningKeyUnusable", "mint_token", "signing_key", "verify_token"]

ALGORITHM = "HS256"
ISSUER = "ecomintel"
ACCESS_TOKEN_SECONDS = 24 * 3600
#: Tokens already verified, by (key, token): a client sends the same token with every request, and checking
#: its signature and claims again costs more than the rest of a simple read. Bounded; expiry re-checked.
VERIFIED_CACHE_SIZE = 10_000
_VERIFIED: OrderedDict[tuple[bytes, str], tuple[Principal, float]] = OrderedDict()
_VERIFIED_LOCK = threading.Lock()
LEEWAY_SECONDS = 5


def signing_key(settings: Settings) -> bytes:
    """The JWT signing key from the installation's key source (the composition root picks it)."""
    return key_source(settings).token_key()


def mint_token(settings: Settings, *, subject: str, tenant_id: str, role: Role,
               ttl_seconds: int = ACCESS_TOKEN_SECONDS) -> str:
    """A signed access token for ``subject`` in ``tenant_id`` with ``role``."""
    now = int(time.time())
    claims = {"sub": subject, "tid": tenant_id, "role": role.value, "iat": now, "nbf": now,
              "exp": now + ttl_seconds, "iss": ISSUER, "jti": uuid.uuid4().hex}
    return jwt.encode(claims, signing_key(settings), algorithm=ALGORITHM)


def verify_token(settings: Settings, token: str) -> Principal:
    """Verify signature, algorithm, expiry and not-before; return the principal.

    A token verified before with the same key is answered from a bounded cache until its expiry.
    """
    key = signing_key(settings)
    with _VERIFIED_LOCK:
        hit = _VERIFIED.get((key, token))
        if hit is not None:
            _VERIFIED.move_to_end((key, token))
    if hit is not None and time.time() <= hit[1] + LEEWAY_SECONDS:
        return hit[0].model_copy()  # the caller's own copy: a handler may change it
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "tid"]},
            leeway=LEEWAY_SECONDS,
        )
        principal = Principal(subject=claims["sub"], tenant_id=claims["tid"], role=Role(claims.get("role", "viewer")))
    except (jwt.PyJWTError, ValueError, KeyError) as exc:
        raise Unauthenticated("invalid or expired token") from exc
    with _VERIFIED_LOCK:
        _VERIFIED[(key, token)] = (principal, float(claims["exp"]))
        while len(_VERIFIED) > VERIFIED_CACHE_SIZE:
            _VERIFIED.popitem(last=False)
    return principal
