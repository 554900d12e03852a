"""Processing throughput on the sample merchant, against a plain upsert of the same staged rows.

Each kind of the default sample merchant (seed 42, 300 SKUs; ~157k sales rows) is staged on a fresh
embedded backend exactly as ingestion would leave it (marketplace SKU spellings, gaps), then processed
with ``process_staged``; the baseline upserts the staged rows unchanged into the final table, so the
ratio is the cost of normalising, re-keying, deduplicating, filling, scoring and flagging.

Run: .venv/bin/python bench/processing.py
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, datetime

import numpy as np
import pandas as pd


def main() -> None:
    os.environ["ECOMINTEL_HOME"] = tempfile.mkdtemp(prefix="bench-processing-")
    from shared.deps import get_deps
    from shared.models.records import DataKind
    from shared.processing.service import StagedNotice, process_staged
    from shared.sample.merchant import KIND_ORDER, generate_merchant, marketplace_tables

    merchant = generate_merchant()
    tables = marketplace_tables(merchant, np.random.default_rng(1))
    deps = get_deps()
    print(f"{'kind':<18} {'rows':>7} {'process s':>9} {'cpu s':>6} {'rows/s':>9} {'upsert s':>8} {'ratio':>6} "
          f"{'reprocess s':>11}")
    for kind in KIND_ORDER:
        frame = tables[kind].drop(columns=["customer_email"], errors="ignore")  # ingestion hashes it
        n = len(frame)
        frame["tenant_id"] = "bench"
        frame["ingestion_id"] = f"i-{kind.value}"
        frame["source_uri"] = f"gs://raw/bench/{kind.value}.csv"
        frame["source_row"] = range(1, n + 1)
        frame["row_hash"] = [f"h{i}" for i in range(n)]
        frame["record_key"] = [f"k{i}" for i in range(n)]
        frame["ingested_at"] = datetime.now(UTC)
        frame["quality_flags"] = None
        if "date" in frame:
            frame["date"] = pd.to_datetime(frame["date"])
        deps.warehouse.insert(f"stg_{kind.value}", frame)
        collection = "tenants/bench/ingestions"
        deps.documents.set(collection, f"i-{kind.value}", {"status": "staged", "kind": kind.value})
        notice = StagedNotice(tenant_id="bench", ingestion_id=f"i-{kind.value}", kind=kind)

        start, cpu = time.perf_counter(), time.process_time()
        outcome = process_staged(deps, notice)
        processed, cpu = time.perf_counter() - start, time.process_time() - cpu  # CPU: steadier on a shared machine

        deps.documents.set(collection, f"i-{kind.value}", {"status": "staged"}, merge=True)
        start = time.perf_counter()
        process_staged(deps, notice)  # redelivery after a crash: replaces every row by key
        reprocessed = time.perf_counter() - start

        baseline_table = DataKind(kind).value
        start = time.perf_counter()
        deps.warehouse.upsert(baseline_table, frame.assign(tenant_id="baseline"), ["tenant_id", "record_key"])
        upsert = time.perf_counter() - start
        print(f"{kind.value:<18} {outcome.rows:>7} {processed:>9.2f} {cpu:>6.2f} {n / processed:>9,.0f} {upsert:>8.2f} "
              f"{processed / upsert:>5.1f}x {reprocessed:>11.2f}")


if __name__ == "__main__":
    main()
