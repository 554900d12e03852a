"""Two rows of one file that differ only in a column no field reads are two sales, not one written twice.

Depop's sales download has no order or sale id: a buyer's two sales of one item on one day differ only by their
``Time of sale``, which no record field keeps. Both records were the same content, so the second was counted a
duplicate of the first and lost (Depop at 3,000 rows: "duplicates 1", the top product's revenue one sale short).
A row the file writes again, cell for cell, is a third sale (within one file a row is a sale: ``SaleRecord.occurrence``
numbers it); every row of the same file uploaded again, and of a run killed part-way and run again, is a duplicate.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.e2e.ingest.cli_helpers import ingest_one, stored_row
from tests.e2e.ingest.test_kill_drill import _run_cli, _warm_up
from tests.fixtures.public.public11_shapes import _text
from tests.fixtures.public.public12_shapes import DEPOP_HEADER

BOOTS = "Dr Martens 1460 Boots UK6"
UNITS = "SELECT SUM(units) AS u, SUM(revenue) AS r FROM sales WHERE tenant_id = @t AND upper(sku) = upper('{sku}')"


def _sale(day: int, time: str, buyer: str, title: str, price: float) -> dict[str, object]:
    return {
        "Date of sale": f"{day:02d}/03/2024",
        "Time of sale": time,
        "Buyer": buyer,
        "Description": title,
        "Item price": f"£{price:.2f}",
        "Shipping price": "£3.50",
        "Total": f"£{price + 3.5:.2f}",
        "Depop fee": f"£{price * 0.1:.2f}",
        "Depop Payments fee": "£0.50",
        "Boosting fee": "£0.00",
        "Payment type": "Depop Payments",
        "City": "Leeds",
        "Country": "United Kingdom",
    }


def _depop_file() -> str:
    """25 sales over 25 days (a chunk of 20 rows ends before the last ones), then shopper_7's second pair of boots
    the same day as the first, 17:21 then 18:48, and the 18:48 row written again cell for cell (a third pair)."""
    rows = [_sale(1 + k, "12:00", f"shopper_{k}", f"Carhartt Beanie {k}", 16.0) for k in range(25)]
    first, second = _sale(13, "17:21", "shopper_7", BOOTS, 65.0), _sale(13, "18:48", "shopper_7", BOOTS, 65.0)
    return _text(DEPOP_HEADER, [first, *rows, second, second])


def test_a_buyers_two_sales_of_one_item_on_one_day_both_land(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ECOMINTEL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ECOMINTEL_INGEST_CHUNK_ROWS", "20")  # the two sales in two chunks
    text = _depop_file()
    doc = ingest_one(tmp_path, "depop_sales_2024.csv", text, capsys)
    assert (doc["accepted"], doc["duplicates"], doc["rejected"]) == (28, 0, 0), doc
    assert stored_row(tmp_path / "home", UNITS.format(sku=BOOTS)) == {"u": 3, "r": 195.0}
    again = ingest_one(tmp_path, "depop_sales_2024 (1).csv", text, capsys)  # the same download, uploaded again
    assert (again["accepted"], again["duplicates"]) == (0, 28), again
    assert stored_row(tmp_path / "home", UNITS.format(sku=BOOTS)) == {"u": 3, "r": 195.0}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the drill forks")
@pytest.mark.parametrize("point", ["ingest.chunk#2", "ingest.committed", "process.merged"])
def test_both_sales_land_once_when_the_ingest_is_killed_and_run_again(point: str, tmp_path: Path) -> None:
    _warm_up()
    source = tmp_path / "depop_sales_2024.csv"
    source.write_text(_depop_file(), encoding="utf-8")
    home = tmp_path / "home"
    assert _run_cli(home, source, tmp_path / "killed.log", point) == -signal.SIGKILL
    log = tmp_path / "rerun.log"
    assert _run_cli(home, source, log, None) == 0, log.read_text()
    assert stored_row(home, UNITS.format(sku=BOOTS)) == {"u": 3, "r": 195.0}
    assert stored_row(home, "SELECT SUM(units) AS u FROM sales WHERE tenant_id = @t")["u"] == 28
