"""Review texts' readings (``review_scores``) and accurate-head scores (``review_accurate_scores``), kept by key.

A row is keyed by the tenant, the hash of the text read and the scorer's version (the accurate model's for the
second table); writing the same rows again replaces them (one row per key), so a re-run of processing or of a
question converges. Reads are chunked so one statement never binds more than :data:`KEYS_PER_READ` keys (BigQuery
limits a request's size).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache

import pandas as pd
from sqlglot import exp

from shared.ports import Warehouse
from shared.store.statements import col, in_array, param, read, tenant_predicate

TABLE = "review_scores"
KEYS = ["tenant_id", "scorer", "text_key"]
#: Columns of a reading as stored, besides the keys and ``scored_at``.
READING_COLUMNS = ("lexicon_score", "evidence", "fast_score", "aspects", "terms", "topic_words", "requests", "readable")
ACCURATE_TABLE = "review_accurate_scores"
#: Text keys bound to one read at most (20,000 keys are ~0.7 MB of parameters).
KEYS_PER_READ = 20_000


@cache
def _statement(table: str, columns: tuple[str, ...]) -> exp.Select:
    return (
        exp.select(col("text_key"), *(col(c) for c in columns))
        .from_(table)
        .where(tenant_predicate(), col("scorer").eq(param("scorer")), in_array(col("text_key"), "keys"))
    )


def _kept(
    warehouse: Warehouse, table: str, columns: tuple[str, ...], tenant_id: str, scorer: str, keys: Sequence[str]
) -> pd.DataFrame:
    distinct = list(dict.fromkeys(keys))
    statement = _statement(table, columns)
    parts = [
        read(warehouse, statement, tenant_id, scorer=scorer, keys=distinct[start : start + KEYS_PER_READ])
        for start in range(0, len(distinct), KEYS_PER_READ)
    ]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=["text_key", *columns])
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def _keep(
    warehouse: Warehouse,
    table: str,
    columns: tuple[str, ...],
    tenant_id: str,
    scorer: str,
    rows: pd.DataFrame,
    now: datetime | None,
) -> int:
    if rows.empty:
        return 0
    stored = rows.drop_duplicates(subset=["text_key"], keep="last").assign(
        tenant_id=tenant_id, scorer=scorer, scored_at=now or datetime.now(UTC)
    )
    return warehouse.upsert(table, stored[[*KEYS, *columns, "scored_at"]], KEYS)


def kept_readings(warehouse: Warehouse, tenant_id: str, scorer: str, keys: Sequence[str]) -> pd.DataFrame:
    """The tenant's kept readings by ``scorer`` of the texts ``keys`` (columns ``text_key`` + the reading's)."""
    return _kept(warehouse, TABLE, READING_COLUMNS, tenant_id, scorer, keys)


def keep_readings(
    warehouse: Warehouse, tenant_id: str, scorer: str, rows: pd.DataFrame, now: datetime | None = None
) -> int:
    """Store readings (columns ``text_key`` + the reading's) for the tenant; a key stored already is replaced."""
    return _keep(warehouse, TABLE, READING_COLUMNS, tenant_id, scorer, rows, now)


def kept_accurate_scores(warehouse: Warehouse, tenant_id: str, scorer: str, keys: Sequence[str]) -> pd.DataFrame:
    """The tenant's kept accurate-head scores by the model version ``scorer`` (columns ``text_key``, ``score``)."""
    return _kept(warehouse, ACCURATE_TABLE, ("score",), tenant_id, scorer, keys)


def keep_accurate_scores(
    warehouse: Warehouse, tenant_id: str, scorer: str, rows: pd.DataFrame, now: datetime | None = None
) -> int:
    """Store accurate-head scores (columns ``text_key``, ``score``) for the tenant; a key stored is replaced."""
    return _keep(warehouse, ACCURATE_TABLE, ("score",), tenant_id, scorer, rows, now)
