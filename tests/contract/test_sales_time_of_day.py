"""The time of day of a sale, on every warehouse, against pandas truth.

Till, cafe and pizzeria exports stamp each sale with the merchant's clock time (``SaleRecord.time_of_day``); the
metrics layer breaks sales down by ``hour`` and keeps some hours with a filter, and a line without a time is never
midnight: it is its own group (none) and counted by ``untimed_lines``. A decoy tenant holds the same hours with other
numbers, so a missing tenant predicate changes every figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pandas as pd
import pytest

from shared.store.metrics.compile import MetricQueryError
from shared.store.metrics.model import MetricQuery, TimeRange
from shared.store.metrics.run import run_metric_query
from shared.store.vocabulary import read_vocabulary
from tests.contract.conftest import ADAPTER_FAMILIES, adapter
from tests.contract.metrics_truth import _lineage, close

TENANT, OTHER = "acme", "rival"
YEAR = TimeRange(start=date(2025, 1, 1), end=date(2025, 12, 31), label="2025")
#: (sku, day, units, revenue, order, time of day); 2025-01-04 is a Saturday
LINES = [
    ("A", date(2025, 1, 4), 2, 100.0, "o1", "10:15:00"),
    ("B", date(2025, 1, 4), 1, 40.0, "o1", "10:15:00"),
    ("A", date(2025, 1, 5), 3, 150.0, "o2", "10:59:59"),
    ("B", date(2025, 3, 1), 5, 200.0, "o3", "00:05:00"),
    ("A", date(2025, 3, 2), 1, 60.0, "o4", "23:30:00"),
    ("B", date(2025, 4, 4), 4, 160.0, "o5", None),
    ("A", date(2025, 4, 5), 2, 80.0, "o6", "08:00:00"),
]


def _sales(shift: float) -> list[dict[str, Any]]:
    return [
        {
            "sku": s,
            "date": d,
            "units": u,
            "unit_price": r / u,
            "revenue": r + shift,
            "currency": None,
            "order_id": o,
            "channel": None,
            "time_of_day": t,
        }
        for s, d, u, r, o, t in LINES
    ]


def _truth() -> pd.DataFrame:
    frame = pd.DataFrame(LINES, columns=["sku", "date", "units", "revenue", "order", "time"])
    return frame.assign(hour=frame["time"].str[:2] + ":00")


@pytest.fixture(scope="module", params=ADAPTER_FAMILIES)
def warehouse(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with adapter(request.param, "warehouse", tmp_path_factory.mktemp("hours")) as wh:
        for tenant, shift in ((TENANT, 0.0), (OTHER, 1000.0)):
            wh.insert("sales", _lineage(tenant, "sales", _sales(shift)))
        yield wh


def _run(warehouse: Any, **query: Any) -> list[dict[str, Any]]:
    return run_metric_query(warehouse, MetricQuery(tenant_id=TENANT, **query)).rows


def test_revenue_orders_and_units_by_hour_and_a_line_without_a_time_is_no_midnight(warehouse: Any) -> None:
    rows = _run(warehouse, metrics=["revenue", "orders", "units"], dimensions=["hour"], time_range=YEAR)
    frame = _truth()
    got = {r["hour"]: r for r in rows}
    keys = frame["hour"].astype(object).where(frame["hour"].notna(), None)
    assert set(got) == set(keys) == {"10:00", "00:00", "23:00", "08:00", None}
    for key in set(keys):
        lines = frame[keys.isna()] if key is None else frame[keys == key]
        assert close(got[key]["revenue"], float(lines["revenue"].sum()))
        assert got[key]["orders"] == lines["order"].nunique()
        assert got[key]["units"] == int(lines["units"].sum())
    assert got["00:00"]["revenue"] == 200.0  # the 00:05 sale only: the untimed line is not midnight's


def test_an_hour_filter_keeps_those_hours_and_leaves_untimed_lines_out(warehouse: Any) -> None:
    morning = [f"{h:02d}:00" for h in range(12)]
    rows = _run(warehouse, metrics=["revenue"], time_range=YEAR, filters=[{"dimension": "hour", "values": morning}])
    assert close(rows[0]["revenue"], 100.0 + 40.0 + 150.0 + 200.0 + 80.0)


def test_hour_by_weekday_and_a_weekday_filter(warehouse: Any) -> None:
    rows = _run(warehouse, metrics=["orders"], dimensions=["weekday", "hour"], time_range=YEAR)
    got = {(r["weekday"], r["hour"]): r["orders"] for r in rows}
    assert got[("Saturday", "10:00")] == 1  # o1 on Saturday 4 Jan; o2 on Sunday 5 Jan
    assert got[("Saturday", "08:00")] == 1  # o6 on Saturday 5 Apr
    assert got[("Sunday", "10:00")] == 1
    saturdays = _run(
        warehouse,
        metrics=["orders"],
        dimensions=["hour"],
        time_range=YEAR,
        filters=[{"dimension": "weekday", "values": ["Saturday"]}],
        order_by="orders",
    )
    assert {r["hour"]: r["orders"] for r in saturdays} == {"10:00": 1, "08:00": 1, "00:00": 1}  # 1 Mar: a Saturday


def test_timed_and_untimed_lines_are_counted(warehouse: Any) -> None:
    rows = _run(warehouse, metrics=["timed_lines", "untimed_lines"], time_range=YEAR)
    assert rows[0]["timed_lines"] == 6 and rows[0]["untimed_lines"] == 1


def test_an_hour_filter_value_must_be_an_hours_start(warehouse: Any) -> None:
    with pytest.raises(MetricQueryError):
        _run(warehouse, metrics=["revenue"], time_range=YEAR, filters=[{"dimension": "hour", "values": ["10am"]}])


def test_the_vocabulary_says_the_sales_carry_a_time_of_day(warehouse: Any) -> None:
    assert "time_of_day" in (read_vocabulary(warehouse, TENANT, 1).sales_columns or [])
