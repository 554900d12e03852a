"""Warehouse tables, derived from the record models so a schema lives in exactly one place.

``infra/bigquery/<table>.json`` is generated from here (``make schemas``) and a test checks it is current;
the DuckDB adapter builds its DDL from the same specs.
"""

from __future__ import annotations

import pathlib
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from shared.models.records import RECORD_MODELS, DataKind, Record

BqType = Literal["STRING", "INT64", "FLOAT64", "BOOL", "DATE", "TIMESTAMP", "JSON"]


@dataclass(frozen=True)
class Column:
    """One warehouse column in BigQuery terms."""

    name: str
    type: BqType
    mode: Literal["NULLABLE", "REQUIRED"] = "NULLABLE"
    description: str = ""


@dataclass(frozen=True)
class TableSpec:
    """A warehouse table: columns plus the partitioning/clustering used on BigQuery."""

    name: str
    columns: tuple[Column, ...]
    partition_field: str | None = None
    cluster_fields: tuple[str, ...] = ("tenant_id",)
    description: str = ""
    expiration_days: int | None = field(default=None)

    @property
    def column_names(self) -> list[str]:
        """Column names in table order."""
        return [c.name for c in self.columns]

    def bigquery_schema(self) -> list[dict[str, str]]:
        """The table's schema as BigQuery's JSON schema format."""
        return [
            {"name": c.name, "type": c.type, "mode": c.mode, "description": c.description} for c in self.columns
        ]


_PY_TO_BQ: dict[type, BqType] = {
    str: "STRING", int: "INT64", float: "FLOAT64", bool: "BOOL", date: "DATE", datetime: "TIMESTAMP",
}

LINEAGE_COLUMNS: tuple[Column, ...] = (
    Column("tenant_id", "STRING", "REQUIRED", "Owning tenant; every query filters on it."),
    Column("ingestion_id", "STRING", "REQUIRED", "Ingestion that produced this row."),
    Column("source_uri", "STRING", "NULLABLE", "gs:// URI (or local equivalent) of the raw file."),
    Column("source_row", "INT64", "NULLABLE", "1-based data row number in the raw file."),
    Column("row_hash", "STRING", "REQUIRED", "Hash of the normalised record content (duplicate detection)."),
    Column("record_key", "STRING", "REQUIRED", "Hash of the natural key (newer versions replace older)."),
    Column("ingested_at", "TIMESTAMP", "REQUIRED", "When the row was staged."),
    Column("quality_flags", "STRING", "NULLABLE", "JSON list of changes/defaults applied, for lineage."),
)

REVIEW_EXTRA: tuple[Column, ...] = (
    Column("spam_score", "FLOAT64", "NULLABLE", "0-1 likelihood the review is spam or fake."),
    Column("spam_reasons", "STRING", "NULLABLE", "JSON list of spam signals that fired."),
)


def _bq_type(annotation: object) -> tuple[BqType, bool]:
    """Map a pydantic field annotation to a BigQuery type and whether it is optional."""
    optional = False
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        optional = len(non_none) != len(args)
        annotation = non_none[0]
    if not isinstance(annotation, type) or annotation not in _PY_TO_BQ:
        raise TypeError(f"no BigQuery type for {annotation!r}")
    return _PY_TO_BQ[annotation], optional


def record_columns(model: type[Record]) -> tuple[Column, ...]:
    """Columns for the fields of a record model, in declaration order."""
    cols = []
    for name, info in model.model_fields.items():
        bq, optional = _bq_type(info.annotation)
        required = info.is_required() and not optional
        cols.append(Column(name, bq, "REQUIRED" if required else "NULLABLE", info.description or ""))
    return tuple(cols)


def _kind_tables(kind: DataKind) -> list[TableSpec]:
    model = RECORD_MODELS[kind]
    extra = REVIEW_EXTRA if kind is DataKind.REVIEWS else ()
    columns = record_columns(model) + LINEAGE_COLUMNS + extra
    partition = "date" if "date" in model.model_fields else None
    return [
        TableSpec(f"stg_{kind.value}", columns, "ingested_at", ("tenant_id", "ingestion_id"),
                  f"Validated {kind.value} rows as staged by ingestion, before processing.", expiration_days=30),
        TableSpec(kind.value, columns, partition, ("tenant_id", "sku"),
                  f"Processed {kind.value}: normalised, deduplicated, one row per natural key."),
    ]


REJECTS = TableSpec(
    "rejects",
    (
        Column("tenant_id", "STRING", "REQUIRED"),
        Column("ingestion_id", "STRING", "REQUIRED"),
        Column("kind", "STRING", "REQUIRED"),
        Column("source_uri", "STRING"),
        Column("row_number", "INT64", "REQUIRED", "1-based data row number in the raw file."),
        Column("column", "STRING", "NULLABLE", "Column at fault, when one is."),
        Column("reason", "STRING", "REQUIRED", "Why the row was rejected."),
        Column("raw", "STRING", "NULLABLE", "The raw row text as read."),
        Column("file_checksum", "STRING", "REQUIRED"),
        Column("rejected_at", "TIMESTAMP", "REQUIRED"),
    ),
    "rejected_at",
    ("tenant_id", "kind"),
    "Every row ingestion could not accept, with its reason: nothing sent is lost.",
)

TABLES: dict[str, TableSpec] = {t.name: t for kind in DataKind for t in _kind_tables(kind)}
TABLES[REJECTS.name] = REJECTS


def register_table(spec: TableSpec) -> TableSpec:
    """Add a table owned by another core (agent outputs, audit log, ...) to the warehouse schema.

    Call it at import time of ``shared/<domain>/tables.py``; ``all_tables()`` imports every such module.
    """
    TABLES[spec.name] = spec
    return spec


def all_tables() -> dict[str, TableSpec]:
    """Every table: the record tables above plus those registered by ``shared/<domain>/tables.py`` modules."""
    import importlib
    import pkgutil

    import shared

    for mod in pkgutil.iter_modules(shared.__path__):
        if mod.ispkg and (pathlib.Path(shared.__path__[0]) / mod.name / "tables.py").exists():
            importlib.import_module(f"shared.{mod.name}.tables")
    return TABLES
