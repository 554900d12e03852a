"""Each month (quarter) against the same one a year earlier: "YoY growth by month", "monthly revenue vs last year".

Read as a trend, the comparison was dropped and the default period was the last month alone ("Only one month of
revenue falls in November 2026"). The metrics layer buckets a year-earlier row onto its month of the year after
(``compare="previous_year"`` with a date dimension), so each bucket holds its figure and last year's. The period,
when none is named, is the latest 12 whole months whose months a year earlier the data cover whole; the answer
leads with the latest month's change, then lists every month against its year-earlier one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from shared.questions.timephrase import add_months, make_range, period_containing
from shared.store.metrics.model import Grain, TimeRange

#: Grains whose buckets a year apart are the same calendar buckets (a week a year back is another week).
YEAR_ON_YEAR_GRAINS = frozenset({"month", "quarter"})

Row = Mapping[str, Any]


def year_on_year_range(today: date, first: date | None, grain: Grain) -> TimeRange:
    """The latest 12 months of whole ``grain`` buckets whose buckets a year earlier the data cover from their start.

    Data from 7 Dec 2024 to 6 Dec 2026, by month: Jan - Nov 2026 (December 2024 is partly covered, so December 2025
    against it would overstate growth; December 2026 is not over).
    """
    last_start, last_end = period_containing(today, grain)
    if last_end > today:
        last_end = last_start - timedelta(days=1)
    start = add_months(last_end + timedelta(days=1), -12)
    if first is not None:
        covered = add_months(first, 12)  # the first day whose day a year earlier is in the data
        bucket_start, bucket_end = period_containing(covered, grain)
        start = max(start, bucket_start if bucket_start == covered else bucket_end + timedelta(days=1))
    if start > last_end:  # less than a whole bucket with a year before it: the latest 12 months, said as they are
        start = add_months(last_end + timedelta(days=1), -12)
    buckets = _count(start, last_end, grain)
    return make_range(start, last_end, f"the last {buckets} whole {grain}{'s' if buckets != 1 else ''}")


def _count(start: date, end: date, grain: str) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return months // 3 if grain == "quarter" else months


def year_on_year_answer(
    rows: list[dict[str, Any]],
    metric: str,
    lead: str,
    when: str,
    grain: str,
    name: Callable[[Row], str],
    name_before: Callable[[Row], str],
    value: Callable[[Row, str], str],
    change: Callable[[Row], str],
    short_change: Callable[[Row], str],
) -> str:
    """The latest bucket's figure and change first, then each bucket against the same one a year earlier.

    ``lead``: the noun, filter and verb ("Revenue on Amazon was"); ``name`` / ``name_before``: a row's bucket and
    the bucket a year before it ("Nov 2026", "Nov 2025"); ``value(row, key)``: a figure formatted; ``change``: the
    phrase before the year-earlier figure ("up 5.0% from"); ``short_change``: the change in brackets ("+5.0%").
    """
    before = f"{metric}_previous"
    listed = [r for r in rows if r.get(metric) is not None or r.get(before) is not None]
    if not listed:
        return ""
    last = listed[-1]
    if last.get(before) is None:
        text = f"{lead} {value(last, metric)} in {name(last)}, with nothing to compare against in {name_before(last)}"
    else:
        text = (
            f"{lead} {value(last, metric)} in {name(last)}, {change(last)} {value(last, before)} in {name_before(last)}"
        )
    each = "; ".join(
        f"{name(r)} {value(r, metric)} against {value(r, before)} ({short_change(r)})"
        if r.get(before) is not None
        else f"{name(r)} {value(r, metric)} (none a year earlier)"
        for r in listed
    )
    # one sentence: the latest change, then the period covered and every bucket of it
    return f"{text}; each {grain} {when} against the same {grain} a year earlier: {each}."
