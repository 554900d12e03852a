"""The join's store statements (``shared.store.joins``) on every warehouse: references, held rows, releases.

Each case writes both tenants' rows, so every value checked is also a tenant-isolation check.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pandas as pd

from shared.store import joins

AT = pd.Timestamp(datetime(2024, 5, 1, tzinfo=UTC))


def _refs(*rows: tuple[str, str, str | None]) -> pd.DataFrame:
    return pd.DataFrame([{"ref_id": i, "ref_value": v, "ref_detail": d, "ingestion_id": "ing", "loaded_at": AT}
                         for i, v, d in rows])


def _held(tenant: str, part: str, order: str, key: str, ingestion: str = "ing") -> dict[str, Any]:
    return {"tenant_id": tenant, "part": part, "order_id": order, "row_key": key, "cells": f'{{"k": "{key}"}}',
            "ingestion_id": ingestion, "source_row": 1, "held_at": AT}


def test_references_replace_by_id_and_an_order_has_many_products(warehouse: Any) -> None:
    joins.save_refs(warehouse, "t1", "order", _refs(("o1", "2018-07-03", "shipped"), ("o2", "2018-07-24", "x")))
    joins.save_refs(warehouse, "t2", "order", _refs(("o1", "2020-01-01", "delivered")))
    joins.save_refs(warehouse, "t1", "order", _refs(("o1", "2018-07-03", "delivered")))  # a later file says so
    found = joins.refs(warehouse, "t1", "order", ["o1", "o9"])
    assert found[["ref_id", "ref_value", "ref_detail"]].values.tolist() == [["o1", "2018-07-03", "delivered"]]
    assert sorted(joins.refs(warehouse, "t1", "order")["ref_id"]) == ["o1", "o2"]
    assert joins.refs(warehouse, "t1", "order", []).empty
    for _ in range(2):  # the same items twice: each product of an order once
        joins.save_refs(warehouse, "t1", "order_product", _refs(("o1", "p1", None), ("o1", "p2", None)), many=True)
    assert sorted(joins.refs(warehouse, "t1", "order_product", ["o1"])["ref_value"]) == ["p1", "p2"]


def test_held_rows_are_ready_once_their_order_is_known_and_released_by_key(warehouse: Any) -> None:
    joins.hold(warehouse, pd.DataFrame([_held("t1", "items", "o1", "o1/1"), _held("t1", "items", "o1", "o1/1", "b"),
                                        _held("t1", "items", "o2", "o2/1"), _held("t2", "items", "o1", "o1/1")]))
    assert joins.ready(warehouse, "t1", "items", "order").empty
    joins.save_refs(warehouse, "t1", "order", _refs(("o1", "2018-07-03", "delivered")))
    ready = joins.ready(warehouse, "t1", "items", "order")
    assert sorted(ready["row_key"]) == ["o1/1", "o1/1"] and set(ready["ref_value"]) == {"2018-07-03"}
    joins.release(warehouse, "t1", "items", ["o1/1"])
    assert joins.ready(warehouse, "t1", "items", "order").empty
    left = warehouse.query("SELECT tenant_id, row_key FROM held_rows ORDER BY tenant_id, row_key", {})
    assert left.values.tolist() == [["t1", "o2/1"], ["t2", "o1/1"]]
    joins.clear_held(warehouse, "t1", "ing")  # a retried attempt drops what it held
    assert warehouse.query("SELECT tenant_id FROM held_rows", {})["tenant_id"].tolist() == ["t2"]


def test_sales_without_a_customer_and_products_of_categories(warehouse: Any) -> None:
    line = {"ingestion_id": "i", "row_hash": "h", "record_key": "k", "ingested_at": AT, "units": 1,
            "revenue": 10.0, "date": date(2018, 7, 3), "channel": "olist", "currency": "BRL"}
    warehouse.insert("sales", pd.DataFrame([
        {**line, "tenant_id": "t1", "order_id": "o1", "sku": "P1"},
        {**line, "tenant_id": "t1", "order_id": "o2", "sku": "P2", "customer_hash": "c"},
        {**line, "tenant_id": "t1", "order_id": "o3", "sku": "P3", "channel": "amazon"},
        {**line, "tenant_id": "t2", "order_id": "o1", "sku": "P1"}]))
    found = joins.sales_without_customer(warehouse, "t1", "olist", ["o1", "o2", "o3"])
    assert found[["order_id", "sku"]].values.tolist() == [["o1", "P1"]]
    assert joins.sales_without_customer(warehouse, "t1", "olist", []).empty
    product = {"ingestion_id": "i", "row_hash": "h", "record_key": "k", "ingested_at": AT}
    warehouse.insert("products", pd.DataFrame([
        {**product, "tenant_id": "t1", "sku": "P1", "title": "product p1", "category": "cama mesa banho"},
        {**product, "tenant_id": "t1", "sku": "P2", "title": "product p2", "category": "perfumaria"},
        {**product, "tenant_id": "t2", "sku": "P3", "title": "product p3", "category": "cama mesa banho"}]))
    assert joins.products_in(warehouse, "t1", ["cama mesa banho"])["sku"].tolist() == ["P1"]
