"""BigQuery-shaped warehouse on an embedded DuckDB file.

Queries are written in BigQuery SQL with ``@named`` parameters and transpiled to DuckDB with sqlglot
(cached per statement), so the cores carry one dialect only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import sqlglot
from sqlglot.expressions import Expression

from shared.adapters.keyed import checked_columns, no_newer_stored, same_key
from shared.adapters.rendering import rendered
from shared.adapters.slices import slice_rows
from shared.errors import StorageUnreadable
from shared.models.tables import TableSpec, all_tables

_DUCK_TYPES = {
    "STRING": "VARCHAR",
    "INT64": "BIGINT",
    "FLOAT64": "DOUBLE",
    "BOOL": "BOOLEAN",
    "DATE": "DATE",
    "TIMESTAMP": "TIMESTAMPTZ",
    "JSON": "JSON",
}


#: DuckDB vectors (2,048 rows each) converted to pandas at a time: a large result never exists twice whole.
FETCH_VECTORS = 25


def result_frame(result: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The rows of an executed statement as a DataFrame, converted part by part (``.df()``'s dtypes).

    ``.df()`` holds the engine's copy of every row while it builds the frame (a 200k-row staged file: 88 MiB
    of frame, 430 MiB of peak); converting 51,200 rows at a time keeps the peak near the frame itself. A text
    column whose values are all NULL in one part comes out as ``object`` there, so a column whose parts
    disagree takes the string dtype a whole-result conversion gives it.
    """
    parts = [result.fetch_df_chunk(FETCH_VECTORS)]
    while len(parts[-1]):
        part = result.fetch_df_chunk(FETCH_VECTORS)
        if part.empty:
            break
        parts.append(part)
    if len(parts) == 1:
        return parts[0]
    frame = pd.concat(parts, ignore_index=True)
    for i in range(frame.shape[1]):
        dtypes = {part.dtypes.iloc[i] for part in parts}
        text = [d for d in dtypes if isinstance(d, pd.StringDtype)]
        if len(dtypes) > 1 and text:
            frame.isetitem(i, frame.iloc[:, i].astype(text[0]).array)
    return frame


@lru_cache(maxsize=2048)
def to_duckdb_sql(sql: str) -> str:
    """Transpile one BigQuery statement to DuckDB (parameters become ``$name``)."""
    return ";\n".join(sqlglot.transpile(sql, read="bigquery", write="duckdb"))


def duckdb_ddl(spec: TableSpec) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for a table spec."""
    cols = ", ".join(
        f'"{c.name}" {_DUCK_TYPES[c.type]}{" NOT NULL" if c.mode == "REQUIRED" else ""}' for c in spec.columns
    )
    return f'CREATE TABLE IF NOT EXISTS "{spec.name}" ({cols})'



def _quoted(name: str) -> str:
    """A DuckDB identifier in double quotes (table and column names from the specs, checked all the same)."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unsupported identifier: {name!r}")
    return f'"{name}"'

class _InsertEachBatch:
    """``BulkAppend`` on the embedded engine: every batch is an insert."""

    def __init__(self, warehouse: DuckDBWarehouse, table: str) -> None:
        self._warehouse = warehouse
        self._table = table

    def append(self, rows: pd.DataFrame) -> int:
        return self._warehouse.insert(self._table, rows)

    def commit(self) -> None:
        return None

    def discard(self) -> None:
        return None


@contextmanager
def _readable(path: Path) -> Iterator[None]:
    """Turn the engine failing to read its file (truncated, corrupt) into ``StorageUnreadable``."""
    try:
        yield
    except (duckdb.IOException, duckdb.SerializationException) as exc:
        first = (str(exc).splitlines() or [""])[0][:200]
        raise StorageUnreadable(f"{path} cannot be read ({first}); check it with 'ecomintel doctor', bring a "
                                "backup back with 'ecomintel restore'") from exc


