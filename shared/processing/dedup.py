"""Deduplication: one row per record key, the most recent version winning (one file's repeated order lines summed)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd


def latest_per_key(rows: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Keep the most recent row per ``record_key`` (later ``ingested_at``, then later ``source_row``).

    Returns the kept rows (original order) and how many older versions were superseded.
    """
    if rows.empty:
        return rows, 0
    order = rows.sort_values(["ingested_at", "source_row"], kind="stable", na_position="first")
    kept_index = order.drop_duplicates("record_key", keep="last").index
    kept = rows.loc[rows.index.isin(kept_index)]
    return kept, len(rows) - len(kept)


#: Sales columns that add up when one order carries several lines of one SKU on one day.
ADDITIVE_SALES = ("units", "revenue", "discount", "refund", "returned_units", "line_cost")


@dataclass(frozen=True)
class CombinedLines:
    """Sales rows with each file's repeated order lines summed into one, and what was summed."""

    rows: pd.DataFrame
    #: Index of each combined row -> how many lines it sums.
    line_counts: dict[int, int]

    @property
    def combined(self) -> int:
        """Lines folded into another (a row summing 3 lines folds 2)."""
        return sum(n - 1 for n in self.line_counts.values())


def combine_order_lines(rows: pd.DataFrame) -> CombinedLines:
    """Sum the sales lines of one ingestion that share a record key (order, SKU, day, channel).

    One file listing a SKU twice in an order (two scans, a line split by the shop) sold both: the last line
    must not replace the first, as a newer ingestion's row does (a correction). Additive columns are summed,
    the unit price becomes the units-weighted mean, and the row keeps the first line's lineage.
    """
    key = ["record_key", "ingested_at"]
    repeated = rows.duplicated(key, keep=False)
    if rows.empty or not repeated.any():
        return CombinedLines(rows, {})
    part = rows[repeated].sort_values("source_row", kind="stable")
    groups = part.groupby(key, sort=False, dropna=False)
    kept = part.loc[groups.head(1).index].copy()
    at = pd.MultiIndex.from_frame(kept[key])
    for column in (c for c in ADDITIVE_SALES if c in part.columns and c != "revenue"):
        kept[column] = groups[column].sum(min_count=1).reindex(at).to_numpy()
    if "revenue" in part.columns:
        kept["revenue"] = _total_revenue(part, at)
    if "unit_price" in part.columns and "units" in part.columns:
        kept["unit_price"] = _mean_price(part, at, kept)
    counts = dict(zip(kept.index, groups.size().reindex(at).to_numpy(), strict=True))
    return CombinedLines(_with_combined(rows, repeated, kept), {int(i): int(n) for i, n in counts.items()})


def _with_combined(rows: pd.DataFrame, repeated: pd.Series, kept: pd.DataFrame) -> pd.DataFrame:
    """``rows`` without the folded lines, each combined line carrying ``kept``'s values, in index order.

    What ``pd.concat([rows[~repeated], kept]).sort_index()`` gives, column for column (the same dtypes), but
    only the summed columns are concatenated: the whole frame twice over (concat, then sort) was the peak of
    processing a large file.
    """
    if not rows.index.is_monotonic_increasing or not rows.index.is_unique:
        return pd.concat([rows[~repeated], kept]).sort_index()
    out = rows[(~repeated | rows.index.isin(kept.index)).to_numpy()]
    alone = rows.index[~repeated.to_numpy()]
    for column in rows.columns:
        if column in kept.columns and not kept[column].equals(rows.loc[kept.index, column]):
            out[column] = pd.concat([rows.loc[alone, column], kept[column]]).sort_index()
    return out


def _number(part: pd.DataFrame, column: str) -> pd.Series:
    if column not in part.columns:
        return pd.Series(np.nan, index=part.index)
    return pd.to_numeric(part[column], errors="coerce").astype(float)


def _total_revenue(part: pd.DataFrame, at: pd.MultiIndex) -> np.ndarray:
    """Each combined row's revenue: the lines' revenue (else units x price); unknown if any line's is."""
    value = _number(part, "revenue").fillna(_number(part, "units") * _number(part, "unit_price"))
    by = [part["record_key"], part["ingested_at"]]
    total = value.groupby(by, sort=False, dropna=False).sum(min_count=1).reindex(at).to_numpy()
    unknown = value.isna().groupby(by, sort=False, dropna=False).any().reindex(at).to_numpy(dtype=bool)
    return np.where(unknown, np.nan, total)


def _mean_price(part: pd.DataFrame, at: pd.MultiIndex, kept: pd.DataFrame) -> np.ndarray:
    """Units-weighted price of each combined row: line value (revenue, else units x price) over units."""
    number = functools.partial(_number, part)
    units = number("units")
    value = number("revenue").fillna(units * number("unit_price"))
    by = [part["record_key"], part["ingested_at"]]
    total_value = value.groupby(by, sort=False, dropna=False).sum(min_count=1).reindex(at).to_numpy()
    valued_units = units.where(value.notna()).groupby(by, sort=False, dropna=False).sum(min_count=1)
    denominator = valued_units.reindex(at).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = total_value / np.where(denominator > 0, denominator, np.nan)
    return np.where(np.isfinite(mean), mean, pd.to_numeric(kept["unit_price"], errors="coerce").to_numpy())
