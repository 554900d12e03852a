"""The shop's clock: a stamp's offset from UTC turned into the tenant's zone, daylight saving right for each instant.

The SQL (``utc_minutes``, ``wall_minutes``, ``hour_label``, ``wall_day``) is run on an in-memory DuckDB and compared
with Python's ``zoneinfo`` for the same instants, across the days a zone changes its clocks, in both hemispheres.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlglot import exp

from shared.store.metrics.catalog import weekday_name
from shared.store.metrics.shop_clock import (
    hour_label,
    local_minutes,
    shop_zone,
    utc_minutes,
    wall_day,
    wall_minutes,
    zone_span,
    zone_transitions,
)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _minute(at: datetime) -> int:
    return int((at - _EPOCH).total_seconds() // 60)


def test_a_zone_changes_its_clock_at_the_minute_it_does() -> None:
    base, changes = zone_transitions("America/New_York", date(2024, 1, 1), date(2024, 12, 31))
    assert base == -300
    # 10 March 2024 02:00 EST is 07:00 UTC; 3 November 2024 02:00 EDT is 06:00 UTC
    assert changes == (
        (_minute(datetime(2024, 3, 10, 7, tzinfo=UTC)), -240),
        (_minute(datetime(2024, 11, 3, 6, tzinfo=UTC)), -300),
    )


def test_a_southern_zone_leaves_summer_time_in_april() -> None:
    base, changes = zone_transitions("Australia/Sydney", date(2024, 1, 1), date(2024, 12, 31))
    assert base == 660  # summer in January: UTC+11
    assert changes[0] == (_minute(datetime(2024, 4, 6, 16, tzinfo=UTC)), 600)  # 7 April 03:00 AEDT
    assert changes[1][1] == 660  # back in October


def test_a_zone_without_daylight_saving_has_one_offset() -> None:
    assert zone_transitions("Asia/Kolkata", date(2000, 1, 1), date(2040, 12, 31)) == (330, ())


@pytest.mark.parametrize(
    ("name", "zone"),
    [
        ("America/New_York", "America/New_York"),
        ("UTC", None),
        ("Etc/UTC", None),
        ("", None),
        (None, None),
        ("Mars/Olympus", None),
        (" Europe/Paris ", "Europe/Paris"),
    ],
)
def test_only_a_known_zone_other_than_utc_is_the_shops_clock(name: str | None, zone: str | None) -> None:
    assert shop_zone(name) == zone


def test_the_span_of_a_query_is_its_period_a_day_either_side() -> None:
    assert zone_span((date(2024, 3, 1), date(2024, 3, 31))) == (date(2024, 2, 29), date(2024, 4, 1))
    assert zone_span(None) == (date(2000, 1, 1), date(2040, 12, 31))


@lru_cache(maxsize=32)
def _statement(zone: str, first: date, last: date) -> str:
    """The clock as the compiler reads it: the instant a column of a subquery, the zone's changes over it."""
    instant = utc_minutes(exp.column("d"), exp.column("t"), exp.column("o"))
    lines = exp.select(exp.Star(), exp.alias_(instant, "u")).from_(
        "(SELECT CAST($1 AS DATE) AS d, CAST($2 AS VARCHAR) AS t, CAST($3 AS BIGINT) AS o) AS l"
    )
    minutes = wall_minutes(exp.column("u", table="x"), zone, first, last)
    return (
        exp.select(exp.alias_(hour_label(minutes), "h"), exp.alias_(weekday_name(wall_day(minutes.copy())), "w"))
        .from_(exp.alias_(lines.subquery(), "x", table=True))
        .sql("duckdb")
    )


_DUCK = duckdb.connect()


def _sql_clock(day: date, time_of_day: str, offset: int, zone: str, first: date, last: date) -> tuple[str, str]:
    row = _DUCK.execute(_statement(zone, first, last), [day, time_of_day, offset]).fetchone()
    assert row is not None
    return str(row[0]), str(row[1])


def _python_clock(day: date, time_of_day: str, offset: int, zone: str) -> tuple[str, str]:
    written = datetime.combine(day, datetime.strptime(time_of_day, "%H:%M:%S").time())
    local = (written - timedelta(minutes=offset)).replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
    return f"{local.hour:02d}:00", local.strftime("%A")


@pytest.mark.parametrize(
    ("day", "time_of_day", "offset", "zone", "hour", "weekday"),
    [
        (date(2024, 3, 10), "06:59:00", 0, "America/New_York", "01:00", "Sunday"),  # the last minute of winter time
        (date(2024, 3, 10), "07:00:00", 0, "America/New_York", "03:00", "Sunday"),  # 02:00 never happens
        (date(2024, 11, 3), "05:30:00", 0, "America/New_York", "01:00", "Sunday"),  # the first 01:30 (EDT)
        (date(2024, 11, 3), "06:30:00", 0, "America/New_York", "01:00", "Sunday"),  # the second 01:30 (EST)
        (date(2024, 4, 6), "15:59:00", 0, "Australia/Sydney", "02:00", "Sunday"),  # 02:59 AEDT
        (date(2024, 4, 6), "16:00:00", 0, "Australia/Sydney", "02:00", "Sunday"),  # 02:00 AEST again
        (date(2024, 3, 1), "23:30:00", 0, "Asia/Tokyo", "08:00", "Saturday"),  # a UTC Friday night: Tokyo's Saturday
        (date(2024, 3, 1), "01:30:00", 0, "America/Los_Angeles", "17:00", "Thursday"),  # back across midnight
        (date(2024, 3, 1), "10:15:00", 330, "Asia/Kolkata", "10:00", "Friday"),  # written in the shop's own zone
        (date(2024, 7, 1), "10:15:00", -300, "America/Chicago", "10:00", "Monday"),  # -05:00 in Chicago's summer
        (date(2024, 1, 2), "10:15:00", -300, "America/Chicago", "09:00", "Tuesday"),  # ... and in its winter
    ],
)
def test_an_instant_reads_on_the_shops_clock(
    day: date, time_of_day: str, offset: int, zone: str, hour: str, weekday: str
) -> None:
    first, last = zone_span((day, day))
    assert _sql_clock(day, time_of_day, offset, zone, first, last) == (hour, weekday)
    assert _python_clock(day, time_of_day, offset, zone) == (hour, weekday)


@settings(max_examples=40, deadline=None)
@given(
    st.dates(date(2001, 1, 1), date(2039, 12, 30)),
    st.integers(0, 24 * 60 - 1),
    st.sampled_from([0, 60, -300, -420, -480, 330, 540, 600, 660]),
    st.sampled_from(
        [
            "America/New_York",
            "Europe/London",
            "Australia/Sydney",
            "Asia/Tokyo",
            "America/Santiago",
            "Pacific/Auckland",
            "Asia/Kolkata",
        ]
    ),
)
def test_the_sql_clock_agrees_with_zoneinfo(day: date, minute: int, offset: int, zone: str) -> None:
    time_of_day = f"{minute // 60:02d}:{minute % 60:02d}:00"
    first, last = zone_span(None)
    assert _sql_clock(day, time_of_day, offset, zone, first, last) == _python_clock(day, time_of_day, offset, zone)
    instant = _minute(datetime.combine(day, datetime.min.time(), tzinfo=UTC)) + minute - offset
    wall = local_minutes(instant, zone)
    assert f"{wall % 1440 // 60:02d}:00" == _python_clock(day, time_of_day, offset, zone)[0]
