"""A whole column of dates read in one day/month order, for the batch CLIs' inputs.

Ingest's parser (``shared.ingest.parse``) reads ISO, ``a/b/yyyy``, month names and epoch stamps; this module
decides the day/month order once for the column (pandas' per-cell guess read ``06/01/2023`` as 1 June and
``13/01/2023`` as 13 January in the same file) and hands the shapes ingest does not read (``2024-01``,
``... UTC``) to pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from shared.ingest.parse import DateOrder, decide_date_order, parse_date


def _regularity(dates: pd.Series) -> float:
    """Periods the dates span at their median spacing, per distinct date (1.0 = evenly spaced, no gaps)."""
    unique = np.unique(dates.dropna().to_numpy(dtype="datetime64[D]"))
    if len(unique) < 3:
        return 1.0
    gaps = np.diff(unique).astype(float)
    return float((unique[-1] - unique[0]).astype(float) / np.median(gaps) + 1) / len(unique)


def column_date_order(text: pd.Series) -> DateOrder:
    """Day- or month-first for the column: decided by a part over 12, else by which reading is regular.

    Month-start dates (``01/02/2024``...) never show a part over 12; read month-first they are twelve days
    in January of each year, read day-first they are months. Dated business records are near-regular, so
    the reading that spans fewer periods per date wins; a tie stays month-first (pandas' and the US default).
    """
    if not pc.any(pc.match_substring_regex(pa.array(text, pa.string()), r"^\d{1,2}[-/.]\d{1,2}[-/.]\d")).as_py():
        return "mdy"  # no a/b/y cell (ISO, month names): the order decides nothing
    decided = decide_date_order(text)
    if decided is not None:
        return decided
    dmy, mdy = (parse_date(text, order=order).values for order in ("dmy", "mdy"))
    return "dmy" if _regularity(dmy) < _regularity(mdy) else "mdy"


def read_date_column(text: pd.Series, order: DateOrder | None = None) -> pd.Series:
    """Dates (``datetime64[ns]``, midnight, NaT where unreadable or empty) of stripped text cells."""
    values = parse_date(text, order=order or column_date_order(text)).values
    rest = (values.isna() & (text != "")).to_numpy()
    if rest.any():
        values = values.copy()
        other = pd.to_datetime(text[rest], errors="coerce", format="mixed", utc=True)
        values[rest] = other.dt.tz_localize(None).dt.normalize().to_numpy()
    return pd.to_datetime(values).astype("datetime64[ns]")
