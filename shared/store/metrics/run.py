"""Run a :class:`MetricQuery` on a warehouse and return plain Python rows with the statement as evidence."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from shared.ports import Warehouse
from shared.store.metrics.catalog import FRACTIONAL_COUNTS, METRICS
from shared.store.metrics.compile import CompiledQuery, plan_metric_query
from shared.store.metrics.model import CompiledStatement, MetricQuery, MetricResult

_COUNT_METRICS = frozenset(name for name, spec in METRICS.items() if spec.unit == "count"
                           and name not in FRACTIONAL_COUNTS)


def _plain(value: Any) -> Any:
    """A Python value for a cell: numpy scalars unwrapped, NaN/NaT/NA as ``None``, timestamps as dates."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    return value


def _cell(column: str, value: Any, dimension: bool) -> Any:
    value = _plain(value)
    if value is None:
        return None
    if dimension:
        return value if isinstance(value, date) else str(value)
    if column in _COUNT_METRICS or (column.endswith("_previous") and column[:-9] in _COUNT_METRICS):
        return int(round(float(value)))
    return float(value)


def _currency(frame: pd.DataFrame) -> str | None:
    if "_currency_min" not in frame.columns:
        return None
    lows = {v for v in frame["_currency_min"].tolist() if _plain(v) is not None}
    highs = {v for v in frame["_currency_max"].tolist() if _plain(v) is not None}
    both = lows | highs
    return str(next(iter(both))) if len(both) == 1 else None


def rows_of(plan: CompiledQuery, frame: pd.DataFrame) -> tuple[list[str], list[dict[str, Any]], bool]:
    """Columns, rows (dimension then metric keys, Python values) and whether the row cap cut the result."""
    columns = [*plan.dimensions, *plan.metric_columns]
    dims = set(plan.dimensions)
    records = frame.to_dict("records")
    truncated = len(records) > plan.row_cap
    rows = [{c: _cell(c, r.get(c), c in dims) for c in columns} for r in records[: plan.row_cap]]
    return columns, rows, truncated


def run_metric_query(warehouse: Warehouse, query: MetricQuery, *, row_cap: int | None = None) -> MetricResult:
    """Compile ``query``, run it on ``warehouse`` and return the rows with the exact statement run.

    ``row_cap`` raises the rows kept when a query sets no limit (default ``MAX_ROWS``): a question that counts
    the values ("how many different products did we sell") reads them all.
    """
    plan = plan_metric_query(query) if row_cap is None else plan_metric_query(query, row_cap=row_cap)
    frame = warehouse.run(plan.statement, plan.params)
    columns, rows, truncated = rows_of(plan, frame)
    statement = CompiledStatement(sql=warehouse.render(plan.statement), params=plan.params,
                                  dialect=warehouse.dialect)
    return MetricResult(query=query, columns=columns, rows=rows, currency=_currency(frame), statement=statement,
                        previous_range=plan.previous_range, truncated=truncated)
