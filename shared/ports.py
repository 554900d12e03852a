"""Ports: the only ways the cores touch storage, messaging and models.

Each port has an embedded adapter (``shared/adapters/local``) and an official-client adapter
(``shared/adapters/gcp``, used against Google Cloud and against the emulators). Cores receive these
through ``shared.deps.Deps`` and never ask which backend they run on.

Tenancy: document paths and warehouse queries always carry the tenant explicitly; adapters do not
guess it. The cores' warehouse statements are sqlglot expressions built by the store layer
(``shared.store``) and run with ``Warehouse.run``; ``query``/``execute`` take BigQuery-dialect SQL with
``@named`` parameters only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

if TYPE_CHECKING:  # annotations only: a function that never touches the warehouse never loads pandas
    import pandas as pd
    from sqlglot.expressions import Expression

T = TypeVar("T")

FilterOp = Literal["==", "!=", "<", "<=", ">", ">=", "in", "array_contains"]


@dataclass(frozen=True)
class Filter:
    """One equality/range condition on a document field (dotted paths allowed)."""

    field: str
    op: FilterOp
    value: Any


@runtime_checkable
class DocumentStore(Protocol):
    """Operational state, Firestore-shaped: ``collection`` is a slash path like ``tenants/t1/ingestions``."""

    def get(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        """Return the document or ``None``."""
        ...

    def set(self, collection: str, doc_id: str, data: Mapping[str, Any], *, merge: bool = False) -> None:
        """Write a document (replace, or shallow-merge top-level fields with ``merge=True``)."""
        ...

    def create(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> bool:
        """Create the document only if absent; return ``False`` if it existed (idempotency primitive)."""
        ...

    def delete(self, collection: str, doc_id: str) -> None:
        """Delete the document if present."""
        ...

    def query(
        self,
        collection: str,
        filters: Iterable[Filter] = (),
        *,
        order_by: str | None = None,
        descending: bool = False,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Documents of one collection matching every filter; each dict includes ``_id``."""
        ...

    def transact(self, collection: str, doc_id: str, update: Callable[[dict[str, Any]], T]) -> T:
        """Atomically read a document, let ``update`` mutate the dict it is given, write it back.

        ``update`` receives a dict (``{}`` when absent) and may mutate it in place; its return value is
        passed through. Returning without mutating leaves the document unchanged.
        """
        ...


