"""The period a complaints question sets against its own ("most common complaint this month vs last month", #18).

"Last month" beside "this month" is the whole calendar month before, not as many days just before this month's
first days (the metrics layer's like-for-like baseline): a merchant comparing complaints compares months. So with
quarters: "complaints this quarter vs last quarter" sets the whole calendar quarter before against this one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from shared.questions.timephrase import (
    TimeReading,
    fmt_range,
    make_range,
    month_range,
    period_containing,
    previous_range,
    quarter_range,
)
from shared.store.metrics.model import TimeRange


def complaints_baseline(time: TimeReading) -> TimeRange | None:
    """The compared period of ``time`` (a whole calendar month or quarter when those are compared), else ``None``."""
    if time.range is None or time.compare is None:
        return None
    if time.baseline is not None:
        return time.baseline
    unit = time.compare_unit or _calendar_unit(time.range)  # "this quarter vs the last one": the quarter's unit
    if unit == "month" and time.compare == "previous_period":
        last = time.range.start - timedelta(days=1)
        start, end = month_range(last.year, last.month)
        return make_range(start, end, "the month before")
    if unit == "quarter" and time.compare == "previous_period":
        last = time.range.start - timedelta(days=1)
        start, end = quarter_range(last.year, (last.month - 1) // 3 + 1)
        return make_range(start, end, "the quarter before")
    return previous_range(time.range, time.compare)


def _calendar_unit(rng: TimeRange) -> str | None:
    """The calendar unit ("quarter" or "month") ``rng`` starts and stays inside, else ``None``."""
    q_start, q_end = period_containing(rng.start, "quarter")
    if rng.start == q_start and rng.end <= q_end and rng.label.startswith("Q"):
        return "quarter"
    m_start, m_end = period_containing(rng.start, "month")
    return "month" if rng.start == m_start and rng.end <= m_end else None


def own_period_to_date(time: TimeReading, as_of: date) -> TimeReading:
    """This quarter (month, week) to date when a comparison names only the one before it.

    "Have the complaints changed since last quarter?" sets this quarter to date against the last; any other reading
    is returned as it was.
    """
    if (
        time.range is not None
        or time.compare != "previous_period"
        or time.compare_unit not in ("week", "month", "quarter")
    ):
        return time
    start, _ = period_containing(as_of, time.compare_unit)
    label = f"this {time.compare_unit} to date ({fmt_range(start, as_of)})"
    return replace(time, range=make_range(start, as_of, label))
