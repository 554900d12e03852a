"""Firestore-shaped document store on SQLite (JSON documents, filters via ``json_extract``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from shared.adapters.local.sqlite_base import SqliteFile
from shared.ports import Filter

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  collection TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  data TEXT NOT NULL,
  updated_at REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0),
  PRIMARY KEY (collection, doc_id)
);
"""

_NOW = "((julianday('now') - 2440587.5) * 86400.0)"  # unix seconds; unixepoch('subsec') needs SQLite 3.42

_SQL_OPS = {"==": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


def _json_path(field: str) -> str:
    parts = field.split(".")
    for part in parts:
        if not part.replace("_", "").replace("-", "").isalnum():
            raise ValueError(f"unsupported field path: {field!r}")
    return "$." + ".".join(f'"{p}"' for p in parts)


def _encode(data: Mapping[str, Any]) -> str:
    return json.dumps(data, default=str, sort_keys=True)


class SqliteDocumentStore:
    """Documents keyed by (collection path, id); values are JSON objects."""

    def __init__(self, path: Path) -> None:
        self._db = SqliteFile(path, _SCHEMA)

    def get(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        """Return the document or ``None``."""
        row = self._db.connect().execute(
            "SELECT data FROM documents WHERE collection = ? AND doc_id = ?", (collection, doc_id)
        ).fetchone()
        return None if row is None else dict(json.loads(row["data"]))

    def set(self, collection: str, doc_id: str, data: Mapping[str, Any], *, merge: bool = False) -> None:
        """Write a document, replacing it or merging top-level fields."""
        if merge:
            self.transact(collection, doc_id, lambda doc: doc.update(data))
            return
        self._db.connect().execute(
            "INSERT INTO documents(collection, doc_id, data) VALUES (?, ?, ?) "
            "ON CONFLICT(collection, doc_id) DO UPDATE SET data = excluded.data, updated_at = " + _NOW,
            (collection, doc_id, _encode(data)),
        )

    def create(self, collection: str, doc_id: str, data: Mapping[str, Any]) -> bool:
        """Insert only if absent; ``False`` when the document already existed."""
        cur = self._db.connect().execute(
            "INSERT OR IGNORE INTO documents(collection, doc_id, data) VALUES (?, ?, ?)",
            (collection, doc_id, _encode(data)),
        )
        return cur.rowcount == 1

    def delete(self, collection: str, doc_id: str) -> None:
        """Delete a document if present."""
        self._db.connect().execute("DELETE FROM documents WHERE collection = ? AND doc_id = ?", (collection, doc_id))

    def query(
        self,
        collection: str,
        filters: Iterable[Filter] = (),
        *,
        order_by: str | None = None,
        descending: bool = False,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Documents in ``collection`` matching all filters, with ``_id`` added."""
        sql = ["SELECT doc_id, data FROM documents WHERE collection = ?"]
        args: list[Any] = [collection]
        for f in filters:
            path = _json_path(f.field)
            if f.op == "in":
                values = list(f.value)
                if not values:
                    return []
                sql.append(f"AND json_extract(data, ?) IN ({','.join('?' * len(values))})")
                args += [path, *values]
            elif f.op == "array_contains":
                sql.append("AND EXISTS (SELECT 1 FROM json_each(data, ?) WHERE value = ?)")
                args += [path, f.value]
            else:
                sql.append(f"AND json_extract(data, ?) {_SQL_OPS[f.op]} ?")
                args += [path, f.value]
        if order_by:
            sql.append(f"ORDER BY json_extract(data, ?) {'DESC' if descending else 'ASC'}")
            args.append(_json_path(order_by))
        if limit is not None:
            sql.append("LIMIT ?")
            args.append(int(limit))
        rows = self._db.connect().execute(" ".join(sql), args).fetchall()
        return [{**json.loads(r["data"]), "_id": r["doc_id"]} for r in rows]

    def transact(self, collection: str, doc_id: str, update: Callable[[dict[str, Any]], T]) -> T:
        """Read-modify-write under an immediate (writer) lock."""
        con = self._db.connect()
        con.execute("BEGIN IMMEDIATE")
        try:
            row = con.execute(
                "SELECT data FROM documents WHERE collection = ? AND doc_id = ?", (collection, doc_id)
            ).fetchone()
            before = None if row is None else row["data"]
            doc: dict[str, Any] = {} if row is None else json.loads(row["data"])
            result = update(doc)
            after = _encode(doc)
            if after != before and (doc or before is not None):
                con.execute(
                    "INSERT INTO documents(collection, doc_id, data) VALUES (?, ?, ?) "
                    "ON CONFLICT(collection, doc_id) DO UPDATE SET data = excluded.data, "
                    "updated_at = " + _NOW,
                    (collection, doc_id, after),
                )
            con.execute("COMMIT")
            return result
        except BaseException:
            con.execute("ROLLBACK")
            raise
