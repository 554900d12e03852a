"""Log-in throttling that a stranger cannot turn into a lock-out.

Guesses are limited per (account, source address), so ten wrong passwords from elsewhere do not stop the
owner logging in from their own address; a per-account ceiling, ``ACCOUNT_CEILING_FACTOR`` times higher,
still caps a guessing attack spread over many addresses. Both are shared by every instance (document store).
"""

from __future__ import annotations

import hashlib

from shared.http import enforce_rate_limits
from shared.security.rate_limit import Limit

ACCOUNT_CEILING_FACTOR = 10


def enforce_login_limits(email: str, source: str, attempts_per_minute: int) -> None:
    """Take one attempt from the (account, source) bucket and from the account's ceiling; 429 when empty."""
    pair = hashlib.sha256(f"{email}\x1f{source}".encode()).hexdigest()
    ceiling = attempts_per_minute * ACCOUNT_CEILING_FACTOR
    enforce_rate_limits([
        ("login", pair, Limit(attempts_per_minute, attempts_per_minute, shared=True)),
        ("login-account", email, Limit(ceiling, ceiling, shared=True)),
    ])
