"""A small five-field cron matcher (minute hour day-of-month month day-of-week), UTC, for the launcher.

Enough for Cloud Scheduler's unix-cron schedules in the manifest: ``*``, numbers, ``a-b`` ranges, ``*/n``
and ``a-b/n`` steps, comma lists; day-of-week 0-7 with 0 and 7 both Sunday. Day-of-month and
day-of-week combine with OR when both are restricted, as in cron.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

_BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))


def _field(text: str, lo: int, hi: int) -> frozenset[int]:
    values: set[int] = set()
    for part in text.split(","):
        base, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if step < 1:
            raise ValueError(f"bad step in {part!r}")
        if base == "*":
            start, end = lo, hi
        elif "-" in base:
            a, b = base.split("-", 1)
            start, end = int(a), int(b)
        else:
            start = int(base)
            end = hi if step_text else start
        if not (lo <= start <= end <= hi):
            raise ValueError(f"{part!r} is outside {lo}-{hi}")
        values.update(range(start, end + 1, step))
    return frozenset(values)


@dataclass(frozen=True)
class CronSchedule:
    """A parsed cron expression."""

    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]
    day_restricted: bool
    weekday_restricted: bool

    @classmethod
    def parse(cls, expr: str) -> CronSchedule:
        """Parse ``expr`` (``ValueError`` naming the bad field)."""
        fields = expr.split()
        if len(fields) != 5:
            raise ValueError(f"cron needs 5 fields, got {len(fields)}: {expr!r}")
        try:
            parsed = [_field(f, lo, hi) for f, (lo, hi) in zip(fields, _BOUNDS, strict=True)]
        except ValueError as exc:
            raise ValueError(f"invalid cron {expr!r}: {exc}") from exc
        weekdays = frozenset(d % 7 for d in parsed[4])
        return cls(parsed[0], parsed[1], parsed[2], parsed[3], weekdays,
                   fields[2] != "*", fields[4] != "*")

    def matches(self, when: datetime) -> bool:
        """Whether the schedule fires in the minute of ``when``."""
        if when.minute not in self.minutes or when.hour not in self.hours or when.month not in self.months:
            return False
        day_ok = when.day in self.days
        weekday_ok = (when.isoweekday() % 7) in self.weekdays
        if self.day_restricted and self.weekday_restricted:
            return day_ok or weekday_ok
        return day_ok and weekday_ok
