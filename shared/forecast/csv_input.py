"""Read and validate the batch CLI's input CSV (``series_id,date,units`` plus optional ``price,promo``).

Every bad cell is reported with its data row (1-based, header excluded), file line and column; nothing is
silently dropped.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from shared.errors import InvalidInput
from shared.forecast.periods import Freq, RegularSeries, infer_freq, regularise

REQUIRED = ("series_id", "date", "units")
OPTIONAL = ("price", "promo")
_TRUE = {"1", "true", "t", "yes", "y"}
_FALSE = {"0", "false", "f", "no", "n", ""}


def _fail(row: int, column: str, message: str) -> InvalidInput:
    return InvalidInput(f"row {row} (line {row + 1}), column '{column}': {message}",
                        details={"row": row, "column": column})


_MISSING = {"", "na", "n/a", "nan", "null", "none", "-"}


def read_sales_csv(path: str | Path) -> pd.DataFrame:
    """Parse and validate the CSV into typed columns; raises :class:`InvalidInput` on the first bad cell.

    Missing unit values are skipped and negative ones (net returns) counted as 0; both are reported in
    ``frame.attrs["warnings"]`` rather than refused, since real sales exports contain them.
    """
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from exc
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise InvalidInput(f"missing column(s) {', '.join(missing)}; expected series_id,date,units[,price,promo]")
    if raw.empty:
        raise InvalidInput("the input has a header but no data rows")
    rows = np.arange(1, len(raw) + 1)
    sid = raw["series_id"].str.strip()
    empty = (sid == "").to_numpy()
    if empty.any():
        raise _fail(int(rows[empty][0]), "series_id", "empty series id")
    dates = pd.to_datetime(raw["date"].str.strip(), errors="coerce", format="mixed")
    bad: np.ndarray = dates.isna().to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _fail(i + 1, "date", f"{raw['date'].iloc[i]!r} is not a date")
    text_units = raw["units"].str.strip()
    units = pd.to_numeric(text_units, errors="coerce")
    blank = text_units.str.lower().isin(_MISSING).to_numpy()
    bad = ((units.isna() | ~np.isfinite(units)).to_numpy()) & ~blank
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _fail(i + 1, "units", f"{raw['units'].iloc[i]!r} is not a number")
    warnings: list[str] = []
    if blank.any():
        # a missing value is a gap in the series, not an error: the period is treated like a missing date
        warnings.append(f"{int(blank.sum())} rows with no units value were skipped "
                        f"(e.g. row {int(np.flatnonzero(blank)[0]) + 1})")
    negative = (units < 0).to_numpy()
    if negative.any():
        # net returns can push a period below zero; demand cannot be negative
        warnings.append(f"{int(negative.sum())} rows with negative units (returns) were counted as 0 "
                        f"(e.g. row {int(np.flatnonzero(negative)[0]) + 1})")
    out = pd.DataFrame({"series_id": sid, "date": dates.dt.tz_localize(None) if dates.dt.tz else dates,
                        "units": units.clip(lower=0).astype(float)})
    if "price" in raw.columns:
        text = raw["price"].str.strip()
        price = pd.to_numeric(text.where(text != "", None), errors="coerce")
        bad = ((text != "") & (price.isna() | (price < 0))).to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _fail(i + 1, "price", f"{raw['price'].iloc[i]!r} is not a non-negative number")
        out["price"] = price.astype(float)
    if "promo" in raw.columns:
        text = raw["promo"].str.strip().str.lower()
        bad = (~text.isin(_TRUE | _FALSE)).to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _fail(i + 1, "promo", f"{raw['promo'].iloc[i]!r} is not a flag (1/0, true/false, yes/no)")
        out["promo"] = text.isin(_TRUE).astype(float)
    out = out[~blank].reset_index(drop=True)
    out.attrs["warnings"] = warnings
    return out


def choose_freq(frame: pd.DataFrame, freq: str | None) -> Freq:
    """The given frequency, or the most common inferred one across series."""
    if freq:
        value = freq.upper()
        if value not in ("D", "W", "M"):
            raise InvalidInput(f"--freq must be D or W (or M), not {freq!r}")
        return value  # type: ignore[return-value]
    votes = Counter(infer_freq(g) for _, g in frame.groupby("series_id", sort=False)["date"] if len(g) > 1)
    return votes.most_common(1)[0][0] if votes else infer_freq(frame["date"])


def to_series(frame: pd.DataFrame, freq: Freq) -> list[RegularSeries]:
    """One regular series per id, in order of first appearance."""
    return [regularise(str(sid), g, freq) for sid, g in frame.groupby("series_id", sort=False)]
