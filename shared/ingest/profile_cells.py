r"""Cells as a native export writes them, made plain before parsing: NULL markers, labels, made-up titles, weights.

A profile (``shared.ingest.headers.ExportProfile``) says how its export writes some cells: MySQL's ``\\N`` for an
empty cell (Pakistan's E-Commerce Dataset), a store's bare number that is the channel ``store 44`` (Favorita), a
title the catalogue never publishes (``item 96995``), quantities of goods sold by weight (``1.345`` kg). These run
on a chunk's mapped text columns, vectorised, before the fields are parsed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from shared import regex as re
from shared.ingest.headers import ProfileCells
from shared.ingest.parse import Parsed, parse_number

#: Quality flag of a row whose fractional quantity (a weight) was rounded to whole units.
ROUNDED_FLAG = "units:rounded"
_FIELD = re.compile(r"\{(\w+)\}")


def apply_cells(raw: pd.DataFrame, cells: ProfileCells) -> pd.DataFrame:
    """``raw`` (source text per mapped field) with the profile's missing markers, labels and templates applied."""
    if cells.missing:
        marked = {c: raw[c].astype(object).where(~raw[c].astype(str).str.strip().isin(cells.missing), None)
                  for c in raw.columns}
        raw = raw.assign(**marked)
    for field, prefix in cells.prefixes:
        if field in raw:
            text = raw[field].astype(object)
            filled = text.notna() & (text.astype(str).str.strip() != "")
            raw = raw.assign(**{field: text.where(~filled, prefix + text.astype(str).str.strip())})
    for field, codes in cells.codes:  # a documented code read as the word it stands for
        if field in raw:
            raw = raw.assign(**{field: _decoded(raw[field], dict(codes))})
    for field, template in cells.templates:
        if field in raw:
            continue
        made = pd.Series(template, index=raw.index, dtype=object)
        usable = pd.Series(True, index=raw.index)
        for name in _FIELD.findall(template):
            value = raw[name].astype(object) if name in raw else pd.Series(None, index=raw.index, dtype=object)
            present = value.notna() & (value.astype(str).str.strip() != "")
            usable &= present
            made = _substitute(made, "{" + name + "}", value.where(present, "").astype(str).str.strip())
        raw = raw.assign(**{field: made.where(usable, None)})
    return raw


def _decoded(cells: pd.Series, words: dict[str, str]) -> pd.Series:
    """``cells`` with each documented code replaced by its word (other cells as they are)."""
    text = cells.astype(object)
    return text.map(lambda v: words.get(v.strip(), v) if isinstance(v, str) else v)


def _substitute(texts: pd.Series, placeholder: str, values: pd.Series) -> pd.Series:
    """Each text with ``placeholder`` replaced by the row's value."""
    return pd.Series([t.replace(placeholder, v) for t, v in zip(texts, values, strict=True)], index=texts.index,
                     dtype=object)


@dataclass(frozen=True)
class WholeUnits:
    """Quantities read as whole units: the parse, and which rows were rounded from a fraction."""

    parsed: Parsed
    rounded: np.ndarray


def whole_units(raw: pd.Series, *, decimal_comma: bool) -> WholeUnits:
    """Quantities that may be fractional (goods sold by weight) as whole units, rounded half away from zero.

    The record holds whole units; a weighed quantity (``180.589`` kg) is stored as its nearest whole number and its
    row flagged (``units:rounded``), never refused. What is not a number is refused as before.
    """
    number = parse_number(raw, decimal_comma=decimal_comma)
    values = np.asarray(number.values.to_numpy(dtype="float64", na_value=np.nan), dtype="float64")
    with np.errstate(invalid="ignore"):
        rounded = ~np.isnan(values) & (np.mod(values, 1) != 0)
        whole = np.sign(values) * np.floor(np.abs(values) + 0.5)
    missing = np.isnan(whole)
    ints = pd.arrays.IntegerArray(np.where(missing, 0, whole).astype("int64"), missing)
    return WholeUnits(Parsed(pd.Series(ints, index=raw.index), number.errors), rounded)


def with_rounded(flags: pd.Series, rows: np.ndarray) -> pd.Series:
    """``flags`` (JSON lists) with ``units:rounded`` added on ``rows``."""
    if not rows.any():
        return flags
    values = flags.astype(object).to_numpy(copy=True)
    plain = rows & (values == "[]")
    values[plain] = json.dumps([ROUNDED_FLAG])
    for pos in np.flatnonzero(rows & ~plain):
        values[pos] = json.dumps([*json.loads(values[pos]), ROUNDED_FLAG])
    return pd.Series(values, index=flags.index, dtype=flags.dtype)


def blank_rows(frame: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """Which of ``rows`` have every cell empty (a spreadsheet saved as CSV writes its empty rows as ``,,,,``)."""
    if not rows.any():
        return rows
    picked = frame[rows]
    empty = np.ones(len(picked), dtype=bool)
    for column in picked.columns:
        cells = picked[column]
        empty &= (cells.isna() | (cells.astype(str).str.strip() == "")).to_numpy()
    out = np.zeros(len(frame), dtype=bool)
    out[np.flatnonzero(rows)[empty]] = True
    return out
