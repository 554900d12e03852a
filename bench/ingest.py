"""Ingest throughput: the full ingest core on a 1M-row sales CSV vs a bare ``pandas.read_csv``.

``--shape retail`` uses a UCI Online Retail-shaped file instead (200k lines by default: invoices of many
lines, a StockCode scanned twice in one invoice, ``C`` cancellations, ``m/d/yyyy h:mm`` dates, product names
on every line, a quarter of the lines without a customer) and also times processing the staged rows into
the final ``sales`` table (``process_staged``), each in its own child process on the same home.

Two more baselines bound what any ingest of this file can reach here: the warehouse engine loading the
file natively (DuckDB ``read_csv`` -> typed casts -> a table in a database file, same buffer-pool cap,
no validation, rejects, lineage or duplicates), and the lightest columnar persist (Arrow ``read_csv``
-> one Parquet file). Each measurement runs in its own child process so its peak RSS is its own (the
ingest must fit a 512 MiB function). Run: ``.venv/bin/python bench/ingest.py [--rows N] [--shape retail]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DUCKDB_MEMORY_LIMIT = "128MB"


def generate(path: Path, rows: int) -> None:
    """A realistic sales export: aliases, money with symbols, a few bad and duplicate rows."""
    rng = random.Random(7)
    start = date(2023, 1, 1)
    channels = ["web", "store", "amazon"]
    with path.open("w", newline="") as out:
        out.write("Order ID,Product ID,Order Date,Qty,Unit Price,Revenue,Currency,Channel,Promo\n")
        for i in range(rows):
            d = start + timedelta(days=rng.randrange(700))
            units: float = rng.randrange(1, 20)
            price = rng.randrange(100, 30000) / 100
            if i % 10_000 == 5:
                units = 1.5  # rejected: not a whole number (a negative line would be a return)
            line = (f"O{i},SKU-{rng.randrange(5000):05d},{d.isoformat()},{units},${price:,.2f},"
                    f"{units * price:.2f},USD,{channels[i % 3]},{'yes' if i % 7 == 0 else 'no'}\n")
            out.write(line)
            if i % 20_000 == 7:
                out.write(line)  # duplicate


def generate_retail(path: Path, rows: int) -> None:
    """An Online Retail-shaped export: invoices, repeated scans, cancellations, names on every line."""
    rng = random.Random(11)
    skus = [f"{rng.randrange(10_000, 99_999)}{rng.choice(['', '', 'A', 'B', 'C'])}" for _ in range(4_000)]
    words = ["WHITE", "HANGING", "HEART", "T-LIGHT", "HOLDER", "METAL", "LANTERN", "SET", "OF", "3", "VINTAGE",
             "JUMBO", "BAG", "RED", "RETROSPOT", "CAKE", "CASES", "PARTY", "BUNTING", "REGENCY", "TEACUP"]
    names = {s: " ".join(rng.choice(words) for _ in range(rng.randrange(3, 7))) for s in skus}
    prices = {s: rng.randrange(10, 2_000) / 100 for s in skus}
    countries = ["United Kingdom"] * 9 + ["France", "Germany", "EIRE", "Spain", "Netherlands"]
    written, invoice, minute = 0, 536_365, 0
    with path.open("w", newline="") as out:
        out.write("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n")
        while written < rows:
            invoice += 1
            minute += rng.randrange(1, 30)
            stamp = datetime(2010, 12, 1, 8, 0) + timedelta(minutes=minute)
            when = f"{stamp.month}/{stamp.day}/{stamp.year} {stamp.hour}:{stamp.minute:02d}"
            cancelled = rng.random() < 0.02
            number = f"C{invoice}" if cancelled else str(invoice)
            customer = "" if rng.random() < 0.25 else str(rng.randrange(12_346, 18_288))
            country = rng.choice(countries)
            lines = rng.sample(skus, min(rng.randrange(1, 40), rows - written))
            if rng.random() < 0.3:
                lines.append(lines[0])  # the same StockCode scanned twice in one invoice
            for sku in lines:
                qty = rng.choice([1, 2, 3, 4, 6, 12, 24])
                out.write(f"{number},{sku},{names[sku]},{-qty if cancelled else qty},{when},{prices[sku]},"
                          f"{customer},{country}\n")
                written += 1


def child_pandas(path: Path) -> dict[str, float]:
    import pandas as pd

    t0 = time.perf_counter()
    frame = pd.read_csv(path)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "rows": float(len(frame))}


def child_duckdb_load(path: Path, home: Path) -> dict[str, float]:
    """The warehouse engine's own bulk load of the file: parse and cast in C++, write a table."""
    import duckdb

    home.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(home / "floor.duckdb"))
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
    t0 = time.perf_counter()
    con.execute(
        "CREATE TABLE stg_sales AS SELECT \"Product ID\" AS sku, TRY_CAST(\"Order Date\" AS DATE) AS date, "
        "TRY_CAST(Qty AS BIGINT) AS units, TRY_CAST(replace(replace(\"Unit Price\", '$', ''), ',', '') AS DOUBLE) "
        "AS unit_price, TRY_CAST(Revenue AS DOUBLE) AS revenue, Currency AS currency, \"Order ID\" AS order_id, "
        "Channel AS channel, lower(Promo) = 'yes' AS promo FROM read_csv($path, all_varchar = true, header = true)",
        {"path": str(path)})
    con.execute("CHECKPOINT")
    seconds = time.perf_counter() - t0
    rows = con.execute("SELECT count(*) FROM stg_sales").fetchone()
    return {"seconds": seconds, "rows": float(rows[0] if rows else 0)}


