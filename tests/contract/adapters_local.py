"""Factories for the embedded adapters (always available: pure Python + DuckDB/SQLite)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from shared.adapters.local.blobs import DirectoryBlobStore
from shared.adapters.local.bus import SqliteMessageBus
from shared.adapters.local.documents import SqliteDocumentStore
from shared.adapters.local.warehouse import DuckDBWarehouse


def available(port: str) -> tuple[bool, str]:
    return True, ""


@contextlib.contextmanager
def make_documents(tmp_path: Path) -> Iterator[SqliteDocumentStore]:
    yield SqliteDocumentStore(tmp_path / "docs.sqlite")


@contextlib.contextmanager
def make_blobs(tmp_path: Path) -> Iterator[DirectoryBlobStore]:
    yield DirectoryBlobStore(tmp_path / "blobs", signing_key=b"k" * 32, base_url="http://127.0.0.1:1")


class _BusWithConsumer:
    """The bus plus a test consumer subscription, exposing publish/receive for the contract."""

    def __init__(self, path: Path) -> None:
        self.bus = SqliteMessageBus(path)

    def subscribe(self, topic: str, name: str) -> None:
        self.bus.ensure_subscription(name, topic, max_attempts=3)

    def publish(self, topic: str, data: bytes, attributes: dict[str, str] | None = None) -> str:
        return self.bus.publish(topic, data, attributes)

    def receive(self, subscription: str, max_messages: int = 10) -> list[tuple[bytes, dict[str, str], str]]:
        msgs = self.bus.pull(subscription, max_messages=max_messages)
        for m in msgs:
            self.bus.ack(subscription, m.ack_id)
        return [(m.data, m.attributes, m.message_id) for m in msgs]


@contextlib.contextmanager
def make_bus(tmp_path: Path) -> Iterator[_BusWithConsumer]:
    yield _BusWithConsumer(tmp_path / "bus.sqlite")


@contextlib.contextmanager
def make_warehouse(tmp_path: Path) -> Iterator[DuckDBWarehouse]:
    wh = DuckDBWarehouse(tmp_path / "wh.duckdb")
    wh.ensure_tables()
    try:
        yield wh
    finally:
        wh.close()
