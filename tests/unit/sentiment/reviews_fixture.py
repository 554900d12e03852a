"""Synthetic review rows shared by the sentiment tests: SKU-42 was loved, then a bad batch shipped."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

AS_OF = date(2026, 11, 1)
GOOD = [
    "Great quality, sturdy and well made. Love it!",
    "Works perfectly and fast shipping.",
    "Excellent value for the price, highly recommend.",
    "Fits true to size and very comfortable.",
]
BAD = [
    "Stopped working after a week. Very disappointed.",
    "The strap broke after two days, poor quality.",
    "Arrived broken and customer service never answered.",
    "Stopped working after a week, I wish it had a longer warranty.",
    "Cheaply made and it fell apart. Waste of money.",
]


def falling_sku_reviews(sku: str = "SKU-42") -> pd.DataFrame:
    """60 days of reviews: good ones (5 stars) before the last 30 days, complaints (2 stars) within them."""
    rows = []
    for i in range(40):
        recent = i >= 20
        day = AS_OF - timedelta(days=58 - i) if not recent else AS_OF - timedelta(days=39 - i)
        text = BAD[i % len(BAD)] if recent else GOOD[i % len(GOOD)]
        rows.append(
            {
                "review_id": f"{sku}-r{i}",
                "sku": sku,
                "date": day,
                "rating": 2 if recent else 5,
                "title": None,
                "text": text,
                "spam_score": 0.05,
                "spam_reasons": "[]",
            }
        )
    return pd.DataFrame(rows)
