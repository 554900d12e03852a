"""A market figure asked for a day without competitor prices: read on the latest day that has them.

"The water bottle's price index today" when its last competitor price is four days old: the index of that day,
dated ("on 2 Dec 2026, its latest competitor price"), rather than "there was no price index" for today. Only a
figure of one day (no breakdown, no compared period) of the metrics read from competitor prices, looked back over
the market answers' 30-day window.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from shared.questions.lexicon import OBSERVED_METRICS
from shared.questions.timephrase import fmt_day
from shared.store.metrics.model import MetricQuery, MetricResult, TimeRange

#: Days looked back for the latest competitor price (the market answers' window).
LOOKBACK_DAYS = 30


def latest_observed_day(run: Any, query: MetricQuery, result: MetricResult) -> MetricQuery | None:
    """``query`` moved to the latest day before its own that has a value, when its day has none; else ``None``.

    ``run`` runs a metric query (the warehouse's, passed in so this stays testable).
    """
    rng = query.time_range
    if (
        rng is None
        or rng.start != rng.end
        or query.dimensions
        or query.compare is not None
        or not set(query.metrics) <= OBSERVED_METRICS
        or any(r.get(m) is not None for r in result.rows for m in query.metrics)
    ):
        return None
    window = TimeRange(start=rng.end - timedelta(days=LOOKBACK_DAYS - 1), end=rng.end, label="")
    daily = run(query.model_copy(update={"time_range": window, "dimensions": ["date"], "grain": "day"}))
    days = sorted(str(r["date"])[:10] for r in daily.rows if r.get(query.metrics[0]) is not None)
    if not days:
        return None
    day = date.fromisoformat(days[-1])
    label = f"on {fmt_day(day)}, the latest day with competitor prices (none on {fmt_day(rng.end)})"
    return query.model_copy(update={"time_range": TimeRange(start=day, end=day, label=label)})
