"""The sample merchant's catalogue: SKUs in several categories with marketplace identifiers and prices."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Category:
    """A product category with its naming, price range and seasonality."""

    name: str
    prefix: str
    nouns: tuple[tuple[str, tuple[str, ...]], ...]  # product noun and the sizes it comes in
    cost_range: tuple[float, float]
    peak_day_of_year: int  # yearly seasonality peak
    seasonal_amplitude: float


_KITCHEN = (
    ("Kettle", ("1L", "1.7L")), ("Blender", ("600W", "1000W")), ("Knife Set", ("5pc", "8pc")),
    ("Frying Pan", ("24cm", "28cm")), ("Coffee Grinder", ("-",)), ("Toaster", ("2-Slice", "4-Slice")),
    ("Cutting Board", ("Small", "Large")), ("Mixing Bowls", ("3pc", "5pc")),
)
_HOME = (
    ("Throw Blanket", ("130x170cm", "150x200cm")), ("Desk Lamp", ("-",)), ("Storage Box", ("Small", "Medium", "Large")),
    ("Wall Clock", ("30cm",)), ("Candle Set", ("3pc",)), ("Cushion", ("45x45cm", "50x50cm")),
)
_OUTDOOR = (
    ("Camping Chair", ("-",)), ("Water Bottle", ("500ml", "750ml", "1L")), ("Cooler Bag", ("20L", "35L")),
    ("Hammock", ("Single", "Double")), ("Headlamp", ("-",)), ("Tent Stakes", ("8pc", "12pc")),
)
_APPAREL = (
    ("Running Socks", ("S", "M", "L")), ("Rain Jacket", ("S", "M", "L", "XL")), ("Beanie", ("One Size",)),
    ("Base Layer", ("S", "M", "L", "XL")), ("Cap", ("One Size",)), ("Gloves", ("S", "M", "L")),
)
_ELECTRONICS = (
    ("USB-C Cable", ("1m", "2m")), ("Phone Stand", ("-",)), ("Power Bank", ("10000mAh", "20000mAh")),
    ("Earbuds", ("-",)), ("Charger", ("30W", "65W")), ("Smart Plug", ("2-Pack", "4-Pack")),
)
CATEGORIES: tuple[Category, ...] = (
    Category("Kitchen", "KIT", _KITCHEN, (6, 60), 335, 0.35),
    Category("Home", "HOM", _HOME, (4, 45), 320, 0.3),
    Category("Outdoor", "OUT", _OUTDOOR, (5, 80), 170, 0.6),
    Category("Apparel", "APP", _APPAREL, (3, 40), 20, 0.45),
    Category("Electronics", "ELE", _ELECTRONICS, (3, 50), 340, 0.4),
)

BRANDS = ("Northwind", "Acme Home", "Brightline", "Trailhead", "Coastal", "Urbanist", "Kestrel", "Fenwick")
MAP_BRANDS = frozenset({"Brightline", "Kestrel", "Trailhead"})  # brands that police a minimum advertised price
_ADJECTIVES = ("Classic", "Pro", "Compact", "Deluxe", "Eco", "Essential", "Premium", "Everyday", "Ultra", "Lite")
_ASIN_CHARS = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"))


def gtin13(body12: str) -> str:
    """A GTIN-13 with its check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


def make_catalogue(rng: np.random.Generator, n_skus: int) -> pd.DataFrame:
    """``n_skus`` products spread over the categories (clean values; messiness is added when writing)."""
    rows = []
    for i in range(n_skus):
        cat = CATEGORIES[i % len(CATEGORIES)]
        brand = BRANDS[int(rng.integers(len(BRANDS)))]
        noun, sizes = cat.nouns[int(rng.integers(len(cat.nouns)))]
        size = sizes[int(rng.integers(len(sizes)))]
        cost = round(float(rng.uniform(*cat.cost_range)), 2)
        price = round(cost * float(rng.uniform(1.6, 2.6)), 0) - 0.01
        rows.append({
            "sku": f"{cat.prefix}-{i + 1:04d}",
            "title": f"{brand} {_ADJECTIVES[int(rng.integers(len(_ADJECTIVES)))]} {noun}"
                     + ("" if size == "-" else f" {size}"),
            "brand": brand,
            "category": cat.name,
            "price": price,
            "cost": cost,
            "map_price": round(price * 0.9, 2) if brand in MAP_BRANDS else None,
            "msrp": round(price * 1.15, 2),
            "currency": "USD",
            "gtin": gtin13(f"50{int(rng.integers(10**9, 10**10)):010d}"),
            "asin": "B0" + "".join(rng.choice(_ASIN_CHARS, 8)),
            "size": None if size == "-" else size,
        })
    return pd.DataFrame(rows)
