"""Cache keys and freshness, data versions, token budget, preferences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.config import Settings
from shared.deps import get_deps
from shared.observability.metrics import REGISTRY
from shared.orchestration import budget, cache
from shared.orchestration.context import Preferences, get_preferences, set_preferences
from shared.orchestration.report import Report
from shared.orchestration.router import route
from shared.orchestration.versions import DataUpdated, bump_version, data_version
from shared.ports import LLMResponse


def test_normalise_question() -> None:
    assert cache.normalise_question("  Which  products are OVERPRICED?! ") == "which products are overpriced"
    assert cache.normalise_question("cut SKU-12 by 7.5%.") == "cut sku-12 by 7.5%"
    assert cache.cache_key("a", "Q?", 1) == cache.cache_key("a", "q", 1) != cache.cache_key("a", "q", 2)
    assert cache.cache_key("a", "q", 1) != cache.cache_key("b", "q", 1)


def test_freshness_uses_the_most_perishable_kind() -> None:
    s = Settings()
    assert cache.freshness_seconds(["sentiment"], s) == 24 * 3600
    assert cache.freshness_seconds(["forecast"], s) == 12 * 3600
    assert cache.freshness_seconds(["sentiment", "pricing"], s) == 3600


def test_cache_expiry_and_hit_ratio_metric() -> None:
    docs = get_deps().documents
    report = Report(question="q", plan=route("q"), executive_summary="s")
    cache.store(docs, "t", "k", report, 3600, now=1000.0)
    assert cache.lookup(docs, "t", "k", now=1000.0 + 3599) is not None
    assert cache.lookup(docs, "t", "k", now=1000.0 + 3600) is None
    assert cache.lookup(docs, "other", "k", now=1000.0) is None
    ratio = REGISTRY.get_sample_value("ecomintel_query_cache_hit_ratio")
    assert ratio is not None and 0 < ratio < 1
    assert (REGISTRY.get_sample_value("ecomintel_query_cache_total", {"outcome": "hit"}) or 0) >= 1


def test_data_version_bumps_once_per_ingestion() -> None:
    docs = get_deps().documents
    ev = DataUpdated(tenant_id="t", kind="reviews", ingestion_id="i1", rows=3)
    assert bump_version(docs, ev) == 1 and bump_version(docs, ev) == 1
    assert bump_version(docs, ev.model_copy(update={"ingestion_id": "i2"})) == 2
    assert data_version(docs, "t") == 2 and data_version(docs, "u") == 0


@pytest.mark.parametrize(("used", "state"), [(0, "ok"), (799, "ok"), (800, "warning"), (1000, "exceeded")])
def test_budget_states(used: int, state: str) -> None:
    docs = get_deps().documents
    now = datetime(2026, 3, 5, tzinfo=UTC)
    if used:
        budget.record_usage(docs, "t", LLMResponse(text="", input_tokens=used - 1, output_tokens=1), now=now)
    status = budget.budget_status(docs, "t", 1000, 0.8, now=now)
    assert (status.used, status.state, status.period) == (used, state, "2026-03")
    assert budget.budget_status(docs, "t", 1000, 0.8, now=datetime(2026, 4, 1, tzinfo=UTC)).used == 0


def test_preferences_round_trip() -> None:
    docs = get_deps().documents
    assert get_preferences(docs, "t", "u") == Preferences()
    set_preferences(docs, "t", "u", Preferences(kpis=["margin"], goals=["grow"]))
    assert get_preferences(docs, "t", "u").kpis == ["margin"]
    assert get_preferences(docs, "t", "v") == Preferences()


@given(st.text(max_size=200))
def test_normalise_is_idempotent(text: str) -> None:
    once = cache.normalise_question(text)
    assert cache.normalise_question(once) == once


def test_a_new_deploy_does_not_serve_answers_cached_by_the_old_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("K_REVISION", "query-00007-abc")
    before = cache.cache_key("a", "q", 1)
    assert cache.cache_key("a", "q", 1) == before
    monkeypatch.setenv("K_REVISION", "query-00008-def")
    assert cache.cache_key("a", "q", 1) != before
