"""The composition root: the one place that chooses adapters for the configured backend.

Functions call ``get_deps()``; it builds the adapters lazily on first use and caches them for the life
of the instance (a cold start pays once). Tests call ``reset_deps()`` (the autouse fixture does).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shared.config import Settings, get_settings
from shared.manifest import Manifest, load_manifest
from shared.ports import (
    BlobInfo,
    BlobStore,
    DocumentStore,
    KeySource,
    LanguageModel,
    MessageBus,
    PulledBus,
    ResumableUploads,
    SignedPuts,
    Warehouse,
)

if TYPE_CHECKING:
    import duckdb


@dataclass(frozen=True)
class Deferred:
    """A port built on first use (``Deps.warehouse``): its client library is heavy and not every function uses it."""

    build: Callable[[], Warehouse]


@dataclass
class Deps:
    """Everything a core may need, already wired to one backend."""

    settings: Settings
    manifest: Manifest
    documents: DocumentStore
    _warehouse: Warehouse | Deferred = field(repr=False)
    blobs: BlobStore
    bus: MessageBus
    #: Where access-token keys come from.
    keys: KeySource
    #: The bus's pull side when this process delivers messages itself (embedded); ``None`` where the platform
    #: pushes them. Functions run in this process exactly when it is set (``shared.runtime.runtime_for``).
    pulled_bus: PulledBus | None = None
    #: The blob store that checks signed-URL PUTs arriving at this API (embedded); ``None`` where the storage
    #: service takes them itself.
    signed_puts: SignedPuts | None = None
    #: The blob store that signs resumable-upload sessions, where there is one (GCS).
    resumable_uploads: ResumableUploads | None = None
    #: Whether the forecast warm-up runs when its bands are not configured (``warms_forecasts_by_default``).
    warm_forecasts_by_default: bool = False
    _llm: LanguageModel | None = field(default=None, repr=False)
    _llm_built: bool = field(default=False, repr=False)
    _build_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def warehouse(self) -> Warehouse:
        """The warehouse; a ``Deferred`` one is built once, on first use, under a lock (requests are threaded).

        On Google Cloud this keeps ``google.cloud.bigquery`` (which loads pandas, pyarrow and numpy, about
        80 MiB) out of functions that never query, such as ``auth`` and ``deliver``.
        """
        if isinstance(self._warehouse, Deferred):
            with self._build_lock:
                if isinstance(self._warehouse, Deferred):
                    self._warehouse = self._warehouse.build()
        return self._warehouse

    @property
    def llm(self) -> LanguageModel | None:
        """The configured language model, or ``None`` when no key is set (deterministic paths only)."""
        if not self._llm_built:
            self._llm = build_llm(self.settings)
            self._llm_built = True
        return self._llm


def build_llm(settings: Settings) -> LanguageModel | None:
    """A Gemini adapter when a key is configured, else ``None``."""
    if settings.gemini_api_key is None:
        return None
    from shared.adapters.gemini import GeminiModel

    return GeminiModel(settings, retry_attempts=settings.llm_retry_attempts)


def key_source(settings: Settings) -> KeySource:
    """The token key source: the configured key; the embedded backend falls back to a per-home key file."""
    from shared.security.key_files import ConfiguredKey, HomeKey

    secret = settings.jwt_signing_key.get_secret_value() if settings.jwt_signing_key is not None else None
    if settings.backend == "local":
        home = (settings.home, "" if settings.home.is_absolute() else str(Path.cwd()))
        state = _STATE_DIRS.get(home)
        if state is None:  # resolving the home walks the file system: once per home, not per request
            state = _STATE_DIRS[home] = settings.state_dir
        return HomeKey(state / "jwt.key", secret)
    return ConfiguredKey(secret)


_STATE_DIRS: dict[tuple[Path, str], Path] = {}


def served_api(settings: Settings) -> str | None:
    """The URL of an ``ecomintel serve`` (another process) that holds this embedded home, else ``None``.

    CLI commands that write hand their work to it instead of waiting for its lock; the cloud backends have
    no such server.
    """
    if settings.backend != "local":
        return None
    from shared.adapters.local.writer import current_writer

    writer = current_writer(settings.state_dir)
    if writer is not None and writer.api_url and writer.pid != os.getpid():
        return str(writer.api_url)
    return None


def announce_served_api(settings: Settings, url: str) -> None:
    """Record where this process serves the API, for :func:`served_api` (embedded home only)."""
    if settings.backend == "local":
        from shared.adapters.local.writer import announce_api

        announce_api(settings.state_dir, url)


def _local_signing_key(settings: Settings) -> bytes:
    """Key for local signed URLs: the configured JWT key, or a per-home random key kept on disk."""
    if settings.jwt_signing_key is not None:
        return hashlib.sha256(b"signed-url:" + settings.jwt_signing_key.get_secret_value().encode()).digest()
    from shared.security.key_files import local_key

    return local_key(settings.state_dir / "signing.key")


def _private_home(home: Path) -> None:
    """Make the embedded home private to its owner: it holds password hashes, key hashes and webhook secrets.

    The directory is 0700 (nobody else can enter it); files already in it are made 0600.
    """
    home.mkdir(parents=True, exist_ok=True)
    home.chmod(0o700)
    for path in home.iterdir():
        if path.is_file():
            path.chmod(0o600)


def _build_local(settings: Settings, manifest: Manifest) -> Deps:
    from shared.adapters.local.writer import acquire_writer

    home = settings.state_dir
    _private_home(home)
    # one writer per home: wait in line for another process that has it open (released with the warehouse)
    lease = acquire_writer(home, wait_seconds=settings.home_wait_seconds)
    try:
        return _open_local(settings, manifest, home, on_close=lease.release)
    except BaseException:
        lease.release()
        raise


def _open_local(settings: Settings, manifest: Manifest, home: Path, *, on_close: Callable[[], None]) -> Deps:
    from shared.adapters.local.home import WarehouseOpener, verify_home
    from shared.adapters.local.warehouse import warehouse_config

    # the warehouse's connection is the one the home's check opened: DuckDB's file is opened once
    opener = WarehouseOpener(home / "warehouse.duckdb", warehouse_config(settings.warehouse_memory_limit))
    verify_home(home, opener)
    try:
        return _local_deps(settings, manifest, home, opener(), on_close=on_close)
    except BaseException:
        opener.close()
        raise


def _local_deps(settings: Settings, manifest: Manifest, home: Path, warehouse_connection: duckdb.DuckDBPyConnection,
                *, on_close: Callable[[], None]) -> Deps:
    from shared.adapters.local.blobs import DirectoryBlobStore
    from shared.adapters.local.bus import SqliteMessageBus
    from shared.adapters.local.documents import SqliteDocumentStore
    from shared.adapters.local.warehouse import DuckDBWarehouse
    from shared.events import gcs_notification

    bus = SqliteMessageBus(home / "bus.sqlite")
    for topic, spec in manifest.topics.items():
        for fn in manifest.subscribers(topic):
            bus.ensure_subscription(
                manifest.subscription_name(fn.name, topic),
                topic,
                dead_letter_topic=manifest.dead_letter_topic(topic) if spec.dead_letter else None,
                max_attempts=settings.max_delivery_attempts,
            )
    notify_topics = {
        settings.bucket_name(name): b.notification_topic for name, b in manifest.buckets.items() if b.notification_topic
    }

    def on_finalize(info: BlobInfo) -> None:
        topic = notify_topics.get(info.bucket)
        if topic:
            data, attrs = gcs_notification(info)
            bus.publish(topic, data, attrs)

    blobs = DirectoryBlobStore(
        home / "blobs", signing_key=_local_signing_key(settings), base_url=settings.public_base_url,
        on_finalize=on_finalize,
    )
    warehouse = DuckDBWarehouse(home / "warehouse.duckdb", on_close=on_close,
                                memory_limit=settings.warehouse_memory_limit, connection=warehouse_connection)
    warehouse.ensure_tables()
    return Deps(settings, manifest, SqliteDocumentStore(home / "documents.sqlite"), warehouse, blobs, bus,
                keys=key_source(settings), pulled_bus=bus, signed_puts=blobs)


def _build_gcp(settings: Settings, manifest: Manifest) -> Deps:
    """Firestore, BigQuery, Cloud Storage and Pub/Sub on the official clients (GCP, or the emulators).

    Clients are constructed here (no network call yet) and cached with the ``Deps`` for the instance; the
    BigQuery one on first use of ``deps.warehouse``.
    Topics, subscriptions, buckets, datasets and tables are provisioned by Terraform on GCP and by
    ``local_emulator`` on the emulators, not at cold start.
    """
    from shared.adapters.gcp import clients
    from shared.adapters.gcp.blobs import GcsBlobStore
    from shared.adapters.gcp.bus import PubSubMessageBus
    from shared.adapters.gcp.documents import FirestoreDocumentStore

    project = settings.project_id

    def warehouse() -> Warehouse:
        # Imported on first use: google.cloud.bigquery loads pandas and pyarrow (~80 MiB small functions skip).
        from shared.adapters.gcp.warehouse import BigQueryWarehouse

        return BigQueryWarehouse(clients.bigquery_client(project), settings.dataset)

    blobs = GcsBlobStore(clients.storage_client(project))
    return Deps(
        settings,
        manifest,
        FirestoreDocumentStore(clients.firestore_client(project)),
        # No job location: BigQuery runs each job where its dataset lives (Terraform's bigquery_location).
        Deferred(warehouse),
        blobs,
        PubSubMessageBus(clients.publisher_client(), project),
        keys=key_source(settings),
        resumable_uploads=blobs,
        warm_forecasts_by_default=warms_forecasts_by_default(settings),
    )


def warms_forecasts_by_default(settings: Settings) -> bool:
    """Deployed (``gcp``) only.

    The embedded and emulator backends settle each message inside the command that sent it, so an unasked warm-up
    would add about a minute of fitting to every ``ecomintel ingest`` of sales.
    """
    return settings.backend == "gcp"


def build_deps(settings: Settings) -> Deps:
    """Wire the adapters for ``settings.backend``."""
    manifest = load_manifest()
    if settings.backend == "local":
        return _build_local(settings, manifest)
    return _build_gcp(settings, manifest)


_lock = threading.Lock()
_deps: Deps | None = None


def get_deps() -> Deps:
    """This instance's dependencies, built on first use."""
    global _deps
    if _deps is None:
        with _lock:
            if _deps is None:
                _deps = build_deps(get_settings())
    return _deps


def reset_deps() -> None:
    """Forget cached dependencies and settings (tests, or after changing the environment)."""
    global _deps
    with _lock:
        if _deps is not None:
            close = getattr(_deps.warehouse, "close", None)
            if callable(close):
                close()
        _deps = None
    get_settings.cache_clear()


def override_deps(deps: Any) -> None:
    """Install prebuilt dependencies (tests that wire fakes or a shared embedded home)."""
    global _deps
    with _lock:
        _deps = deps
