"""Warehouse reads for alert rules, through the store.

Each frame is returned with the exact query and parameters so alerts can cite them as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from shared.ports import Warehouse
from shared.store import alert_inputs
from shared.store.statements import TenantRead, jsonable


@dataclass
class Frame:
    """A query result with the query that produced it."""

    data: pd.DataFrame
    query: str
    params: dict[str, Any] = field(default_factory=dict)

    def evidence_params(self) -> dict[str, Any]:
        """Parameters as JSON-friendly values."""
        return jsonable(self.params)


def _frame(read: TenantRead) -> Frame:
    return Frame(read.frame, read.sql, read.params)


def competitor_prices(warehouse: Warehouse, tenant: str, today: date, days: int = 14) -> Frame:
    """Competitor observations of the last ``days`` days with our price and MAP."""
    return _frame(alert_inputs.competitor_prices(warehouse, tenant, today, days))


def stock_cover(warehouse: Warehouse, tenant: str, today: date, window_days: int) -> Frame:
    """Latest stock per SKU with units sold in the trailing window."""
    return _frame(alert_inputs.stock_cover(warehouse, tenant, today, window_days))


def rating_windows(warehouse: Warehouse, tenant: str, today: date, recent_days: int = 30,
                   base_days: int = 120) -> Frame:
    """Average rating per SKU in the recent window vs the window before it."""
    return _frame(alert_inputs.rating_windows(warehouse, tenant, today, recent_days, base_days))


def spam_by_day(warehouse: Warehouse, tenant: str, today: date, threshold: float, days: int = 63) -> Frame:
    """Suspected fake reviews per day over the last ``days`` days."""
    return _frame(alert_inputs.spam_by_day(warehouse, tenant, today, threshold, days))


def forecast_drift(warehouse: Warehouse, tenant: str) -> Frame:
    """The latest live-vs-backtest forecast error measurement per SKU (written by the forecast agent)."""
    return _frame(alert_inputs.forecast_drift(warehouse, tenant))
