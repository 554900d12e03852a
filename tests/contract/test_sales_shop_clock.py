"""The shop's clock on every warehouse: a stamp's offset kept on the line, turned into the tenant's zone at query time.

``sales.utc_offset`` (minutes east of UTC) is stored beside the time as written; a query with ``clock_zone`` reads
each line with an offset on the zone's clock (daylight saving per line, the day moving across midnight), and a line
without one as written. A decoy tenant holds other offsets and hours, so a missing tenant predicate in the instant's
subquery changes the figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from shared.store.metrics.model import MetricQuery, TimeRange
from shared.store.metrics.run import run_metric_query
from tests.contract.conftest import ADAPTER_FAMILIES, adapter
from tests.contract.metrics_truth import _lineage, close

TENANT, OTHER = "acme", "rival"
ZONE = "America/New_York"
YEAR = TimeRange(start=date(2024, 1, 1), end=date(2024, 12, 31), label="2024")
#: (order, day, time as written, offset written, revenue): UTC stamps across New York's March change, one stamp
#: written at -08:00, one with no offset (the shop's clock already), one untimed.
LINES = [
    ("o1", date(2024, 3, 9), "14:30:00", 0, 10.0),  # Saturday 09:30 EST
    ("o2", date(2024, 3, 10), "06:30:00", 0, 20.0),  # Sunday 01:30 EST
    ("o3", date(2024, 3, 10), "07:30:00", 0, 40.0),  # Sunday 03:30 EDT (02:00 never happened)
    ("o4", date(2024, 3, 11), "02:15:00", 0, 80.0),  # Sunday 22:15 EDT: the day before
    ("o5", date(2024, 7, 1), "10:15:00", -480, 160.0),  # Monday 14:15 EDT
    ("o6", date(2024, 7, 2), "09:45:00", None, 320.0),  # as written
    ("o7", date(2024, 7, 3), None, None, 640.0),  # no time
]


def _sales(tenant: str) -> list[dict[str, Any]]:
    decoy = tenant == OTHER
    return [
        {
            "sku": "A",
            "date": d,
            "units": 1,
            "unit_price": r,
            "revenue": r + (1000.0 if decoy else 0.0),
            "currency": None,
            "order_id": o,
            "channel": None,
            "time_of_day": t,
            "utc_offset": (None if decoy else off) if t is not None else None,
        }
        for o, d, t, off, r in LINES
    ]


def _wall(day: date, time_of_day: str, offset: int) -> datetime:
    written = datetime.combine(day, datetime.strptime(time_of_day, "%H:%M:%S").time())
    return (written - timedelta(minutes=offset)).replace(tzinfo=UTC).astimezone(ZoneInfo(ZONE))


@pytest.fixture(scope="module", params=ADAPTER_FAMILIES)
def warehouse(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with adapter(request.param, "warehouse", tmp_path_factory.mktemp("shop_clock")) as wh:
        for tenant in (TENANT, OTHER):
            wh.insert("sales", _lineage(tenant, "sales", _sales(tenant)))
        yield wh


def _run(warehouse: Any, **query: Any) -> list[dict[str, Any]]:
    return run_metric_query(warehouse, MetricQuery(tenant_id=TENANT, time_range=YEAR, **query)).rows


def test_the_offset_is_stored_beside_the_time(warehouse: Any) -> None:
    rows = _run(warehouse, metrics=["timed_lines", "offset_lines", "lowest_utc_offset", "highest_utc_offset"])
    assert rows[0] == {"timed_lines": 6, "offset_lines": 5, "lowest_utc_offset": -480, "highest_utc_offset": 0}


def test_hours_on_the_shops_clock_with_daylight_saving_per_line(warehouse: Any) -> None:
    got = {r["hour"]: r["revenue"] for r in _run(warehouse, metrics=["revenue"], dimensions=["hour"], clock_zone=ZONE)}
    truth: dict[str | None, float] = {None: 640.0, "09:00": 320.0}  # o7 untimed; o6 as written
    for _, d, t, off, r in LINES:
        if t is not None and off is not None:
            key = f"{_wall(d, t, off).hour:02d}:00"
            truth[key] = truth.get(key, 0.0) + r
    assert truth == {None: 640.0, "09:00": 330.0, "01:00": 20.0, "03:00": 40.0, "22:00": 80.0, "14:00": 160.0}
    assert set(got) == set(truth)
    for hour, value in truth.items():
        assert close(got[hour], value), (hour, got)


def test_without_a_zone_every_time_is_as_written(warehouse: Any) -> None:
    zones: tuple[str | None, ...] = (None, "UTC", "Not/AZone")
    for zone in zones:
        got = {
            r["hour"]: r["orders"] for r in _run(warehouse, metrics=["orders"], dimensions=["hour"], clock_zone=zone)
        }
        assert got == {"14:00": 1, "06:00": 1, "07:00": 1, "02:00": 1, "10:00": 1, "09:00": 1, None: 1}, zone


def test_an_hour_filter_and_the_weekday_read_the_same_clock(warehouse: Any) -> None:
    evening = [f"{h:02d}:00" for h in range(17, 24)]
    rows = _run(warehouse, metrics=["revenue"], clock_zone=ZONE, filters=[{"dimension": "hour", "values": evening}])
    assert close(rows[0]["revenue"], 80.0)  # o4: 02:15 UTC on Monday is 22:15 on Sunday in New York
    days = {
        (r["weekday"], r["hour"]): r["orders"]
        for r in _run(warehouse, metrics=["orders"], dimensions=["weekday", "hour"], clock_zone=ZONE)
    }
    assert days[("Sunday", "22:00")] == 1 and days[("Saturday", "09:00")] == 1 and days[("Monday", "14:00")] == 1
    assert ("Monday", "02:00") not in days
