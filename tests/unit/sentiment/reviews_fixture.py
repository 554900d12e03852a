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


def aspect_answer_text(rows: list[tuple[str, int, int, str]], aspect: str, **options: object) -> str:
    """The sentiment agent's complaints answer about ``aspect`` over review rows (sku, days before :data:`AS_OF`,
    stars, text), the year to :data:`AS_OF` read with a 90-day recent window; ``options``: more analysis options."""
    from shared.agents.answers import AgentAnswer
    from shared.sentiment.analysis import AnalysisOptions, analyse_reviews

    frame = pd.DataFrame([{"review_id": f"r{i:02d}", "sku": s, "date": AS_OF - timedelta(days=d), "rating": r,
                           "title": None, "text": t, "spam_score": 0.0, "spam_reasons": "[]"}
                          for i, (s, d, r, t) in enumerate(rows)])
    result = analyse_reviews(frame, tenant_id="t", options=AnalysisOptions(
        as_of=AS_OF, asks=("complaints",), aspect=aspect, decline_window_days=90,
        period_start=AS_OF - timedelta(days=365), **options))  # type: ignore[arg-type]
    (answer,) = [AgentAnswer.model_validate(a) for a in result.data["answers"]]
    return answer.text
