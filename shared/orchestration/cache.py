"""Answer cache keyed by tenant, normalised question, the tenant's data version and the code's revision.

Entries live at ``tenants/{t}/query_cache/{key}`` and also expire by per-kind freshness limits (prices 1 h,
reviews 24 h, forecasts 12 h): an answer is only as fresh as the most perishable data it used.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import time
import unicodedata
from typing import Any

from prometheus_client import Counter, Gauge

from shared import regex as re
from shared.config import Settings
from shared.models.agents import AgentName
from shared.observability.metrics import REGISTRY
from shared.orchestration.report import Report
from shared.ports import DocumentStore
from shared.store.documents.caches import query_cache_collection

CACHE_LOOKUPS = Counter("ecomintel_query_cache_total", "Query cache lookups by outcome.", ["outcome"],
                        registry=REGISTRY)
CACHE_HIT_RATIO = Gauge("ecomintel_query_cache_hit_ratio", "Query cache hits / lookups in this process.",
                        registry=REGISTRY)
_counts = {"hit": 0, "miss": 0}
#: Validated reports of recent hits, keyed by (tenant, key, created_at): the document stays the source of
#: truth (expiry and version are checked on every lookup), this only skips re-validating the same entry.
_memo: dict[tuple[str, str, float], Report] = {}
_MEMO_SIZE = 256


def normalise_question(question: str) -> str:
    """Lower-case, accents folded, punctuation dropped (except in numbers and SKUs), spaces collapsed."""
    text = unicodedata.normalize("NFKD", question).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^\w%.\-\s]|(?<!\d)\.|\.(?!\d)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@functools.cache
def _package_version() -> str:
    try:
        return importlib.metadata.version("ecomintel")
    except importlib.metadata.PackageNotFoundError:
        return ""


def code_revision() -> str:
    """What computes the answers: the deployed revision, else the installed package's version.

    The revision is ``K_REVISION``, which Cloud Run sets on every Cloud Functions gen2 deploy. It is part of the key
    because a deploy changes answers (a better reading, a new table column for the console) while the data stays the
    same: without it, answers cached by the old code are served until they expire (up to 24 h).
    """
    return os.environ.get("K_REVISION") or _package_version()


def cache_key(tenant_id: str, question: str, version: int, context: str = "") -> str:
    """Stable cache key (stable within one deployed revision)."""
    raw = "\x1f".join([tenant_id, normalise_question(question), str(version), context, code_revision()])
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def freshness_seconds(agents: list[AgentName], settings: Settings) -> int:
    """How long an answer using ``agents`` stays fresh (the shortest limit among their data kinds)."""
    limits = {"pricing": settings.freshness_prices_seconds, "sentiment": settings.freshness_reviews_seconds,
              "forecast": settings.freshness_forecasts_seconds}
    return min((limits[a] for a in agents), default=settings.freshness_prices_seconds)


def _record(outcome: str) -> None:
    CACHE_LOOKUPS.labels(outcome=outcome).inc()
    _counts[outcome] += 1
    CACHE_HIT_RATIO.set(_counts["hit"] / (_counts["hit"] + _counts["miss"]))


def lookup(documents: DocumentStore, tenant_id: str, key: str, *, now: float | None = None) -> Report | None:
    """The cached report for ``key`` if present and fresh; records hit/miss."""
    doc = documents.get(query_cache_collection(tenant_id), key)
    now = time.time() if now is None else now
    if doc is None or now >= float(doc.get("expires_at", 0)):
        _record("miss")
        return None
    _record("hit")
    memo_key = (tenant_id, key, float(doc.get("created_at", 0)))
    report = _memo.get(memo_key)
    if report is None:
        report = Report.model_validate(doc["report"])
        if len(_memo) >= _MEMO_SIZE:
            _memo.pop(next(iter(_memo)))
        _memo[memo_key] = report
    return report.model_copy(deep=True)


def store(documents: DocumentStore, tenant_id: str, key: str, report: Report, ttl_seconds: int,
          *, now: float | None = None) -> None:
    """Cache ``report`` for ``ttl_seconds``."""
    now = time.time() if now is None else now
    data: dict[str, Any] = {"report": report.model_dump(mode="json"), "created_at": now,
                            "expires_at": now + ttl_seconds, "data_version": report.data_version}
    documents.set(query_cache_collection(tenant_id), key, data)
