"""Vectorised parsing of CSV text cells into typed columns: text, numbers/money, booleans, dates.

Every parser takes a column of raw strings (``""`` or NA for an empty cell) and returns a ``Parsed``:
typed values (NA where the cell is empty or unparseable) and, per cell, the reason it could not be
parsed. The work is done by Arrow compute kernels (no Python per cell). File-level choices (decimal
comma, day/month order) are decided from the data by the ``decide_*`` functions and then applied to
every chunk of the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from shared import regex as re
from shared.ingest.localised import MONTHS
from shared.money import amounts_currency, normalise_amounts

DateOrder = Literal["dmy", "mdy"]

_TRUE = ["yes", "true", "1", "y", "t"]
_FALSE = ["no", "false", "0", "n", "f"]
#: a time after the date (only the date is kept): ``14:15``, ``2:15 PM``, ``14:15:00.123+01:00``, ``... UTC``; after a
#: comma too (Kickstarter's backer report: ``2024/03/05, 14:22``)
_TIME = (r"(?:(?:[T ]|,\s*)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*"
         r"(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?")
_YMD = rf"^(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}}){_TIME}$"
_XXY = rf"^(?P<a>\d{{1,2}})[-/.](?P<b>\d{{1,2}})[-/.](?P<y>\d{{4}}){_TIME}$"
#: ``a-b-yy`` and ``a/b/yy``: a two-digit year (Amazon India's Sale Report: ``04-30-22``; Etsy's order exports:
#: ``12/31/24``), read in the file's day/month order like ``a/b/yyyy``
_XXYY = rf"^(?P<a>\d{{1,2}})[-/](?P<b>\d{{1,2}})[-/](?P<y>\d{{2}}){_TIME}$"
_MAX_EXACT = 2.0**53

Arrow = Any  # pa.Array | pa.ChunkedArray (pyarrow ships no type stubs)

#: Unicode White_Space: what pydantic's ``str_strip_whitespace`` (Rust ``str::trim``) removes. Python's
#: ``str.strip()`` would also remove U+001C..U+001F, pydantic does not.
WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + \
    "\u2028\u2029\u202f\u205f\u3000"


@dataclass
class Parsed:
    """Typed values plus a per-cell error reason (``None`` where the cell parsed or was empty)."""

    values: pd.Series
    errors: pd.Series

    @property
    def bad(self) -> pd.Series:
        """Mask of cells that could not be parsed."""
        return self.errors.notna()


def to_arrow(raw: pd.Series) -> Arrow:
    """A string column as an Arrow array (nulls for NA)."""
    return pa.array(raw, type=pa.string(), from_pandas=True)


def string_series(arr: Arrow, index: pd.Index) -> pd.Series:
    """An Arrow string array as a pandas Series with NA for missing."""
    chunked = arr if isinstance(arr, pa.ChunkedArray) else pa.chunked_array([arr], type=pa.string())
    return pd.Series(pd.arrays.ArrowStringArray(chunked), index=index)


def _mask(arr: Arrow) -> np.ndarray:
    """A boolean Arrow array as a numpy mask (null -> False)."""
    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)


def _errors(mask: np.ndarray, reason: str, index: pd.Index) -> pd.Series:
    out = np.full(len(index), None, dtype=object)
    out[mask] = reason
    return pd.Series(out, index=index, dtype="object")


def strip(arr: Arrow) -> Arrow:
    """Strip leading/trailing Unicode whitespace exactly as pydantic does."""
    return pc.utf8_trim(arr, characters=WHITESPACE)


def _all_match(arr: Arrow, pattern: str) -> bool:
    """True when every value of ``arr`` matches ``pattern``."""
    return bool(pc.all(pc.match_substring_regex(arr, pattern)).as_py() is not False)


def _trimmed(raw: pd.Series) -> Arrow:
    return pc.fill_null(strip(to_arrow(raw)), "")


def parse_text(raw: pd.Series) -> Parsed:
    """Strip whitespace; empty cells become missing."""
    s = _trimmed(raw)
    values = pc.if_else(pc.equal(s, ""), pa.scalar(None, pa.string()), s)
    return Parsed(string_series(values, raw.index), _errors(np.zeros(len(raw), bool), "", raw.index))


def parse_bool(raw: pd.Series) -> Parsed:
    """``yes/no/true/false/1/0/y/n/t/f`` in any case."""
    s = pc.utf8_lower(_trimmed(raw))
    true = _mask(pc.is_in(s, value_set=pa.array(_TRUE)))
    false = _mask(pc.is_in(s, value_set=pa.array(_FALSE)))
    missing = _mask(pc.equal(s, ""))
    values = pd.arrays.BooleanArray(true, ~(true | false))
    return Parsed(pd.Series(values, index=raw.index), _errors(~(true | false | missing), "not a yes/no value",
                                                               raw.index))


def _decimal_evidence(s: Arrow) -> bool | None:
    comma = bool(pc.any(pc.match_substring_regex(s, r"\d,\d{1,2}\s*\D*$|\d\.\d{3},\d")).as_py())
    dot = bool(pc.any(pc.match_substring_regex(s, r"\d\.\d{1,2}\s*\D*$|\d,\d{3}\.\d")).as_py())
    if comma and not dot:
        return True
    if dot and not comma:
        return False
    return None


def decide_decimal_comma(columns: Iterable[pd.Series], delimiter: str) -> bool:
    """Whether a file writes decimals with a comma (``1.299,00``), from its numeric columns' values.

    Unambiguous values decide (``12,50`` vs ``12.50``); with no evidence a ``;``-delimited file is taken
    as decimal-comma (the usual European export) and any other as decimal-point.
    """
    votes = [v for v in (_decimal_evidence(_trimmed(c)) for c in columns) if v is not None]
    if votes:
        return sum(votes) > len(votes) / 2
    return delimiter == ";"


#: Words written in a number's cell in place of it: no number given
_PLACEHOLDERS = pa.array(["error", "unknown"])


def parse_number(raw: pd.Series, *, decimal_comma: bool, integer: bool = False) -> Parsed:
    """Numbers and money: ``$1,299.00``, ``1.299,00 €``, ``C$12.50``, ``-3``, ``(12.00)`` (-12).

    Read by the one money grammar (``shared.money``); the file's ``decimal_comma`` reads a lone separator
    followed by three digits (``1,299`` is 1299 in a decimal-point file and 1.299 in a decimal-comma one).
    """
    idx = raw.index
    trimmed = _trimmed(raw)
    # a cell a till or spreadsheet wrote over with a placeholder (the dirty Cafe Sales' ERROR, UNKNOWN) gives no number:
    # it is missing (a figure the row's others give is derived from them), not a malformed one
    trimmed = pc.if_else(pc.is_in(pc.utf8_lower(trimmed), value_set=_PLACEHOLDERS), "", trimmed)
    text, malformed = normalise_amounts(trimmed, decimal_comma=decimal_comma)
    number = np.asarray(pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False), dtype="float64")
    reasons = np.full(len(idx), None, dtype=object)
    reasons[malformed] = "not a number"
    if not integer:
        return Parsed(pd.Series(number, index=idx), pd.Series(reasons, index=idx, dtype="object"))
    with np.errstate(invalid="ignore"):
        fractional = ~np.isnan(number) & (np.mod(number, 1) != 0)
        too_big = ~np.isnan(number) & (np.abs(number) > _MAX_EXACT)
    reasons[fractional] = "not a whole number"
    reasons[too_big] = "number too large"
    drop = np.isnan(number) | fractional | too_big
    ints = np.where(drop, 0, number).astype("int64")
    return Parsed(pd.Series(pd.arrays.IntegerArray(ints, drop), index=idx),
                  pd.Series(reasons, index=idx, dtype="object"))


def currency_from_amounts(columns: Iterable[pd.Series]) -> pd.Series:
    """Per row, the currency that the money cells' markers name (``EUR 12,50``, ``12.50 USD``, ``1.299,00 €``).

    ``None`` where no cell names one, where a marker is ambiguous (``$``, ``¥``), or where the cells of a
    row disagree.
    """
    found: pd.Series | None = None
    conflict: np.ndarray | None = None
    for col in columns:
        series = string_series(amounts_currency(_trimmed(col)), col.index)
        if found is None:
            found, conflict = series, np.zeros(len(col), dtype=bool)
            continue
        both = (found.notna() & series.notna()).to_numpy()
        assert conflict is not None
        conflict |= both & (found.fillna("") != series.fillna("")).to_numpy()
        found = found.fillna(series)
    if found is None:
        return pd.Series([], dtype=object)
    assert conflict is not None
    return found.where(~conflict, None)


def decide_date_order(raw: pd.Series) -> DateOrder | None:
    """``dmy`` or ``mdy`` for a column's ``a/b/yyyy`` dates, or ``None`` when nothing here decides it.

    A first number over 12 proves day-first, a second over 12 proves month-first; when both occur the
    majority wins (the minority rows are then rejected as invalid dates).
    """
    first, second, _ = _day_month_year(_trimmed(raw))
    a = pc.cast(first, pa.int32())
    b = pc.cast(second, pa.int32())
    dmy = int(pc.sum(pc.fill_null(pc.greater(a, 12), False)).as_py() or 0)
    mdy = int(pc.sum(pc.fill_null(pc.greater(b, 12), False)).as_py() or 0)
    if dmy == mdy == 0:
        return None
    return "dmy" if dmy >= mdy else "mdy"


def _day_month_year(text: pa.Array) -> tuple[pa.Array, pa.Array, pa.Array]:
    """The ``a``, ``b`` and four-digit year parts of ``a/b/yyyy`` and ``a-b-yy`` cells; nulls elsewhere.

    A two-digit year is 20yy below 70, else 19yy (the POSIX ``%y`` rule).
    """
    long, short = pc.extract_regex(text, _XXY), pc.extract_regex(text, _XXYY)
    yy = pc.struct_field(short, "y")
    year = pc.coalesce(pc.struct_field(long, "y"),
                       pc.binary_join_element_wise(pc.if_else(pc.less(yy, "70"), "20", "19"), yy, ""))
    return (pc.coalesce(pc.struct_field(long, "a"), pc.struct_field(short, "a")),
            pc.coalesce(pc.struct_field(long, "b"), pc.struct_field(short, "b")), year)


def parse_date(raw: pd.Series, *, order: DateOrder = "mdy") -> Parsed:
    """ISO dates (``2024-01-02``; ``2024-01-02T10:00:00Z`` gives the date as written) and ``a/b/yyyy``."""
    idx = raw.index
    s = _trimmed(raw)
    missing = _mask(pc.equal(s, ""))
    if _all_match(s, r"^(?:\d{4}-\d{2}-\d{2})?$"):  # plain ISO dates: one strict parse, no regex extraction
        text = pc.if_else(pc.equal(s, ""), pa.scalar(None, pa.string()), s)
        stamp = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
        day = pc.cast(pc.utf8_slice_codeunits(text, 8, 10), pa.int64())
        stamp = pc.if_else(pc.fill_null(pc.equal(pc.day(stamp), day), False), stamp,
                           pa.scalar(None, pa.timestamp("s")))
        values = np.asarray(stamp.to_numpy(zero_copy_only=False), dtype="datetime64[s]")
        return Parsed(pd.Series(values, index=idx), _errors(~missing & np.isnat(values), "not a valid date", idx))
    iso = pc.extract_regex(s, _YMD)
    first, second, xyear = _day_month_year(s)
    day_first = order == "dmy"
    year = pc.coalesce(pc.struct_field(iso, "y"), xyear)
    month = pc.coalesce(pc.struct_field(iso, "m"), second if day_first else first)
    day = pc.coalesce(pc.struct_field(iso, "d"), first if day_first else second)
    text = pc.binary_join_element_wise(year, pc.utf8_lpad(month, 2, "0"), pc.utf8_lpad(day, 2, "0"), "-")
    stamp = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
    # strptime rolls 2024-02-30 over to March: keep only dates whose day survived
    exact = pc.equal(pc.day(stamp), pc.cast(day, pa.int64()))
    stamp = pc.if_else(pc.fill_null(exact, False), stamp, pa.scalar(None, pa.timestamp("s")))
    values = np.asarray(stamp.to_numpy(zero_copy_only=False), dtype="datetime64[s]")
    bad = ~missing & np.isnat(values)
    if bad.any():  # the rarer shapes, tried on the cells the common ones left: epoch stamps, month names
        values = values.copy()
        values[bad] = _other_dates(pc.filter(s, pa.array(bad)).to_pandas())
        bad = ~missing & np.isnat(values)
    return Parsed(pd.Series(values, index=idx), _errors(bad, "not a valid date", idx))


_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MONTH_WORD = r"(?P<mon>[^\W\d_]{3,10})\.?"
_OTHER_DATE_SHAPES = (
    # 5 January 2024, 05-Jan-2024, 5 Jan. 2024; 05-Dec-24 (eBay outside the US)
    re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+{_MONTH_WORD}[\s,-]+(?P<y>\d{{4}}|\d{{2}})(?:[ T].*)?$"),
    # January 5, 2024; Jan 5th 2024; Sat, Jan 5, 2024
    re.compile(rf"^(?:[A-Za-z]{{3,9}},?\s+)?{_MONTH_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
               r"(?:[ T].*)?$"),
    # Spanish and Portuguese: "4 de julio de 2024 20:02 hs." (Mercado Libre), "5 de março de 2024"
    re.compile(rf"^(?P<d>\d{{1,2}})\s+de\s+{_MONTH_WORD}\s+(?:de\s+)?(?P<y>\d{{4}})(?:\s.*)?$", re.I),
    # German: "5. März 2024"
    re.compile(rf"^(?P<d>\d{{1,2}})\.\s*{_MONTH_WORD}\s+(?P<y>\d{{4}})(?:\s.*)?$"),
    # Google Analytics' Date dimension: "20240305" (yyyymmdd, no separators; a year of 19xx or 20xx)
    re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>\d{2})$"),
    # eBay's Orders report: "Dec-05-24" (month word, day, two- or four-digit year), a time after it
    re.compile(rf"^{_MONTH_WORD}-(?P<d>\d{{1,2}})-(?P<y>\d{{2}}|\d{{4}})(?:[ T].*)?$"),
    # Amazon review exports: "01 21, 2014" (month day, year)
    re.compile(r"^(?P<m>\d{1,2})\s+(?P<d>\d{1,2}),\s*(?P<y>\d{4})$"),
    # Excel's dd-mmm-yy display format saved as text (Kaggle's "Chocolate Sales": 04-Jan-22): the month's name makes
    # the order certain, the two-digit year is 20yy below 70 and 19yy from 70 (as a-b-yy reads)
    re.compile(rf"^(?P<d>\d{{1,2}})[-\s]{_MONTH_WORD}[-\s](?P<yy>\d{{2}})$"),
)
#: Unix time in seconds (10 digits) or milliseconds (13) between 2001-09 and 2100: review exports use both.
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?(?:\.\d+)?$")


def _month_number(word: str) -> int | None:
    """A month's number from its English name or short form, else its name in another language (``julio``)."""
    lowered = word.lower()
    return _MONTHS.get(lowered[:3]) if lowered[:3] in _MONTHS and lowered not in MONTHS else MONTHS.get(lowered)


