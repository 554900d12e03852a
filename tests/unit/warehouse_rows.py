"""Rows inserted straight into the warehouse in tests, with the lineage columns an ingest would add."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd


def with_lineage(frame: pd.DataFrame, kind: str, tenant: str = "t1") -> pd.DataFrame:
    """``frame`` as one ingestion of ``kind`` for ``tenant`` would have stored it."""
    return frame.assign(
        tenant_id=tenant,
        ingestion_id="ing-1",
        row_hash=[f"h{i}" for i in range(len(frame))],
        record_key=[f"{kind}:{i}" for i in range(len(frame))],
        ingested_at=datetime(2026, 5, 1, tzinfo=UTC),
    )
