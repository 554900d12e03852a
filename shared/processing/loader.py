"""Reads what processing needs from the warehouse (through the store) and documents."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from shared.models.records import DataKind
from shared.ports import DocumentStore, Warehouse
from shared.processing.gaps import DEFAULT_LEAD_TIME_DAYS, GapContext
from shared.processing.parts import Part
from shared.store.documents.accounts import get_tenant
from shared.store.records import catalogue_identifiers, latest_by_sku, other_reviews
from shared.store.staging import staged_days, staged_rows, staged_skus


def load_staged(warehouse: Warehouse, tenant_id: str, ingestion_id: str, kind: DataKind,
                part: Part | None = None) -> pd.DataFrame:
    """The staged rows of one ingestion (those of ``part`` only, when given), in file order."""
    if part is None:
        return staged_rows(warehouse, tenant_id, ingestion_id, kind)
    return staged_rows(warehouse, tenant_id, ingestion_id, kind, part.skus, part.since, part.before)


def load_staged_skus(warehouse: Warehouse, tenant_id: str, ingestion_id: str, kind: DataKind) -> dict[str, int]:
    """Each staged SKU spelling of one ingestion and its row count (to plan the parts)."""
    return staged_skus(warehouse, tenant_id, ingestion_id, kind)


def load_staged_days(warehouse: Warehouse, tenant_id: str, ingestion_id: str, kind: DataKind,
                     skus: Sequence[str]) -> dict[date, int]:
    """Each day's staged row count of one ingestion for some SKU spellings (to cut a large SKU into parts)."""
    return staged_days(warehouse, tenant_id, ingestion_id, kind, skus)


def load_products(warehouse: Warehouse, tenant_id: str) -> pd.DataFrame:
    """The tenant's catalogue identifiers and list prices."""
    return catalogue_identifiers(warehouse, tenant_id)


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
            last_prices={k: float(v) for k, v in latest_by_sku(warehouse, tenant_id, "sales", "unit_price").items()},
        )
    if kind is DataKind.INVENTORY:
        return GapContext(
            last_lead_times={
                k: int(v) for k, v in latest_by_sku(warehouse, tenant_id, "inventory", "lead_time_days").items()
            },
            default_lead_time_days=tenant_default_lead_time(documents, tenant_id),
        )
    return GapContext()


def load_review_context(warehouse: Warehouse, tenant_id: str, exclude_ingestion: str) -> pd.DataFrame:
    """The tenant's processed reviews from other ingestions (duplicate and burst detection context)."""
    return other_reviews(warehouse, tenant_id, exclude_ingestion)
