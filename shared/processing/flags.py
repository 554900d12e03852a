"""The changes processing applies to a batch, held per change (not per row) and written as ``quality_flags``.

A change such as "revenue derived from price x units" touches most rows of a file that has no revenue
column. Holding one ``{"field", "action", "from", "to"}`` dict per row and re-encoding every row's JSON
cost more than the rest of processing, so each change is kept once with the rows it touched and their
values (``FlagColumn``), rendered to JSON text per distinct value, and appended to each row's ingest flags
by text. The result is byte for byte what ``lineage.merge_flags`` writes for the same flags (a property
test holds the two equal); rows whose stored flags already hold processing flags take that exact path.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from shared.processing.lineage import QualityFlagDict, flag, json_value, merge_flags

#: Per-row values of a change: a list, or a float64 array (rendered without a Python object per value).
Values = Sequence[Any] | np.ndarray


@dataclass(frozen=True)
class FlagColumn:
    """One change applied to many rows: the rows' index labels and each row's value before and after."""

    field: str
    action: str
    index: pd.Index
    before: Values | None = None  # None: null for every row
    after: Values | None = None

    @property
    def key(self) -> str:
        """``field:action``, the name the change is counted under."""
        return f"{self.field}:{self.action}"


def _value_text(value: Any) -> str:
    """``value`` as ``json.dumps(flag(...), default=str)`` writes it."""
    return json.dumps(json_value(value), default=str)


def _float_text(value: float) -> str:
    if math.isnan(value):
        return "null"  # a NaN is a missing value in a flag
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _texts(values: Values | None, n: int) -> list[str]:
    """The JSON text of each value (floats through their ``repr``, others once per distinct value)."""
    if values is None:
        return ["null"] * n
    if isinstance(values, np.ndarray | pd.Series) and np.asarray(values).dtype == np.float64:
        return [_float_text(v) for v in np.asarray(values).tolist()]
    cache: dict[tuple[type, Any], str] = {}
    out = []
    for v in values:
        try:
            # 0.0 == -0.0 (and 1 == 1.0 == True, told apart by the type): a float is keyed by its repr
            key = (type(v), repr(v) if isinstance(v, float) else v)
            text = cache.get(key)
            if text is None:
                text = cache[key] = _value_text(v)
        except TypeError:  # unhashable
            text = _value_text(v)
        out.append(text)
    return out


class BatchFlags:
    """The changes applied to one batch, in the order they were applied."""

    def __init__(self) -> None:
        """No changes yet."""
        self.columns: list[FlagColumn] = []

    def add(self, field: str, action: str, index: Iterable[Any], before: Values | None = None,
            after: Values | None = None) -> None:
        """Record ``field``/``action`` on the rows ``index`` (``before``/``after`` per row, or null)."""
        labels = pd.Index(index)
        if len(labels):
            self.columns.append(FlagColumn(field, action, labels, before, after))

    def extend(self, other: BatchFlags) -> None:
        """Append ``other``'s changes after these."""
        self.columns.extend(other.columns)

    def counts(self) -> Counter[str]:
        """How many rows each ``field:action`` touched."""
        counts: Counter[str] = Counter()
        for column in self.columns:
            counts[column.key] += len(column.index)
        return counts

    def per_row(self) -> dict[Any, list[QualityFlagDict]]:
        """Each flagged row's flags as dicts, in order (the shape ``merge_flags`` takes)."""
        rows: dict[Any, list[QualityFlagDict]] = {}
        for column in self.columns:
            n = len(column.index)
            before = column.before if column.before is not None else [None] * n
            after = column.after if column.after is not None else [None] * n
            for label, b, a in zip(column.index, before, after, strict=True):
                rows.setdefault(label, []).append(flag(column.field, column.action, b, a))
        return rows

    def _fragments(self, index: pd.Index) -> pd.Series | None:
        """Per row of ``index``, its flags' JSON texts joined by ``, `` (null when unflagged).

        ``None`` when two changes share a field and action (a row could repeat a flag: the exact path drops
        repeats).
        """
        if len({(c.field, c.action) for c in self.columns}) < len(self.columns):
            return None
        joined = pd.Series(None, index=index, dtype=object)
        for column in self.columns:
            n = len(column.index)
            head = f'{{"field": {json.dumps(column.field)}, "action": {json.dumps(column.action)}, "from": '
            texts = [f'{head}{b}, "to": {a}}}' for b, a in zip(_texts(column.before, n), _texts(column.after, n),
                                                                 strict=True)]
            fragment = pd.Series(texts, index=column.index, dtype=object).reindex(index)
            both = joined.notna() & fragment.notna()
            joined = joined.where(~both, joined + ", " + fragment).where(joined.notna(), fragment)
        return joined

    def merged_into(self, existing: pd.Series) -> pd.Series:
        """``existing`` (each row's ``quality_flags`` JSON text, or null) with these flags appended.

        Same text as ``merge_flags(existing, flags)`` row by row; unflagged rows keep their text (null
        when it is not text).
        """
        kept = existing.where(existing.map(lambda v: isinstance(v, str)), None).astype(object)
        joined = self._fragments(existing.index) if existing.index.is_unique else None
        if joined is None:
            return self._merged_row_by_row(existing)
        flagged = joined.notna()
        if not flagged.any():
            return kept
        cache: dict[str, str | None] = {}
        prefix = existing[flagged].map(lambda v: _prefix(v, cache))
        exact = prefix.isna()
        out = kept.copy()
        out[flagged] = prefix.where(~exact, "") + joined[flagged] + "]"
        if exact.any():  # stored flags already hold dicts: the exact path checks for repeats
            per_row = self.per_row()
            for label in prefix.index[exact]:
                out[label] = merge_flags(existing[label], per_row[label])
        return out

    def _merged_row_by_row(self, existing: pd.Series) -> pd.Series:
        per_row = self.per_row()
        return pd.Series([merge_flags(before, per_row[label]) if label in per_row
                          else (before if isinstance(before, str) else None)
                          for label, before in existing.items()], index=existing.index, dtype=object)


def _current(before: Any) -> list[Any]:
    """The stored flags as ``merge_flags`` reads them."""
    if not (isinstance(before, str) and before.strip()):
        return []
    try:
        parsed = json.loads(before)
    except json.JSONDecodeError:
        parsed = [{"field": None, "action": "unparsed_flags", "from": before, "to": None}]
    return parsed if isinstance(parsed, list) else [parsed]


def _prefix(before: Any, cache: dict[str, str | None]) -> str | None:
    """The stored flags' JSON up to where new flags go (``[`` or ``[..., ``); ``None`` if they hold dicts."""
    key = before if isinstance(before, str) else ""
    if key not in cache:
        current = _current(before)
        if any(isinstance(item, dict) for item in current):
            cache[key] = None
        else:
            cache[key] = json.dumps(current, default=str)[:-1] + (", " if current else "")
    return cache[key]