@dataclass(frozen=True)
class BlobInfo:
    """Metadata of a stored object, as GCS reports it."""

    bucket: str
    name: str
    size: int
    generation: str
    content_type: str | None = None
    md5_hash: str | None = None
    crc32c: str | None = None
    updated: datetime | None = None
    metadata: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class BlobStore(Protocol):
    """Raw files. Writing an object emits a GCS-shaped finalize notification where the bucket has one."""

    #: Headers a client must send with a signed upload URL besides ``Content-Type``: the store's "create,
    #: never overwrite" precondition where the URL itself carries one (Cloud Storage), so a URL is used once;
    #: empty where the product enforces that when the upload arrives (the embedded store).
    upload_headers: Mapping[str, str]

    def write(
        self,
        bucket: str,
        name: str,
        data: bytes | IO[bytes],
        *,
        content_type: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> BlobInfo:
        """Store an object (streaming from a file object when given one)."""
        ...

    def open(self, bucket: str, name: str) -> IO[bytes]:
        """Open an object for streaming reads."""
        ...

    def stat(self, bucket: str, name: str) -> BlobInfo | None:
        """Object metadata or ``None`` when absent."""
        ...

    def list(self, bucket: str, prefix: str = "") -> Iterator[BlobInfo]:
        """Objects under ``prefix``."""
        ...

    def delete(self, bucket: str, name: str) -> None:
        """Delete an object if present."""
        ...

    def signed_url(self, bucket: str, name: str, *, method: str = "PUT", expires_seconds: int = 900,
                   content_type: str | None = None) -> str:
        """A time-limited URL a client can PUT (upload) or GET (download) directly."""
        ...


@dataclass(frozen=True)
class Message:
    """A delivered message, Pub/Sub-shaped."""

    message_id: str
    topic: str
    data: bytes
    attributes: dict[str, str]
    publish_time: datetime
    delivery_attempt: int = 1
    ack_id: str = ""


@runtime_checkable
class MessageBus(Protocol):
    """At-least-once publish; delivery to functions is the runtime's job (push subscriptions)."""

    def publish(self, topic: str, data: bytes, attributes: Mapping[str, str] | None = None) -> str:
        """Publish and return the message id."""
        ...


class PulledBus(Protocol):
    """The pull side of a bus whose messages this process delivers itself (the embedded one).

    On Google Cloud and the emulators the platform pushes each message to its function and there is none;
    ``Deps.pulled_bus`` says which, decided by the composition root.
    """

    def pull(self, subscription: str, *, max_messages: int = 10, lease_seconds: float = 60.0) -> list[Message]:
        """Lease up to ``max_messages`` ready messages."""
        ...

    def ack(self, subscription: str, ack_id: str) -> None:
        """Mark a leased message as done."""
        ...

    def nack(self, subscription: str, ack_id: str, *, backoff_seconds: float = 0.0) -> bool:
        """Make a leased message deliverable again, or dead-letter it; ``True`` if dead-lettered."""
        ...


class SignedPuts(Protocol):
    """A blob store whose signed-URL PUTs arrive at this API (the embedded one), so it checks their signatures.

    GCS takes signed PUTs itself; there ``Deps.signed_puts`` is ``None``.
    """

    def verify_signature(self, method: str, bucket: str, name: str, expires: int, content_type: str,
                         signature: str) -> bool:
        """Whether the signature and expiry of a signed URL hold."""
        ...


class ResumableUploads(Protocol):
    """A blob store that signs resumable-upload sessions (GCS), for files too large for one PUT."""

    def signed_resumable_url(self, bucket: str, name: str, *, expires_seconds: int = 900,
                             content_type: str | None = None) -> tuple[str, dict[str, str]]:
        """A signed ``POST`` URL that opens a resumable session, and the headers it must carry."""
        ...


class KeySource(Protocol):
    """Where the access-token signing key comes from (the configured secret, or a per-home key file)."""

    def token_key(self) -> bytes:
        """The HS256 key; raises ``Unauthenticated`` when this installation has none."""
        ...


class BulkAppend(Protocol):
    """Many batches of rows for one table, stored as one load (see ``Warehouse.bulk_append``)."""

    def append(self, rows: pd.DataFrame) -> int:
        """Add a batch (columns a subset of the table's); returns its row count."""
        ...

    def commit(self) -> None:
        """Store every batch appended so far; they are all queryable once this returns."""
        ...

    def discard(self) -> None:
        """Drop the batches not yet stored (after a failure). Idempotent."""
        ...


@runtime_checkable
class Warehouse(Protocol):
    """Analytical store, BigQuery-shaped. Tables come from ``shared.models.tables.TABLES``."""

    #: The SQL dialect ``render`` writes (``"bigquery"``, ``"duckdb"``), shown with the evidence of an answer.
    dialect: str

    def ensure_tables(self) -> None:
        """Create the dataset and every registered table if missing (idempotent)."""
        ...

    def insert(self, table: str, rows: pd.DataFrame) -> int:
        """Append rows (columns must be a subset of the table's); returns rows written."""
        ...

    def bulk_append(self, table: str) -> BulkAppend:
        """Append a stream of batches with as few writes as the engine wants.

        BigQuery spools the batches and loads them with one job at ``commit`` (in parts past 32 MiB; load
        jobs are limited per table per day); the embedded engine writes each batch at once, so a batch appended but not
        committed may already be stored there: callers that abandon an append remove its rows by key.
        """
        ...

    def upsert(self, table: str, rows: pd.DataFrame, key_columns: list[str]) -> int:
        """Replace rows sharing ``key_columns`` with ``rows`` and insert the rest, atomically."""
        ...

    def upsert_replacing(self, table: str, rows: pd.DataFrame, key_columns: list[str], tenant_id: str,
                         replaced_keys: list[str]) -> int:
        """``upsert``, and remove the tenant's rows whose ``record_key`` is one of ``replaced_keys``.

        Rows restated under new keys (a store's label replaced by its name) move without a moment in both forms: one
        transaction on the embedded engine; on BigQuery the upsert, then the delete (a crash between leaves both
        until the caller's retry, which converges).
        """
        ...

    def upsert_unless_newer(self, table: str, rows: pd.DataFrame, key_columns: list[str], version: str) -> int:
        """``upsert``, except that a row whose key is stored with a strictly newer ``version`` is not written.

        The newest version wins in the engine, in the same transaction as the write: a stored row of an
        equal or older version is replaced (so a re-run converges), a newer one stays. ``rows`` hold one row
        per key. Returns the rows written (the rest were stale).
        """
        ...

    def replace_slice(self, table: str, rows: pd.DataFrame, where: Mapping[str, Any]) -> int:
        """Replace one slice of ``table`` with ``rows``, atomically; returns rows written.

        The slice is every row whose columns equal ``where`` (which must name ``tenant_id``): it is cleared
        and ``rows`` written in one transaction on every engine, so a repeated write of a slice is idempotent
        and a failed one leaves the slice as it was. ``rows`` may omit the slice's columns (they are filled
        in); a row with another value in one of them is refused. Empty ``rows`` clear the slice.
        """
        ...

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run BigQuery-dialect SQL with ``@named`` parameters; never format values into ``sql``."""
        ...

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run a BigQuery-dialect DML statement; returns affected rows where known."""
        ...

    def run(self, statement: Expression, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run a sqlglot expression (``exp.Placeholder`` for each parameter), compiled to the engine's dialect.

        This is how the store layer talks to the engine: statements are built as expressions, never strings.
        """
        ...

    def render(self, statement: Expression) -> str:
        """The SQL text ``run`` would send for ``statement`` (shown to merchants as evidence)."""
        ...


class LLMResponse(BaseModel):
    """What a language model returned, with its token accounting."""

    text: str
    parsed: Any = None
    input_tokens: int = 0
    output_tokens: int = 0
    model: str = ""


@runtime_checkable
class LanguageModel(Protocol):
    """A text model with structured output. Gemini first; other providers are new adapters."""

    def generate(
        self,
        *,
        system: str,
        prompt: str,
        schema: type[BaseModel] | None = None,
        timeout_seconds: float | None = None,
    ) -> LLMResponse:
        """Generate a response; with ``schema``, ``parsed`` is an instance of it."""
        ...
