"""Reading a 500k-row .xlsx sheet as CSV text: python-calamine (the reader ingest uses) vs openpyxl read_only.

Writes an Online Retail II-shaped workbook (``Invoice, StockCode, Description, Quantity, InvoiceDate, Price,
Customer ID, Country``: numbers, text, date-times with a date format, empty customers) with xlsxwriter in
constant-memory mode, then reads it in a child process per reader so each peak RSS is its own:

- ``calamine``: ``shared.ingest.workbook.sheet_csv`` (the ingest's own path: rows streamed from the loaded
  sheet into CSV text on disk, cells as a CSV export writes them).
- ``openpyxl``: ``load_workbook(read_only=True)`` ``iter_rows(values_only=True)``, the same cell text, only
  when openpyxl is installed (it is not a dependency: ``uv pip install openpyxl`` to compare).

Run: ``.venv/bin/python bench/workbook.py [--rows N]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country"]


def generate(path: Path, rows: int) -> None:
    """An Online Retail II-shaped sheet of ``rows`` data rows (cells typed as the published workbook's)."""
    import xlsxwriter

    rng = random.Random(3)
    words = ("WHITE", "RED", "VINTAGE", "HEART", "LANTERN", "MUG", "BAG", "CANDLE", "GLASS", "TIN", "SET")
    items = [(rng.randint(20000, 90000), " ".join(rng.sample(words, 3)), rng.choice((0.42, 1.25, 2.1, 3.75, 12.75)))
             for _ in range(4000)]
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Year 2009-2010")
    stamp = book.add_format({"num_format": "m/d/yyyy h:mm"})
    sheet.write_row(0, 0, HEADER)
    start = datetime(2009, 12, 1, 7, 45)
    invoice = 489434
    for r in range(1, rows + 1):
        if r % 5 == 1:
            invoice += 1
        code, name, price = items[rng.randrange(len(items))]
        sheet.write_number(r, 0, invoice)
        sheet.write(r, 1, code if r % 7 else f"{code}A")
        sheet.write_string(r, 2, name)
        sheet.write_number(r, 3, rng.choice((1, 2, 6, 12, 24)))
        sheet.write_datetime(r, 4, start + timedelta(minutes=r // 3), stamp)
        sheet.write_number(r, 5, price)
        if r % 6:
            sheet.write_number(r, 6, 12346 + r % 5000)
        sheet.write_string(r, 7, "United Kingdom")
    book.close()


def _read(reader: str, path: str, out: str) -> dict[str, float]:
    started = time.perf_counter()
    rows = 0
    if reader == "calamine":
        sys.path.insert(0, str(ROOT))
        from shared.ingest.workbook import open_workbook, sheet_csv

        with open_workbook(Path(path)) as book, open(out, "wb") as dst:
            for sheet in book.sheets:
                rows += sheet_csv(book, sheet, dst, max_bytes=1 << 40).rows
    else:
        import openpyxl

        sys.path.insert(0, str(ROOT))
        from shared.ingest.cells import cell_text

        book = openpyxl.load_workbook(path, read_only=True)
        with open(out, "w", newline="", encoding="utf-8") as dst:
            writer = csv.writer(dst, lineterminator="\n")
            for sheet in book.worksheets:
                for values in sheet.iter_rows(values_only=True):
                    writer.writerow([cell_text(v) for v in values])
                    rows += 1
                rows -= 1  # the header
        book.close()
    return {"seconds": round(time.perf_counter() - started, 2), "rows": rows,
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def _child(reader: str, path: Path, folder: Path) -> dict[str, float] | None:
    proc = subprocess.run([sys.executable, __file__, "--child", reader, str(path), str(folder / f"{reader}.csv")],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(f"{reader}: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else 'failed'}\n")
        return None
    return dict(json.loads(proc.stdout))


def main() -> int:
    """Generate the workbook, read it with each reader in its own process, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_read(*args.child)))
        return 0
    with tempfile.TemporaryDirectory(prefix="ecomintel-bench-xlsx-") as tmp:
        folder = Path(tmp)
        path = folder / "retail.xlsx"
        started = time.perf_counter()
        generate(path, args.rows)
        print(f"workbook: {args.rows:,} rows, {path.stat().st_size / 2**20:.1f} MiB, written in "
              f"{time.perf_counter() - started:.1f} s")
        for reader in ("calamine", "openpyxl"):
            figures = _child(reader, path, folder)
            if figures is not None:
                size = (folder / f"{reader}.csv").stat().st_size / 2**20
                print(f"{reader:9} {figures['seconds']:7.2f} s  peak RSS {figures['peak_rss_mib']:7.1f} MiB  "
                      f"({figures['rows']:,} data rows, CSV {size:.1f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
