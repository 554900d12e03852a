"""Inventory snapshots: weekly on-hand, on-order and lead times, with stockout-bound and overstocked SKUs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

#: Weeks of demand on hand at the last snapshot, by role.
_COVER_WEEKS = {"normal": (4.0, 10.0), "stockout": (0.5, 1.5), "overstock": (40.0, 80.0)}


@dataclass(frozen=True)
class StockTruth:
    """Which SKUs the generator set up to run out or sit on too much stock."""

    stockout: frozenset[str]
    overstock: frozenset[str]


def make_inventory(
    rng: np.random.Generator, catalogue: pd.DataFrame, sales: pd.DataFrame, end: date, weeks: int = 12
) -> tuple[pd.DataFrame, StockTruth]:
    """Weekly snapshots per SKU over the last ``weeks`` weeks at the main warehouse."""
    recent = sales[sales["date"] > end - timedelta(days=56)]
    weekly_demand = (recent.groupby("sku")["units"].sum() / 8).reindex(catalogue["sku"]).fillna(0.0)
    skus = catalogue["sku"].to_numpy()
    role = rng.choice(["normal", "stockout", "overstock"], size=len(skus), p=[0.84, 0.08, 0.08])
    rows = []
    for sku, kind in zip(skus, role, strict=True):
        demand = float(weekly_demand[sku])
        lead = int(rng.choice([21, 30, 45] if kind == "stockout" else [7, 14, 21, 30, 45]))
        burn = 1.6 if kind == "stockout" else 1.0
        cover = rng.uniform(*_COVER_WEEKS[kind])
        on_hand = demand * (cover + (weeks - 1) * burn)
        on_order = 0 if kind != "normal" else int(demand * rng.uniform(0, 4))
        for w in range(weeks):
            day = end - timedelta(days=7 * (weeks - 1 - w))
            if kind == "normal" and w % 4 == 3:
                on_hand += on_order
            rows.append({"sku": sku, "date": day, "on_hand": max(int(on_hand), 0), "on_order": on_order,
                         "lead_time_days": lead, "location": "main"})
            on_hand -= demand * rng.uniform(0.8, 1.2) * burn
    inventory = pd.DataFrame(rows)
    return inventory, StockTruth(frozenset(skus[role == "stockout"]), frozenset(skus[role == "overstock"]))
