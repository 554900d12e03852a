"""Warehouse access of ingestion: duplicate look-ups, staging appends, rejects, retry clean-up.

The statements live in the store (``shared.store.staging``, ``shared.store.rejects``); this module names
them for the pipeline and puts the crash point between staged chunks.
"""

from __future__ import annotations

import pandas as pd

from shared.ingest.crashpoints import crash_point
from shared.ports import BulkAppend
from shared.store.rejects import rejected_row_numbers as stored_reject_rows
from shared.store.rejects import store_rejects
from shared.store.staging import clear_ingestion, existing_hashes, has_stored_rows, open_staging, staging_table

__all__ = ["clear_ingestion", "existing_hashes", "has_stored_rows", "open_staging", "stage_rows", "staging_table",
           "store_rejects", "stored_reject_rows"]


def stage_rows(staging: BulkAppend, rows: pd.DataFrame) -> int:
    """Append accepted rows (record fields + lineage columns) to an ingestion's staging append."""
    written = staging.append(rows)
    crash_point("ingest.chunk")
    return written
