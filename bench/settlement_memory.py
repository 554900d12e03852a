"""Memory of a huge Amazon settlement report (flat file V2): peak RSS and rows/s of its ingest, and each row's outcome.

The report writes an order item's money a row each and a later ``Refund`` names no quantity: the reader remembers
each item's quantity so the refund can take it (``shared.ingest.item_rows``). This generates a settlement of
``--rows`` rows (streamed to a temporary file, never stored in the repo: the summary row, then each order item's
Principal, Tax, two fees and sometimes a Promotion; 6 % of items refunded ``--lag`` order items later, a refund's
Principal and Commission), ingests it in a child process (its peak RSS its own, the embedded engine's buffer pool
capped as a 512 MiB function's would be) and prints the rows read, accepted, rejected, skipped, the rejects by
reason, the seconds, rows/s, the child's CPU seconds and its peak RSS.

Run: ``.venv/bin/python bench/settlement_memory.py [--rows 1500000] [--lag 2000] [--far 0.0]`` (``--far``: the
share of refunds placed ``--far-lag`` items later, further back than the reader remembers).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this checkout first, not the shared venv's editable install

from tests.fixtures.public.public14_shapes import SETTLEMENT_HEADER as HEADER  # noqa: E402
from tests.fixtures.public.public14_shapes import settlement_amounts, settlement_item  # noqa: E402

DUCKDB_MEMORY_LIMIT = "128MB"
ITEMS = (("B-100", 19.99), ("B-200", 34.5), ("B-300", 7.25), ("B-400", 120.0), ("B-500", 58.0))


def _row(values: dict[str, object]) -> str:
    return "\t".join(str(values.get(h, "")) for h in HEADER) + "\n"


def generate(path: Path, rows: int, lag: int, far: float, far_lag: int, seed: int = 17) -> dict[str, int]:
    """Write the settlement to ``path`` a row at a time; the counts its truth implies."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1)
    pending: dict[int, list[str]] = collections.defaultdict(list)  # order item number -> refund rows due then
    counts = {"rows": 1, "items": 0, "refunds": 0, "far_refunds": 0}
    with path.open("w", newline="") as out:
        out.write("\t".join(HEADER) + "\n")
        out.write(
            _row(
                {
                    "settlement-id": "98765432101",
                    "settlement-start-date": "2024-01-01 00:00:00 UTC",
                    "settlement-end-date": "2024-07-01 00:00:00 UTC",
                    "total-amount": "1.00",
                    "currency": "USD",
                }
            )
        )
        k = 0
        while counts["rows"] < rows:
            for refund_row in pending.pop(k, []):
                out.write(refund_row)
                counts["rows"] += 1
            when = start + timedelta(minutes=k % 250_000)
            order = f"111-{k:07d}-{seed:07d}"
            sku, price = rng.choice(ITEMS)
            qty = rng.randint(1, 2)
            value = round(qty * price, 2)
            base = settlement_item("98765432101", order, k, when, sku)
            promo = round(value * 0.1, 2) if rng.random() < 0.15 else 0.0
            amounts = settlement_amounts(value, qty, promo)  # the test fixture's rows of an item
            for kind, what, amount, units in amounts:
                out.write(
                    _row(
                        {
                            **base,
                            "amount-type": kind,
                            "amount-description": what,
                            "amount": f"{amount:.2f}",
                            "quantity-purchased": str(units),
                        }
                    )
                )
            counts["rows"] += len(amounts)
            counts["items"] += 1
            if rng.random() < 0.06:
                far_away = rng.random() < far
                due = k + (far_lag if far_away else rng.randint(1, lag))
                refund = {
                    **base,
                    "transaction-type": "Refund",
                    "adjustment-id": f"A{k:08d}",
                    "posted-date": f"{when + timedelta(days=3):%Y-%m-%d}",
                }
                pending[due] += [
                    _row(
                        {
                            **refund,
                            "amount-type": "ItemPrice",
                            "amount-description": "Principal",
                            "amount": f"{-value:.2f}",
                        }
                    ),
                    _row(
                        {
                            **refund,
                            "amount-type": "ItemFees",
                            "amount-description": "Commission",
                            "amount": f"{value * 0.12:.2f}",
                        }
                    ),
                ]
                counts["refunds"] += 1
                counts["far_refunds"] += far_away
            k += 1
        for due in sorted(pending):  # refunds still due at the end of the file: written last
            for refund_row in pending[due]:
                out.write(refund_row)
                counts["rows"] += 1
    return counts


def child_ingest(path: Path, home: Path) -> dict[str, Any]:
    """Ingest ``path`` into the embedded home ``home``: the counts, the rejects by reason and the seconds."""
    os.environ["ECOMINTEL_HOME"] = str(home)
    from shared.deps import get_deps
    from shared.events import StorageObjectEvent
    from shared.ingest.pipeline import ingest_object
    from shared.store.rejects import ingestion_rejects

    deps = get_deps()
    con = getattr(deps.warehouse, "_con", None)
    if con is not None:  # a 512 MiB function would cap the embedded engine's buffer pool
        con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
    bucket = deps.settings.bucket_name("raw")
    name = "raw/bench/sales/2024/01/01/up_" + "0" * 32 + "/settlement.txt"
    with path.open("rb") as src:
        info = deps.blobs.write(bucket, name, src, metadata={"tenant_id": "bench", "kind": "sales"})
    event = StorageObjectEvent(
        event_id="bench", bucket=bucket, name=name, generation=info.generation, metadata=info.metadata
    )
    t0 = time.perf_counter()
    result = ingest_object(deps, event)
    seconds = time.perf_counter() - t0
    assert result is not None, "not ingested"
    rejects = ingestion_rejects(deps.warehouse, "bench", result.ingestion_id)
    reasons = rejects["reason"].value_counts().to_dict() if len(rejects) else {}
    return {
        "seconds": seconds,
        "rows_read": result.rows_read,
        "accepted": result.accepted,
        "rejected": result.rejected,
        "skipped": result.skipped,
        "duplicates": result.duplicates,
        "status": str(result.status),
        "reasons": reasons,
    }


def main() -> None:
    """Generate, ingest in a child process, print the figures as one JSON object."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_500_000)
    parser.add_argument("--lag", type=int, default=2_000)
    parser.add_argument("--far", type=float, default=0.0)
    parser.add_argument("--far-lag", type=int, default=200_000)
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        result = child_ingest(Path(args.child[0]), Path(args.child[1]))
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result["peak_rss_mib"] = usage.ru_maxrss / 1024
        result["cpu_seconds"] = usage.ru_utime + usage.ru_stime  # the whole child: steadier than the wall clock here
        print(json.dumps(result))  # noqa: T201
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "settlement.txt"
        truth = generate(path, args.rows, args.lag, args.far, args.far_lag)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "ARROW_DEFAULT_MEMORY_POOL": "system"}
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path), str(Path(tmp) / "home")],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
    result["rows_per_second"] = round(result["rows_read"] / result["seconds"])
    print(json.dumps({"generated": truth, **result}, indent=1))  # noqa: T201


if __name__ == "__main__":
    main()
