"""Read a tenant's sales, stock and products through the ``Warehouse`` port (BigQuery SQL, ``@named``).

Every query filters on ``tenant_id`` and is returned alongside its text and parameters so findings can
cite the exact query as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from shared.ports import Warehouse

SALES_SQL = """
SELECT sku, date, SUM(units) AS units, AVG(unit_price) AS price, MAX(IF(promo, 1, 0)) AS promo
FROM sales
WHERE tenant_id = @tenant_id AND date <= @as_of AND (ARRAY_LENGTH(@skus) = 0 OR sku IN UNNEST(@skus))
GROUP BY sku, date
ORDER BY sku, date
""".strip()

INVENTORY_SQL = """
SELECT sku, location, date, on_hand, on_order, lead_time_days
FROM inventory
WHERE tenant_id = @tenant_id AND date <= @as_of AND (ARRAY_LENGTH(@skus) = 0 OR sku IN UNNEST(@skus))
ORDER BY sku, location, date
""".strip()

PRODUCTS_SQL = """
SELECT sku, title, price, cost
FROM products
WHERE tenant_id = @tenant_id AND (ARRAY_LENGTH(@skus) = 0 OR sku IN UNNEST(@skus))
""".strip()


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


def load_inputs(warehouse: Warehouse, tenant_id: str, as_of: date, skus: list[str]) -> ForecastInputs:
    """Sales up to ``as_of``, the latest stock per SKU and location (summed per SKU), products."""
    params: dict[str, Any] = {"tenant_id": tenant_id, "as_of": as_of, "skus": list(skus)}
    sales = warehouse.query(SALES_SQL, params)
    if not sales.empty:
        sales["date"] = pd.to_datetime(sales["date"])
    inv = warehouse.query(INVENTORY_SQL, params)
    stock = latest_stock(inv)
    prod_params = {"tenant_id": tenant_id, "skus": list(skus)}
    products = warehouse.query(PRODUCTS_SQL, prod_params)
    return ForecastInputs(sales, stock, products, {
        "sales": QueryRecord(SALES_SQL, _jsonable(params)),
        "inventory": QueryRecord(INVENTORY_SQL, _jsonable(params)),
        "products": QueryRecord(PRODUCTS_SQL, _jsonable(prod_params)),
    })


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


def _jsonable(params: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in params.items()}
