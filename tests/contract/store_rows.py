"""Known rows for the store contract: one tenant's small, hand-checked data set, and a decoy tenant.

``OTHER`` holds a copy of every ``TENANT`` row with every number shifted by 1000, plus a row of SKU ``Z`` per
table: a store statement that leaks the other tenant's rows changes a sum, a count, a latest value or a list,
so every exact assertion of the contract is a tenant-isolation check too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pandas as pd

from shared.ports import Warehouse

TENANT = "t1"
OTHER = "t2"
D = date


def at(day: date, hour: int = 0) -> datetime:
    """A UTC instant on ``day``."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _fact(kind: str, key: str, ingestion: str = "ing-1", ingested: datetime | None = None,
          **fields: Any) -> dict[str, Any]:
    return {"ingestion_id": ingestion, "row_hash": f"h-{kind}-{key}", "record_key": f"k-{kind}-{key}",
            "ingested_at": ingested or at(D(2024, 5, 21)), **fields}


PRODUCTS = [
    _fact("products", "A", sku="A", title="Blue Mug", category="kitchen", price=20.0, map_price=18.0, cost=8.0,
          currency="EUR", asin="ASIN-A", gtin="G-A", ingested=at(D(2024, 5, 1))),
    _fact("products", "B", sku="B", title="Red Plate", category="dining", price=10.0, currency="EUR",
          ingested=at(D(2024, 5, 2))),
    _fact("products", "C", sku="C", title="Blue Bowl", category="Kitchen", price=None, currency="EUR",
          ingested=at(D(2024, 5, 3))),
]

SALES = [
    _fact("sales", "A1", sku="A", date=D(2024, 5, 1), units=3, unit_price=20.0, promo=True,
          ingested=at(D(2024, 5, 21))),
    _fact("sales", "A2", sku="A", date=D(2024, 5, 20), units=5, unit_price=19.0, revenue=95.0,
          ingested=at(D(2024, 5, 21))),
    _fact("sales", "A3", sku="A", date=D(2024, 5, 20), units=2, unit_price=18.5, ingested=at(D(2024, 5, 22))),
    _fact("sales", "B1", sku="B", date=D(2024, 5, 20), units=10, ingested=at(D(2024, 4, 2))),
    _fact("sales", "B2", sku="B", date=D(2024, 4, 1), units=1, unit_price=10.0, ingested=at(D(2024, 4, 2))),
]

INVENTORY = [
    _fact("inventory", "A-w1-1", sku="A", location="w1", date=D(2024, 5, 1), on_hand=20, lead_time_days=7),
    _fact("inventory", "A-w1-10", sku="A", location="w1", date=D(2024, 5, 10), on_hand=5, lead_time_days=7,
          ingested=at(D(2024, 5, 11))),
    _fact("inventory", "A-w2-10", sku="A", location="w2", date=D(2024, 5, 10), on_hand=3, lead_time_days=10,
          on_order=4, ingested=at(D(2024, 5, 12))),
    _fact("inventory", "B-w1-1", sku="B", location="w1", date=D(2024, 5, 1), on_hand=6, lead_time_days=5),
    _fact("inventory", "B-w1-15", sku="B", location="w1", date=D(2024, 5, 15), on_hand=0),
]

COMPETITOR_PRICES = [
    _fact("cp", "A-rival-old", sku="A", competitor="rival", date=D(2024, 4, 1), price=30.0, in_stock=True),
    _fact("cp", "A-rival-10", sku="A", competitor="rival", date=D(2024, 5, 10), price=17.0, in_stock=True),
    _fact("cp", "A-rival-18", sku="A", competitor="rival", date=D(2024, 5, 18), price=16.0, in_stock=True),
    _fact("cp", "A-other-18", sku="A", competitor="other", date=D(2024, 5, 18), price=22.0, in_stock=False),
    _fact("cp", "A-third-18", sku="A", competitor="third", date=D(2024, 5, 18), price=18.0, in_stock=True),
    _fact("cp", "B-rival-19", sku="B", competitor="rival", date=D(2024, 5, 19), price=9.0, in_stock=True),
    _fact("cp", "C-rival-19", sku="C", competitor="rival", date=D(2024, 5, 19), price=5.0, in_stock=True),
]

