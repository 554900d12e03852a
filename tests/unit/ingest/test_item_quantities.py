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


def _with_skus(raw: pd.DataFrame, price_of: dict[int, float]) -> pd.DataFrame:
    """``raw`` with a SKU per item (its number mod 3: three SKUs), each line's amount its units x its SKU's price."""
    numbers = [int(code) for code in raw["item_code"]]
    sku = [f"B-{n % 3}" for n in numbers]
    units = [int(u) if u else 1 + n % 3 for u, n in zip(raw["units"], numbers, strict=True)]  # a refund: its order's
    sign = [-1 if e == "Refund" else 1 for e in raw["item_event"]]
    amount = [f"{s * u * price_of[n % 3]:.2f}" for s, u, n in zip(sign, units, numbers, strict=True)]
    return raw.assign(sku=sku, revenue=amount)


def _read_priced(
    known: ItemQuantities,
    first: int,
    orders: int,
    refunds: tuple[int, ...] = (),
    price_of: dict[int, float] | None = None,
) -> ItemsRead:
    profile = _settlement_profile()
    assert profile.item_rows is not None
    raw, lines = _chunk(first, orders, refunds)
    raw = _with_skus(raw, price_of or {0: 19.99, 1: 34.5, 2: 7.25})
    return read_together(raw, profile.item_rows, lines, "line_type", known, decimal_comma=False)


def test_a_refund_whose_order_was_forgotten_takes_its_units_from_its_sku_s_price() -> None:
    """Its order 9,000 items back, past the cap: the refund's amount is a whole number of its SKU's unit price (one
    price kept), so its units are read from it, not rejected; memory stays bounded by the SKUs (three here)."""
    known = ItemQuantities(1_000)
    for start in range(0, 9_000, 500):
        _read_priced(known, start, 500)
    read = _read_priced(known, 9_000, 5, refunds=(3, 8_999))
    assert not read.forgotten.any()
    assert read.raw["units"].tolist()[-2:] == [str(1 + 3 % 3), str(1 + 8_999 % 3)]


def test_a_refund_whose_amount_is_no_whole_number_of_its_price_stays_flagged() -> None:
    """A partial refund (not a whole number of units), or one that two kept prices both divide, is not guessed."""
    known = ItemQuantities(1_000)
    for start in range(0, 9_000, 500):
        _read_priced(known, start, 500)
    profile = _settlement_profile()
    assert profile.item_rows is not None
    raw, lines = _chunk(9_000, 1, refunds=(3,))
    raw = _with_skus(raw, {0: 19.99, 1: 34.5, 2: 7.25}).assign(revenue=["7.25", "-12.00"])  # 12.00 of a 19.99 SKU
    read = read_together(raw, profile.item_rows, lines, "line_type", known, decimal_comma=False)
    assert read.forgotten.tolist() == [False, True] and read.raw["units"].tolist()[-1] == ""
    both = ItemQuantities(1_000)
    _read_priced(both, 0, 3, price_of={0: 10.0, 1: 34.5, 2: 7.25})
    _read_priced(both, 3, 3, price_of={0: 20.0, 1: 34.5, 2: 7.25})  # SKU B-0's price changed from 10 to 20
    assert both.prices.units(*_sku_amount("B-0", 40.0)) == [None]  # 4 at 10 or 2 at 20: not told
    assert both.prices.units(*_sku_amount("B-0", 30.0)) == ["3"]  # 3 at 10 (1.5 at 20 is no whole number)


def _sku_amount(sku: str, amount: float) -> tuple[np.ndarray, np.ndarray]:
    return pd.util.hash_pandas_object(pd.Series([sku]), index=False).to_numpy(), np.array([amount])


def test_a_refund_of_an_order_in_no_chunk_takes_its_units_from_its_sku_s_price() -> None:
    """An order settled in an earlier file: its refund here names no quantity, and its SKU's price gives it."""
    known = ItemQuantities(1_000)
    read = _read_priced(known, 0, 5, refunds=(77,))
    assert read.raw["units"].tolist()[-1] == str(1 + 77 % 3) and not read.forgotten.any()
