"""Review texts are read once: processing keeps each new review's reading, questions read only what is missing.

A catalogue-wide question on a 20,000-review tenant spent ~60% of its time reading every review again (#18). The
answer with kept readings must be the answer without them, field by field.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from shared.deps import get_deps
from shared.ingest.client import ingest_path
from shared.models.agents import AgentRequest
from shared.sample.merchant import generate_merchant, write_merchant
from shared.sentiment import agent, kept_readings, method_plan, readings
from shared.store import review_scores


def _comparable(result: Any) -> dict[str, Any]:
    return dict(result.model_dump(mode="json", exclude={"elapsed_ms", "generated_at"}))


def _count(tenant: str) -> int:
    return int(
        get_deps()
        .warehouse.query("SELECT COUNT(*) AS n FROM review_scores WHERE tenant_id = @t", {"t": tenant})["n"]
        .iloc[0]
    )


def test_processing_keeps_readings_and_a_question_reads_none_again(
    tmp_path: Path, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    merchant = generate_merchant(seed=5, n_skus=12, end=date(2026, 10, 31), days=200)
    for sample in write_merchant(merchant, tmp_path / "sample"):
        if sample.kind.value in ("products", "reviews"):
            ingest_path(get_deps(), sample.path, "acme", sample.kind.value)
    stored = get_deps().warehouse.query("SELECT title, text FROM reviews WHERE tenant_id = @t", {"t": "acme"})
    texts = readings.review_texts(stored)
    kept = _count("acme")
    assert kept == len(set(texts)) > 100 and _count("other") == 0  # each distinct text once

    read: list[int] = []
    real = kept_readings.read_texts

    def counted(batch: list[str]) -> list[readings.ReviewReading]:
        read.append(len(batch))
        return real(batch)

    monkeypatch.setattr(kept_readings, "read_texts", counted)
    request = AgentRequest(tenant_id="acme", options={"asks": ["complaints"], "method": "fast", "deadline_s": 110})
    with_kept = agent.run(get_deps(), request)
    assert read == []  # every text's reading came from the store

    # a changed scorer: nothing kept is used, every text is read again, kept once more, and the answer is the same
    monkeypatch.setattr(kept_readings, "scorer_version", lambda: "a-changed-scorer")
    fresh = agent.run(get_deps(), request)
    assert read == [kept] and _comparable(fresh) == _comparable(with_kept)
    assert _count("acme") == 2 * kept  # the new version's rows beside the old ones, each once
    agent.run(get_deps(), request)
    assert read == [kept] and _count("acme") == 2 * kept
    assert review_scores.kept_readings(
        get_deps().warehouse, "other", "a-changed-scorer", [readings.text_key(t) for t in texts]
    ).empty


def test_a_repeated_accurate_question_embeds_no_text_again(
    tmp_path: Path, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    merchant = generate_merchant(seed=6, n_skus=6, end=date(2026, 10, 31), days=120)
    for sample in write_merchant(merchant, tmp_path / "sample"):
        if sample.kind.value in ("products", "reviews"):
            ingest_path(get_deps(), sample.path, "acme", sample.kind.value)
    embedded: list[int] = []

    def encoder(texts: list[str]) -> Any:  # a deterministic stand-in for the sentence encoder, counting its texts
        embedded.append(len(texts))
        return np.array([(len(t) % 7) / 3.0 - 1.0 for t in texts])

    monkeypatch.setattr(agent, "accurate_text_scores", encoder)
    monkeypatch.setattr(method_plan._EncoderState, "warm", True)  # no cold start budgeted; restored after the test
    request = AgentRequest(tenant_id="acme", options={"asks": ["complaints"], "method": "auto", "deadline_s": 20})
    first = agent.run(get_deps(), request)
    assert first.data["method"]["accurate_reviews"] > 0 and len(embedded) == 1
    kept = (
        get_deps()
        .warehouse.query("SELECT COUNT(*) AS n FROM review_accurate_scores WHERE tenant_id = @t", {"t": "acme"})["n"]
        .iloc[0]
    )
    assert 0 < kept <= embedded[0]
    again = agent.run(get_deps(), request)
    assert len(embedded) == 1 and _comparable(again) == _comparable(first)  # scores from the store, same answer
    monkeypatch.setattr(kept_readings, "accurate_version", lambda: "accurate-a-changed-model")
    agent.run(get_deps(), request)
    assert embedded[1:] == [embedded[0]]  # a changed model embeds every text once more
