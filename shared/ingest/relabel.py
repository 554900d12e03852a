"""Names that arrive after the rows that use their ids: rows labelled ``{thing} {id}`` restated under the name.

A relational export's orders and stock name their store by id; until the store names are uploaded a line's sales
channel (and a stock count's location) is the label ``store 1``. When the names arrive (BikeStores' ``stores.csv``
comes last alphabetically), each labelled row is stated again with the name and the labelled row removed. A
catalogue naming its brands and categories by id is labelled likewise (``brand 9``) until their names arrive.

The sales record key includes the channel (``order_id, sku, date, channel``), so the restated row gets the key it
would have had had the names come first (the same digest the pipeline computes): a later upload of the same lines
replaces it instead of adding a second copy, and totals stay the same (each row moves, none is added).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd

from shared.ingest.lineage import content_digests, hex_digests
from shared.ingest.lines import sales_key_digests
from shared.models.records import RECORD_MODELS, DataKind
from shared.ports import Warehouse
from shared.store import joins

_KINDS = {"sales": DataKind.SALES, "inventory": DataKind.INVENTORY, "products": DataKind.PRODUCTS}


def keyed(rows: pd.DataFrame, kind: DataKind) -> pd.DataFrame:
    """``rows`` with ``record_key`` and ``row_hash`` computed as the ingest pipeline computes them."""
    model = RECORD_MODELS[kind]
    digests = sales_key_digests(rows) if kind is DataKind.SALES else content_digests(rows, list(model.natural_key))
    fields = list(model.model_fields)
    return rows.assign(record_key=hex_digests(digests).to_pylist(),
                       row_hash=hex_digests(content_digests(rows.reindex(columns=fields), fields,
                                                            appended=model.appended_fields)).to_pylist())


#: Labelled rows restated per page: memory stays bounded by the page whatever the store's history.
PAGE_ROWS = 50_000


def restate_pages(warehouse: Warehouse, tenant_id: str, table: str, column: str, labels: list[str],
                  restate: Callable[[pd.DataFrame], pd.DataFrame], page_rows: int = PAGE_ROWS) -> int:
    """Rows of ``table`` whose ``column`` is one of ``labels``, rewritten by ``restate``; the count of rows moved.

    Page by page, each page in one write (``Warehouse.upsert_replacing``): its restated rows in, its labelled rows
    out, in one transaction (one script on BigQuery), so a crash leaves the page as it was and the retry moves it.
    """
    moved = 0
    last: str | None = None
    while not (rows := joins.labelled_rows(warehouse, tenant_id, table, column, labels, page_rows)).empty:
        if rows["record_key"].iloc[0] == last:  # a page that did not move: never loop on it
            raise RuntimeError(f"labelled {table} rows of tenant {tenant_id} were not restated")
        last = str(rows["record_key"].iloc[0])
        warehouse.upsert_replacing(table, restate(rows), ["tenant_id", "record_key"], tenant_id,
                                   rows["record_key"].tolist())
        moved += len(rows)
    return moved


def restate_labels(warehouse: Warehouse, tenant_id: str, thing: str, names: dict[str, str],
                   page_rows: int = PAGE_ROWS) -> int:
    """Rows labelled ``{thing} {id}`` for an id of ``names`` restated with the name; the count of rows moved."""
    labels = {f"{thing} {i}": name for i, name in names.items() if name}

    def renamed(rows: pd.DataFrame, table: str, column: str) -> pd.DataFrame:
        out = keyed(rows.assign(**{column: rows[column].map(labels)}), _KINDS[table])
        return out.drop_duplicates(["record_key"], keep="last")  # two ids of one name: one row each key

    moved = 0
    for table, column in joins.LABELLED:
        moved += restate_pages(warehouse, tenant_id, table, column, list(labels),
                               partial(renamed, table=table, column=column), page_rows)
    return moved
