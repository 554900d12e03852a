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

    Empty cells become NaN when the column is optional. Each distinct text is parsed once (prices
    repeat a lot); plain numbers take a vectorised path and only the rest go through ``parse_money``.
    """
    text = values.astype("string").str.strip().fillna("")
    codes, uniques = pd.factorize(text)
    distinct = pd.Series(np.asarray(uniques, dtype=object), dtype="string")
    parsed = pd.to_numeric(distinct.where(distinct != "", None), errors="coerce").to_numpy(dtype="float64", copy=True)
    parsed[~np.isfinite(parsed)] = np.nan
    why: dict[int, str] = {}
    for i in np.flatnonzero(parsed < 0).tolist():
        why[i] = f"{distinct.iloc[i]!r} is negative"
    for i in np.flatnonzero(np.isnan(parsed) & (distinct != "").to_numpy()).tolist():
        try:
            parsed[i] = parse_money(str(distinct.iloc[i]))
        except MoneyError as exc:
            why[i] = str(exc)
    if required:
        for i in np.flatnonzero((distinct == "").to_numpy()).tolist():
            why[i] = "is empty"
    out = pd.Series(parsed[codes], index=values.index, dtype="float64")
    if why:
        bad = np.isin(codes, np.fromiter(why, dtype=np.int64))
        first = int(np.flatnonzero(bad)[0])
        return out, first, why[int(codes[first])]
    return out, None, None