def _century(yy: int) -> int:
    """A two-digit year's: 20yy below 70, else 19yy (the POSIX ``%y`` rule, as ``a-b-yy`` reads)."""
    return 2000 + yy if yy < 70 else 1900 + yy


def _other_dates(text: pd.Series) -> np.ndarray:
    """Dates of the shapes the vectorised paths do not read, per cell (NaT where none fits)."""
    codes, uniques = pd.factorize(text)  # a file repeats its dates: parse each distinct one once
    parsed = np.array([_other_date(cell) for cell in uniques], dtype="datetime64[s]")
    return parsed[codes] if len(parsed) else np.full(len(text), np.datetime64("NaT"), dtype="datetime64[s]")


def _other_date(cell: str) -> np.datetime64:
    nat = np.datetime64("NaT")
    if _EPOCH.match(cell):
        seconds = float(cell) / (1000 if len(cell.split(".")[0]) == 13 else 1)
        return np.datetime64(int(seconds), "s").astype("datetime64[D]").astype("datetime64[s]")
    for shape in _OTHER_DATE_SHAPES:
        m = shape.match(cell)
        if m is None:
            continue
        parts = m.groupdict()
        month = _month_number(parts["mon"]) if parts.get("mon") else int(parts["m"])
        if month is None:
            return nat
        digits = parts.get("y") or parts["yy"]
        year = _century(int(digits)) if len(digits) == 2 else int(digits)  # eBay's Dec-05-24, Excel's 04-Jan-22
        try:
            return np.datetime64(date(year, month, int(parts["d"])), "s")
        except ValueError:
            return nat
    return nat
