"""Deduplication: one row per record key, the most recent version winning."""

from __future__ import annotations

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


def drop_stale(rows: pd.DataFrame, existing: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Drop rows whose key already holds a strictly newer version in the final table.

    ``existing`` has ``record_key`` and ``ingested_at`` of the final rows sharing keys with ``rows``.
    An equal timestamp is not stale, so reprocessing the same ingestion converges to the same rows.
    """
    if rows.empty or existing.empty:
        return rows, 0
    newest = existing.groupby("record_key")["ingested_at"].max()
    theirs = rows["record_key"].map(newest)
    ours = pd.to_datetime(rows["ingested_at"], utc=True)
    theirs = pd.to_datetime(theirs, utc=True)
    stale = theirs.notna() & (theirs > ours)
    return rows.loc[~stale], int(stale.sum())
