"""Parsing of prices as merchants write them (``$1,299.00``, ``1.299,00 EUR``, ``12.5``).

Small and local on purpose; the ingest parser will replace it when the branches are merged.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

_CURRENCY = re.compile(r"^(?:[A-Za-z]{3}|[$€£¥₹]|[A-Za-z]{1,2}\$)\s*|\s*(?:[A-Za-z]{3}|[$€£¥₹])$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


class MoneyError(ValueError):
    """A value that is not a price."""


def parse_money(text: str) -> float:
    """Parse one price; raise ``MoneyError`` saying why it is not one."""
    s = text.strip()
    for _ in range(2):
        s = _CURRENCY.sub("", s).strip()
    s = s.replace(" ", "").replace("\u00a0", "").replace("'", "")
    if s.startswith("-") or (s.startswith("(") and s.endswith(")")):
        raise MoneyError(f"{text!r} is negative")
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):  # 1.299,00
            s = s.replace(".", "").replace(",", ".")
        else:  # 1,299.00
            s = s.replace(",", "")
    elif "," in s:
        head, _, tail = s.rpartition(",")
        if len(tail) == 3 and head:  # 1,299 -> thousands
            s = s.replace(",", "")
        else:  # 12,50 -> decimal comma
            s = head.replace(",", "") + "." + tail
    if not _NUMBER.match(s):
        raise MoneyError(f"{text!r} is not a number")
    value = float(s)
    if not np.isfinite(value):
        raise MoneyError(f"{text!r} is not a number")
    return value


def parse_money_column(values: pd.Series, *, required: bool) -> tuple[pd.Series, int | None, str | None]:
    """Parse a column of strings; return (floats, position of the first bad value, why it is bad).

    Empty cells become NaN when the column is optional. Plain numbers take a vectorised fast path; only
    the rest go through ``parse_money``.
    """
    text = values.astype("string").str.strip().fillna("")
    out = pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")
    out = out.where(np.isfinite(out) | out.isna(), np.nan)
    negative = (out < 0).to_numpy()
    if negative.any():
        first = int(np.flatnonzero(negative)[0])
        return out, first, f"{text.iloc[first]!r} is negative"
    todo = np.flatnonzero((out.isna() & (text != "")).to_numpy())
    for pos in todo.tolist():
        try:
            out.iloc[pos] = parse_money(str(text.iloc[pos]))
        except MoneyError as exc:
            return out, int(pos), str(exc)
    if required:
        empty = np.flatnonzero((text == "").to_numpy())
        if len(empty):
            return out, int(empty[0]), "is empty"
    return out, None, None
