"""Lineage: record keys and the ``quality_flags`` JSON list that says what processing changed in a row."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from shared.ingest.lineage import content_digests, hex_digests
from shared.ingest.lines import sales_key_digests
from shared.ingest.sales import line_kind
from shared.models.records import RECORD_MODELS, DataKind

#: One change applied to a row: ``{"field", "action", "from", "to"}``.
QualityFlagDict = dict[str, Any]


def flag(field: str, action: str, before: Any, after: Any) -> QualityFlagDict:
    """A quality flag ``{"field", "action", "from", "to"}`` with JSON-safe values."""
    return {"field": field, "action": action, "from": json_value(before), "to": json_value(after)}


def json_value(value: Any) -> Any:
    """``value`` as a flag stores it: NaN as null, dates as ISO text, numpy scalars as Python values."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


MISSING = "\x00"
SEPARATOR = "\x1f"


def canonical_text(value: Any) -> str:
    """A key value in the canonical text form ingestion hashes (``shared.ingest.lineage``).

    Text as is, integers in decimal, floats via ``repr``, dates ``YYYY-MM-DD``, booleans ``true/false``,
    missing as NUL.
    """
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and value != value):
        return MISSING
    if isinstance(value, pd.Timestamp | datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        return canonical_text(value.item())
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _digest(parts: Sequence[str]) -> str:
    return hashlib.blake2b(SEPARATOR.join(parts).encode(), digest_size=16).hexdigest()


def record_key(kind: DataKind, values: Mapping[str, Any]) -> str:
    """Hash of the natural key of a record of ``kind`` (newer rows with the same key replace older ones).

    A sales return line (no units sold, units returned or money refunded) adds a ``return`` part.

    Same digest as ingestion's ``record_key`` (BLAKE2b-128 of the canonical key values joined by 0x1F),
    so a row whose SKU needed no rewrite keeps the key it was staged with.
    """
    parts = [canonical_text(values.get(f)) for f in RECORD_MODELS[kind].natural_key]
    kinds: list[str | None] = [None]
    if kind is DataKind.SALES and "units" in values:
        one = pd.Series([values.get("units")])
        kinds = line_kind(one, pd.Series([values.get("returned_units")]), pd.Series([values.get("refund")])).tolist()
    occurrence = canonical_text(values.get("occurrence")) if kind is DataKind.SALES else MISSING
    if occurrence != MISSING:  # a line sold again in its file (``shared.ingest.lines.SALES_KEY``)
        parts += [kinds[0] or MISSING, str(int(float(occurrence)))]
    elif kinds[0]:
        parts.append(kinds[0])
    return _digest(parts)


def record_keys(kind: DataKind, frame: pd.DataFrame) -> list[str]:
    """``record_key`` for every row of ``frame``, vectorised with ingestion's own digest (Arrow canonical text).

    A sales line's key is ingestion's own (``shared.ingest.lines.sales_key_digests``): a return line adds a
    ``return`` part, so a return never replaces the sale line of the same order line, and a line sold again in its
    file its ``occurrence``. Key fields are text and dates; a float key
    field (none today) falls back to the per-value encoding of :func:`record_key`.
    """
    key = list(RECORD_MODELS[kind].natural_key)
    if len(frame) == 0:
        return []
    columns = {f: frame[f] if f in frame.columns else pd.Series(None, index=frame.index, dtype=object) for f in key}
    if any(pd.api.types.is_float_dtype(c.dtype) for c in columns.values()):
        return [record_key(kind, {str(k): v for k, v in row.items()}) for row in frame.to_dict("records")]
    if kind is DataKind.SALES:
        return list(hex_digests(sales_key_digests(frame)).to_pylist())
    parts = pd.DataFrame(columns, index=frame.index)
    return list(hex_digests(content_digests(parts, key)).to_pylist())


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
