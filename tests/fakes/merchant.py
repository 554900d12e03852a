"""A small seeded merchant in the warehouse (products, competitor prices, sales, reviews) for tests and bench."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd

from shared.ports import Warehouse

AS_OF = date(2026, 3, 31)


def _lineage(tenant: str, kind: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    now = datetime(2026, 3, 31, 12, tzinfo=UTC)
    out = []
    for i, r in enumerate(rows, start=1):
        digest = hashlib.sha256(f"{tenant}:{kind}:{sorted(r.items())}".encode()).hexdigest()
        out.append({**r, "tenant_id": tenant, "ingestion_id": f"seed-{kind}", "source_uri": f"seed://{kind}.csv",
                    "source_row": i, "row_hash": digest, "record_key": digest, "ingested_at": now})
    return pd.DataFrame(out)


def seed_merchant(warehouse: Warehouse, tenant: str, *, n_skus: int = 6, days: int = 56,
                  as_of: date = AS_OF, injection: str | None = None) -> dict[str, Any]:
    """Insert a deterministic merchant; returns a summary of what was inserted.

    SKU-1xx: our price is 100 + 10*i; competitor prices alternate so some SKUs are overpriced. ``SKU-123``
    always exists, blue and red variants exist for follow-up questions, and reviews can carry ``injection``.
    """
    skus = ["SKU-123"] + [f"SKU-{200 + i}" for i in range(1, n_skus)]
    colours = ["blue", "red", "green", "black", "white", "grey"]
    products, comp, sales, reviews = [], [], [], []
    for i, sku in enumerate(skus):
        price = 100.0 + 10 * i
        products.append({"sku": sku, "title": f"Trail shoe {colours[i % len(colours)]} {i}", "category": "shoes"
                         if i % 2 == 0 else "bags", "price": price, "cost": price * 0.55, "currency": "EUR"})
        factor = 0.8 if i % 2 == 0 else 1.1  # even SKUs are 25% over the competitor price
        for c, comp_name in enumerate(("amazon", "zalando")):
            comp.append({"sku": sku, "competitor": comp_name, "date": as_of - timedelta(days=1),
                         "price": round(price * factor + c * 2.0, 2), "currency": "EUR", "in_stock": True})
        for d in range(days):
            day = as_of - timedelta(days=days - d)
            units = 5 + (i % 3) + (d % 7 == 5) * 3
            sales.append({"sku": sku, "date": day, "units": units, "unit_price": price, "revenue": units * price,
                          "currency": "EUR", "order_id": f"o-{sku}-{d}", "channel": "web"})
        for r in range(4):
            rating = 2 if (i % 3 == 0 and r < 3) else 4 + (r % 2)
            text = f"review {r} of {sku}"
            if injection and r == 0:
                text = injection
            reviews.append({"review_id": f"r-{sku}-{r}", "sku": sku, "date": as_of - timedelta(days=r + 1),
                            "rating": rating, "title": "ok", "text": text, "verified": True, "channel": "web"})
    counts = {}
    for table, rows in (("products", products), ("competitor_prices", comp), ("sales", sales), ("reviews", reviews)):
        counts[table] = warehouse.insert(table, _lineage(tenant, table, rows))
    return {"skus": skus, "counts": counts, "as_of": as_of}
