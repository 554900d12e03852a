"""Money amounts as merchants write them: one grammar for every reader (ingestion, the pricing CLI, connectors).

Accepted: a currency marker before or after the number (a symbol ``$ € £ ¥ ₹ ...``, a prefixed dollar
``C$ A$ US$ R$ HK$ ...`` or an ISO code ``EUR``), a sign (``-12``, ``$-12``, ``-$12``) or accounting
parentheses (``(12.00)``, ``($1,299.00)``), thousands grouped by ``,`` ``.`` a space, NBSP, a narrow NBSP or
``'`` (and Indian lakh grouping ``1,00,000``), and a decimal point or comma.

A number reads one way under the decimal-point convention and another under the decimal-comma one only when
a single separator is followed by exactly three digits (``1,299``, ``1.299``); the caller's convention
decides that case (ingestion decides it per file, the scalar readers take decimal point). Anything else that
fits neither convention (``1,2,3.5``, ``1.299,00,00``, ``12 34``), carries two markers that disagree
(``€12 USD``) or two signs (``(-12)``) is refused rather than guessed.

The work is done by Arrow compute kernels on whole columns (no Python per cell); the scalar readers run the
same kernels on one value, so every caller reads a text the same way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from shared import regex as re

Arrow = Any  # pa.Array | pa.ChunkedArray (pyarrow ships no type stubs)

#: Single-character currency symbols, with the ISO code each names (``None``: it names several).
SYMBOLS: dict[str, str | None] = {
    "$": None, "¥": None, "€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS",
    "₫": "VND", "₱": "PHP", "₦": "NGN", "₴": "UAH", "฿": "THB",
}
#: Dollars told apart by a prefix, with the ISO code each names.
DOLLAR_PREFIXES: dict[str, str] = {
    "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD",
    "S$": "SGD", "SG$": "SGD", "R$": "BRL", "MX$": "MXN", "NT$": "TWD",
    # eBay's reports and listings write the country apart from the sign: "AU $12.99", "US $8.50", "C $5.00"
    "US $": "USD", "C $": "CAD", "AU $": "AUD", "NZ $": "NZD", "HK $": "HKD", "S $": "SGD",
}
#: Currency words written after the number, with the ISO code each names (``12 500 Ft``, ``129,99 zł``, ``450 Kč``;
#: ``kr``: several crowns).
WORD_MARKERS: dict[str, str | None] = {"Ft": "HUF", "zł": "PLN", "Kč": "CZK", "kr": None}
#: Separators written between groups of three digits in either convention.
GROUP_SPACES = " '\u00a0\u202f"

_SYM = "[" + "".join(re.escape(s) for s in SYMBOLS) + "]"
_PREFIX = "(?:" + "|".join(re.escape(p) for p in sorted(DOLLAR_PREFIXES, key=len, reverse=True)) + ")"
_CODE = "[A-Z]{3}"
_WORD = "(?:" + "|".join(re.escape(w) for w in WORD_MARKERS) + ")"
_MARK = f"(?:{_PREFIX}|{_SYM}|{_CODE})"
_SP = "[ \u00a0\u202f]*"
_GS = "[" + GROUP_SPACES + "]"
# [0-9], not \d: RE2 and Python's ``re`` agree on it
_SHAPE = (rf"^(?P<pre>{_MARK})?{_SP}(?P<sign>[-+]?){_SP}(?P<pre2>{_MARK})?{_SP}"
          rf"(?P<digits>[0-9](?:[0-9.,{GROUP_SPACES}]*[0-9])?){_SP}(?P<post>{_SYM}|{_WORD}|{_CODE})?$")
_LEAD = "[1-9][0-9]{0,2}"
#: Digits read under the decimal-point convention: ``1,299.00``, ``1 299.5``, ``1,00,000``, ``1299``.
_POINT = (rf"^(?:[0-9]+|{_LEAD}(?:,[0-9]{{3}})+|[1-9][0-9]?(?:,[0-9]{{2}})+,[0-9]{{3}}|{_LEAD}(?:{_GS}[0-9]{{3}})+)"
          r"(?:\.[0-9]+)?$")
#: Digits read under the decimal-comma convention: ``1.299,00``, ``1 299,5``, ``1299``.
_COMMA = rf"^(?:[0-9]+|{_LEAD}(?:\.[0-9]{{3}})+|{_LEAD}(?:{_GS}[0-9]{{3}})+)(?:,[0-9]+)?$"
#: Plain numbers (no marker, no grouping) that need no rules at all.
_PLAIN_POINT = r"^(?:-?[0-9]+(?:\.[0-9]+)?)?$"
_PLAIN_COMMA = r"^(?:-?[0-9]+)?$"
#: Decimal-point money as most exports write it (``$1,299.00``, ``-12.5``, ``€3``): the marker and the
#: commas are simply dropped, with the same result as the general rules (a test holds them equal).
_POINT_MONEY = rf"^(?:[$€£¥₹]?-?(?:{_LEAD}(?:,[0-9]{{3}})+|[0-9]+)(?:\.[0-9]+)?)?$"

#: Every symbol and prefix with the ISO code it names (``None``: several).
MARKERS: dict[str, str | None] = {**SYMBOLS, **DOLLAR_PREFIXES, **WORD_MARKERS}
_MARKER_KEYS = pa.array(list(MARKERS), type=pa.string())
_MARKER_VALUES = pa.array(list(MARKERS.values()), type=pa.string())


class MoneyError(ValueError):
    """A value that is not a money amount (or, for a price, not a non-negative one)."""


def _mask(arr: Arrow) -> np.ndarray:
    """A boolean Arrow array as a numpy mask (null -> False)."""
    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)


def _all_match(arr: Arrow, pattern: str) -> bool:
    return bool(pc.all(pc.match_substring_regex(arr, pattern)).as_py() is not False)


def _null_if_empty(arr: Arrow) -> Arrow:
    return pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)


def _marker_code(marker: Arrow) -> Arrow:
    """The ISO code a marker names: itself for a code, the table's for a symbol or prefix, else null."""
    known = pc.take(_MARKER_VALUES, pc.index_in(marker, value_set=_MARKER_KEYS))
    is_code = pc.match_substring_regex(marker, f"^{_CODE}$")
    return pc.if_else(pc.fill_null(is_code, False), marker, known)


