"""An order listing one product on two rows (same day, same channel) lands both rows, through ``ecomintel ingest``.

A sales line's natural key is its order, product, day and channel; two rows of one order for one product shared it,
and a row written again exactly was dropped as written twice (Vending Machine Sales: 56 of 793 rows lost, 36 exact
repeats). Within one file a row is a sale: each line is numbered by its place among the lines of its key
(``SaleRecord.occurrence``), so every row lands; the same file sent again, or a run killed part-way and run again,
lands each row once; a newer export of an order replaces its k-th line of a key with its own k-th.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.e2e.ingest.cli_helpers import ingest_one, stored_row
from tests.e2e.ingest.test_kill_drill import CHUNK_ROWS, _run_cli, _warm_up

HEADER = "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country"
TOTALS = "SELECT COUNT(*) AS n, SUM(units) AS u, ROUND(SUM(revenue), 2) AS r FROM sales WHERE tenant_id = @t"
ONE_ORDER = (
    "SELECT COUNT(*) AS n, SUM(units) AS u, ROUND(SUM(revenue), 2) AS r FROM sales "
    "WHERE tenant_id = @t AND order_id = '{order}'"
)


def _lines() -> list[tuple[str, str, int, str, float]]:
    """(invoice, stock code, quantity, day, price): 60 one-line invoices, then invoices repeating a StockCode.

    Invoice 900 repeats a line exactly (the item sold twice), invoice 901 scans one code three times at two prices,
    and invoice 902 sells a code again further down the file, after the chunks in between (a later chunk).
    """
    lines = [(f"{100 + k}", f"2{k % 7:04d}", 1 + k % 3, f"2024-03-{1 + k % 28:02d}", 2.5) for k in range(60)]
    lines[10:10] = [
        ("900", "85123A", 2, "2024-03-05", 2.55),
        ("900", "85123A", 2, "2024-03-05", 2.55),
        ("900", "22423", 1, "2024-03-05", 12.75),
    ]
    lines[30:30] = [
        ("901", "84879", 6, "2024-03-09", 1.69),
        ("901", "84879", 6, "2024-03-09", 1.69),
        ("901", "84879", 12, "2024-03-09", 1.45),
    ]
    lines[15:15] = [("902", "21730", 1, "2024-03-06", 4.25)]
    lines.append(("902", "21730", 1, "2024-03-06", 4.25))
    return lines


def _sums(lines: list[tuple[str, str, int, str, float]], order: str | None = None) -> dict[str, object]:
    chosen = [x for x in lines if order is None or x[0] == order]
    return {
        "n": len(chosen),
        "u": sum(q for _, _, q, _, _ in chosen),
        "r": round(sum(q * p for _, _, q, _, p in chosen), 2),
    }


def _same_minute(lines: list[tuple[str, str, int, str, float]]) -> str:
    """The file with every line of an invoice at one minute (exact repeats stay exact)."""
    rows = [f"{i},{c},ITEM {c},{q},{d} 10:00,{p},10001,United Kingdom" for i, c, q, d, p in lines]
    return "\n".join([HEADER, *rows]) + "\n"


def test_every_line_of_an_invoice_repeating_a_product_lands_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ECOMINTEL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ECOMINTEL_INGEST_CHUNK_ROWS", "20")  # invoice 902's two lines in two chunks
    lines = _lines()
    text = _same_minute(lines)
    doc = ingest_one(tmp_path, "online_retail_II.csv", text, capsys)
    assert (doc["accepted"], doc["duplicates"], doc["rejected"]) == (len(lines), 0, 0), doc
    assert "occurrence" in (doc.get("note") or ""), doc
    home = tmp_path / "home"
    assert stored_row(home, TOTALS) == _sums(lines)
    for order in ("900", "901", "902"):
        assert stored_row(home, ONE_ORDER.format(order=order)) == _sums(lines, order), order
    again = ingest_one(tmp_path, "online_retail_II (1).csv", text, capsys)  # the same export, uploaded again
    assert (again["accepted"], again["duplicates"]) == (0, len(lines)), again
    assert stored_row(home, TOTALS) == _sums(lines)


def test_a_newer_export_replaces_each_repeated_line_by_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invoice 901's third scan corrected (12 -> 10 units): replaced, not added. An export with one fewer repeat of
    invoice 900's line leaves the older export's second line stored (an upload adds or replaces, never removes)."""
    monkeypatch.setenv("ECOMINTEL_HOME", str(tmp_path / "home"))
    lines = _lines()
    ingest_one(tmp_path, "online_retail_II.csv", _same_minute(lines), capsys)
    revised = [(i, c, 10 if (i, q) == ("901", 12) else q, d, p) for i, c, q, d, p in lines]
    doc = ingest_one(tmp_path, "online_retail_II_revised.csv", _same_minute(revised), capsys)
    assert (doc["accepted"], doc["duplicates"]) == (1, len(lines) - 1), doc
    home = tmp_path / "home"
    assert stored_row(home, ONE_ORDER.format(order="901")) == _sums(revised, "901")
    assert stored_row(home, TOTALS) == _sums(revised)
    fewer = [x for n, x in enumerate(revised) if n != 11]  # invoice 900's second 85123A line left out
    assert lines[11] == lines[10] and lines[11][0] == "900"
    doc = ingest_one(tmp_path, "online_retail_II_fewer.csv", _same_minute(fewer), capsys)
    assert (doc["accepted"], doc["duplicates"]) == (0, len(fewer)), doc
    assert stored_row(home, TOTALS) == _sums(revised)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the drill forks")
@pytest.mark.parametrize("point", ["ingest.chunk#2", "ingest.committed", "process.merged"])
def test_each_line_lands_once_when_the_ingest_is_killed_and_run_again(point: str, tmp_path: Path) -> None:
    _warm_up()
    lines = _lines()
    assert len(lines) > 2 * CHUNK_ROWS  # the kill at the second chunk lands mid-staging
    source = tmp_path / "online_retail_II.csv"
    source.write_text(_same_minute(lines), encoding="utf-8")
    home = tmp_path / "home"
    assert _run_cli(home, source, tmp_path / "killed.log", point) == -signal.SIGKILL
    log = tmp_path / "rerun.log"
    assert _run_cli(home, source, log, None) == 0, log.read_text()
    assert stored_row(home, TOTALS) == _sums(lines)
    for order in ("900", "901", "902"):
        assert stored_row(home, ONE_ORDER.format(order=order)) == _sums(lines, order), order