def child_arrow_parquet(path: Path, home: Path) -> dict[str, float]:
    """The lightest columnar persist: Arrow's multi-threaded parser, then one Parquet file."""
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    home.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    table = pa_csv.read_csv(path)
    pq.write_table(table, home / "floor.parquet")
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "rows": float(table.num_rows)}


def child_ingest(path: Path, home: Path) -> dict[str, Any]:
    os.environ["ECOMINTEL_HOME"] = str(home)
    from shared.deps import get_deps
    from shared.events import StorageObjectEvent
    from shared.ingest.pipeline import ingest_object

    deps = get_deps()
    # a 512 MiB function would cap the embedded engine's buffer pool; DuckDB defaults to 80% of the machine
    con = getattr(deps.warehouse, "_con", None)
    if con is not None:
        con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
    bucket = deps.settings.bucket_name("raw")
    name = "raw/bench/sales/2024/01/01/up_" + "0" * 32 + "/sales.csv"
    with path.open("rb") as src:
        info = deps.blobs.write(bucket, name, src, metadata={"tenant_id": "bench", "kind": "sales"})
    event = StorageObjectEvent(event_id="bench", bucket=bucket, name=name, generation=info.generation,
                               metadata=info.metadata)
    t0 = time.perf_counter()
    result = ingest_object(deps, event)
    seconds = time.perf_counter() - t0
    assert result is not None and result.rows_read == result.accepted + result.rejected + result.duplicates
    return {"seconds": seconds, "rows": float(result.rows_read), "accepted": float(result.accepted),
            "rejected": float(result.rejected), "duplicates": float(result.duplicates),
            "ingestion_id": result.ingestion_id}


def child_process(ingestion_id: str, home: Path) -> dict[str, Any]:
    """Process the ingestion ``child_ingest`` staged in ``home`` into the final table (same buffer-pool cap)."""
    os.environ["ECOMINTEL_HOME"] = str(home)
    from shared.deps import get_deps
    from shared.models.records import DataKind
    from shared.processing.service import StagedNotice, process_staged

    deps = get_deps()
    con = getattr(deps.warehouse, "_con", None)
    if con is not None:
        con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
    t0 = time.perf_counter()
    outcome = process_staged(deps, StagedNotice(tenant_id="bench", ingestion_id=ingestion_id, kind=DataKind.SALES))
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "rows": float(outcome.rows),
            "combined": float(outcome.changes.get("order_lines_combined", 0))}