def _parts(text: Arrow) -> tuple[Arrow, np.ndarray]:
    """The shape's groups per cell, after taking accounting parentheses off; mask of parenthesised cells."""
    paren = _mask(pc.match_substring_regex(text, r"^\(.*\)$"))
    if paren.any():
        inner = pc.utf8_trim(pc.utf8_slice_codeunits(text, 1, -1), characters=" \u00a0\u202f")
        text = pc.if_else(pa.array(paren), inner, text)
    return pc.extract_regex(text, _SHAPE), paren


def _group(parts: Arrow, name: str) -> Arrow:
    return pc.fill_null(pc.struct_field(parts, name), "")


def _markers_agree(parts: Arrow) -> np.ndarray:
    """At most one marker before the number, and a code after it only when it agrees with the one before."""
    pre, pre2, post = (_group(parts, n) for n in ("pre", "pre2", "post"))
    has_pre, has_pre2, has_post = (_mask(pc.not_equal(g, "")) for g in (pre, pre2, post))
    one_before = ~(has_pre & has_pre2)
    if not ((has_pre | has_pre2) & has_post).any():
        return one_before
    before = pc.if_else(pa.array(has_pre), pre, pre2)
    before_code = _marker_code(before)
    after_is_code = _mask(pc.match_substring_regex(post, f"^{_CODE}$"))
    before_is_code = _mask(pc.match_substring_regex(before, f"^{_CODE}$"))
    same = _mask(pc.or_kleene(pc.is_null(before_code), pc.equal(before_code, post)))
    both_ok = after_is_code & ~before_is_code & same
    return one_before & ~((has_pre | has_pre2) & has_post & ~both_ok)


