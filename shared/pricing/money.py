"""Columns of prices for the pricing CLI: each distinct text parsed once with ``shared.money``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from shared.money import MoneyError, parse_money

__all__ = ["MoneyError", "parse_money", "parse_money_column"]


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
