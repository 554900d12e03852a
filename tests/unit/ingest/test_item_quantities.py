"""The settlement reader's memory of items' quantities (``item_rows.ItemQuantities``): bounded, and a refund whose
order it forgot is flagged for the rejects, never read as a sale nor dropped."""

from __future__ import annotations

import numpy as np
import pandas as pd

from shared.ingest.item_rows import ItemQuantities, ItemsRead, read_together
from tests.unit.ingest.test_public15_rules import _settlement_profile


def _chunk(first: int, orders: int, refunds: tuple[int, ...] = ()) -> tuple[pd.DataFrame, np.ndarray]:
    """``orders`` order items' Principal lines from ``first`` on, then a refund Principal of each of ``refunds``."""
    numbers = [*range(first, first + orders), *refunds]
    raw = pd.DataFrame(
        {
            "order_id": [f"O{n}" for n in numbers],
            "item_code": [f"{n:014d}" for n in numbers],
            "item_event": ["Order"] * orders + ["Refund"] * len(refunds),
            "line_type": ["itemprice principal"] * len(numbers),
            "revenue": ["10.00"] * orders + ["-10.00"] * len(refunds),
            "units": [str(1 + n % 3) for n in range(first, first + orders)] + [""] * len(refunds),
        }
    )
    return raw, np.ones(len(raw), dtype=bool)


def _read(known: ItemQuantities, first: int, orders: int, refunds: tuple[int, ...] = ()) -> ItemsRead:
    """One chunk read with the settlement's rules (``_chunk``'s rows)."""
    profile = _settlement_profile()
    assert profile.item_rows is not None
    raw, lines = _chunk(first, orders, refunds)
    return read_together(raw, profile.item_rows, lines, "line_type", known, decimal_comma=False)


def _read_orders(known: ItemQuantities, orders: int, per_chunk: int) -> list[int]:
    """``orders`` order items read ``per_chunk`` a chunk; how many items are remembered after each chunk."""
    sizes = []
    for start in range(0, orders, per_chunk):
        _read(known, start, per_chunk)
        sizes.append(len(known))
    return sizes


def test_the_memory_stays_under_its_cap_on_a_long_file() -> None:
    """Every item's quantity was kept for the whole file: memory grew with it. 200 chunks of 500 items, cap 1,000."""
    known = ItemQuantities(1_000)
    sizes = _read_orders(known, 100_000, 500)
    assert max(sizes) <= 1_000 and known.forgotten >= 99_000


def test_a_refund_of_a_recent_order_still_takes_its_quantity() -> None:
    """Within the cap a refund reads as before: the units its order named, several chunks back."""
    known = ItemQuantities(1_000)
    _read_orders(known, 2_000, 100)
    read = _read(known, 2_000, 10, refunds=(1_750, 2_003))
    assert read.raw["units"].tolist()[-2:] == [str(1 + 1_750 % 3), str(1 + 2_003 % 3)]
    assert not read.forgotten.any()


def test_a_refund_whose_order_was_forgotten_is_flagged_with_its_units_unread() -> None:
    """Its order 9,000 items back, past the cap: the refund is flagged (rejected with its reason by the pipeline),
    its quantity left empty rather than guessed."""
    known = ItemQuantities(1_000)
    _read_orders(known, 9_000, 500)
    read = _read(known, 9_000, 5, refunds=(3, 8_999))
    assert read.forgotten.tolist() == [False] * 5 + [True, False]
    assert read.raw["units"].tolist()[-2:] == ["", str(1 + 8_999 % 3)]


def test_nothing_is_flagged_before_anything_was_forgotten() -> None:
    """A refund whose order is in no chunk of a short file reads as before (its missing quantity decides)."""
    read = _read(ItemQuantities(1_000), 0, 5, refunds=(77,))
    assert not read.forgotten.any() and read.raw["units"].tolist()[-1] == ""
