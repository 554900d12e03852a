"""data_updated builds the question vocabulary at the version it bumps: the first question after an upload reads it."""

from __future__ import annotations

import json

import pytest

from shared.orchestration.report import QueryResponse
from shared.orchestration.versions import data_version
from shared.store import vocabulary
from shared.store.documents.caches import meta_collection
from tests.e2e.orchestration.conftest import TENANT, Client


def test_the_first_question_after_data_updated_reads_the_warmed_vocabulary(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = {"tenant_id": TENANT, "kind": "competitor_prices", "ingestion_id": "ing-1", "rows": 12}
    client.deps.bus.publish("data-updated", json.dumps(payload).encode())
    assert client.runtime.drain() >= 1
    version = data_version(client.deps.documents, TENANT)
    stored = client.deps.documents.get(meta_collection(TENANT), "vocabulary")
    assert version == 1 and stored is not None and stored["version"] == version
    # the question runs in another instance (nothing in memory) and must not read the warehouse for its vocabulary
    with vocabulary._LOCK:
        vocabulary._MEMORY.clear()

    def refuse(*_: object, **__: object) -> vocabulary.Vocabulary:
        raise AssertionError("the question built the vocabulary data_updated should have stored")

    monkeypatch.setattr(vocabulary, "read_vocabulary", refuse)
    res = client.query("Which of my products are overpriced?")
    assert res.status == 200, res.body
    report = QueryResponse.model_validate(res.json()).report
    assert report is not None and report.data_version == version and report.agents == {"pricing": "ok"}