REVIEWS = [
    _fact("reviews", "r1", review_id="r1", sku="A", date=D(2024, 5, 15), rating=5, spam_score=0.1, text="great"),
    _fact("reviews", "r2", review_id="r2", sku="A", date=D(2024, 5, 10), rating=1, spam_score=0.9, text="broke"),
    _fact("reviews", "r3", review_id="r3", sku="A", date=D(2024, 3, 1), rating=4, spam_score=0.0, text="fine"),
    _fact("reviews", "r4", "ing-2", review_id="r4", sku="B", date=D(2024, 5, 20), rating=3, spam_score=0.95,
          text="meh"),
    _fact("reviews", "r5", "ing-2", review_id="r5", sku="B", date=D(2024, 5, 20), rating=None, spam_score=0.2,
          text="no stars"),
]

FORECASTS = [
    {"run_id": run, "sku": sku, "date": day, "as_of": as_of, "freq": "D", "forecast": value, "lower": 0.0,
     "upper": 2 * value, "level": 0.8, "model": "naive", "backtest_mase": 0.9, "mase_scale": 1.5,
     "created_at": at(as_of)}
    for run, as_of in (("run-1", D(2024, 4, 30)), ("run-2", D(2024, 5, 20)))
    for sku, value in (("A", 4.0), ("B", 2.0))
    for day in (D(2024, 5, 1), D(2024, 5, 2), D(2024, 5, 3))
]

FORECAST_ACCURACY = [
    {"run_id": "run-1", "sku": "A", "periods": 7, "live_mase": 1.0, "expected_mase": 1.0, "ratio": 1.0,
     "alert": False, "measured_at": at(D(2024, 5, 1))},
    {"run_id": "run-2", "sku": "A", "periods": 7, "live_mase": 2.0, "expected_mase": 1.0, "ratio": 2.0,
     "alert": True, "measured_at": at(D(2024, 5, 10))},
    {"run_id": "run-1", "sku": "B", "periods": 7, "live_mase": 0.5, "expected_mase": 1.0, "ratio": 0.5,
     "alert": False, "measured_at": at(D(2024, 5, 5))},
]

REJECTS = [
    {"ingestion_id": ingestion, "kind": kind, "row_number": row, "column": "units", "reason": f"bad {row}",
     "raw": f"raw {row}", "file_checksum": "c1", "rejected_at": at(D(2024, 5, day))}
    for ingestion, kind, row, day in (("ing-1", "sales", 3, 1), ("ing-1", "sales", 1, 1), ("ing-2", "sales", 2, 2),
                                      ("ing-3", "reviews", 1, 3))
]

STAGED_SALES = [
    _fact("stg", "s9b", "ing-9", sku="A", date=D(2024, 5, 21), units=1, source_row=2),
    _fact("stg", "s9a", "ing-9", sku="A", date=D(2024, 5, 21), units=2, source_row=1),
    _fact("stg", "s9c", "ing-9", sku="A", date=D(2024, 5, 24), units=5, source_row=3),
    _fact("stg", "sp", "ing-p", sku="B", date=D(2024, 5, 21), units=3, source_row=1),
]

TABLES: dict[str, list[dict[str, Any]]] = {
    "products": PRODUCTS, "sales": SALES, "inventory": INVENTORY, "competitor_prices": COMPETITOR_PRICES,
    "reviews": REVIEWS, "forecasts": FORECASTS, "forecast_accuracy": FORECAST_ACCURACY, "rejects": REJECTS,
    "stg_sales": STAGED_SALES,
}
_NOT_SHIFTED = {"row_number", "source_row"}


def _decoy(row: dict[str, Any]) -> dict[str, Any]:
    """The other tenant's copy of a row: every number 1000 higher."""
    return {k: (v + 1000 if isinstance(v, int | float) and not isinstance(v, bool) and k not in _NOT_SHIFTED
                else v) for k, v in row.items()}


def seed(warehouse: Warehouse, tables: dict[str, list[dict[str, Any]]] | None = None) -> None:
    """Insert ``TENANT``'s rows and the decoy tenant's copies (plus one SKU ``Z`` row per table with a SKU)."""
    for table, rows in (tables or TABLES).items():
        mine = [{**r, "tenant_id": TENANT} for r in rows]
        theirs = [{**_decoy(r), "tenant_id": OTHER} for r in rows]
        if "sku" in rows[0]:
            theirs.append({**theirs[0], "sku": "Z", **({"row_hash": "h-z", "record_key": "k-z"}
                                                       if "record_key" in rows[0] else {})})
        warehouse.insert(table, pd.DataFrame(mine + theirs))