def normalise_amounts(text: Arrow, *, decimal_comma: bool) -> tuple[Arrow, np.ndarray]:
    """Plain ``[-]digits[.digits]`` text per cell (null where empty or malformed), plus a malformed mask.

    ``text`` holds trimmed strings, ``""`` for an empty cell. ``decimal_comma`` reads a lone separator
    followed by exactly three digits (``1,299`` / ``1.299``); every other value reads the same either way.
    """
    missing = _mask(pc.equal(text, ""))
    if _all_match(text, _PLAIN_COMMA if decimal_comma else _PLAIN_POINT):  # plain numbers: nothing to do
        return _null_if_empty(text), np.zeros(len(text), dtype=bool)
    if not decimal_comma and _all_match(text, _POINT_MONEY):  # "$1,299.00": one replace, no extraction
        return _null_if_empty(pc.replace_substring_regex(text, "[$€£¥₹,]", "")), np.zeros(len(text), dtype=bool)
    parts, paren = _parts(text)
    shaped = _mask(pc.is_valid(parts))
    sign = pc.replace_substring(_group(parts, "sign"), "+", "")
    signed = _mask(pc.not_equal(_group(parts, "sign"), ""))
    digits = _group(parts, "digits")
    point = _mask(pc.match_substring_regex(digits, _POINT))
    comma = _mask(pc.match_substring_regex(digits, _COMMA))
    use_comma = comma & (~point | decimal_comma)
    as_point = pc.replace_substring_regex(digits, f"[,{GROUP_SPACES}]", "")
    as_comma = pc.replace_substring(pc.replace_substring_regex(digits, f"[.{GROUP_SPACES}]", ""), ",", ".")
    normal = pc.if_else(pa.array(use_comma), as_comma, as_point)
    ok = shaped & (point | comma) & ~(paren & signed) & _markers_agree(parts) & ~missing
    sign = pc.if_else(pa.array(paren), "-", sign)
    out = pc.if_else(pa.array(ok), pc.binary_join_element_wise(sign, normal, ""), pa.scalar(None, pa.string()))
    return out, ~missing & ~ok


def amounts_currency(text: Arrow) -> Arrow:
    """Per cell, the ISO code its marker names (``EUR 12,50``, ``C$3``, ``1.299,00 €``), else null.

    Null too where the marker names several currencies (``$``, ``¥``) or the cell is not an amount.
    """
    parts, _ = _parts(text)
    pre, pre2, post = (_group(parts, n) for n in ("pre", "pre2", "post"))
    before = _marker_code(pc.if_else(pc.not_equal(pre, ""), pre, pre2))
    after = _marker_code(post)
    code = pc.coalesce(after, before)
    return pc.if_else(pa.array(_markers_agree(parts)), code, pa.scalar(None, pa.string()))


def normalise_amount(text: str, *, decimal_comma: bool = False) -> str:
    """The plain decimal form of one amount (``($1,299.00)`` -> ``-1299.00``); ``MoneyError`` when it is none."""
    normal, _ = normalise_amounts(pa.array([text.strip()], type=pa.string()), decimal_comma=decimal_comma)
    value = normal[0].as_py()
    if value is None:
        raise MoneyError(f"{text!r} is not a number")
    return str(value)


def parse_amount(text: str, *, decimal_comma: bool = False) -> Decimal:
    """One amount, signed and exact (``"1.299,00 €"`` -> ``Decimal("1299.00")``)."""
    return Decimal(normalise_amount(text, decimal_comma=decimal_comma))


def parse_money(text: str) -> float:
    """One price (a non-negative amount) as a float; raise ``MoneyError`` saying why it is not one."""
    value = parse_amount(text)
    if value < 0:
        raise MoneyError(f"{text!r} is negative")
    if not np.isfinite(float(value)):
        raise MoneyError(f"{text!r} is not a number")
    return float(value)


def parse_money_column(values: pd.Series, *, required: bool) -> tuple[pd.Series, int | None, str | None]:
    """A column of prices as floats; also the position of the first bad value and why it is bad.

    Empty cells become NaN when the column is optional; negative amounts are not prices.
    """
    text = pc.fill_null(pc.utf8_trim_whitespace(pa.array(values.astype("string"), type=pa.string(),
                                                         from_pandas=True)), "")
    normal, malformed = normalise_amounts(text, decimal_comma=False)
    number = np.asarray(pc.cast(normal, pa.float64()).to_numpy(zero_copy_only=False), dtype="float64")
    out = pd.Series(number, index=values.index, dtype="float64")
    empty = _mask(pc.equal(text, "")) if required else np.zeros(len(values), dtype=bool)
    with np.errstate(invalid="ignore"):
        negative = number < 0
    bad = np.flatnonzero(malformed | negative | empty)
    if not len(bad):
        return out, None, None
    first = int(bad[0])
    shown = text[first].as_py()
    why = "is empty" if empty[first] else f"{shown!r} is negative" if negative[first] else f"{shown!r} is not a number"
    return out, first, why
