from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from pydantic import BaseModel

from shared.errors import NotFound
from shared.event_handler import pubsub_handler
from shared.events import PubSubMessage
from shared.observability.metrics import (
    REGISTRY,
    record_cache,
    track_agent_metrics,
    track_llm_metrics,
    track_query_metrics,
)


def _value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _pubsub_event(payload: bytes, published: str | None = None) -> SimpleNamespace:
    import base64

    message: dict[str, object] = {"data": base64.b64encode(payload).decode(), "messageId": "m-1"}
    if published:
        message["publishTime"] = published
    return SimpleNamespace(data={"message": message}, id="ev-1")


class _Payload(BaseModel):
    tenant_id: str


def test_event_kernel_counts_outcomes_and_lag() -> None:
    published = (datetime.now(UTC) - timedelta(seconds=30)).isoformat().replace("+00:00", "Z")

    @pubsub_handler("unit-fn", _Payload, context=lambda p: {"tenant": p.tenant_id})
    def handle(message: PubSubMessage, payload: _Payload) -> str:
        return "done"

    before = _value("ecomintel_event_lag_seconds_sum", function="unit-fn")
    done = _value("ecomintel_events_total", function="unit-fn", outcome="done")
    handle(_pubsub_event(b'{"tenant_id": "t1"}', published))
    lag = _value("ecomintel_event_lag_seconds_sum", function="unit-fn") - before
    assert 29 <= lag <= 120
    assert _value("ecomintel_events_total", function="unit-fn", outcome="done") == done + 1


def test_event_kernel_acks_malformed_and_permanent_and_reraises_the_rest() -> None:
    calls: list[str] = []

    @pubsub_handler("unit_kernel", _Payload)
    def handle(message: PubSubMessage, payload: _Payload) -> None:
        calls.append(payload.tenant_id)
        if payload.tenant_id == "gone":
            raise NotFound("no such job")
        if payload.tenant_id == "flaky":
            raise RuntimeError("try again")

    def count(outcome: str) -> float:
        return _value("ecomintel_events_total", function="unit_kernel", outcome=outcome)

    before = {o: count(o) for o in ("malformed", "permanent_error", "retry", "ok")}
    handle(_pubsub_event(b"not json"))  # acknowledged: a redelivery would fail the same way
    handle(_pubsub_event(b'{"tenant": "missing field"}'))
    handle(_pubsub_event(b'{"tenant_id": "gone"}'))
    with pytest.raises(RuntimeError):
        handle(_pubsub_event(b'{"tenant_id": "flaky"}'))
    handle(_pubsub_event(b'{"tenant_id": "fine"}'))
    assert calls == ["gone", "flaky", "fine"]
    assert count("malformed") == before["malformed"] + 2
    assert count("permanent_error") == before["permanent_error"] + 1
    assert count("retry") == before["retry"] + 1 and count("ok") == before["ok"] + 1


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