def warehouse_config(memory_limit: str | None) -> dict[str, str | bool | int | float | list[str]]:
    """DuckDB's configuration of the warehouse's connection."""
    return {"memory_limit": memory_limit} if memory_limit else {}


class DuckDBWarehouse:
    """One DuckDB database file; a cursor per thread over a shared connection."""

    #: The SQL dialect ``render`` writes (shown with metric evidence).
    dialect = "duckdb"

    def __init__(self, path: Path, *, on_close: Callable[[], None] | None = None,
                 memory_limit: str | None = None, connection: duckdb.DuckDBPyConnection | None = None) -> None:
        """Open (or create) the database at ``path``; ``memory_limit`` caps the engine's memory (``'1GB'``).

        ``connection``: one already open on ``path`` (the home's check opened it, with :func:`warehouse_config`),
        taken over rather than opening the file a second time.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._on_close = on_close
        self._con = connection if connection is not None else duckdb.connect(
            str(path), config=warehouse_config(memory_limit))
        self._local = threading.local()
        self._write_lock = threading.RLock()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cur = getattr(self._local, "cur", None)
        if cur is None:
            cur = self._con.cursor()
            self._local.cur = cur
        return cur

    def close(self) -> None:
        """Close the database and let the home's writer lock go (other processes may then open the file)."""
        self._con.close()
        on_close, self._on_close = self._on_close, None
        if on_close is not None:
            on_close()

    def ensure_tables(self) -> None:
        """Create every registered table that is missing, add columns added since and relax columns made optional.

        A column a spec now allows empty (a review's ``date``) loses its ``NOT NULL`` in a database made before.
        """
        cur = self._cursor()
        with self._write_lock:
            for spec in all_tables().values():
                cur.execute(duckdb_ddl(spec))
                existing = {r[0]: r[1] == "YES" for r in cur.execute(
                    "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = ?",
                    [spec.name]).fetchall()}
                for col in spec.columns:
                    if col.name not in existing:
                        cur.execute(f'ALTER TABLE "{spec.name}" ADD COLUMN "{col.name}" {_DUCK_TYPES[col.type]}')
                    elif col.mode == "NULLABLE" and not existing[col.name]:
                        cur.execute(f'ALTER TABLE "{spec.name}" ALTER COLUMN "{col.name}" DROP NOT NULL')

    def _spec(self, table: str) -> TableSpec:
        tables = all_tables()
        if table not in tables:
            raise KeyError(f"unknown table {table!r}")
        return tables[table]

    def insert(self, table: str, rows: pd.DataFrame) -> int:
        """Append ``rows`` by column name (missing nullable columns become NULL)."""
        if rows.empty:
            return 0
        spec = self._spec(table)
        unknown = set(rows.columns) - set(spec.column_names)
        if unknown:
            raise ValueError(f"columns not in {table}: {sorted(unknown)}")
        cols = [c for c in spec.column_names if c in rows.columns]
        cur = self._cursor()
        with self._write_lock:
            cur.register("_incoming", rows[cols])
            try:
                quoted = ", ".join(f'"{c}"' for c in cols)
                cur.execute(f'INSERT INTO "{table}" ({quoted}) SELECT {quoted} FROM _incoming')
            finally:
                cur.unregister("_incoming")
        return len(rows)

    def bulk_append(self, table: str) -> _InsertEachBatch:
        """Inserts each batch at once; ``commit`` has nothing left to do.

        DuckDB has no per-job quota, and a transaction held open for a whole file costs memory.
        """
        self._spec(table)
        return _InsertEachBatch(self, table)

    def upsert(self, table: str, rows: pd.DataFrame, key_columns: list[str]) -> int:
        """Delete rows sharing the key, then insert, in one transaction."""
        if rows.empty:
            return 0
        spec = self._spec(table)
        checked_columns(spec, key_columns)
        match = same_key("t", "i", key_columns, _quoted)
        self._swap_in(spec, rows, f'DELETE FROM "{table}" t WHERE EXISTS (SELECT 1 FROM _incoming i WHERE {match})')
        return len(rows)

    def upsert_replacing(self, table: str, rows: pd.DataFrame, key_columns: list[str], tenant_id: str,
                         replaced_keys: list[str]) -> int:
        """``upsert`` and delete the tenant's rows keyed ``replaced_keys``, in one transaction."""
        if rows.empty and not replaced_keys:
            return 0
        spec = self._spec(table)
        checked_columns(spec, [*key_columns, "tenant_id", "record_key"])
        match = same_key("t", "i", key_columns, _quoted) if not rows.empty else "FALSE"
        self._swap_in(spec, rows, f'DELETE FROM "{table}" t WHERE EXISTS (SELECT 1 FROM _incoming i WHERE {match}) '
                                  'OR (t."tenant_id" = ? AND list_contains(?, t."record_key"))',
                      [tenant_id, list(replaced_keys)])
        return len(rows)

    def upsert_unless_newer(self, table: str, rows: pd.DataFrame, key_columns: list[str], version: str) -> int:
        """``upsert``, except rows whose key is stored in a strictly newer ``version``: in one transaction."""
        if rows.empty:
            return 0
        spec = self._spec(table)
        checked_columns(spec, key_columns, version)
        current = no_newer_stored(table, key_columns, version, _quoted)
        match = same_key("t", "i", key_columns, _quoted)
        return self._swap_in(spec, rows,
                             f'DELETE FROM "{table}" t WHERE EXISTS (SELECT 1 FROM _incoming i WHERE {match} '
                             f'AND {current})', keep=current)

    def replace_slice(self, table: str, rows: pd.DataFrame, where: Mapping[str, Any]) -> int:
        """Delete the slice and insert ``rows`` in one transaction."""
        spec = self._spec(table)
        rows = slice_rows(spec, rows, where)
        match = " AND ".join(f'"{c}" = ?' for c in where)
        self._swap_in(spec, rows, f'DELETE FROM "{table}" WHERE {match}', list(where.values()))
        return len(rows)

    def _swap_in(self, spec: TableSpec, rows: pd.DataFrame, delete: str, params: list[Any] | None = None, *,
                 keep: str = "") -> int:
        """Run ``delete`` (which may read the rows as ``_incoming``), then insert ``rows``, in one transaction.

        ``keep`` (a condition on an incoming row ``i``, checked after the delete) limits what is inserted;
        returns the rows inserted.
        """
        cols = [c for c in spec.column_names if c in rows.columns]
        cur = self._cursor()
        inserted = 0
        with self._write_lock:
            cur.register("_incoming", rows[cols])
            try:
                cur.execute("BEGIN TRANSACTION")
                cur.execute(delete, params or [])
                if not rows.empty:
                    quoted = ", ".join(f'"{c}"' for c in cols)
                    where = f" WHERE {keep}" if keep else ""
                    done = cur.execute(f'INSERT INTO "{spec.name}" ({quoted}) SELECT {quoted} FROM _incoming i{where}')
                    inserted = int((done.fetchone() or [0])[0])
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            finally:
                cur.unregister("_incoming")
        return inserted

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run a BigQuery-dialect query and return a DataFrame."""
        cur = self._cursor()
        with _readable(self.path):
            return result_frame(cur.execute(to_duckdb_sql(sql), dict(params or {})))

    def render(self, statement: Expression) -> str:
        """``statement`` in DuckDB's dialect (parameters as ``$name``)."""
        return rendered(statement, "duckdb")

    def run(self, statement: Expression, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run a sqlglot expression compiled for DuckDB."""
        with _readable(self.path):
            return result_frame(self._cursor().execute(self.render(statement), dict(params or {})))

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run a BigQuery-dialect DML statement; returns affected rows."""
        cur = self._cursor()
        with self._write_lock:
            result = cur.execute(to_duckdb_sql(sql), dict(params or {})).fetchall()
        return int(result[0][0]) if result and result[0] and isinstance(result[0][0], int) else 0
