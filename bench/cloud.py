"""Emulator stack figures: start-up, end-to-end pipeline latency, and adapter costs vs the embedded backend.

Run: .venv/bin/python bench/cloud.py   (needs google-cloud-cli emulators, .venv-bq; skips otherwise)
Baselines are the embedded adapters measured in the same process on the same data.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from local_emulator import engines, stack  # noqa: E402
from shared.ports import DocumentStore, Filter  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "functions"


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def set_get(documents: DocumentStore) -> object:
    """One document write and its read back."""
    documents.set("bench", "d", {"n": 1})
    return documents.get("bench", "d")


def sales(n: int, tenant: str) -> pd.DataFrame:
    now = datetime.now(UTC)
    return pd.DataFrame([{"tenant_id": tenant, "ingestion_id": "b", "sku": f"S{i % 50}",
                          "date": date(2024, 1, 1 + i % 28), "units": i % 7, "row_hash": f"h{i}",
                          "record_key": f"k{i}", "ingested_at": now}
                         for i in range(n)])


def main() -> int:
    missing = {k: v for k, v in engines.detect().items() if v}
    if missing:
        print(f"SKIPPED: emulators unavailable: {missing}")
        return 0
    print(f"machine load average (1 min) at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    state_dir = Path(tempfile.mkdtemp(prefix="bench-cloud-"))
    t0 = time.perf_counter()
    state = stack.up(state_dir=state_dir, manifest_path=FIXTURES / "manifest.yaml", functions_dir=FIXTURES,
                     project=f"bench-{uuid.uuid4().hex[:6]}")
    up_s = time.perf_counter() - t0
    try:
        os.environ.update(state.env)
        os.environ.update({"ECOMINTEL_BACKEND": "emulator", "ECOMINTEL_PROJECT_ID": state.project,
                           "ECOMINTEL_HOME": str(state_dir / "client")})
        from shared.deps import build_deps, get_settings

        deps = build_deps(get_settings())
        print(f"stack up (4 emulators + {len(state.functions)} function processes, provisioned): {up_s:.1f} s")

        latencies = []
        for i in range(6):
            tenant = f"lat{i}"
            start = time.perf_counter()
            deps.blobs.write("ecomintel-raw", f"raw/{tenant}/sales/a.csv", b"sku,date,units\nA,2024-01-02,3\n",
                             content_type="text/csv")
            while time.perf_counter() - start < 120:
                docs = deps.documents.query(f"tenants/{tenant}/ingestions", [Filter("status", "==", "processed")])
                if docs:
                    break
                time.sleep(0.02)
            latencies.append(time.perf_counter() - start)
        print(f"CSV in bucket -> notification -> push -> ingest (BigQuery load + Firestore) -> publish -> push -> "
              f"process: first {latencies[0]:.2f} s (cold), warm median {statistics.median(latencies[1:]):.2f} s")

        from shared.adapters.local.bus import SqliteMessageBus
        from shared.adapters.local.documents import SqliteDocumentStore
        from shared.adapters.local.warehouse import DuckDBWarehouse

        tmp = Path(tempfile.mkdtemp(prefix="bench-local-"))
        local_docs = SqliteDocumentStore(tmp / "d.sqlite")
        local_bus = SqliteMessageBus(tmp / "b.sqlite")
        local_bus.ensure_subscription("s", "bench-topic")
        from shared.adapters.gcp.clients import publisher_client, subscriber_client

        pub, sub = publisher_client(), subscriber_client()
        pub.create_topic(name=pub.topic_path(state.project, "bench-topic"))
        sub.create_subscription(name=sub.subscription_path(state.project, "bench-sub"),
                                topic=pub.topic_path(state.project, "bench-topic"))
        local_wh = DuckDBWarehouse(tmp / "w.duckdb")
        local_wh.ensure_tables()
        rows = sales(1000, "bench")
        figures = [
            ("document set+get", lambda: set_get(deps.documents), lambda: set_get(local_docs), 50),
            ("publish 1 message", lambda: deps.bus.publish("bench-topic", b"{}"),
             lambda: local_bus.publish("bench-topic", b"{}"), 50),
            ("insert 1000 rows", lambda: deps.warehouse.insert("sales", rows),
             lambda: local_wh.insert("sales", rows), 3),
            ("tenant query (GROUP BY)", lambda: deps.warehouse.query(
                "SELECT sku, SUM(units) AS u FROM sales WHERE tenant_id = @t GROUP BY sku", {"t": "bench"}),
             lambda: local_wh.query("SELECT sku, SUM(units) AS u FROM sales WHERE tenant_id = @t GROUP BY sku",
                                    {"t": "bench"}), 5),
        ]
        print(f"{'operation':<26}{'emulator ms':>14}{'embedded ms':>14}{'ratio':>9}")
        for name, remote, local, n in figures:
            r = timed(remote, n) * 1000
            loc = timed(local, n) * 1000
            print(f"{name:<26}{r:>14.2f}{loc:>14.2f}{r / loc:>8.1f}x")
        local_wh.close()
    finally:
        t1 = time.perf_counter()
        stopped = stack.down(state_dir)
        print(f"stack down ({len(stopped)} processes): {time.perf_counter() - t1:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
