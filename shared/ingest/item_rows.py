"""An item's money written on several rows, read together by the item (``ExportProfile.item_rows``).

Amazon's settlement report writes an order item's amounts a row each, by amount-type and amount-description: its
``ItemPrice Principal`` (the line: its amount for its ``quantity-purchased``), its tax, fees and, on a row of its own,
its ``Promotion Principal`` (the discount). A refund of the item later in the settlement is its own ``Principal`` row,
negative, naming no quantity. Read a row at a time, the promotion was skipped (its discount lost) and the refund
rejected for want of a quantity (its refund lost). Read by the item: a folded row's amount adds to the field it names
on the same item's line of the same event (the order's promotion to the order's line, a refund's to the refund's), and
a line naming no quantity takes the quantity of the item's line that named it (the units the refund gives back), in
this chunk or an earlier one of the file.

The quantities are remembered for the last ``ITEMS_REMEMBERED`` items named (``ItemQuantities``), not the whole file:
memory stays bounded however long the file. A refund whose order line is further back than that (or in no chunk) takes
its units from its amount at its SKU's unit price instead (``UnitPrices``: the last few prices of the SKUs named most
recently, bounded by the catalogue, not the file), where exactly one of them divides it into whole units; one that none
or several do (a partial refund, a price changed to a divisor of the other) is rejected with ``FORGOTTEN_REASON``, kept
in the rejects, never dropped.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np
import pandas as pd

from shared.ingest.headers import ItemRows
from shared.ingest.parse import parse_number

#: How many items' quantities a file's reader remembers: about a million rows of the report back (4-5 rows an item),
#: at most 21 MiB (a 64-bit hash and a shared cell each, measured with tracemalloc) where the whole file's grew without
#: end; a refund posted further than that from its order in one settlement file is rejected with its reason
ITEMS_REMEMBERED = 250_000

FORGOTTEN_REASON = (
    "a refund naming no quantity whose order line is not among the last {cap:,} order items read (further back in "
    "the file, or in none), and whose amount is no whole number of its SKU's unit price: the units it gives back are "
    "unknown; upload it with its order's rows to keep it"
)
#: How many of a SKU's latest unit prices are kept (a price changed a few times within one settlement)
PRICES_KEPT = 4
#: How many SKUs' unit prices are remembered: a seller's catalogue, not the file's length (at most a few MiB)
SKUS_REMEMBERED = 100_000


class ItemQuantities:
    """Each item's quantity as its line named it, for the ``cap`` items named most recently (a refund's lookup too).

    Two generations of a plain dict (the newer filled to ``cap // 2``, then the older dropped and the newer made the
    older): at most ``cap`` items, amortised O(1) per item, no per-item eviction. An item is known by a 64-bit hash of
    its key (as duplicates are: ``pipeline._FileState.seen``), its quantity cell interned (a few distinct values).
    """

    def __init__(self, cap: int | None = None) -> None:
        """Remember at most ``cap`` items (at least 2; ``ITEMS_REMEMBERED`` when not given)."""
        self.cap = max(cap or ITEMS_REMEMBERED, 2)
        self._newer: dict[int, str] = {}
        self._older: dict[int, str] = {}
        self.forgotten = 0  # items dropped so far: a missing item may then have been read
        #: each SKU's latest unit prices: a refund of a forgotten item takes its units from its amount
        self.prices = UnitPrices(SKUS_REMEMBERED)

    def __len__(self) -> int:
        """How many items are remembered now."""
        return len(self._newer) + len(self._older)

    def remember(self, keys: np.ndarray, units: pd.Series) -> None:
        """Each key's quantity cell, the later winning."""
        for key, cell in zip(keys.tolist(), units.tolist(), strict=True):
            self._newer[key] = sys.intern(cell)
            if len(self._newer) >= self.cap // 2:
                self._turn()

    def recall(self, keys: np.ndarray) -> list[str | None]:
        """Each key's quantity cell, or None where it was never read or is forgotten; a hit is remembered anew."""
        found: list[str | None] = []
        for key in keys.tolist():
            cell = self._newer.get(key)
            if cell is None:
                cell = self._older.pop(key, None)
                if cell is not None:
                    self._newer[key] = cell
                    if len(self._newer) >= self.cap // 2:
                        self._turn()
            found.append(cell)
        return found

    def _turn(self) -> None:
        self.forgotten += len(self._older)
        self._older, self._newer = self._newer, {}


class UnitPrices:
    """Each SKU's last ``PRICES_KEPT`` unit prices (its lines' amount / quantity), for the ``cap`` SKUs named last.

    Two generations of a dict, as ``ItemQuantities``: memory bounded by the SKUs sold, not the file's length.
    """

    def __init__(self, cap: int) -> None:
        """Remember the prices of at most ``cap`` SKUs (at least 2)."""
        self.cap = max(cap, 2)
        self._newer: dict[int, tuple[float, ...]] = {}
        self._older: dict[int, tuple[float, ...]] = {}

    def remember(self, keys: np.ndarray, prices: np.ndarray) -> None:
        """Each SKU's unit price, the latest first (a price already kept moves to the front)."""
        for key, price in zip(keys.tolist(), prices.tolist(), strict=True):
            if not price > 0:
                continue
            kept = self._newer.get(key) or self._older.pop(key, ())
            self._newer[key] = (price, *(p for p in kept if abs(p - price) > 1e-9))[:PRICES_KEPT]
            if len(self._newer) >= self.cap // 2:
                self._older, self._newer = self._newer, {}

    def units(self, keys: np.ndarray, amounts: np.ndarray) -> list[str | None]:
        """Each amount's whole units at its SKU's price, where exactly one kept price gives a whole number (>= 1)."""
        found: list[str | None] = []
        for key, amount in zip(keys.tolist(), np.abs(amounts).tolist(), strict=True):
            prices = self._newer.get(key) or self._older.get(key) or ()
            whole = {n for p in prices if (n := round(amount / p)) >= 1 and abs(n * p - amount) <= 0.005}
            found.append(str(whole.pop()) if len(whole) == 1 else None)
        return found


