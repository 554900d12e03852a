"""Sales lines that give units and no price, valued at the price the tenant's catalogue gives their product.

Shops that keep their till separate from their price list publish them so: Maven's "Mexico Toys" ``sales.csv`` is
``Sale_ID,Date,Store_ID,Product_ID,Units`` and ``products.csv`` holds each product's ``Product_Price`` and
``Product_Cost``; a point-of-sale export of item counts beside a price list is the same shape. Without a price
such lines answer no money question ("revenue needs prices on your sales lines"). When a sales file has neither a
unit price nor a line total column, each line whose product the tenant's catalogue (uploaded before it) prices takes
that price as its unit price and is flagged ``price:from_catalogue`` (the ingestion's note counts them); lines whose
product has no catalogue price stay unpriced. A catalogue uploaded after the sales values nothing already stored:
upload the catalogue first (the note of a sales file without prices says so). The cost needs nothing here: the
metrics read a line's cost from the catalogue's unit cost already.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

#: The flag of a sales line valued at its product's catalogue price.
CATALOGUE_PRICE_FLAG = "price:from_catalogue"


def totals_all_zero(raw: pd.DataFrame) -> bool:
    """Whether ``raw`` (a chunk's source text) has a line total and no unit price, and the total is 0 on every line.

    Such a total is none (Kaggle's Grocery Sales Database writes ``TotalPrice`` ``0.0`` on every row; the price is in
    its products file): the lines are valued at the catalogue's price as a file without a total is. A file with a
    line above 0, or a unit price beside its totals, keeps its totals.
    """
    if "revenue" not in raw or "unit_price" in raw or raw.empty:
        return False
    cells = raw["revenue"].astype(str).str.strip().str.replace(r"[^0-9.\-]", "", regex=True)
    values = pd.to_numeric(cells, errors="coerce")
    return bool(values.notna().all() and (values == 0).all())


def as_price_cells(prices: dict[str, float]) -> dict[str, str]:
    """Catalogue prices (``shared.store.records.catalogue_prices``) as the text a price cell would hold."""
    return {sku: repr(float(p)) for sku, p in prices.items()}


def priced_from_catalogue(raw: pd.DataFrame, prices: dict[str, str]) -> tuple[pd.DataFrame, np.ndarray]:
    """``raw`` (a chunk's source text) with ``unit_price`` from ``prices`` by SKU, and the mask of lines priced."""
    price = raw["sku"].map(prices) if prices else pd.Series(None, index=raw.index, dtype=object)
    filled = price.notna().to_numpy()
    return raw.assign(unit_price=price.astype(object).where(filled, None)), filled


def with_catalogue_flag(flags: pd.Series, rows: np.ndarray) -> pd.Series:
    """``flags`` (JSON lists) with ``price:from_catalogue`` added on ``rows``."""
    if not rows.any():
        return flags
    values = flags.astype(object).to_numpy(copy=True)
    for pos in np.flatnonzero(rows):
        values[pos] = json.dumps([*json.loads(values[pos] or "[]"), CATALOGUE_PRICE_FLAG])
    return pd.Series(values, index=flags.index, dtype=flags.dtype)


def catalogue_price_note(priced: int, unpriced: int) -> str:
    """The ingestion note of a sales file without prices: how many lines took their product's catalogue price."""
    if priced and not unpriced:
        return (f"no price or line total column: every line ({priced:,}) is valued at its product's catalogue price "
                f"(flag '{CATALOGUE_PRICE_FLAG}')")
    if priced:
        return (f"no price or line total column: {priced:,} lines are valued at their product's catalogue price (flag "
                f"'{CATALOGUE_PRICE_FLAG}'); {unpriced:,} lines' products have no catalogue price and carry none")
    return ("no price or line total column, and no product of the file has a catalogue price: the lines carry no "
            "money (upload the products with their prices first, then this file, to value them)")
