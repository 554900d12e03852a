"""Warehouse tables owned by ingestion's join of multi-file datasets (``shared.ingest.join``)."""

from __future__ import annotations

from shared.models.tables import Column, TableSpec, register_table

JOIN_REFS = register_table(TableSpec(
    "join_refs",
    (
        Column("tenant_id", "STRING", "REQUIRED"),
        Column("link", "STRING", "REQUIRED", "order (id -> date, status), order_product (order id -> product id), "
                                             "category (published name -> English name)."),
        Column("ref_id", "STRING", "REQUIRED", "The id looked up: an order id, a category name."),
        Column("ref_value", "STRING", "REQUIRED", "What it leads to: an ISO date, a product id, a name."),
        Column("ref_detail", "STRING", "NULLABLE", "More about it: an order's status."),
        Column("ingestion_id", "STRING", "REQUIRED", "Ingestion of the file that said so."),
        Column("loaded_at", "TIMESTAMP", "REQUIRED"),
    ),
    None,
    ("tenant_id", "link", "ref_id"),
    "What one file of a multi-file dataset tells the others (Olist: an order's date, an order's products).",
))

HELD_ROWS = register_table(TableSpec(
    "held_rows",
    (
        Column("tenant_id", "STRING", "REQUIRED"),
        Column("part", "STRING", "REQUIRED", "items or reviews: what the row becomes once joined."),
        Column("order_id", "STRING", "REQUIRED", "The order the row waits for."),
        Column("row_key", "STRING", "REQUIRED", "The row's own key in its file (order item, review and order)."),
        Column("cells", "STRING", "REQUIRED", "JSON object of the row's cells as published."),
        Column("ingestion_id", "STRING", "REQUIRED", "Ingestion of the file the row came from."),
        Column("source_row", "INT64", "NULLABLE", "1-based data row number in that file."),
        Column("held_at", "TIMESTAMP", "REQUIRED"),
    ),
    "held_at",
    ("tenant_id", "part", "order_id"),
    "Rows of a multi-file dataset waiting for the file that completes them (Olist items for their orders).",
))
