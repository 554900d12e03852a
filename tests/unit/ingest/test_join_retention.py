"""What the join of multi-file datasets keeps (references, held rows) is processed data: retention covers it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd

from shared.deps import get_deps
from shared.retention.enforce import enforce_retention

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def test_retention_removes_old_references_and_held_rows_of_the_tenant_only() -> None:
    deps = get_deps()
    old, new = NOW - timedelta(days=800), NOW - timedelta(days=5)
    deps.warehouse.insert("join_refs", pd.DataFrame([
        {"tenant_id": t, "link": "order", "ref_id": f"o-{t}-{i}", "ref_value": "2018-07-03", "ingestion_id": "i",
         "loaded_at": when} for t in ("t1", "t2") for i, when in enumerate((old, new))]))
    deps.warehouse.insert("held_rows", pd.DataFrame([
        {"tenant_id": t, "part": "items", "order_id": "o", "row_key": f"o/{i}", "cells": "{}", "ingestion_id": "i",
         "held_at": when} for t in ("t1", "t2") for i, when in enumerate((old, new))]))
    result = enforce_retention(deps, "t1", now=NOW)
    assert result.deleted["processed_rows"] == 2
    for table in ("join_refs", "held_rows"):
        left = deps.warehouse.query(f"SELECT tenant_id FROM {table} ORDER BY tenant_id", {})["tenant_id"].tolist()
        assert left == ["t1", "t2", "t2"]  # t1's recent row, and the other tenant's untouched
