from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from shared.observability.metrics import (
    REGISTRY,
    record_cache,
    track_agent_metrics,
    track_event_metrics,
    track_llm_metrics,
    track_query_metrics,
)


def _value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_event_lag_from_publish_time() -> None:
    published = (datetime.now(UTC) - timedelta(seconds=30)).isoformat().replace("+00:00", "Z")
    event = SimpleNamespace(data={"message": {"publishTime": published}})

    @track_event_metrics("unit-fn")
    def handle(ev: object) -> str:
        return "done"

    before = _value("ecomintel_event_lag_seconds_sum", function="unit-fn")
    assert handle(event) == "done"
    lag = _value("ecomintel_event_lag_seconds_sum", function="unit-fn") - before
    assert 29 <= lag <= 120
    assert _value("ecomintel_events_total", function="unit-fn", outcome="ok") >= 1


def test_event_errors_counted_and_reraised() -> None:
    @track_event_metrics
    def unit_failing(ev: object) -> None:
        raise RuntimeError("boom")

    before = _value("ecomintel_events_total", function="unit_failing", outcome="error")
    with pytest.raises(RuntimeError):
        unit_failing({"time": datetime.now(UTC).isoformat()})
    assert _value("ecomintel_events_total", function="unit_failing", outcome="error") == before + 1


@dataclass
class _Resp:
    model: str = "gemini-x"
    input_tokens: int = 120
    output_tokens: int = 30


def test_llm_tokens_and_calls() -> None:
    before = _value("ecomintel_llm_model_tokens_total", model="gemini-x", direction="input")
    assert track_llm_metrics(lambda: _Resp())().input_tokens == 120
    assert _value("ecomintel_llm_model_tokens_total", model="gemini-x", direction="input") == before + 120
    assert _value("ecomintel_llm_calls_total", model="gemini-x", outcome="ok") >= 1


def test_agent_timeout_outcome() -> None:
    @track_agent_metrics("unit-agent")
    def run() -> None:
        raise TimeoutError

    with pytest.raises(TimeoutError):
        run()
    assert _value("ecomintel_agent_results_total", agent="unit-agent", outcome="timeout") >= 1


def test_query_and_cache() -> None:
    assert track_query_metrics("unit-q")(lambda x: x * 2)(3) == 6
    assert _value("ecomintel_warehouse_queries_total", query="unit-q", outcome="ok") >= 1
    record_cache("unit-cache", True)
    record_cache("unit-cache", False)
    assert _value("ecomintel_cache_lookups_total", cache="unit-cache", result="hit") >= 1
