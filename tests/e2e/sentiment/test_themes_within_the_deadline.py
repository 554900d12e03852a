"""The sentiment agent gives a question's themes an end within its deadline (``AnalysisOptions.themes_by``).

Its deadline bounded the polarity scoring only: under load the themes (half of an overview answer's time) ran past
it and an overview question timed out at the 8 s budget. A question's themes now end by 65% of the deadline from
the agent's start; a backfill's have no clock.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from shared.deps import get_deps
from shared.ingest.client import ingest_path
from shared.models.agents import AgentRequest
from shared.sample.merchant import generate_merchant, write_merchant
from shared.sentiment import agent
from shared.sentiment.analysis import AnalysisOptions


def _options_of(monkeypatch: pytest.MonkeyPatch, request: AgentRequest) -> tuple[AnalysisOptions, float, float]:
    """The analysis options the agent ran with, and the clock before and after its run."""
    seen: list[AnalysisOptions] = []
    analyse = agent.analyse_reviews

    def spy(frame: Any, **kwargs: Any) -> Any:
        seen.append(kwargs["options"])
        return analyse(frame, **kwargs)

    monkeypatch.setattr(agent, "analyse_reviews", spy)
    before = time.perf_counter()
    agent.run(get_deps(), request)
    return seen[0], before, time.perf_counter()


def test_a_questions_themes_end_within_its_deadline(
    tmp_path: Path, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    merchant = generate_merchant(seed=5, n_skus=12, end=date(2026, 10, 31), days=200)
    for sample in write_merchant(merchant, tmp_path / "sample"):
        if sample.kind.value in ("products", "reviews"):
            ingest_path(get_deps(), sample.path, "acme", sample.kind.value)

    asked = AgentRequest(tenant_id="acme", options={"question": "How are our reviews?", "deadline_s": 8})
    options, before, after = _options_of(monkeypatch, asked)
    assert options.themes_by is not None
    assert before + agent.THEMES_BY_SHARE * 8 <= options.themes_by <= after + agent.THEMES_BY_SHARE * 8
    # the per-product text mining too (#18: 1,200 products took seconds past the budget), after the themes
    assert options.mining_by is not None
    assert before + agent.MINING_BY_SHARE * 8 <= options.mining_by <= after + agent.MINING_BY_SHARE * 8

    backfill = AgentRequest(tenant_id="acme", options={"purpose": "backfill"})
    backfill_options = _options_of(monkeypatch, backfill)[0]
    assert backfill_options.themes_by is None and backfill_options.mining_by is None
