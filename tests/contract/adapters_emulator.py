"""Factories for the official-client adapters against the emulators, started once per test process.

Each engine starts on first use (Pub/Sub and Firestore from google-cloud-cli, fake-gcs-server, bqemulator)
and stops at exit. Tests are isolated by a fresh project id (Pub/Sub, Firestore), a fresh dataset
(BigQuery) or an emptied bucket (Cloud Storage). An engine that is not installed is skipped with the
reason ``local_emulator.engines.detect()`` gives.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from local_emulator import engines

_ENGINE_OF_PORT = {"documents": "firestore", "bus": "pubsub", "blobs": "storage", "warehouse": "bigquery"}
_started: dict[str, engines.Process] = {}
_lock = threading.Lock()
_log_dir = Path(tempfile.mkdtemp(prefix="ecomintel-contract-emulators-"))
PROJECT = "ecomintel-contract"


def available(port: str) -> tuple[bool, str]:
    reason = engines.detect()[_ENGINE_OF_PORT[port]]
    return (reason is None), (reason or "")


def _stop_all() -> None:
    for proc in _started.values():
        proc.stop()


atexit.register(_stop_all)


def engine(name: str) -> engines.Process:
    """The running engine ``name``, started on first use."""
    with _lock:
        proc = _started.get(name)
        if proc is None or not proc.alive():
            start = {"pubsub": engines.start_pubsub, "firestore": engines.start_firestore,
                     "storage": engines.start_storage}.get(name)
            proc = start(_log_dir) if start else engines.start_bigquery(_log_dir, project=PROJECT)
            _started[name] = proc
        return proc


@contextlib.contextmanager
def _env(name: str) -> Iterator[dict[str, str]]:
    env = engines.emulator_env({name: engine(name)})
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield env
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextlib.contextmanager
def make_documents(tmp_path: Path) -> Iterator[Any]:
    from shared.adapters.gcp.clients import firestore_client
    from shared.adapters.gcp.documents import FirestoreDocumentStore

    with _env("firestore"):
        yield FirestoreDocumentStore(firestore_client(f"p-{uuid.uuid4().hex[:12]}"))


@contextlib.contextmanager
def make_blobs(tmp_path: Path) -> Iterator[Any]:
    from google.api_core import exceptions as gexc

    from shared.adapters.gcp.blobs import GcsBlobStore
    from shared.adapters.gcp.clients import storage_client

    with _env("storage"):
        client = storage_client(PROJECT)
        try:
            client.create_bucket("bkt")
        except gexc.Conflict:
            for blob in client.list_blobs("bkt"):
                blob.delete()
        yield GcsBlobStore(client)


class _BusWithConsumer:
    """The Pub/Sub adapter plus pull subscriptions, exposing publish/receive for the contract."""

    def __init__(self, project: str) -> None:
        from shared.adapters.gcp.bus import PubSubMessageBus
        from shared.adapters.gcp.clients import publisher_client, subscriber_client

        self.project = project
        self.bus = PubSubMessageBus(publisher_client(), project)
        self.subscriber = subscriber_client()
        self._topics: set[str] = set()

    def _topic(self, topic: str) -> str:
        path = self.bus.topic_path(f"topic-{topic}")  # Pub/Sub names need at least 3 characters
        if topic not in self._topics:
            self.bus.publisher.create_topic(name=path)
            self._topics.add(topic)
        return path

    def _sub_path(self, name: str) -> str:
        return str(self.subscriber.subscription_path(self.project, f"sub-{name}"))

    def subscribe(self, topic: str, name: str) -> None:
        self.subscriber.create_subscription(request={"name": self._sub_path(name), "topic": self._topic(topic)})

    def publish(self, topic: str, data: bytes, attributes: dict[str, str] | None = None) -> str:
        self._topic(topic)
        return self.bus.publish(f"topic-{topic}", data, attributes)

    def receive(self, subscription: str, max_messages: int = 10) -> list[tuple[bytes, dict[str, str], str]]:
        path = self._sub_path(subscription)
        resp = self.subscriber.pull(request={"subscription": path, "max_messages": max_messages,
                                             "return_immediately": True})
        if resp.received_messages:
            self.subscriber.acknowledge(request={"subscription": path,
                                                 "ack_ids": [m.ack_id for m in resp.received_messages]})
        return [(m.message.data, dict(m.message.attributes), m.message.message_id) for m in resp.received_messages]


@contextlib.contextmanager
def make_bus(tmp_path: Path) -> Iterator[_BusWithConsumer]:
    with _env("pubsub"):
        yield _BusWithConsumer(f"p-{uuid.uuid4().hex[:12]}")


@contextlib.contextmanager
def make_warehouse(tmp_path: Path) -> Iterator[Any]:
    from shared.adapters.gcp.clients import bigquery_client
    from shared.adapters.gcp.warehouse import BigQueryWarehouse

    with _env("bigquery"):
        client = bigquery_client(PROJECT)
        wh = BigQueryWarehouse(client, f"contract_{uuid.uuid4().hex[:12]}")
        wh.ensure_tables()
        try:
            yield wh
        finally:
            client.delete_dataset(wh._dataset_ref, delete_contents=True, not_found_ok=True)
