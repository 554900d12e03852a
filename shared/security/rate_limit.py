"""Token-bucket rate limiting: request buckets in process memory, log-in buckets shared by every instance.

A bucket refills continuously at ``per_minute / 60`` tokens a second up to ``burst``; each request takes
one token.

- Request buckets (per tenant, per API key, per client address) live in this process (``MemoryBuckets``, a
  bounded LRU under a lock): taking a token costs no I/O, so the limit never becomes the bottleneck it
  guards. Each instance counts on its own, so N instances admit up to N times the rate: the limit is a
  guard against a runaway client, not a quota.
- Buckets marked ``shared`` (log-in attempts: a lock-out must hold whichever instance answers) live in the
  document store: the read-refill-take-write happens inside ``DocumentStore.transact`` (a Firestore
  transaction on GCP, an immediate SQLite transaction locally), so concurrent instances never double-spend.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from shared.ports import DocumentStore
from shared.store.documents.counters import RATE_LIMITS


@dataclass(frozen=True)
class Limit:
    """A bucket's shape: sustained rate and burst capacity."""

    per_minute: int
    burst: int
    #: Kept in the document store so every instance sees it (log-in lock-outs), not in process memory.
    shared: bool = False

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


class MemoryBuckets:
    """Token buckets of this process: an LRU of at most ``max_buckets`` (the least recently used go first).

    An evicted bucket comes back full, which only ever admits more: the bound is what a flood of distinct
    keys can cost in memory (about 200 bytes a bucket).
    """

    def __init__(self, max_buckets: int = 100_000) -> None:
        self.max_buckets = max_buckets
        self._buckets: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._buckets)

    def consume(self, scope: str, key: str, limit: Limit, *, now: float | None = None) -> Decision:
        """Take one token from this process's bucket ``scope``/``key``."""
        at = time.monotonic() if now is None else now
        with self._lock:
            state = self._buckets.get((scope, key))
            if state is None:
                state = self._buckets[(scope, key)] = {}
                if len(self._buckets) > self.max_buckets:
                    self._buckets.popitem(last=False)
            else:
                self._buckets.move_to_end((scope, key))
            return take_token(state, limit, at)


# This process's request buckets, one set per document store (per ``Deps``: a rebuilt one starts afresh).
_MEMORY: weakref.WeakKeyDictionary[DocumentStore, MemoryBuckets] = weakref.WeakKeyDictionary()
_MEMORY_LOCK = threading.Lock()


def memory_buckets(documents: DocumentStore) -> MemoryBuckets:
    """This process's request buckets beside ``documents``."""
    with _MEMORY_LOCK:
        buckets = _MEMORY.get(documents)
        if buckets is None:
            buckets = _MEMORY[documents] = MemoryBuckets()
        return buckets


def take(documents: DocumentStore, scope: str, key: str, limit: Limit) -> Decision:
    """Take one token: from the shared bucket when ``limit.shared``, else from this process's."""
    if limit.shared:
        return consume(documents, scope, key, limit)
    return memory_buckets(documents).consume(scope, key, limit)