def run_child(*args: str) -> dict[str, Any]:
    # same allocator setting as functions/ingest/main.py (Arrow hands freed memory back to the OS)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARROW_DEFAULT_MEMORY_POOL": "system"}
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True,
                         cwd=ROOT, env=env)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int)
    parser.add_argument("--shape", choices=["sales", "retail"], default="sales")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        what, path = args.child[0], Path(args.child[1])
        children = {"ingest": child_ingest, "duckdb": child_duckdb_load, "parquet": child_arrow_parquet}
        if what == "pandas":
            result = child_pandas(path)
        elif what == "process":
            result = child_process(args.child[1], Path(args.child[2]))
        else:
            result = children[what](path, Path(args.child[2]))
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result["peak_rss_mib"] = usage.ru_maxrss / 1024
        result["cpu_seconds"] = usage.ru_utime + usage.ru_stime  # the whole child, start-up included
        print(json.dumps(result))
        return
    retail = args.shape == "retail"
    rows = args.rows or (200_000 if retail else 1_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sales.csv"
        (generate_retail if retail else generate)(path, rows)
        size_mib = path.stat().st_size / 2**20
        home = str(Path(tmp) / "home")
        base = run_child("pandas", str(path))
        ing = run_child("ingest", str(path), home)
        if retail:
            proc = run_child("process", str(ing["ingestion_id"]), home)
        else:
            duck = run_child("duckdb", str(path), str(Path(tmp) / "floor-duckdb"))
            parquet = run_child("parquet", str(path), str(Path(tmp) / "floor-parquet"))
    base_rate = base["rows"] / base["seconds"]
    ing_rate = ing["rows"] / ing["seconds"]
    print(f"file: {int(ing['rows']):,} data rows, {size_mib:.1f} MiB ({args.shape})")
    print(f"pandas.read_csv (bare):      {base['seconds']:.2f} s  {base_rate:,.0f} rows/s  "
          f"peak RSS {base['peak_rss_mib']:.0f} MiB")
    print(f"ingest core (end to end):    {ing['seconds']:.2f} s  {ing_rate:,.0f} rows/s  "
          f"peak RSS {ing['peak_rss_mib']:.0f} MiB  (child CPU {ing['cpu_seconds']:.1f} s)")
    print(f"  accepted {int(ing['accepted']):,}  rejected {int(ing['rejected']):,}  "
          f"duplicates {int(ing['duplicates']):,}")
    print(f"  (embedded DuckDB buffer pool capped at {DUCKDB_MEMORY_LIMIT}, as a 512 MiB function would)")
    print(f"ratio ingest/pandas rows/s:  {ing_rate / base_rate:.3f}  (goal >= 0.25)")
    if retail:
        proc_rate = ing["accepted"] / proc["seconds"]
        total = ing["seconds"] + proc["seconds"]
        print(f"processing to sales:         {proc['seconds']:.2f} s  {proc_rate:,.0f} staged rows/s  "
              f"peak RSS {proc['peak_rss_mib']:.0f} MiB  (child CPU {proc['cpu_seconds']:.1f} s; "
              f"{int(proc['rows']):,} rows, {int(proc['combined']):,} order lines combined)")
        print(f"ingest + processing:         {total:.2f} s  {ing['rows'] / total:,.0f} rows/s  "
              f"ratio to pandas {ing['rows'] / total / base_rate:.3f}  "
              f"peak RSS {max(ing['peak_rss_mib'], proc['peak_rss_mib']):.0f} MiB")
        peak = max(ing["peak_rss_mib"], proc["peak_rss_mib"])
    else:
        print("what the fastest possible ingest of this file could reach here (no validation, rejects or lineage):")
        for label, floor in (("DuckDB native load to a table", duck), ("Arrow read_csv -> Parquet   ", parquet)):
            rate = floor["rows"] / floor["seconds"]
            print(f"  {label}: {floor['seconds']:.2f} s  {rate:,.0f} rows/s  ratio {rate / base_rate:.3f}  "
                  f"peak RSS {floor['peak_rss_mib']:.0f} MiB")
        peak = ing["peak_rss_mib"]
    print(f"fits a 512 MiB function:     {'yes' if peak < 512 else 'NO'}")


if __name__ == "__main__":
    main()
