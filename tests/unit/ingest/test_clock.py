"""The time of day read from time and timestamp cells: the merchant's clock as written, never an invented midnight."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.ingest.clock import clock_times, first_known, hour_times, sale_times
from shared.ingest.headers import map_columns
from shared.models.records import DataKind


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025-03-01 10:15:50", "10:15:50"),
        ("12/1/2010 8:26", "08:26:00"),
        ("Saturday, January 1, 2022 10:05 AM", "10:05:00"),
        ("2025-03-01T10:15:00+02:00", "10:15:00"),  # the clock as written: the offset is not applied
        ("2024-01-02T23:59:59Z", "23:59:59"),
        ("10:15:50.520000", "10:15:50"),
        ("2:15 PM", "14:15:00"),
        ("12:30 am", "00:30:00"),
        ("12:05 p.m.", "12:05:00"),
        ("4 de julio de 2024 20:02 hs.", "20:02:00"),
        ("2024/03/05, 14:22", "14:22:00"),
        ("2024-01-02", None),  # a date alone: no time, never midnight
        ("Morning", None),  # a part of the day places no sale in the clock
        ("25:00", None),
        ("13:00 PM", None),
        ("", None),
    ],
)
def test_a_cell_gives_its_clock_time(cell: str, expected: str | None) -> None:
    assert clock_times(pd.Series([cell, "09:00"])).iloc[0] == expected


def test_a_column_of_midnights_is_dates_written_as_timestamps() -> None:
    stamps = pd.Series(["2025-03-01 00:00:00", "2025-03-02 00:00:00", None])
    assert clock_times(stamps).tolist() == [None, None, None]
    assert clock_times(pd.Series(["2025-03-01 00:00:00", "2025-03-02 09:30:00"])).tolist() == ["00:00:00", "09:30:00"]


def test_a_bare_hour_column_is_the_hours_start() -> None:
    assert hour_times(pd.Series(["10", "7", "24", "x", None, "9.0"])).tolist() == [
        "10:00:00",
        "07:00:00",
        None,
        None,
        None,
        "09:00:00",
    ]


def test_the_most_precise_source_wins_row_by_row() -> None:
    assert first_known(pd.Series([None, "10:00:00"]), pd.Series(["08:00:00", "11:00:00"])).tolist() == [
        "08:00:00",
        "10:00:00",
    ]


def test_a_sales_file_takes_its_time_column_then_the_dates_timestamp() -> None:
    mapping = map_columns(["Date", "Time", "hour_of_day", "money", "coffee_name"], DataKind.SALES)
    frame = pd.DataFrame(
        {
            "c0": ["2024-03-01", "2024-03-01 07:10"],
            "c1": ["10:15:50.5", ""],
            "c2": ["10", "7"],
            "c3": ["38.7", "30"],
            "c4": ["Latte", "Cocoa"],
        }
    )
    assert sale_times(frame, mapping).tolist() == ["10:15:50", "07:10:00"]


def test_a_sales_file_without_any_time_has_none() -> None:
    mapping = map_columns(["Date", "sku", "units"], DataKind.SALES)
    frame = pd.DataFrame({"c0": ["2024-03-01"], "c1": ["A"], "c2": ["1"]})
    assert sale_times(frame, mapping).tolist() == [None]


@given(st.integers(0, 23), st.integers(0, 59), st.integers(0, 59))
def test_every_24_hour_clock_reads_back(hour: int, minute: int, second: int) -> None:
    written = f"{hour}:{minute:02d}:{second:02d}"
    assert clock_times(pd.Series([written, "10:00"])).iloc[0] == f"{hour:02d}:{minute:02d}:{second:02d}"


@given(st.integers(1, 12), st.integers(0, 59), st.sampled_from(["AM", "PM", "am", "p.m."]))
def test_every_12_hour_clock_reads_as_24_hours(hour: int, minute: int, half: str) -> None:
    expected = hour % 12 + (12 if half.lower().startswith("p") else 0)
    assert clock_times(pd.Series([f"{hour}:{minute:02d} {half}", "10:00"])).iloc[0] == f"{expected:02d}:{minute:02d}:00"
