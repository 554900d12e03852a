"""Hostile files: a gzip bomb and an endless line are refused while they stream, in bounded memory;
a huge cell costs its row, not the file, and what is stored about it is cut (#19 items 3 and 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.ingest.conftest import Harness

ROOT = Path(__file__).resolve().parents[3]

# Run in a child so its peak RSS is its own: VmHWM is reset just before the ingest, read just after.
_CHILD = r"""
import gzip, io, json, sys
from shared.deps import get_deps
from shared.events import StorageObjectEvent
from shared.ingest.pipeline import ingest_object

line_mib = int(sys.argv[1])
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=1) as gz:
    gz.write(b"sku,date,units\n")
    block = b"7" * (1 << 20)
    for _ in range(line_mib):  # one line of line_mib MiB, no newline
        gz.write(block)
deps = get_deps()
bucket = deps.settings.bucket_name("raw")
name = "raw/acme/sales/2024/01/01/up_" + "0" * 32 + "/bomb.csv.gz"
deps.blobs.write(bucket, name, buf.getvalue(), metadata={"tenant_id": "acme"})
compressed = len(buf.getvalue())
del buf

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024
before = status("VmRSS:")
open("/proc/self/clear_refs", "w").write("5")  # reset the peak (VmHWM) to the current RSS
result = ingest_object(deps, StorageObjectEvent(event_id="e", bucket=bucket, name=name, generation="1",
                                                metadata={"tenant_id": "acme"}))
peak = status("VmHWM:")
rejects = deps.warehouse.query("SELECT reason, raw FROM rejects").to_dict("records")
print(json.dumps({"status": str(result.status), "error": result.error, "rows_read": result.rows_read,
                  "rejected": result.rejected, "rejects": rejects, "compressed": compressed,
                  "growth": peak - before}))
"""


def _run_child(home: Path, line_mib: int, **env: str) -> dict:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ECOMINTEL_")}
    environ.update({"ECOMINTEL_HOME": str(home), "ARROW_DEFAULT_MEMORY_POOL": "system", **env})
    done = subprocess.run([sys.executable, "-c", _CHILD, str(line_mib)], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_gzip_bomb_is_refused_once_it_expands_past_the_cap(tmp_path: Path) -> None:
    out = _run_child(tmp_path / "home", 64, ECOMINTEL_INGEST_MAX_EXPANDED_BYTES=str(16 << 20))
    assert out["compressed"] < 1 << 20  # a small upload...
    assert out["status"] == "failed" and "expands to more than 16,777,216 bytes" in out["error"]
    assert out["growth"] < 96 << 20, out["growth"]


def test_one_endless_line_costs_a_row_and_bounded_memory(tmp_path: Path) -> None:
    out = _run_child(tmp_path / "home", 256)  # default caps: 4 GiB expanded, 1 MiB per line
    assert out["status"] == "staged" and out["rows_read"] == 1 and out["rejected"] == 1, out
    (reject,) = out["rejects"]
    assert "line of 268,435,456 bytes, over the 1,048,576-byte limit" in reject["reason"]
    assert reject["raw"].startswith("7777") and len(reject["raw"]) < 300
    assert out["growth"] < 128 << 20, f"peak grew by {out['growth'] >> 20} MiB for a 256 MiB line"


def test_a_huge_cell_costs_its_row_and_what_is_kept_about_it_is_cut(harness: Harness) -> None:
    huge = "9" * (2 << 20)  # a 2 MiB line: over the default line limit
    big = "x" * 500_000  # a 500 kB cell on a line within it, not a number
    data = (f"sku,date,units\nA,2024-01-01,1\nB,2024-01-02,{huge}\nC,2024-01-03,{big}\nD,2024-01-04,4\n").encode()
    doc = harness.ingest(data, kind="sales")
    assert doc["status"] == "processed" and doc["accepted"] == 2 and doc["rejected"] == 2, doc
    rejects = {r["row_number"]: r for r in harness.rows("SELECT row_number, reason, raw FROM rejects")}
    assert "line of 2,097,166 bytes" in rejects[2]["reason"] and len(rejects[2]["raw"]) < 300
    assert rejects[3]["reason"].startswith("units: not a number (got 'xxxx")
    assert len(rejects[3]["reason"]) < 1_100 and "[truncated: " in rejects[3]["reason"]
    assert len(rejects[3]["raw"]) < 4_200 and "[truncated: " in rejects[3]["raw"]
    assert harness.count("sales") == 2
