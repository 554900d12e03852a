from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from shared.datasets.usage import ingestion_usage, question_usage

NOW = datetime(2026, 12, 5, 12, tzinfo=UTC)
SINCE = NOW - timedelta(days=30)


def test_ingestions_are_counted_per_day_with_failures_and_the_latest_error() -> None:
    docs: list[dict[str, Any]] = [
        {"status": "processed", "finished_at": "2026-12-04T10:00:00Z", "rows_read": 10, "accepted": 8, "rejected": 2},
        {"status": "failed", "finished_at": "2026-12-04T11:00:00Z", "error": "not a CSV"},
        {"status": "failed", "finished_at": "2026-12-01T09:00:00Z", "error": "older"},
        {"status": "processed", "finished_at": "2026-10-01T09:00:00Z", "rows_read": 99},  # before the window
        {"status": "staging", "started_at": "2026-12-05T11:59:00+00:00", "rows_read": 5},
    ]
    usage = ingestion_usage(docs, SINCE)
    assert (usage.files, usage.failed, usage.rows_read, usage.accepted, usage.rejected) == (4, 2, 15, 8, 2)
    assert [(d.date.isoformat(), d.files, d.failed) for d in usage.by_day] == [
        ("2026-12-01", 1, 1), ("2026-12-04", 2, 1), ("2026-12-05", 1, 0)]
    assert usage.last_failure == "not a CSV"


def test_deep_jobs_latency_and_agent_outcomes() -> None:
    t0 = NOW.timestamp() - 3600
    jobs = [
        {"created_at": t0, "completed_at": t0 + 4, "report": {"agents": {"pricing": "ok", "forecast": "timed_out"}}},
        {"created_at": t0, "completed_at": t0 + 10, "report": {"agents": {"pricing": "ok"}}},
        {"created_at": t0, "status": "running"},
        {"created_at": (NOW - timedelta(days=40)).timestamp(), "completed_at": 0, "report": {"agents": {"x": "ok"}}},
    ]
    usage = question_usage(jobs, SINCE)
    assert (usage.deep_jobs, usage.completed) == (3, 2)
    assert usage.latency_p50_s == 7.0 and usage.latency_p95_s is not None and 9 < usage.latency_p95_s <= 10
    assert usage.agent_outcomes == {"forecast": {"timed_out": 1}, "pricing": {"ok": 2}}


def test_nothing_yet() -> None:
    assert ingestion_usage([], SINCE).files == 0
    q = question_usage([], SINCE)
    assert (q.deep_jobs, q.latency_p50_s) == (0, None)


def test_rule_names_literal_matches_the_engine() -> None:
    from typing import get_args

    from shared.alerts.rules import RULE_NAMES
    from shared.alerts.rules_api import RuleName

    assert get_args(RuleName) == RULE_NAMES
