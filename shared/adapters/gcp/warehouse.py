"""Warehouse on BigQuery (or the BigQuery emulator), with the embedded warehouse's semantics.

Writes are load jobs from Parquet (atomic, free, and immediately visible to DML, unlike streaming
inserts); ``upsert`` loads into a short-lived side table and replaces matching rows in one multi-statement
transaction. Queries run with the dataset as the default, so the cores' unqualified table names resolve.
"""

from __future__ import annotations

import contextlib
import io
import uuid
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from google.api_core import exceptions as gexc
from google.cloud import bigquery
from sqlglot.expressions import Expression

from shared.adapters.keyed import checked_columns, no_newer_stored, same_key
from shared.adapters.rendering import rendered
from shared.adapters.slices import slice_rows
from shared.models.tables import Column, TableSpec, all_tables

_ARROW_TYPES: dict[str, pa.DataType] = {
    "STRING": pa.string(),
    "INT64": pa.int64(),
    "FLOAT64": pa.float64(),
    "BOOL": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us", tz="UTC"),
    "JSON": pa.string(),
}


def _scalar_type(value: Any) -> str:
    if isinstance(value, bool | np.bool_):
        return "BOOL"
    if isinstance(value, int | np.integer):
        return "INT64"
    if isinstance(value, float | np.floating):
        return "FLOAT64"
    if isinstance(value, Decimal):
        return "NUMERIC"
    if isinstance(value, datetime):
        return "TIMESTAMP"
    if isinstance(value, date):
        return "DATE"
    if isinstance(value, bytes):
        return "BYTES"
    return "STRING"


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def query_parameters(params: Mapping[str, Any]) -> list[bigquery.ScalarQueryParameter | bigquery.ArrayQueryParameter]:
    """Typed BigQuery parameters for ``@name`` placeholders (values never enter the SQL text)."""
    out: list[bigquery.ScalarQueryParameter | bigquery.ArrayQueryParameter] = []
    for name, raw in params.items():
        value = _plain(raw)
        if isinstance(value, list | tuple | set | frozenset):
            items = [_plain(v) for v in value]
            kind = _scalar_type(items[0]) if items else "STRING"
            out.append(bigquery.ArrayQueryParameter(name, kind, items))
        else:
            out.append(bigquery.ScalarQueryParameter(name, _scalar_type(value) if value is not None else "STRING",
                                                     value))
    return out


def _schema(spec: TableSpec) -> list[bigquery.SchemaField]:
    return [bigquery.SchemaField(c.name, c.type, mode=c.mode, description=c.description)
            for c in spec.columns]


def _arrow_column(series: pd.Series | None, column: Column, length: int) -> pa.Array:
    target = _ARROW_TYPES[column.type]
    if series is None:
        return pa.nulls(length, type=target)
    if column.type == "DATE" and pd.api.types.is_datetime64_any_dtype(series):
        series = series.dt.date
    arr = pa.array(series, from_pandas=True)
    if arr.type != target:
        arr = arr.cast(target)
    return arr


def to_parquet(spec: TableSpec, rows: pd.DataFrame) -> bytes:
    """``rows`` as Parquet in the table's column order and types (missing nullable columns as NULL)."""
    buf = io.BytesIO()
    pq.write_table(to_arrow(spec, rows), buf)
    return buf.getvalue()


