"""Competitor prices for the sample merchant: undercutters, premium sellers, promotions, MAP violations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Competitor:
    """A competitor's pricing behaviour relative to our list price."""

    name: str
    code: str
    price_factor: float  # typical price relative to ours
    coverage: float  # share of our catalogue they carry
    promo_rate: float  # share of observations on promotion
    ignores_map: bool  # advertises below a brand's minimum advertised price


COMPETITORS: tuple[Competitor, ...] = (
    Competitor("MegaMart", "MM", 0.97, 0.7, 0.08, False),
    Competitor("BargainBarn", "BB", 0.88, 0.5, 0.12, True),
    Competitor("PrimeGoods", "PG", 1.06, 0.6, 0.05, False),
    Competitor("ShopRival", "SR", 1.0, 0.45, 0.15, False),
)


def make_competitor_prices(
    rng: np.random.Generator, catalogue: pd.DataFrame, end: date, days: int = 180
) -> pd.DataFrame:
    """Observations every one to four days over the last ``days`` days, under the competitors' own SKUs."""
    rows = []
    list_price = dict(zip(catalogue["sku"], catalogue["price"], strict=True))
    map_price = dict(zip(catalogue["sku"], catalogue["map_price"], strict=True))
    for comp in COMPETITORS:
        carried = catalogue["sku"][rng.random(len(catalogue)) < comp.coverage]
        for sku in carried:
            level = comp.price_factor * rng.uniform(0.93, 1.07)
            their_sku = f"{comp.code}-{int(rng.integers(100000, 999999))}"
            day = end - timedelta(days=days - int(rng.integers(4)))
            while day <= end:
                on_promo = rng.random() < comp.promo_rate
                price = list_price[sku] * level * (rng.uniform(0.7, 0.85) if on_promo else rng.uniform(0.98, 1.02))
                floor = map_price[sku]
                if floor == floor and floor is not None and not comp.ignores_map:  # NaN-safe MAP check
                    price = max(price, floor)
                rows.append({
                    "sku": sku, "competitor": comp.name, "date": day, "price": round(price, 2),
                    "shipping": 0.0 if price > 35 else 4.99, "currency": "USD",
                    "in_stock": bool(rng.random() > 0.05), "competitor_sku": their_sku,
                    "url": f"https://{comp.name.lower()}.example/p/{their_sku}",
                })
                day += timedelta(days=int(rng.integers(1, 5)))
    return pd.DataFrame(rows)
