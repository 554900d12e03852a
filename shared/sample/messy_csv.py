"""Write clean sample tables as the messy CSVs merchants really send.

Realistic mess, all of it deliberate and counted: header aliases (``Qty`` for ``units``, ``EAN``),
money as ``$1,299.00``, marketplace SKU spellings (ASINs on Amazon rows, lower case and ``sku-``
prefixes elsewhere), a few gaps to fill, a few rows with one clear defect, and a few exact duplicate
lines (none in a sales file, where a line written again is a further sale). The clean values stay in memory for
tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

HEADER_ALIASES: dict[str, dict[str, str]] = {
    "sales": {"sku": "SKU", "date": "Order Date", "units": "Qty", "unit_price": "Unit Price", "revenue": "Total",
              "currency": "Currency", "order_id": "Order ID", "channel": "Sales Channel", "promo": "Promo",
              "discount": "Discount", "customer_email": "Customer Email"},
    "products": {"sku": "SKU", "title": "Product Name", "brand": "Brand", "category": "Category", "price": "Price",
                 "cost": "Unit Cost", "map_price": "MAP", "msrp": "MSRP", "currency": "Currency", "gtin": "EAN",
                 "asin": "ASIN", "size": "Size"},
    "reviews": {"review_id": "Review ID", "sku": "SKU", "date": "Review Date", "rating": "Stars",
                "title": "Headline", "text": "Review Text", "author": "Reviewer", "verified": "Verified Purchase",
                "channel": "Channel"},
    "competitor_prices": {"sku": "SKU", "competitor": "Competitor", "date": "Date", "price": "Price",
                          "shipping": "Shipping Cost", "currency": "Currency", "in_stock": "In Stock",
                          "competitor_sku": "Competitor SKU", "url": "Product URL"},
    "inventory": {"sku": "SKU", "date": "Snapshot Date", "on_hand": "Qty On Hand", "on_order": "On Order",
                  "lead_time_days": "Lead Time", "location": "Warehouse"},
}
MONEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "sales": ("unit_price", "revenue", "discount"), "products": ("price", "cost", "map_price", "msrp"),
    "competitor_prices": ("price", "shipping"),
}
#: One clear defect per bad row: (column, bad value, what is wrong).
DEFECTS: dict[str, tuple[tuple[str, str], ...]] = {
    "sales": (("date", "2025-13-45"), ("units", "2.5"), ("sku", ""), ("units", "lots")),
    "products": (("title", ""), ("price", "free")),
    "reviews": (("rating", "7"), ("date", "yesterday"), ("review_id", "")),
    "competitor_prices": (("price", "call us"), ("date", "31/31/2025")),
    "inventory": (("on_hand", "-12"), ("date", "not a date")),
}


@dataclass
class MessReport:
    """What was made messy in one file (what ingestion should report)."""

    rows: int = 0
    bad_rows: list[int] = field(default_factory=list)  # 1-based data row numbers
    duplicate_rows: int = 0


def money(value: float) -> str:
    """``$1,299.00``."""
    return f"${value:,.2f}"


def _format(frame: pd.DataFrame, kind: str, rng: np.random.Generator) -> pd.DataFrame:
    out = frame.astype(object).where(frame.notna(), None)
    for col in MONEY_COLUMNS.get(kind, ()):
        share = 1.0 if kind == "products" else 0.3
        mask = (rng.random(len(out)) < share) & out[col].notna().to_numpy()
        out.loc[mask, col] = [money(float(v)) for v in out.loc[mask, col]]
    for col in ("date",):
        if col in out:
            out[col] = [None if v is None else str(v) for v in out[col]]
    for col in ("promo", "verified", "in_stock"):
        if col in out:
            out[col] = [None if v is None else ("true" if v else "false") for v in out[col]]
    return out


def write_messy_csv(frame: pd.DataFrame, kind: str, path: Path, rng: np.random.Generator,
                    n_bad: int = 4, n_duplicates: int = 5) -> MessReport:
    """Write ``frame`` (clean values) to ``path`` with aliases, money strings, bad rows and duplicates."""
    out = _format(frame, kind, rng)
    report = MessReport()
    defects = DEFECTS[kind]
    n_bad = min(n_bad, len(out))
    bad_positions = sorted(rng.choice(len(out), size=n_bad, replace=False).tolist()) if n_bad else []
    for k, pos in enumerate(bad_positions):
        col, value = defects[k % len(defects)]
        out.loc[out.index[pos], col] = value
    if n_duplicates and len(out):
        drawn = rng.choice(len(out), size=min(n_duplicates, len(out)), replace=False)
        dup_positions = [int(p) for p in drawn if int(p) not in bad_positions]
        dups = out.iloc[dup_positions]
        out = pd.concat([out, dups]).sort_index(kind="stable").reset_index(drop=True)
        report.duplicate_rows = len(dups)
        bad_positions = [p + sum(1 for d in dup_positions if d < p) for p in bad_positions]
    report.rows = len(out)
    report.bad_rows = [p + 1 for p in bad_positions]
    out = out.rename(columns=HEADER_ALIASES[kind])
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, index=False)
    return report
