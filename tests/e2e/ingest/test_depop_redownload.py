"""A Depop re-download that overlaps an earlier one counts only its new sales (Depop writes no order or sale id).

The rows both downloads carry are the same cells: duplicates of the stored rows, counted and not stored again. A sale
refunded since the first download comes back with its refund filled in: the same line (its record key), updated with
its refund, not a second sale.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.e2e.ingest.export_checks import ingest
from tests.fixtures.public.public12_shapes import depop_sales


def _rows() -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(next(iter(depop_sales(120, seed=225).values())))))
    return rows[0], rows[1:]


def _text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


def test_an_overlapping_redownload_adds_only_its_new_sales(tmp_path: Path) -> None:
    header, rows = _rows()
    docs, sums, _ = ingest(tmp_path / "two", {"jan.csv": _text(header, rows[:80]), "feb.csv": _text(header, rows[50:])})
    assert (docs[1]["accepted"], docs[1]["duplicates"]) == (40, 30), docs[1]
    _, whole, _ = ingest(tmp_path / "one", {"all.csv": _text(header, rows)})
    assert {k: sums[k] for k in ("n", "units", "revenue", "refund")} == {
        k: whole[k] for k in ("n", "units", "revenue", "refund")
    }


def test_a_sale_refunded_since_the_first_download_is_updated_not_sold_twice(tmp_path: Path) -> None:
    header, rows = _rows()
    refund, price = header.index("Refunded to buyer amount"), header.index("Item price")
    since = next(i for i in range(50, 80) if not rows[i][refund])
    later = [row[:] for row in rows[50:]]
    later[since - 50][refund] = rows[since][price]
    _, before, _ = ingest(tmp_path / "first", {"jan.csv": _text(header, rows[:80])})
    docs, after, _ = ingest(tmp_path / "both", {"jan.csv": _text(header, rows[:80]), "feb.csv": _text(header, later)})
    assert (docs[1]["accepted"], docs[1]["duplicates"]) == (41, 29), docs[1]
    _, whole, _ = ingest(tmp_path / "one", {"all.csv": _text(header, rows)})
    assert (after["n"], after["units"]) == (whole["n"], whole["units"])  # no sale counted twice
    assert round(after["refund"] - whole["refund"], 2) == float(rows[since][price].lstrip("£"))
    assert before["n"] == 80