def to_arrow(spec: TableSpec, rows: pd.DataFrame) -> pa.Table:
    """``rows`` as an Arrow table in the table's column order and types (missing nullable columns as NULL)."""
    unknown = set(rows.columns) - set(spec.column_names)
    if unknown:
        raise ValueError(f"columns not in {spec.name}: {sorted(unknown)}")
    missing = [c.name for c in spec.columns if c.mode == "REQUIRED" and c.name not in rows.columns]
    if missing:
        raise ValueError(f"required columns missing for {spec.name}: {missing}")
    rows = rows.reset_index(drop=True)
    arrays, fields = [], []
    for col in spec.columns:
        try:
            arrays.append(_arrow_column(rows[col.name] if col.name in rows.columns else None, col, len(rows)))
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
            raise ValueError(f"{spec.name}.{col.name}: values are not {col.type}: {exc}") from exc
        fields.append(pa.field(col.name, _ARROW_TYPES[col.type], nullable=True))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _quote(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unsupported identifier: {name!r}")
    return f"`{name}`"


#: Parquet held in memory before it is loaded: a file whose staged rows are larger is loaded in parts (1M
#: staged sales rows are ~90 MiB, so three jobs). A disk spool would not help on Cloud Functions, whose
#: ``/tmp`` is memory too.
SPOOL_LIMIT_BYTES = 32 << 20


class _LoadOnCommit:
    """``BulkAppend`` on BigQuery: batches become row groups of a Parquet spool, loaded by one job.

    The spool is loaded at ``commit``, or earlier whenever it reaches ``SPOOL_LIMIT_BYTES``.

    Load jobs are limited per table per day and the staging tables are shared by every tenant, so a job
    per file instead of one per chunk is what lets many large files a day through. Each load is atomic;
    a failed or discarded append loads nothing more, and parts already loaded are removed by the caller
    by key, as the embedded engine's inserts are.
    """

    def __init__(self, warehouse: BigQueryWarehouse, spec: TableSpec, table_id: str) -> None:
        self._warehouse = warehouse
        self._spec = spec
        self._table_id = table_id
        self._spool: io.BytesIO | None = None
        self._writer: pq.ParquetWriter | None = None

    def append(self, rows: pd.DataFrame) -> int:
        if rows.empty:
            return 0
        batch = to_arrow(self._spec, rows)
        if self._writer is None or self._spool is None:
            self._spool = io.BytesIO()
            self._writer = pq.ParquetWriter(self._spool, batch.schema)
        self._writer.write_table(batch)
        if self._spool.tell() >= SPOOL_LIMIT_BYTES:
            self._load()
        return len(rows)

    def _load(self) -> None:
        writer, spool = self._writer, self._spool
        self._writer = self._spool = None
        if writer is None or spool is None:
            return
        writer.close()
        spool.seek(0)
        self._warehouse.load_file(self._table_id, spool)

    def commit(self) -> None:
        self._load()

    def discard(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._writer = self._spool = None


class BigQueryWarehouse:
    """BigQuery-backed ``Warehouse`` for one dataset."""

    #: The SQL dialect ``render`` writes (shown with metric evidence).
    dialect = "bigquery"

    def __init__(self, client: bigquery.Client, dataset: str, *, location: str | None = None) -> None:
        self.client = client
        self.dataset = dataset
        self.location = location
        self._dataset_ref = f"{client.project}.{dataset}"

    def _table_id(self, table: str) -> str:
        return f"{self._dataset_ref}.{table}"

    def _spec(self, table: str) -> TableSpec:
        tables = all_tables()
        if table not in tables:
            raise KeyError(f"unknown table {table!r}")
        return tables[table]

    def table_definition(self, spec: TableSpec) -> bigquery.Table:
        """The BigQuery table for a spec: schema, partitioning, clustering, partition expiry."""
        table = bigquery.Table(self._table_id(spec.name), schema=_schema(spec))
        table.description = spec.description or None
        if spec.partition_field:
            expiration = spec.expiration_days * 86_400_000 if spec.expiration_days else None
            table.time_partitioning = bigquery.TimePartitioning(
                type_=bigquery.TimePartitioningType.DAY, field=spec.partition_field, expiration_ms=expiration)
        if spec.cluster_fields:
            table.clustering_fields = list(spec.cluster_fields)
        return table

    def ensure_tables(self) -> None:
        """Create the dataset and every registered table; add columns added to a spec since."""
        ds = bigquery.Dataset(self._dataset_ref)
        if self.location:
            ds.location = self.location
        self.client.create_dataset(ds, exists_ok=True)
        specs = list(all_tables().values())
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(self._ensure_table, specs))

    def _ensure_table(self, spec: TableSpec) -> None:
        try:
            self.client.create_table(self.table_definition(spec))
            return
        except gexc.Conflict:
            existing = self.client.get_table(self._table_id(spec.name))
        have = {f.name for f in existing.schema}
        wanted = {f.name: f for f in _schema(spec)}
        added = [f for f in wanted.values() if f.name not in have]
        # a column the spec now allows empty (a review's date) is relaxed: BigQuery allows REQUIRED -> NULLABLE
        relaxed = {f.name for f in existing.schema
                   if f.mode == "REQUIRED" and f.name in wanted and wanted[f.name].mode == "NULLABLE"}
        if added or relaxed:
            kept = [bigquery.SchemaField(f.name, f.field_type, mode="NULLABLE", description=f.description,
                                         fields=f.fields) if f.name in relaxed else f for f in existing.schema]
            existing.schema = [*kept, *(bigquery.SchemaField(f.name, f.field_type, mode="NULLABLE",
                                                             description=f.description) for f in added)]
            self.client.update_table(existing, ["schema"])

    def load_file(self, table_id: str, parquet: IO[bytes]) -> None:
        """Append a Parquet file (positioned at its start) to ``table_id`` with one load job."""
        config = bigquery.LoadJobConfig(source_format=bigquery.SourceFormat.PARQUET,
                                        write_disposition=bigquery.WriteDisposition.WRITE_APPEND)
        self.client.load_table_from_file(parquet, table_id, job_config=config).result()

    def insert(self, table: str, rows: pd.DataFrame) -> int:
        """Append rows with one load job."""
        if rows.empty:
            return 0
        spec = self._spec(table)
        self.load_file(self._table_id(table), io.BytesIO(to_parquet(spec, rows)))
        return len(rows)

    def bulk_append(self, table: str) -> _LoadOnCommit:
        """Batches spool into one Parquet file; ``commit`` loads it with a single job (all or nothing)."""
        spec = self._spec(table)
        return _LoadOnCommit(self, spec, self._table_id(spec.name))

    def upsert(self, table: str, rows: pd.DataFrame, key_columns: list[str]) -> int:
        """Replace rows sharing ``key_columns`` and insert the rest, in one transaction."""
        if rows.empty:
            return 0
        spec = self._spec(table)
        checked_columns(spec, key_columns)
        self._swap_in(spec, to_parquet(spec, rows), same_key("t", "i", key_columns, _quote), "upsert")
        return len(rows)

    def upsert_replacing(self, table: str, rows: pd.DataFrame, key_columns: list[str], tenant_id: str,
                         replaced_keys: list[str]) -> int:
        """``upsert``, and delete the tenant's rows keyed ``replaced_keys`` not among ``rows``, in one transaction.

        A crash leaves each row in one form (the old or the new), as on the embedded engine.

        The replaced keys are loaded into a side table of their own, so the script that deletes and inserts needs
        no parameters (the emulator binds none inside a script). It was two jobs, the upsert then the delete: a
        crash between them left a page of rows in both forms until the caller's retry.
        """
        kept = set(rows["record_key"]) if "record_key" in rows else set()
        gone = [k for k in replaced_keys if k not in kept]
        if not gone:
            return self.upsert(table, rows, key_columns)
        spec = self._spec(table)
        checked_columns(spec, key_columns)
        keys = pa.table({"tenant_id": pa.array([tenant_id] * len(gone), pa.string()),
                         "record_key": pa.array(gone, pa.string())})
        with self._side_table("replaced", table, [bigquery.SchemaField("tenant_id", "STRING"),
                                                  bigquery.SchemaField("record_key", "STRING")], keys) as side:
            replaced = (f"EXISTS (SELECT 1 FROM {_quote(side)} g WHERE t.tenant_id = g.tenant_id "
                        "AND t.record_key = g.record_key)")
            self._swap_in(spec, to_parquet(spec, rows), same_key("t", "i", key_columns, _quote), "upsert",
                          also_delete=replaced)
        return len(rows)

    @contextlib.contextmanager
    def _side_table(self, purpose: str, table: str, schema: list[bigquery.SchemaField],
                    rows: pa.Table) -> Iterator[str]:
        """A side table of ``rows`` (expiring within the hour should the drop fail), dropped on exit: its name."""
        side = f"_{purpose}_{table}_{uuid.uuid4().hex[:12]}"
        side_table = bigquery.Table(self._table_id(side), schema=schema)
        side_table.expires = datetime.now(UTC) + timedelta(hours=1)
        self.client.create_table(side_table)
        try:
            buf = io.BytesIO()
            pq.write_table(rows, buf)
            buf.seek(0)
            self.load_file(self._table_id(side), buf)
            yield side
        finally:
            self.client.delete_table(self._table_id(side), not_found_ok=True)

    def upsert_unless_newer(self, table: str, rows: pd.DataFrame, key_columns: list[str], version: str) -> int:
        """``upsert``, except rows whose key is stored in a strictly newer ``version`` (one transaction).

        Returns the rows written, counted once the script has committed (a concurrent writer of the same keys
        could move the count, never the rows).
        """
        if rows.empty:
            return 0
        spec = self._spec(table)
        checked_columns(spec, key_columns, version)
        current = no_newer_stored(table, key_columns, version, _quote)
        match = same_key("t", "i", key_columns, _quote)
        return self._swap_in(spec, to_parquet(spec, rows), f"{match} AND {current}", "upsert", keep=current)

    def replace_slice(self, table: str, rows: pd.DataFrame, where: Mapping[str, Any]) -> int:
        """Load ``rows`` into a side table, then delete the slice and insert them in one transaction.

        Every loaded row carries the slice's values, so the script finds the slice through the side table and
        needs no parameters (the emulator does not bind parameters inside scripts).
        """
        spec = self._spec(table)
        rows = slice_rows(spec, rows, where)
        if rows.empty:
            names = {column: f"slice_{i}" for i, column in enumerate(where)}
            match = " AND ".join(f"{_quote(c)} = @{p}" for c, p in names.items())
            self._run(f"DELETE FROM {_quote(table)} WHERE {match}", {names[c]: v for c, v in where.items()}).result()
            return 0
        parquet = to_parquet(spec, rows)  # a value of the wrong type fails here, before anything is deleted
        self._swap_in(spec, parquet, " AND ".join(f"t.{_quote(c)} = i.{_quote(c)}" for c in where), "slice")
        return len(rows)

    def _swap_in(self, spec: TableSpec, parquet: bytes, match: str, purpose: str, *, keep: str = "",
                 also_delete: str = "") -> int:
        """Load ``parquet`` into a side table, then delete the rows it ``match``-es and insert it, in one transaction.

        ``match`` relates a table row ``t`` to a side row ``i``; ``keep`` (a condition on ``i``, checked after
        the delete) limits what is inserted, and the rows it keeps are counted once committed (else 0);
        ``also_delete`` (a condition on ``t``) deletes more rows in the same transaction. The script needs no
        parameters (the emulator does not bind parameters inside scripts). The side table expires within the hour
        should the drop fail.
        """
        table = spec.name
        side = f"_{purpose}_{table}_{uuid.uuid4().hex[:12]}"
        side_table = bigquery.Table(self._table_id(side), schema=[
            bigquery.SchemaField(c.name, c.type, mode="NULLABLE") for c in spec.columns])
        side_table.expires = datetime.now(UTC) + timedelta(hours=1)
        self.client.create_table(side_table)
        try:
            self.load_file(self._table_id(side), io.BytesIO(parquet))
            cols = ", ".join(_quote(c) for c in spec.column_names)
            where = f" WHERE {keep}" if keep else ""
            script = (
                "BEGIN TRANSACTION;\n"
                f"DELETE FROM {_quote(table)} t WHERE EXISTS (SELECT 1 FROM {_quote(side)} i WHERE {match})"
                f"{f' OR {also_delete}' if also_delete else ''};\n"
                f"INSERT INTO {_quote(table)} ({cols}) SELECT {cols} FROM {_quote(side)} i{where};\n"
                "COMMIT TRANSACTION;"
            )
            self._run(script, None).result()
            if not keep:
                return 0
            # a row kept out stays older than the stored version; a row written is now the stored version
            counted = self._run(f"SELECT COUNT(*) AS n FROM {_quote(side)} i WHERE {keep}", None).result()
            return int(next(iter(counted))["n"])
        finally:
            self.client.delete_table(self._table_id(side), not_found_ok=True)

    def _run(self, sql: str, params: Mapping[str, Any] | None) -> bigquery.QueryJob:
        config = bigquery.QueryJobConfig(default_dataset=self._dataset_ref,
                                         query_parameters=query_parameters(params or {}))
        return self.client.query(sql, job_config=config, location=self.location)

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run BigQuery SQL with ``@named`` parameters; the result as a DataFrame."""
        result = self._run(sql, params).result()
        return result.to_arrow(create_bqstorage_client=False).to_pandas()

    def render(self, statement: Expression) -> str:
        """``statement`` in BigQuery's dialect (parameters as ``@name``)."""
        return rendered(statement, "bigquery")

    def run(self, statement: Expression, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run a sqlglot expression compiled for BigQuery."""
        return self.query(self.render(statement), params)

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run a DML statement; returns affected rows where BigQuery reports them."""
        job = self._run(sql, params)
        job.result()
        return int(job.num_dml_affected_rows or 0)