@dataclass(frozen=True)
class ItemsRead:
    """``read_together``'s rows, and the lines whose quantity was forgotten (rejected with ``FORGOTTEN_REASON``)."""

    raw: pd.DataFrame
    forgotten: np.ndarray


def _text(raw: pd.DataFrame, field: str) -> pd.Series:
    """The field's cells as stripped text ('' where empty or absent)."""
    if field not in raw:
        return pd.Series("", index=raw.index, dtype=object)
    cells = raw[field].astype(object)
    return cells.where(cells.notna(), "").astype(str).str.strip()


def _amounts(raw: pd.DataFrame, field: str, decimal_comma: bool) -> np.ndarray:
    """The field's cells as numbers (NaN where empty, absent or no number)."""
    if field not in raw:
        return np.full(len(raw), np.nan)
    values = parse_number(raw[field], decimal_comma=decimal_comma).values
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def read_together(
    raw: pd.DataFrame,
    spec: ItemRows,
    lines: np.ndarray,
    line_type: str,
    known_units: ItemQuantities,
    *,
    decimal_comma: bool,
) -> ItemsRead:
    """``raw`` with each folded row's amount added to its item's line, and a line's missing quantity its item's.

    ``lines`` marks the rows that are lines (the others are the export's summary rows, skipped and counted as before:
    a folded row stays one); ``line_type`` is the field whose value names a row's amount; ``known_units`` (item ->
    quantity cell, bounded) is carried across the file's chunks.
    """
    none = np.zeros(len(raw), dtype=bool)
    if raw.empty:
        return ItemsRead(raw, none)
    item = _text(raw, spec.item[0])
    for name in spec.item[1:]:
        item = item + "\x1f" + _text(raw, name)
    event = item + "\x1f" + _text(raw, spec.event) if spec.event else item
    kind = _text(raw, line_type).str.lower()
    line_rows = pd.Series(lines, index=raw.index)
    changed: dict[str, pd.Series] = {}
    for value, field in spec.folded:
        rows = (kind == value) & ~line_rows
        if not rows.any() or spec.amount not in raw:
            continue
        amounts = parse_number(raw[spec.amount][rows], decimal_comma=decimal_comma).values
        sums = (
            pd.Series(
                pd.to_numeric(amounts, errors="coerce").to_numpy(dtype="float64", na_value=np.nan),
                index=event[rows].to_numpy(),
            )
            .groupby(level=0)
            .sum(min_count=1)
            .dropna()
        )
        # the first line of each event takes it (an item's event has one line)
        target = line_rows & event.isin(sums.index) & ~(event.where(line_rows).duplicated() & line_rows)
        if not target.any():
            continue
        cells = changed.get(
            field, raw[field].astype(object) if field in raw else pd.Series(None, index=raw.index, dtype=object)
        )
        own = parse_number(cells[target].where(cells[target].notna(), "0"), decimal_comma=decimal_comma).values
        base = pd.to_numeric(own, errors="coerce").fillna(0.0).to_numpy(dtype="float64", na_value=0.0)
        added = base + event[target].map(sums).to_numpy(dtype="float64")
        changed[field] = cells.where(~target, pd.Series([f"{v:.2f}" for v in added], index=cells[target].index))
    raw = raw.assign(**changed) if changed else raw
    if "units" not in raw:
        return ItemsRead(raw, none)
    units = _text(raw, "units")
    keys = pd.util.hash_pandas_object(item, index=False).to_numpy()
    givers = (line_rows & (units != "")).to_numpy()
    known_units.remember(keys[givers], units[givers])
    sku = _text(raw, "sku")
    skus = pd.util.hash_pandas_object(sku, index=False).to_numpy()
    named = (sku != "").to_numpy()
    money = _amounts(raw, spec.amount, decimal_comma)
    priced = givers & named
    if priced.any():  # each SKU's unit price as its lines wrote it: the amount for the quantity
        counts = pd.to_numeric(units[priced], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            known_units.prices.remember(skus[priced], np.round(money[priced] / counts, 4))
    needs = (line_rows & (units == "")).to_numpy()
    if not needs.any():
        return ItemsRead(raw, none)
    # looked up row by row: only the lines naming no quantity (a refund's), never the whole memory
    found = pd.Series(known_units.recall(keys[needs]), index=raw.index[needs], dtype=object)
    # an item not remembered (further back, or in no chunk): its units from its amount at its SKU's price
    lost = found.isna().to_numpy() & named[needs]
    if lost.any():
        at = np.flatnonzero(needs)[lost]
        found[found.index[lost]] = known_units.prices.units(skus[at], money[at])
    forgotten = none.copy()
    if known_units.forgotten:
        forgotten[needs] = found.isna().to_numpy()
    filled = found.reindex(raw.index)
    filled = raw["units"].astype(object).where(filled.isna(), filled)
    return ItemsRead(raw.assign(units=filled), forgotten)
