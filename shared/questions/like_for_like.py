"""A quarter or year so far against the same days of the one before ("Q3 vs Q2" 14 days into Q3).

The metrics layer's ``previous_period_to_date`` reads the unit off the range alone: 1-14 Jul is a month to date as
much as a quarter's, and it was compared with 1-14 Jun ("the same days of the month before"), while the question
named quarters. The reader knows the unit from the period's name ("Q3 2026 to date", "2026 to date"), so it names the
compared days itself: 1-14 Apr for Q3 against Q2, 1-14 Jan 2025 for 2026 so far. Pure.
"""

from __future__ import annotations

import calendar
from datetime import date

from shared import regex as re
from shared.questions.timephrase import make_range
from shared.store.metrics.compile import to_date_months
from shared.store.metrics.model import TimeRange

_QUARTER = re.compile(r"^Q[1-4] \d{4} to date\b")
_YEAR = re.compile(r"^\d{4} to date\b")


def _months_back(d: date, months: int) -> date:
    """The same day ``months`` earlier (clipped to that month's last day)."""
    total = d.year * 12 + d.month - 1 - months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def same_days_before(rng: TimeRange) -> TimeRange | None:
    """The same days of the quarter (year) before a quarter (year) to date the range alone would read as a month's.

    ``None`` when the range is no such period or the metrics layer already reads its unit (a quarter to date past its
    first month is a quarter's).
    """
    months = 3 if _QUARTER.match(rng.label) else 12 if _YEAR.match(rng.label) else None
    if months is None or to_date_months(rng) == months:
        return None
    start, end = _months_back(rng.start, months), _months_back(rng.end, months)
    return make_range(start, end, f"the same days of the {'quarter' if months == 3 else 'year'} before")
