"""Small hand-built frames for the pricing unit tests."""

from __future__ import annotations

import pandas as pd


def observations(rows: list[tuple[str, str, str, float, float]]) -> pd.DataFrame:
    """Rows of (sku, date, competitor, competitor_price, our_price)."""
    frame = pd.DataFrame(rows, columns=["sku", "date", "competitor", "competitor_price", "our_price"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame
