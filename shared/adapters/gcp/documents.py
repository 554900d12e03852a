"""Document store on Cloud Firestore (native mode), with the embedded store's semantics.

``collection`` is a slash path (``tenants/t1/ingestions``): an odd number of segments, as Firestore
requires. ``set(merge=True)`` is a shallow merge of top-level fields (each named field replaced whole),
matching the port, not Firestore's default deep merge.

Firestore refuses an array directly inside an array ("Cannot convert an array value in an array value"),
while the port stores any JSON (a report's table rows are lists of lists). Such inner arrays are written as
``{"_nested_array": [...]}`` and read back as lists, so every adapter keeps the same documents.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from google.api_core import exceptions as gexc
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath

from shared.ports import Filter

T = TypeVar("T")
_ARRAY = "_nested_array"  # Firestore reserves names like __x__


def encode(value: Any, *, in_array: bool = False) -> Any:
    """``value`` with every array that sits directly in an array wrapped as ``{"_nested_array": [...]}``."""
    if isinstance(value, Mapping):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [encode(v, in_array=True) for v in value]
        return {_ARRAY: items} if in_array else items
    return value


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`."""
    if isinstance(value, Mapping):
        if len(value) == 1 and _ARRAY in value:
            return [decode(v) for v in value[_ARRAY]]
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


class FirestoreDocumentStore:
    """Firestore-backed ``DocumentStore``."""

    def __init__(self, client: firestore.Client, *, max_transaction_attempts: int = 30) -> None:
        self.client = client
        self._max_attempts = max_transaction_attempts
        self._doc_locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def _doc_lock(self, path: str) -> threading.Lock:
        with self._locks_guard:
            return self._doc_locks.setdefault(path, threading.Lock())

    def _collection(self, collection: str) -> firestore.CollectionReference:
        parts = [p for p in collection.split("/") if p]
        if not parts or len(parts) % 2 == 0:
            raise ValueError(f"not a collection path (needs an odd number of segments): {collection!r}")
        return self.client.collection(*parts)

    def _doc(self, collection: str, doc_id: str) -> firestore.DocumentReference:
        if not doc_id or "/" in doc_id:
            raise ValueError(f"invalid document id: {doc_id!r}")
        return self._collection(collection).document(doc_id)

    def get(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        """Return the document or ``None``."""
        snap = self._doc(collection, doc_id).get()
        return decode(snap.to_dict()) if snap.exists else None

    def set(self, collection: str, doc_id: str, data: Mapping[str, Any], *, merge: bool = False) -> None:
        """Replace the document, or overwrite only the given top-level fields with ``merge=True``."""
        ref = self._doc(collection, doc_id)
        if merge and data:
            ref.set(encode(data), merge=[FieldPath(k).to_api_repr() for k in data])  # type: ignore[arg-type]
        else:
            ref.set(encode(data), merge=merge)

    def create(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> bool:
        """Create only if absent; ``False`` when it already existed."""
        try:
            self._doc(collection, doc_id).create(encode(data))
        except (gexc.AlreadyExists, gexc.Conflict):
            return False
        return True

    def delete(self, collection: str, doc_id: str) -> None:
        """Delete if present (Firestore deletes are idempotent)."""
        self._doc(collection, doc_id).delete()

    def query(
        self,
        collection: str,
        filters: Iterable[Filter] = (),
        *,
        order_by: str | None = None,
        descending: bool = False,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Documents matching every filter, each with its id under ``_id``."""
        query: Any = self._collection(collection)
        for f in filters:
            query = query.where(filter=FieldFilter(f.field, f.op, f.value))
        if order_by:
            direction = firestore.Query.DESCENDING if descending else firestore.Query.ASCENDING
            query = query.order_by(order_by, direction=direction)
        if limit is not None:
            query = query.limit(limit)
        return [{**decode(snap.to_dict() or {}), "_id": snap.id} for snap in query.stream()]

    def transact(self, collection: str, doc_id: str, update: Callable[[dict[str, Any]], T]) -> T:
        """Read-modify-write in a Firestore transaction (retried on contention).

        Threads of this instance queue on a per-document lock first: contention between them would only
        make Firestore abort and the client back off (a second or more per retry).
        """
        ref = self._doc(collection, doc_id)

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> T:
            snap = ref.get(transaction=transaction)
            current = decode(snap.to_dict() or {}) if snap.exists else {}
            before = copy.deepcopy(current)
            result = update(current)
            if current != before:
                transaction.set(ref, encode(current))
            return result

        with self._doc_lock(ref.path):
            return run(self.client.transaction(max_attempts=self._max_attempts))
