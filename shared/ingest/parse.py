"""Vectorised parsing of CSV text cells into typed columns: text, numbers/money, booleans, dates.

Every parser takes a column of raw strings (``""`` for an empty cell) and returns a ``Parsed``: typed
values (NA where the cell is empty or unparseable) and, per cell, the reason it could not be parsed.
File-level choices (decimal comma, day/month order) are decided from the data by the ``decide_*``
functions and then applied to every chunk of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

DateOrder = Literal["dmy", "mdy"]

_CURRENCY = r"(?:[A-Za-z]{3}|[$€£¥])"
_NUMBER_SHAPE = re.compile(
    rf"^{_CURRENCY}?\s*(?P<sign>[-+]?)\s*{_CURRENCY}?\s*(?P<digits>\d[\d.,'\u00a0\u202f ]*)\s*{_CURRENCY}?$"
)
_PAREN = re.compile(r"^\(.*\)$")
_TRUE = {"yes", "true", "1", "y", "t"}
_FALSE = {"no", "false", "0", "n", "f"}
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
_YMD = rf"^(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}}){_TIME}$"
_XXY = rf"^(?P<a>\d{{1,2}})[-/.](?P<b>\d{{1,2}})[-/.](?P<y>\d{{4}}){_TIME}$"
_MAX_EXACT = 2.0**53


@dataclass
class Parsed:
    """Typed values plus a per-cell error reason (``None`` where the cell parsed or was empty)."""

    values: pd.Series
    errors: pd.Series

    @property
    def bad(self) -> pd.Series:
        """Mask of cells that could not be parsed."""
        return self.errors.notna()


def _errors(mask: pd.Series | np.ndarray, reason: str, index: pd.Index) -> pd.Series:
    out = np.full(len(index), None, dtype=object)
    out[np.asarray(mask, dtype=bool)] = reason
    return pd.Series(out, index=index, dtype="object")


def _stripped(raw: pd.Series) -> pd.Series:
    return raw.astype(object).fillna("").astype(str).str.strip()


def parse_text(raw: pd.Series) -> Parsed:
    """Strip whitespace; empty cells become missing."""
    s = _stripped(raw)
    values = s.where(s != "", None).astype(object)
    return Parsed(values, pd.Series(None, index=raw.index, dtype=object))


def parse_bool(raw: pd.Series) -> Parsed:
    """``yes/no/true/false/1/0/y/n/t/f`` in any case."""
    s = _stripped(raw).str.lower()
    missing = s == ""
    true = s.isin(_TRUE)
    false = s.isin(_FALSE)
    values = pd.Series(pd.array(np.where(true, True, False), dtype="boolean"), index=raw.index)
    values[~(true | false)] = pd.NA
    bad = ~(true | false | missing)
    return Parsed(values, _errors(bad, "not a yes/no value", raw.index))


def _decimal_evidence(values: pd.Series) -> bool | None:
    s = values[values != ""]
    comma = s.str.contains(r"\d,\d{1,2}\s*\D*$|\d\.\d{3},\d", regex=True)
    dot = s.str.contains(r"\d\.\d{1,2}\s*\D*$|\d,\d{3}\.\d", regex=True)
    if bool(comma.any()) and not bool(dot.any()):
        return True
    if bool(dot.any()) and not bool(comma.any()):
        return False
    return None


def decide_decimal_comma(columns: Iterable[pd.Series], delimiter: str) -> bool:
    """Whether a file writes decimals with a comma (``1.299,00``), from its numeric columns' values.

    Unambiguous values decide (``12,50`` vs ``12.50``); with no evidence a ``;``-delimited file is taken
    as decimal-comma (the usual European export) and any other as decimal-point.
    """
    votes = [v for v in (_decimal_evidence(_stripped(c)) for c in columns) if v is not None]
    if votes:
        return sum(votes) > len(votes) / 2
    return delimiter == ";"


def parse_number(raw: pd.Series, *, decimal_comma: bool, integer: bool = False) -> Parsed:
    """Numbers and money: ``$1,299.00``, ``1.299,00 €``, ``EUR 12,50``, ``-3``; ``(12.00)`` is refused.

    A value with both separators takes the last one as the decimal mark; a lone separator is read per
    ``decimal_comma`` (``1,299`` is 1299 in a decimal-point file and 1.299 in a decimal-comma one).
    """
    s = _stripped(raw)
    idx = raw.index
    missing = s == ""
    paren = s.str.match(_PAREN)
    parts = s.str.extract(_NUMBER_SHAPE)
    digits = parts["digits"].fillna("").astype(object).astype(str).str.replace(r"['\u00a0\u202f ]", "", regex=True)
    sign = parts["sign"].fillna("").astype(object).astype(str)
    has_c = digits.str.contains(",", regex=False)
    has_p = digits.str.contains(".", regex=False)
    last_c = digits.str.rfind(",")
    last_p = digits.str.rfind(".")
    comma_thousands = digits.str.fullmatch(r"\d{1,3}(?:,\d{3})+")
    dot_thousands = digits.str.fullmatch(r"\d{1,3}(?:\.\d{3})+")
    comma_dec = (has_c & has_p & (last_c > last_p)) | (has_c & ~has_p & (~comma_thousands | decimal_comma))
    dots_are_thousands = (~has_c & has_p & dot_thousands & decimal_comma) | comma_dec
    normal = digits
    normal = normal.where(~dots_are_thousands, normal.str.replace(".", "", regex=False))
    normal = normal.where(~comma_dec, normal.str.replace(",", ".", regex=False))
    normal = normal.where(comma_dec, normal.str.replace(",", "", regex=False))
    well_formed = normal.str.fullmatch(r"\d+(?:\.\d+)?")
    number = pd.to_numeric(sign + normal, errors="coerce").where(well_formed & ~missing & ~paren)
    bad_shape = ~missing & ~paren & number.isna()
    reasons = _errors(bad_shape, "not a number", idx)
    reasons = reasons.where(~paren, "negative amount in parentheses")
    if integer:
        fractional = number.notna() & ((number % 1) != 0)
        too_big = number.notna() & (number.abs() > _MAX_EXACT)
        reasons = reasons.where(~fractional, "not a whole number").where(~too_big, "number too large")
        number = number.where(~(fractional | too_big))
        values: pd.Series = number.round(0).astype("Float64").astype("Int64")
    else:
        values = number.astype("float64")
    return Parsed(values, reasons)


def decide_date_order(raw: pd.Series, *, default: DateOrder = "mdy") -> DateOrder | None:
    """``dmy`` or ``mdy`` for a column's ``a/b/yyyy`` dates, or ``None`` when nothing here decides it.

    A first number over 12 proves day-first, a second over 12 proves month-first; when both occur the
    majority wins (the minority rows are then rejected as invalid dates).
    """
    parts = _stripped(raw).str.extract(_XXY).dropna()
    if parts.empty:
        return None
    a = parts["a"].astype(int)
    b = parts["b"].astype(int)
    dmy, mdy = int((a > 12).sum()), int((b > 12).sum())
    if dmy == mdy == 0:
        return None
    return "dmy" if dmy >= mdy else "mdy"


def parse_date(raw: pd.Series, *, order: DateOrder = "mdy") -> Parsed:
    """ISO dates (``2024-01-02``, ``2024-01-02T10:00:00Z``: the date as written) and ``a/b/yyyy`` per ``order``."""
    s = _stripped(raw)
    idx = raw.index
    missing = s == ""
    iso = s.str.extract(_YMD)
    xxy = s.str.extract(_XXY)
    day_first = order == "dmy"
    year = iso["y"].fillna(xxy["y"])
    month = iso["m"].fillna(xxy["b"] if day_first else xxy["a"])
    day = iso["d"].fillna(xxy["a"] if day_first else xxy["b"])
    parts = pd.DataFrame({
        "year": pd.to_numeric(year, errors="coerce"),
        "month": pd.to_numeric(month, errors="coerce"),
        "day": pd.to_numeric(day, errors="coerce"),
    })
    ok = parts.notna().all(axis=1)
    values = pd.Series(pd.NaT, index=idx, dtype="datetime64[s]")
    if bool(ok.any()):
        good = parts[ok].astype("int64")
        values[ok] = pd.to_datetime(good, errors="coerce").astype("datetime64[s]")
    bad = ~missing & values.isna()
    return Parsed(values, _errors(bad, "not a valid date", idx))
