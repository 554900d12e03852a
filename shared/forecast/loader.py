"""Read a tenant's sales, stock and products through the store.

Every read comes with the statement as run and its parameters, so findings can cite the exact query as
evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from shared.ports import Warehouse
from shared.store.forecast_inputs import daily_sales, product_titles, stock_snapshots


@dataclass(frozen=True)
class QueryRecord:
    """A query as run: the exact SQL and its parameters (cited as evidence)."""

    sql: str
    params: dict[str, Any]


@dataclass
class ForecastInputs:
    """What the agent needs for a tenant: daily sales per SKU, latest stock per SKU, product titles."""

    sales: pd.DataFrame
    stock: pd.DataFrame
    products: pd.DataFrame
    queries: dict[str, QueryRecord] = field(default_factory=dict)
    counts: pd.DataFrame = field(default_factory=pd.DataFrame)  # every stock count (sku, location, date, on_hand)


def load_inputs(warehouse: Warehouse, tenant_id: str, as_of: date, skus: list[str],
                channels: list[str] | None = None) -> ForecastInputs:
    """Sales up to ``as_of`` (in ``channels`` only, when given), the latest stock per SKU and location, products."""
    sales = daily_sales(warehouse, tenant_id, as_of, skus, channels or ())
    if not sales.frame.empty:
        sales.frame["date"] = pd.to_datetime(sales.frame["date"])
    inv = stock_snapshots(warehouse, tenant_id, as_of, skus)
    products = product_titles(warehouse, tenant_id, skus)
    return ForecastInputs(sales.frame, latest_stock(inv.frame), products.frame, {
        name: QueryRecord(read.sql, read.evidence_params())
        for name, read in (("sales", sales), ("inventory", inv), ("products", products))}, inv.frame)


def latest_stock(inv: pd.DataFrame) -> pd.DataFrame:
    """Per SKU: on hand and on order summed over each location's latest snapshot; longest lead time."""
    cols = ["sku", "on_hand", "on_order", "lead_time_days", "stock_date"]
    if inv.empty:
        return pd.DataFrame(columns=cols)
    inv = inv.copy()
    inv["location"] = inv["location"].fillna("")
    last = inv.sort_values("date").groupby(["sku", "location"], as_index=False).tail(1)
    out = last.groupby("sku", as_index=False).agg(
        on_hand=("on_hand", "sum"), on_order=("on_order", lambda s: float(s.fillna(0).sum())),
        lead_time_days=("lead_time_days", "max"), stock_date=("date", "max"))
    return out[cols]
