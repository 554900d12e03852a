"""Lineage: record keys and the ``quality_flags`` JSON list that says what processing changed in a row."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from shared.models.records import RECORD_MODELS, DataKind

#: One change applied to a row: ``{"field", "action", "from", "to"}``.
QualityFlagDict = dict[str, Any]


def flag(field: str, action: str, before: Any, after: Any) -> QualityFlagDict:
    """A quality flag ``{"field", "action", "from", "to"}`` with JSON-safe values."""
    return {"field": field, "action": action, "from": _json_value(before), "to": _json_value(after)}


def _json_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _key_part(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def record_key(kind: DataKind, values: Mapping[str, Any]) -> str:
    """Hash of the natural key of a record of ``kind`` (newer rows with the same key replace older ones)."""
    fields = RECORD_MODELS[kind].natural_key
    payload = json.dumps([kind.value, *[_key_part(values.get(f)) for f in fields]], separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def record_keys(kind: DataKind, frame: pd.DataFrame) -> list[str]:
    """``record_key`` for every row of ``frame`` (same values as ``record_key``, encoded per distinct value)."""
    fields = RECORD_MODELS[kind].natural_key
    encoded_columns = []
    for f in fields:
        values = frame[f].tolist() if f in frame.columns else [None] * len(frame)
        cache: dict[Any, str] = {}
        column = []
        for v in values:
            try:
                part = cache[v]
            except (KeyError, TypeError):
                part = json.dumps(_key_part(v))
                try:
                    cache[v] = part
                except TypeError:
                    pass
            column.append(part)
        encoded_columns.append(column)
    head = json.dumps(kind.value)
    return [hashlib.sha256(f"[{head},{','.join(parts)}]".encode()).hexdigest()
            for parts in zip(*encoded_columns, strict=True)]


def merge_flags(existing: Any, added: Sequence[QualityFlagDict]) -> str | None:
    """The row's ``quality_flags`` JSON with ``added`` appended (ingest's own flags are kept)."""
    current: list[Any] = []
    if isinstance(existing, str) and existing.strip():
        try:
            parsed = json.loads(existing)
        except json.JSONDecodeError:
            parsed = [{"field": None, "action": "unparsed_flags", "from": existing, "to": None}]
        current = parsed if isinstance(parsed, list) else [parsed]
    if not added:
        return existing if isinstance(existing, str) else (json.dumps(current) if current else None)
    # Re-processing the same staged row must not duplicate flags.
    for f in added:
        if f not in current:
            current.append(f)
    return json.dumps(current, default=str)
