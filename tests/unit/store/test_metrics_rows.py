"""Rows to Python: NaN/NaT are None, dates are dates, counts are ints; the HTTP body mirrors MetricQuery."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from shared.store.metrics.api import MetricQueryRequest
from shared.store.metrics.compile import plan_metric_query
from shared.store.metrics.model import MetricQuery
from shared.store.metrics.run import rows_of


def test_cells_become_plain_python() -> None:
    plan = plan_metric_query(MetricQuery(tenant_id="t1", metrics=["orders", "revenue", "aov"],
                                         dimensions=["date", "channel"], grain="month", limit=2))
    frame = pd.DataFrame({
        "date": pd.DatetimeIndex(["2025-01-01", "2025-02-01", None]),
        "channel": ["web", None, "shop"],
        "orders": np.array([3.0, np.nan, 1.0]),
        "revenue": [10.5, np.nan, 2.0],
        "aov": np.array([3.5, np.nan, 2.0], dtype=np.float32),
    })
    columns, rows, truncated = rows_of(plan, frame)
    assert columns == ["date", "channel", "orders", "revenue", "aov"]
    assert rows == [{"date": date(2025, 1, 1), "channel": "web", "orders": 3, "revenue": 10.5, "aov": 3.5},
                    {"date": date(2025, 2, 1), "channel": None, "orders": None, "revenue": None, "aov": None}]
    assert truncated  # three rows for a limit of two
    assert type(rows[0]["orders"]) is int and type(rows[0]["aov"]) is float


def test_the_http_body_is_metric_query_without_the_tenant() -> None:
    assert set(MetricQueryRequest.model_fields) == set(MetricQuery.model_fields) - {"tenant_id"}
    for name, field in MetricQueryRequest.model_fields.items():
        assert field.annotation == MetricQuery.model_fields[name].annotation
