"""The tenant's product catalogue as the ingest sees it: which SKUs already have a product row."""

from __future__ import annotations

from sqlglot import exp

from shared.ports import Warehouse
from shared.store.extent import tenant_predicate


def catalogued_skus_statement() -> exp.Select:
    """The distinct SKUs of one tenant's products."""
    return exp.select("sku").distinct().from_(exp.to_table("products")).where(tenant_predicate())


def catalogued_skus(warehouse: Warehouse, tenant_id: str) -> set[str]:
    """SKUs ``tenant_id`` already has a product row for."""
    frame = warehouse.run(catalogued_skus_statement(), {"tenant_id": tenant_id})
    return {str(s) for s in frame["sku"].dropna()}
