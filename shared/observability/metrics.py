"""Prometheus metrics shared by every function.

Metric objects live in one registry per process so the launcher's ``/metrics`` endpoint and tests see
the same counters. Decorators keep instrumentation out of the cores.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar

from prometheus_client import CollectorRegistry, Counter, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

INGEST_ROWS = Counter(
    "ecomintel_ingest_rows_total", "Rows seen by ingestion, by outcome.", ["kind", "outcome"], registry=REGISTRY
)
INGEST_SECONDS = Histogram(
    "ecomintel_ingest_seconds", "Time to ingest one file.", ["kind"], registry=REGISTRY
)
EVENTS_HANDLED = Counter(
    "ecomintel_events_total", "Events handled by function and outcome.", ["function", "outcome"], registry=REGISTRY
)

F = TypeVar("F", bound=Callable[..., Any])


def track_ingest_metrics(func: F) -> F:
    """Time an ingestion call; the result's counts are recorded by the caller (they need the kind)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        result = func(*args, **kwargs)
        kind = getattr(result, "kind", "unknown")
        INGEST_SECONDS.labels(kind=str(kind)).observe(time.perf_counter() - start)
        for outcome in ("accepted", "rejected", "duplicates"):
            value = getattr(result, outcome, None)
            if isinstance(value, int) and value:
                INGEST_ROWS.labels(kind=str(kind), outcome=outcome).inc(value)
        return result

    return wrapper  # type: ignore[return-value]

SYNC_RUNS = Counter(
    "ecomintel_sync_runs_total", "Scheduled source syncs by source and outcome.", ["source", "status"],
    registry=REGISTRY,
)
SYNC_FAILURE_ALERTS = Counter(
    "ecomintel_sync_failure_alerts_total", "Sources that failed 3 or more times in a row.", ["source"],
    registry=REGISTRY,
)
