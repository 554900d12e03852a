from __future__ import annotations

import pytest

from shared.adapters.gcp.blobs import GcsBlobStore, check_object_name
from shared.adapters.gcp.bus import PubSubMessageBus
from shared.adapters.gcp.documents import FirestoreDocumentStore
from shared.adapters.gcp.warehouse import BigQueryWarehouse
from shared.deps import get_deps
from shared.errors import Unauthenticated
from shared.ports import BlobStore, DocumentStore, MessageBus, Warehouse


def test_emulator_backend_wires_official_client_adapters(monkeypatch: pytest.MonkeyPatch) -> None:
    # Clients are built without contacting anything, so unreachable endpoints are fine here.
    monkeypatch.setenv("ECOMINTEL_BACKEND", "emulator")
    monkeypatch.setenv("ECOMINTEL_PROJECT_ID", "p-test")
    monkeypatch.setenv("ECOMINTEL_DATASET", "ds_test")
    monkeypatch.setenv("PUBSUB_EMULATOR_HOST", "127.0.0.1:9")
    monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", "127.0.0.1:9")
    monkeypatch.setenv("STORAGE_EMULATOR_HOST", "http://127.0.0.1:9")
    monkeypatch.setenv("BIGQUERY_EMULATOR_HOST", "127.0.0.1:9")
    deps = get_deps()
    assert isinstance(deps.documents, FirestoreDocumentStore) and isinstance(deps.documents, DocumentStore)
    assert isinstance(deps.warehouse, BigQueryWarehouse) and isinstance(deps.warehouse, Warehouse)
    assert isinstance(deps.blobs, GcsBlobStore) and isinstance(deps.blobs, BlobStore)
    assert isinstance(deps.bus, PubSubMessageBus) and isinstance(deps.bus, MessageBus)
    assert deps.warehouse.client.project == "p-test" and deps.warehouse.dataset == "ds_test"
    assert deps.bus.topic_path("raw-object-finalized") == "projects/p-test/topics/raw-object-finalized"
    assert deps.warehouse.client._connection.API_BASE_URL == "http://127.0.0.1:9"
    # capabilities decided here: the platform pushes messages, GCS takes signed PUTs and signs resumable sessions
    assert deps.pulled_bus is None and deps.signed_puts is None and deps.resumable_uploads is deps.blobs
    with pytest.raises(Unauthenticated, match="no JWT signing key configured"):
        deps.keys.token_key()


def test_embedded_backend_pulls_its_bus_and_checks_its_signed_puts() -> None:
    deps = get_deps()
    assert deps.settings.backend == "local"
    assert deps.pulled_bus is deps.bus and deps.signed_puts is deps.blobs and deps.resumable_uploads is None
    assert len(deps.keys.token_key()) == 32 and deps.keys.token_key() == deps.keys.token_key()


@pytest.mark.parametrize("bad", ["../x", "a/../../b", "/abs", "", "a/./b"])
def test_object_names_are_checked(bad: str) -> None:
    with pytest.raises(ValueError):
        check_object_name(bad)


def test_cli_emulator_status_without_a_stack(capsys: pytest.CaptureFixture[str]) -> None:
    from shared.cli.main import main

    assert main(["emulator", "status"]) == 1
    assert "no stack is up" in capsys.readouterr().err
