"""The settlement reader's memory of items' quantities (``item_rows.ItemQuantities``): bounded, and a refund whose
order it forgot is flagged for the rejects, never read as a sale nor dropped."""

from __future__ import annotations

import numpy as np
import pandas as pd

from shared.ingest.item_rows import ItemQuantities, read_together
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


def test_the_memory_stays_under_its_cap_on_a_long_file() -> None:
    """Every item's quantity was kept for the whole file: memory grew with it. 200 chunks of 500 items, cap 1,000."""
    profile = _settlement_profile()
    assert profile.item_rows is not None
    known = ItemQuantities(1_000)
    sizes = []
    for start in range(0, 100_000, 500):
        raw, lines = _chunk(start, 500)
        read_together(raw, profile.item_rows, lines, "line_type", known, decimal_comma=False)
        sizes.append(len(known))
    assert max(sizes) <= 1_000 and known.forgotten >= 99_000


def test_a_refund_of_a_recent_order_still_takes_its_quantity() -> None:
    """Within the cap a refund reads as before: the units its order named, several chunks back."""
    profile = _settlement_profile()
    assert profile.item_rows is not None
    known = ItemQuantities(1_000)
    for start in range(0, 2_000, 100):
        raw, lines = _chunk(start, 100)
        read_together(raw, profile.item_rows, lines, "line_type", known, decimal_comma=False)
    raw, lines = _chunk(2_000, 10, refunds=(1_750, 2_003))
    read = read_together(raw, profile.item_rows, lines, "line_type", known, decimal_comma=False)
    assert read.raw["units"].tolist()[-2:] == [str(1 + 1_750 % 3), str(1 + 2_003 % 3)]
    assert not read.forgotten.any()


def test_a_refund_whose_order_was_forgotten_is_flagged_with_its_units_unread() -> None:
    """Its order 9,000 items back, past the cap: the refund is flagged (rejected with its reason by the pipeline),
    its quantity left empty rather than guessed."""
    profile = _settlement_profile()
    assert profile.item_rows is not None
    known = ItemQuantities(1_000)
    for start in range(0, 9_000, 500):
        raw, lines = _chunk(start, 500)
        read_together(raw, profile.item_rows, lines, "line_type", known, decimal_comma=False)
    raw, lines = _chunk(9_000, 5, refunds=(3, 8_999))
    read = read_together(raw, profile.item_rows, lines, "line_type", known, decimal_comma=False)
    assert read.forgotten.tolist() == [False] * 5 + [True, False]
    assert read.raw["units"].tolist()[-2:] == ["", str(1 + 8_999 % 3)]


def test_nothing_is_flagged_before_anything_was_forgotten() -> None:
    """A refund whose order is in no chunk of a short file reads as before (its missing quantity decides)."""
    profile = _settlement_profile()
    assert profile.item_rows is not None
    raw, lines = _chunk(0, 5, refunds=(77,))
    read = read_together(raw, profile.item_rows, lines, "line_type", ItemQuantities(1_000), decimal_comma=False)
    assert not read.forgotten.any() and read.raw["units"].tolist()[-1] == ""
