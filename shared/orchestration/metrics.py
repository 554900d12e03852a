"""Orchestration metrics on the shared registry (cache metrics live in ``cache.py``)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

from shared.observability.metrics import REGISTRY

QUERY_SECONDS = Histogram("ecomintel_query_seconds", "Time to answer POST /v1/query.", ["mode", "cached"],
                          registry=REGISTRY, buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60))
AGENT_RUNS = Counter("ecomintel_agent_runs_total", "Agent runs by agent and outcome.", ["agent", "outcome"],
                     registry=REGISTRY)
PLANS = Counter("ecomintel_plans_total", "Plans by planner (llm or router).", ["planner"], registry=REGISTRY)
LLM_TOKENS = Counter("ecomintel_llm_tokens_total", "LLM tokens spent, by direction.", ["direction"],
                     registry=REGISTRY)
WARMUP_SERIES = Counter("ecomintel_forecast_warmup_series_total",
                        "Series the forecast warm-up fitted anew or found fitted for the same data.", ["source"],
                        registry=REGISTRY)
WARMUP_SECONDS = Histogram("ecomintel_forecast_warmup_seconds", "Time one forecast warm-up took (every band).",
                           registry=REGISTRY, buckets=(1, 5, 10, 30, 60, 120, 300, 540))
