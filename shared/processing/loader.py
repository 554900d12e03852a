"""Reads what processing needs from the warehouse and documents (BigQuery SQL, ``@named`` params only).

Table names come from the ``DataKind`` enum, never from input; every query filters on ``tenant_id``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from shared.models.records import DataKind
from shared.ports import DocumentStore, Warehouse
from shared.processing.gaps import DEFAULT_LEAD_TIME_DAYS, GapContext
from shared.store.documents.accounts import get_tenant


def load_staged(warehouse: Warehouse, tenant_id: str, ingestion_id: str, kind: DataKind) -> pd.DataFrame:
    """Every staged row of one ingestion, in file order."""
    return warehouse.query(
        f"SELECT * FROM stg_{kind.value} WHERE tenant_id = @tenant AND ingestion_id = @ingestion "
        "ORDER BY source_row",
        {"tenant": tenant_id, "ingestion": ingestion_id},
    )


def load_products(warehouse: Warehouse, tenant_id: str) -> pd.DataFrame:
    """The tenant's catalogue identifiers and list prices."""
    return warehouse.query(
        "SELECT sku, asin, gtin, price FROM products WHERE tenant_id = @tenant", {"tenant": tenant_id}
    )


def _latest_by_sku(warehouse: Warehouse, table: str, column: str, tenant_id: str) -> dict[str, Any]:
    frame = warehouse.query(
        f"SELECT sku, {column} AS value FROM {table} WHERE tenant_id = @tenant AND {column} IS NOT NULL "
        "QUALIFY ROW_NUMBER() OVER (PARTITION BY sku ORDER BY date DESC, ingested_at DESC) = 1",
        {"tenant": tenant_id},
    )
    return dict(zip(frame["sku"], frame["value"], strict=True))


def tenant_default_lead_time(documents: DocumentStore, tenant_id: str) -> int:
    """The tenant's configured default lead time (``tenants/{tenant}.default_lead_time_days``), else 14."""
    doc = get_tenant(documents, tenant_id) or {}
    value = doc.get("default_lead_time_days")
    return int(value) if isinstance(value, int | float) and value >= 0 else DEFAULT_LEAD_TIME_DAYS


def load_gap_context(
    warehouse: Warehouse, documents: DocumentStore, tenant_id: str, kind: DataKind, products: pd.DataFrame
) -> GapContext:
    """Reference data for filling gaps of ``kind`` (only what that kind needs is queried)."""
    if kind is DataKind.SALES:
        prices = products.dropna(subset=["price"])
        return GapContext(
            product_prices=dict(zip(prices["sku"], prices["price"].astype(float), strict=True)),
            last_prices={k: float(v) for k, v in _latest_by_sku(warehouse, "sales", "unit_price", tenant_id).items()},
        )
    if kind is DataKind.INVENTORY:
        return GapContext(
            last_lead_times={
                k: int(v) for k, v in _latest_by_sku(warehouse, "inventory", "lead_time_days", tenant_id).items()
            },
            default_lead_time_days=tenant_default_lead_time(documents, tenant_id),
        )
    return GapContext()


def load_review_context(warehouse: Warehouse, tenant_id: str, exclude_ingestion: str) -> pd.DataFrame:
    """The tenant's processed reviews from other ingestions (duplicate and burst detection context)."""
    return warehouse.query(
        "SELECT review_id, sku, date, text, title, rating, verified FROM reviews "
        "WHERE tenant_id = @tenant AND ingestion_id != @ingestion",
        {"tenant": tenant_id, "ingestion": exclude_ingestion},
    )


def load_existing_versions(
    warehouse: Warehouse, tenant_id: str, kind: DataKind, keys: Sequence[str]
) -> pd.DataFrame:
    """``record_key`` and ``ingested_at`` of final rows sharing a key with ``keys``."""
    if not keys:
        return pd.DataFrame({"record_key": [], "ingested_at": []})
    return warehouse.query(
        f"SELECT f.record_key, f.ingested_at FROM {kind.value} AS f JOIN UNNEST(@keys) AS k "
        "ON f.record_key = k WHERE f.tenant_id = @tenant",
        {"tenant": tenant_id, "keys": list(keys)},
    )
