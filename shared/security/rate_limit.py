"""Token-bucket rate limiting held in the document store, so every instance shares the same buckets.

A bucket refills continuously at ``per_minute / 60`` tokens a second up to ``burst``; each request takes
one token. The read-refill-take-write happens inside ``DocumentStore.transact`` (a Firestore transaction
on GCP, an immediate SQLite transaction locally), so concurrent instances never double-spend.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from typing import Any

from shared.ports import DocumentStore
from shared.store.documents.counters import RATE_LIMITS


@dataclass(frozen=True)
class Limit:
    """A bucket's shape: sustained rate and burst capacity."""

    per_minute: int
    burst: int

    @property
    def per_second(self) -> float:
        """Refill rate."""
        return self.per_minute / 60.0


@dataclass(frozen=True)
class Decision:
    """Outcome of taking one token."""

    allowed: bool
    remaining: int
    retry_after: int


def take_token(state: dict[str, Any], limit: Limit, now: float) -> Decision:
    """Refill ``state`` (``tokens``, ``updated``) to ``now`` and take one token if available; mutates it."""
    capacity = float(max(limit.burst, 1))
    tokens = float(state.get("tokens", capacity))
    updated = float(state.get("updated", now))
    elapsed = max(0.0, now - updated)
    tokens = min(capacity, tokens + elapsed * limit.per_second)
    if tokens >= 1.0:
        tokens -= 1.0
        allowed, retry_after = True, 0
    else:
        allowed = False
        retry_after = math.ceil((1.0 - tokens) / limit.per_second) if limit.per_second > 0 else 3600
        retry_after = max(1, retry_after)
    state["tokens"] = tokens
    state["updated"] = now
    return Decision(allowed, int(tokens), retry_after)


def bucket_id(scope: str, key: str) -> str:
    """A document id for a bucket (hashed so keys never appear as ids)."""
    return f"{scope}-" + hashlib.sha256(key.encode()).hexdigest()[:32]


def consume(documents: DocumentStore, scope: str, key: str, limit: Limit, *, now: float | None = None) -> Decision:
    """Take one token from the shared bucket ``scope``/``key``."""
    at = time.time() if now is None else now

    def update(doc: dict[str, Any] | None) -> Decision:
        return take_token(doc if doc is not None else {}, limit, at)

    return documents.transact(RATE_LIMITS, bucket_id(scope, key), update)
