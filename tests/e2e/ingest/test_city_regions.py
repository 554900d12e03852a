"""'Which city' of a file whose column said its places are cities, whatever the cities' names.

Before, a City column was stored as the line's region and "which city" read the regions only when most of them were
in a fixed list of well-known cities: a merchant's Springfield, Riverton and Lakeside were refused "for want of a city
column", and a ``Store City`` or ``Location`` column was not read at all. Now the lines a City (Store City, Location)
column placed carry ``region:city`` and the vocabulary knows the regions are cities; the list is the fallback.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest.cli_helpers import ask_cli, ingest_recorded

TOWNS = ("Springfield", "Riverton", "Lakeside")


def _sales(column: str) -> str:
    rng = random.Random(7)
    rows = [f"order_id,date,sku,units,revenue,{column}"]
    for i in range(60):
        rows.append(f"O{i},2024-0{1 + i % 3}-1{i % 9},SKU{i % 4},{1 + i % 3},{10 + i % 7}.00,{rng.choice(TOWNS)}")
    return "\n".join(rows) + "\n"


def _top(text: str, column: str) -> str:
    frame = pd.read_csv(io.StringIO(text))
    return str(frame.groupby(column)["revenue"].sum().idxmax())


@pytest.mark.parametrize("column", ["City", "Store City", "Location"])
def test_which_city_reads_the_regions_a_city_column_gave(column: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    text = _sales(column)
    home, _ = ingest_recorded(tmp_path, {"sales.csv": text})
    answer = ask_cli(home, "Which city had the most revenue?", monkeypatch, capsys)
    assert answer.startswith(f"{_top(text, column)} had the most revenue"), answer


def test_regions_that_are_no_cities_are_still_refused_as_cities(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    home, _ = ingest_recorded(tmp_path, {"sales.csv": _sales("region")})
    answer = ask_cli(home, "Which city had the most revenue?", monkeypatch, capsys)
    assert "had the most revenue" not in answer and "can't be answered" in answer, answer
