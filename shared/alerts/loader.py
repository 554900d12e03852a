"""Warehouse reads for alert rules: tenant-filtered, BigQuery SQL, named parameters only.

Each frame is returned with the exact query and parameters so alerts can cite them as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd

from shared.ports import Warehouse

COMPETITOR_SQL = """
SELECT c.sku, c.competitor, c.date, c.price, c.shipping, c.in_stock, p.price AS our_price, p.map_price, p.title
FROM competitor_prices AS c
LEFT JOIN products AS p ON p.tenant_id = c.tenant_id AND p.sku = c.sku
WHERE c.tenant_id = @tenant AND c.date BETWEEN @since AND @today
ORDER BY c.sku, c.competitor, c.date
"""

COVER_SQL = """
WITH latest AS (
  SELECT sku, on_hand, lead_time_days,
         ROW_NUMBER() OVER (PARTITION BY sku ORDER BY date DESC) AS rn
  FROM (SELECT sku, date, SUM(on_hand) AS on_hand, MAX(lead_time_days) AS lead_time_days
        FROM inventory WHERE tenant_id = @tenant AND date <= @today GROUP BY sku, date)
),
rate AS (
  SELECT sku, SUM(units) AS units FROM sales
  WHERE tenant_id = @tenant AND date > @since AND date <= @today GROUP BY sku
)
SELECT l.sku, l.on_hand, l.lead_time_days, COALESCE(r.units, 0) AS units_in_window
FROM latest AS l LEFT JOIN rate AS r ON r.sku = l.sku
WHERE l.rn = 1
"""

RATING_SQL = """
SELECT sku,
       AVG(IF(date > @recent_since, rating, NULL)) AS recent_avg,
       COUNTIF(date > @recent_since AND rating IS NOT NULL) AS recent_n,
       AVG(IF(date <= @recent_since AND date > @base_since, rating, NULL)) AS base_avg,
       COUNTIF(date <= @recent_since AND date > @base_since AND rating IS NOT NULL) AS base_n
FROM reviews
WHERE tenant_id = @tenant AND date > @base_since AND date <= @today
GROUP BY sku
"""

SPAM_SQL = """
SELECT date, COUNTIF(spam_score >= @threshold) AS suspected, COUNT(*) AS reviews
FROM reviews
WHERE tenant_id = @tenant AND date > @since AND date <= @today
GROUP BY date
"""

DRIFT_SQL = """
SELECT sku, live_mase, expected_mase, ratio, periods, run_id, measured_at
FROM forecast_accuracy
WHERE tenant_id = @tenant
QUALIFY ROW_NUMBER() OVER (PARTITION BY sku ORDER BY measured_at DESC) = 1
"""


@dataclass
class Frame:
    """A query result with the query that produced it."""

    data: pd.DataFrame
    query: str
    params: dict[str, Any] = field(default_factory=dict)

    def evidence_params(self) -> dict[str, Any]:
        """Parameters as JSON-friendly values."""
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in self.params.items()}


def _run(warehouse: Warehouse, sql: str, params: dict[str, Any]) -> Frame:
    return Frame(warehouse.query(sql, params), " ".join(sql.split()), params)


def competitor_prices(warehouse: Warehouse, tenant: str, today: date, days: int = 14) -> Frame:
    """Competitor observations of the last ``days`` days with our price and MAP."""
    return _run(warehouse, COMPETITOR_SQL, {"tenant": tenant, "since": today - timedelta(days=days), "today": today})


def stock_cover(warehouse: Warehouse, tenant: str, today: date, window_days: int) -> Frame:
    """Latest stock per SKU with units sold in the trailing window."""
    return _run(warehouse, COVER_SQL, {"tenant": tenant, "since": today - timedelta(days=window_days),
                                       "today": today})


def rating_windows(warehouse: Warehouse, tenant: str, today: date, recent_days: int = 30,
                   base_days: int = 120) -> Frame:
    """Average rating per SKU in the recent window vs the window before it."""
    return _run(warehouse, RATING_SQL, {"tenant": tenant, "today": today,
                                        "recent_since": today - timedelta(days=recent_days),
                                        "base_since": today - timedelta(days=base_days)})


def spam_by_day(warehouse: Warehouse, tenant: str, today: date, threshold: float, days: int = 63) -> Frame:
    """Suspected fake reviews per day over the last ``days`` days."""
    return _run(warehouse, SPAM_SQL, {"tenant": tenant, "since": today - timedelta(days=days), "today": today,
                                      "threshold": threshold})


def forecast_drift(warehouse: Warehouse, tenant: str) -> Frame:
    """The latest live-vs-backtest forecast error measurement per SKU (written by the forecast agent)."""
    return _run(warehouse, DRIFT_SQL, {"tenant": tenant})
