from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from shared.adapters.local.documents import SqliteDocumentStore
from shared.security.rate_limit import Limit, consume, take_token


@given(per_minute=st.integers(1, 6000), burst=st.integers(1, 200),
       gaps=st.lists(st.floats(0, 30, allow_nan=False), min_size=1, max_size=200))
def test_never_more_than_burst_plus_refill(per_minute: int, burst: int, gaps: list[float]) -> None:
    state: dict[str, Any] = {}
    limit, now, allowed = Limit(per_minute, burst), 1000.0, 0
    for gap in gaps:
        now += gap
        decision = take_token(state, limit, now)
        allowed += decision.allowed
        if not decision.allowed:
            assert decision.retry_after >= 1
            assert decision.retry_after <= 60 / per_minute + 1
    assert allowed <= burst + (now - 1000.0) * limit.per_second + 1e-6


def test_refill_after_retry_after() -> None:
    limit, state = Limit(60, 2), dict[str, Any]()
    assert [take_token(state, limit, 0).allowed for _ in range(3)] == [True, True, False]
    retry = take_token(state, limit, 0).retry_after
    assert retry == 1
    assert take_token(state, limit, retry).allowed


def test_bucket_is_shared_across_instances(tmp_path: Path) -> None:
    """Two store instances on one database (two function instances) drain one bucket."""
    a, b = SqliteDocumentStore(tmp_path / "d.sqlite"), SqliteDocumentStore(tmp_path / "d.sqlite")
    limit = Limit(1, 4)
    results = [consume(store, "tenant", "t1", limit, now=100.0).allowed for store in (a, b, a, b, a, b)]
    assert results == [True] * 4 + [False] * 2
    assert consume(a, "tenant", "t2", limit, now=100.0).allowed
    assert all(d["_id"].startswith("tenant-") and "t1" not in d["_id"] for d in a.query("rate_limits"))
