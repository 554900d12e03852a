"""Ingestion metrics tell failures from successes, so the consecutive-failure alert can fire."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from shared.observability.metrics import INGEST_CONSECUTIVE_FAILURES, REGISTRY, track_ingest_metrics


def _count(outcome: str, kind: str) -> float:
    return REGISTRY.get_sample_value("ecomintel_ingestions_total", {"kind": kind, "outcome": outcome}) or 0.0


def _gauge() -> float:
    return float(INGEST_CONSECUTIVE_FAILURES._value.get())


def _tracked(result: Any) -> Any:
    return track_ingest_metrics(lambda: result)()


def test_an_ingestion_recorded_as_failed_counts_as_a_failure() -> None:
    _tracked(SimpleNamespace(kind="sales", status="processed", accepted=1))
    failed_before = _count("failed", "sales")
    for _ in range(3):
        _tracked(SimpleNamespace(kind="sales", status="failed", error="missing columns: units"))
    assert _count("failed", "sales") == failed_before + 3
    assert _gauge() >= 3  # the ">= 3 consecutive failures" rule in infra/monitoring/alerts.yaml can fire


def test_ignored_objects_neither_succeed_nor_reset_the_failure_streak() -> None:
    _tracked(SimpleNamespace(kind="reviews", status="failed"))
    streak = _gauge()
    succeeded_before = _count("succeeded", "unknown")
    _tracked(None)
    assert _gauge() == streak and _count("succeeded", "unknown") == succeeded_before
    _tracked(SimpleNamespace(kind="reviews", status="staged", accepted=2))
    assert _gauge() == 0
