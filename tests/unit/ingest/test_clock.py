"""The time of day read from time and timestamp cells: the merchant's clock as written, never an invented midnight."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.ingest.clock import (
    clock_offsets,
    clock_times,
    first_known,
    hour_times,
    sale_clock,
    sale_times,
    stamped_text,
)
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


@pytest.mark.parametrize(
    ("cell", "minutes"),
    [
        ("2025-03-01T10:15:00+02:00", 120),
        ("2024-03-01T17:13:27-08:00", -480),  # Amazon's purchase-date
        ("2024-01-02T23:59:59Z", 0),
        ("2024-01-02T23:59:59.123Z", 0),
        ("2025-03-01 10:15:50 UTC", 0),
        ("2025-03-01 10:15 GMT+1", 60),
        ("2025-03-01T10:15:00+0530", 330),
        ("Sat, 01 Mar 2025 10:15:00 -0800", -480),  # RFC 2822, Shopify's "-0500"
        ("10:05 AM UTC", 0),
        ("2025-03-01 10:15:50", None),  # no offset: the shop's clock already
        ("10:15-11:15", None),  # a span of two clocks, not a clock and an offset
        ("10:15:00-11:15:00", None),
        ("2025-03-01T10:15:00+15:00", None),  # beyond any clock's offset
        ("2024-01-02", None),  # no time, so no offset either
    ],
)
def test_a_stamp_keeps_its_offset_from_utc(cell: str, minutes: int | None) -> None:
    found = clock_offsets(pd.Series([cell, "09:00"])).iloc[0]
    assert (None if pd.isna(found) else int(found)) == minutes


def test_the_offset_is_the_one_beside_the_time_taken() -> None:
    mapping = map_columns(["Date (UTC)", "sku", "units"], DataKind.SALES)
    frame = pd.DataFrame({"c0": ["2024-01-01 10:15", "2024-01-01"], "c1": ["A", "B"], "c2": ["1", "3"]})
    times, offsets = sale_clock(frame, mapping)
    assert times.tolist() == ["10:15:00", None]
    assert [None if pd.isna(o) else int(o) for o in offsets] == [0, None]  # the header says UTC; no time, no offset
    written = map_columns(["Date", "Time", "sku", "units"], DataKind.SALES)
    cells = pd.DataFrame({"c0": ["2024-01-01T08:00:00+02:00"], "c1": ["10:15"], "c2": ["A"], "c3": ["1"]})
    times, offsets = sale_clock(cells, written)
    assert times.tolist() == ["10:15:00"] and pd.isna(offsets.iloc[0])  # the time column's clock: no offset of its own


def test_a_derived_file_carries_the_offset_after_the_time() -> None:
    mapping = map_columns(["order_id", "created_at"], DataKind.SALES)
    cells = pd.DataFrame(
        {
            "order_id": ["1", "2", "3"],
            "created_at": ["2024-01-01T10:15:00-08:00", "2024-01-01 10:15", "2024-01-01T10:15:00+05:30"],
        }
    )
    text = stamped_text(cells, mapping)
    assert text.tolist() == ["10:15:00-08:00", "10:15:00", "10:15:00+05:30"]
    assert [None if pd.isna(o) else int(o) for o in clock_offsets(text)] == [-480, None, 330]


@given(st.integers(-12 * 60, 14 * 60).map(lambda m: m - m % 15), st.integers(0, 23), st.integers(0, 59))
def test_every_iso_offset_reads_back(minutes: int, hour: int, minute: int) -> None:
    sign = "-" if minutes < 0 else "+"
    cell = f"2024-05-01T{hour:02d}:{minute:02d}:00{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    assert int(clock_offsets(pd.Series([cell, "10:00"])).iloc[0]) == minutes  # (a lone midnight is a date)
    assert clock_times(pd.Series([cell, "10:00"])).iloc[0] == f"{hour:02d}:{minute:02d}:00"
