"""An item's money written on several rows, read together by the item (``ExportProfile.item_rows``).

Amazon's settlement report writes an order item's amounts a row each, by amount-type and amount-description: its
``ItemPrice Principal`` (the line: its amount for its ``quantity-purchased``), its tax, fees and, on a row of its own,
its ``Promotion Principal`` (the discount). A refund of the item later in the settlement is its own ``Principal`` row,
negative, naming no quantity. Read a row at a time, the promotion was skipped (its discount lost) and the refund
rejected for want of a quantity (its refund lost). Read by the item: a folded row's amount adds to the field it names
on the same item's line of the same event (the order's promotion to the order's line, a refund's to the refund's), and
a line naming no quantity takes the quantity of the item's line that named it (the units the refund gives back), in
this chunk or an earlier one of the file.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from shared.ingest.headers import ItemRows
from shared.ingest.parse import parse_number


def _text(raw: pd.DataFrame, field: str) -> pd.Series:
    """The field's cells as stripped text ('' where empty or absent)."""
    if field not in raw:
        return pd.Series("", index=raw.index, dtype=object)
    cells = raw[field].astype(object)
    return cells.where(cells.notna(), "").astype(str).str.strip()


def read_together(
    raw: pd.DataFrame,
    spec: ItemRows,
    lines: np.ndarray,
    line_type: str,
    known_units: dict[str, str],
    *,
    decimal_comma: bool,
) -> pd.DataFrame:
    """``raw`` with each folded row's amount added to its item's line, and a line's missing quantity its item's.

    ``lines`` marks the rows that are lines (the others are the export's summary rows, skipped and counted as before:
    a folded row stays one); ``line_type`` is the field whose value names a row's amount; ``known_units`` (item ->
    quantity cell) is carried across the file's chunks.
    """
    if raw.empty:
        return raw
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
        return raw
    units = _text(raw, "units")
    givers = line_rows & (units != "")
    known_units.update(zip(item[givers], units[givers], strict=True))
    needs = line_rows & (units == "") & item.isin(known_units.keys())
    if not needs.any():
        return raw
    filled = raw["units"].astype(object).where(~needs, item.map(known_units))
    return raw.assign(units=filled)
