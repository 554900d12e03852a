"""A sale's time of day on the shop's clock: a stamp's offset from UTC turned into the tenant's time zone in SQL.

A line keeps its time and date as the export wrote them, and the offset its stamp wrote beside the time
(``sales.utc_offset``, minutes east of UTC; ``shared.ingest.clock``). A query that reads the clock in a zone
(``MetricQuery.clock_zone``, the tenant's setting) turns each line with an offset into that zone at query time, so no
stored row or record key depends on the setting: changing it changes the answers, never the rows.

The conversion is integer arithmetic that DuckDB and BigQuery (and its emulator) run alike: the instant in minutes
since 1970 (``DATE_DIFF`` days x 1440 + the clock's minutes - the offset), then the zone's own offset at that instant,
read from the zone's transitions (``zoneinfo``) as a ``CASE`` over the instants where it changes, so daylight saving
is right for each line's own instant. Transitions are listed for the query's period (a day either side), or for
2000-2040 when it names none; a zone without daylight saving is one constant.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlglot import exp

#: The first day the instant arithmetic counts from.
_EPOCH = date(1970, 1, 1)
#: The years a query without a period reads transitions for.
_YEARS = (2000, 2040)
#: Zone names that name UTC itself: a tenant "in UTC" is the settings' default as often as a choice, so it converts
#: nothing (``shared.questions.date_order`` reads it as undecided too).
_UTC_NAMES = frozenset(
    {
        "utc",
        "etc/utc",
        "etc/uct",
        "uct",
        "gmt",
        "etc/gmt",
        "universal",
        "etc/universal",
        "zulu",
        "etc/zulu",
        "etc/gmt+0",
        "etc/gmt-0",
        "gmt0",
        "etc/gmt0",
        "gmt+0",
        "gmt-0",
        "greenwich",
    }
)


def shop_zone(name: str | None) -> str | None:
    """``name`` when it is a known IANA zone other than UTC (what the shop's clock is read in), else ``None``."""
    text = (name or "").strip()
    if not text or text.lower() in _UTC_NAMES:
        return None
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return text


def _offset_minutes(zone: ZoneInfo, instant: datetime) -> int:
    delta = instant.astimezone(zone).utcoffset() or timedelta(0)
    return int(delta.total_seconds() // 60)


@lru_cache(maxsize=256)
def zone_transitions(name: str, first: date, last: date) -> tuple[int, tuple[tuple[int, int], ...]]:
    """The zone's offset (minutes east) at the start of ``first``, and each change up to ``last``.

    A change is ``(instant, offset)``: from that instant (minutes since 1970, UTC) the zone is ``offset`` minutes east.
    Found by a day-by-day scan, each change then narrowed to its minute.
    """
    zone = ZoneInfo(name)
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    current = _offset_minutes(zone, start)
    changes: list[tuple[int, int]] = []
    day, end = start, datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
    while day < end:
        following = day + timedelta(days=1)
        after = _offset_minutes(zone, following)
        if after != current:
            low, high = day, following  # the offset is ``current`` at low, ``after`` at high: halve to the minute
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= low:
                    middle = low + timedelta(minutes=1)
                if _offset_minutes(zone, middle) == current:
                    low = middle
                else:
                    high = middle
            changes.append((int((high - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() // 60), after))
            current = after
        day = following
    return _offset_minutes(zone, start), tuple(changes)


def local_minutes(utc_minute: int, name: str) -> int:
    """The shop's clock (minutes since 1970 on the zone's wall clock) of an instant; the pure twin of ``zoned``."""
    instant = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(minutes=utc_minute)
    return utc_minute + _offset_minutes(ZoneInfo(name), instant)


def _int(value: int) -> exp.Expr:
    literal = exp.Literal.number(abs(value))
    return exp.Neg(this=literal) if value < 0 else literal


def _clock_minutes(time_of_day: exp.Expr) -> exp.Expr:
    """The minutes since midnight of an ``HH:MM:SS`` time."""

    def part(start: int) -> exp.Expr:
        text = exp.Substring(this=time_of_day.copy(), start=exp.Literal.number(start), length=exp.Literal.number(2))
        return exp.Cast(this=text, to=exp.DataType.build("BIGINT"))

    return exp.Add(this=exp.Mul(this=part(1), expression=exp.Literal.number(60)), expression=part(4))


def utc_minutes(day: exp.Expr, time_of_day: exp.Expr, utc_offset: exp.Expr) -> exp.Expr:
    """The line's instant in minutes since 1970, UTC (NULL where the line has no offset or time)."""
    epoch = exp.cast(exp.Literal.string(_EPOCH.isoformat()), exp.DataType.build("DATE"))
    days = exp.DateDiff(this=day, expression=epoch, unit=exp.var("DAY"))
    written = exp.Add(
        this=exp.Mul(this=days, expression=exp.Literal.number(1440)), expression=_clock_minutes(time_of_day)
    )
    return exp.Sub(this=written, expression=utc_offset)


def wall_minutes(instant: exp.Expr, zone: str, first: date, last: date) -> exp.Expr:
    """An instant (minutes since 1970, UTC; a column, as it is read once per change) on ``zone``'s wall clock."""
    base, changes = zone_transitions(zone, first, last)
    if not changes:
        return exp.Add(this=instant, expression=_int(base))
    case = exp.Case()
    offset = base
    for at, after in changes:
        case = case.when(exp.LT(this=instant.copy(), expression=_int(at)), _int(offset), copy=False)
        offset = after
    case = case.else_(_int(offset), copy=False)
    return exp.Add(this=instant.copy(), expression=exp.paren(case))


def zone_span(period: tuple[date, date] | None) -> tuple[date, date]:
    """The days whose transitions a query reads: its period with a day either side, or ``_YEARS``."""
    if period is None:
        return date(_YEARS[0], 1, 1), date(_YEARS[1], 12, 31)
    return period[0] - timedelta(days=1), period[1] + timedelta(days=1)


def hour_label(minutes: exp.Expr) -> exp.Expr:
    """``HH:00`` of a wall-clock instant in minutes since 1970 (the instant written once)."""
    hour = exp.IntDiv(
        this=exp.paren(exp.Mod(this=exp.paren(minutes), expression=exp.Literal.number(1440))),
        expression=exp.Literal.number(60),
    )
    text = exp.Cast(this=hour, to=exp.DataType.build("TEXT"))
    padded = exp.Pad(this=text, expression=exp.Literal.number(2), fill_pattern=exp.Literal.string("0"), is_left=True)
    return exp.DPipe(this=padded, expression=exp.Literal.string(":00"))


def wall_day(minutes: exp.Expr) -> exp.Expr:
    """The calendar day of a wall-clock instant in minutes since 1970 (the instant written once)."""
    days = exp.IntDiv(this=exp.paren(minutes), expression=exp.Literal.number(1440))
    epoch = exp.cast(exp.Literal.string(_EPOCH.isoformat()), exp.DataType.build("DATE"))
    return exp.cast(exp.DateAdd(this=epoch, expression=days, unit=exp.var("DAY")), exp.DataType.build("DATE"))
