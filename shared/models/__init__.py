"""Pydantic domain models."""

from shared.models.records import (
    RECORD_MODELS,
    CompetitorPrice,
    DataKind,
    InventoryLevel,
    Product,
    Record,
    Review,
    SaleRecord,
)

__all__ = [
    "RECORD_MODELS",
    "CompetitorPrice",
    "DataKind",
    "InventoryLevel",
    "Product",
    "Record",
    "Review",
    "SaleRecord",
]
