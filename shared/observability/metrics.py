"""Prometheus metrics shared by every function, and the decorators that record them.

Metric objects live in one registry per process so the gateway's ``/metrics`` endpoint and the tests see
the same series. Decorators keep instrumentation out of the cores:

- ``@endpoint`` (``shared.http``) records ``ecomintel_http_requests_total`` / ``_seconds`` itself.
- ``event_publish_time`` for the event kernel (``shared.event_handler``): Pub/Sub handling lag.
- ``track_ingest_metrics`` for ingestion cores (rows accepted/rejected, time per file).
- ``track_agent_metrics(agent)`` for agent runs (run time, outcome, timeouts).
- ``track_llm_metrics`` for language-model calls (latency, tokens in/out, errors).
- ``track_query_metrics`` for warehouse queries; ``record_cache(cache, hit)`` for cache hit ratio.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from shared.observability.logs import get_logger, log_event

REGISTRY = CollectorRegistry(auto_describe=True)
_log = get_logger(__name__)

# Log messages that GCP log-based metrics match (infra/monitoring/alerts.yaml); keep them stable.
LOG_INGESTION_FAILED = "ingestion failed"
LOG_AGENT_TIMEOUT = "agent run timed out"
LOG_LLM_BUDGET = "llm budget usage"

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)

HTTP_REQUESTS = Counter(
    "ecomintel_http_requests_total", "HTTP requests by function, route, method and status.",
    ["function", "route", "method", "status"], registry=REGISTRY,
)
HTTP_SECONDS = Histogram(
    "ecomintel_http_request_seconds", "HTTP request latency by function and route.",
    ["function", "route", "method"], buckets=_LATENCY_BUCKETS, registry=REGISTRY,
)
RATE_LIMITED = Counter(
    "ecomintel_rate_limited_total", "Requests refused with 429, by bucket scope.", ["scope"], registry=REGISTRY
)
SECURITY_EVENTS = Counter(
    "ecomintel_security_events_total", "Security events (refused cross-tenant access, role violations, ...).",
    ["kind"], registry=REGISTRY,
)
INGEST_ROWS = Counter(
    "ecomintel_ingest_rows_total", "Rows seen by ingestion, by outcome.", ["kind", "outcome"], registry=REGISTRY
)
INGEST_SECONDS = Histogram(
    "ecomintel_ingest_seconds", "Time to ingest one file.", ["kind"], buckets=_LATENCY_BUCKETS, registry=REGISTRY
)
INGESTIONS = Counter(
    "ecomintel_ingestions_total", "Ingestions by outcome (succeeded/failed).", ["kind", "outcome"], registry=REGISTRY
)
INGEST_CONSECUTIVE_FAILURES = Gauge(
    "ecomintel_ingest_consecutive_failures", "Failed ingestions in a row (reset by a success).", registry=REGISTRY
)
EVENTS_HANDLED = Counter(
    "ecomintel_events_total", "Events handled by function and outcome.", ["function", "outcome"], registry=REGISTRY
)
EVENT_LAG_SECONDS = Histogram(
    "ecomintel_event_lag_seconds", "Seconds from publish (or object finalize) to the start of handling.",
    ["function"], buckets=_LATENCY_BUCKETS, registry=REGISTRY,
)
EVENT_SECONDS = Histogram(
    "ecomintel_event_handling_seconds", "Time to handle one event.", ["function"], buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
AGENT_RUNS = Counter(
    "ecomintel_agent_results_total", "Agent runs by agent and outcome (ok/error/timeout), via track_agent_metrics.",
    ["agent", "outcome"],
    registry=REGISTRY,
)
AGENT_SECONDS = Histogram(
    "ecomintel_agent_run_seconds", "Agent run time.", ["agent"], buckets=_LATENCY_BUCKETS, registry=REGISTRY
)
LLM_CALLS = Counter(
    "ecomintel_llm_calls_total", "Language-model calls by model and outcome.", ["model", "outcome"], registry=REGISTRY
)
LLM_SECONDS = Histogram(
    "ecomintel_llm_seconds", "Language-model call latency.", ["model"], buckets=_LATENCY_BUCKETS, registry=REGISTRY
)
LLM_TOKENS = Counter(
    "ecomintel_llm_model_tokens_total", "Language-model tokens by model and direction (input/output).",
    ["model", "direction"], registry=REGISTRY,
)
LLM_BUDGET_USED_RATIO = Gauge(
    "ecomintel_llm_budget_used_ratio", "Share of the LLM budget used this period (0..1), per tenant.", ["tenant"],
    registry=REGISTRY,
)
QUERY_SECONDS = Histogram(
    "ecomintel_warehouse_query_seconds", "Warehouse query latency by query name.", ["query"],
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
QUERIES = Counter(
    "ecomintel_warehouse_queries_total", "Warehouse queries by name and outcome.", ["query", "outcome"],
    registry=REGISTRY,
)
CACHE_LOOKUPS = Counter(
    "ecomintel_cache_lookups_total", "Cache lookups by cache and result (hit/miss); hit ratio = hit / all.",
    ["cache", "result"], registry=REGISTRY,
)

F = TypeVar("F", bound=Callable[..., Any])


def track_ingest_metrics(func: F) -> F:
    """Time an ingestion call and count its rows by outcome (read from the result's attributes)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            result = func(*args, **kwargs)
        except Exception as exc:
            INGESTIONS.labels(kind="unknown", outcome="failed").inc()
            INGEST_CONSECUTIVE_FAILURES.inc()
            log_event(_log, LOG_INGESTION_FAILED, severity="ERROR", error=type(exc).__name__)
            raise
        if result is None:  # not an ingestion at all (an object outside raw/<tenant>/<kind>/): no verdict
            INGESTIONS.labels(kind="unknown", outcome="ignored").inc()
            return result
        kind = str(getattr(result, "kind", "unknown"))
        INGEST_SECONDS.labels(kind=kind).observe(time.perf_counter() - start)
        if str(getattr(result, "status", "")) == "failed":  # refused whole (e.g. missing columns): a failure
            INGESTIONS.labels(kind=kind, outcome="failed").inc()
            INGEST_CONSECUTIVE_FAILURES.inc()
            log_event(_log, LOG_INGESTION_FAILED, severity="ERROR", kind=kind,
                      error=str(getattr(result, "error", "") or "refused"))
            return result
        INGESTIONS.labels(kind=kind, outcome="succeeded").inc()
        INGEST_CONSECUTIVE_FAILURES.set(0)
        for outcome in ("accepted", "rejected", "duplicates"):
            value = getattr(result, outcome, None)
            if isinstance(value, int) and value:
                INGEST_ROWS.labels(kind=kind, outcome=outcome).inc(value)
        return result

    return wrapper  # type: ignore[return-value]


def event_publish_time(event: Any) -> datetime | None:
    """When the event was published: Pub/Sub ``publishTime``, else the CloudEvent ``time``."""
    data = getattr(event, "data", None)
    raw: Any = None
    if isinstance(data, dict):
        message = data.get("message")
        if isinstance(message, dict):
            raw = message.get("publishTime") or message.get("publish_time")
    if raw is None:
        try:
            raw = event["time"]
        except (KeyError, TypeError):
            raw = getattr(event, "time", None)
    if isinstance(raw, datetime):
        return raw if raw.tzinfo else raw.replace(tzinfo=UTC)
    if isinstance(raw, str) and raw:
        try:
            parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


@contextlib.contextmanager
def _timed(seconds: Any, outcomes: Counter, **labels: str) -> Iterator[None]:
    """Observe the block's duration and count its outcome (``ok`` or ``error``) under ``labels``."""
    start = time.perf_counter()
    try:
        yield
    except Exception:
        outcomes.labels(**labels, outcome="error").inc()
        raise
    finally:
        seconds.observe(time.perf_counter() - start)
    outcomes.labels(**labels, outcome="ok").inc()


def track_agent_metrics(agent: str) -> Callable[[F], F]:
    """Record an agent run's time and outcome (``TimeoutError`` counts as ``timeout``)."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            outcome = "ok"
            try:
                return func(*args, **kwargs)
            except TimeoutError:
                outcome = "timeout"
                log_event(_log, LOG_AGENT_TIMEOUT, severity="ERROR", agent=agent)
                raise
            except Exception:
                outcome = "error"
                raise
            finally:
                AGENT_SECONDS.labels(agent=agent).observe(time.perf_counter() - start)
                AGENT_RUNS.labels(agent=agent, outcome=outcome).inc()

        return wrapper  # type: ignore[return-value]

    return decorate


def track_llm_metrics(func: F) -> F:
    """Record latency, outcome and token counts of an LLM call returning an ``LLMResponse``-like object.

    The model label is the result's ``model`` (or ``self.model`` / ``"unknown"`` on failure).
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        fallback_model = str(getattr(args[0], "model", "unknown")) if args else "unknown"
        try:
            result = func(*args, **kwargs)
        except Exception as exc:
            outcome = "timeout" if isinstance(exc, TimeoutError) else "error"
            LLM_CALLS.labels(model=fallback_model, outcome=outcome).inc()
            LLM_SECONDS.labels(model=fallback_model).observe(time.perf_counter() - start)
            raise
        model = str(getattr(result, "model", "") or fallback_model)
        LLM_SECONDS.labels(model=model).observe(time.perf_counter() - start)
        LLM_CALLS.labels(model=model, outcome="ok").inc()
        for direction in ("input", "output"):
            tokens = getattr(result, f"{direction}_tokens", 0)
            if isinstance(tokens, int) and tokens > 0:
                LLM_TOKENS.labels(model=model, direction=direction).inc(tokens)
        return result

    return wrapper  # type: ignore[return-value]


def track_query_metrics(name: str) -> Callable[[F], F]:
    """Record latency and outcome of a named warehouse query (loader functions)."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with _timed(QUERY_SECONDS.labels(query=name), QUERIES, query=name):
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def record_cache(cache: str, hit: bool) -> None:
    """Count one cache lookup (the hit ratio is derived in PromQL)."""
    CACHE_LOOKUPS.labels(cache=cache, result="hit" if hit else "miss").inc()


def record_llm_budget(tenant: str, used_ratio: float) -> None:
    """Publish the share of a tenant's LLM budget used (the 80% alert reads this)."""
    LLM_BUDGET_USED_RATIO.labels(tenant=tenant).set(max(0.0, used_ratio))
    if used_ratio >= 0.8:
        log_event(_log, LOG_LLM_BUDGET, severity="WARNING", budget_tenant=tenant, used_ratio=round(used_ratio, 4))


SYNC_RUNS = Counter(
    "ecomintel_sync_runs_total", "Scheduled source syncs by source and outcome.", ["source", "status"],
    registry=REGISTRY,
)
SYNC_FAILURE_ALERTS = Counter(
    "ecomintel_sync_failure_alerts_total", "Sources that failed 3 or more times in a row.", ["source"],
    registry=REGISTRY,
)
