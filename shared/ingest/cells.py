"""A spreadsheet cell as the text a CSV export of its sheet holds, so a workbook reads exactly like its CSV.

Spreadsheet readers hand back typed values: a date is a number with a date format (the reader gives a
``datetime``), every number is a binary float (``1.1`` may be stored as ``1.1000000000000001``; an integer as
``12.0``). The ingest reads text, so each value is written once here the way a merchant's own CSV export would
show it, and everything after (date order, decimal mark, currency in money cells) is decided by the same rules
as for a CSV:

- empty -> ``""``; text as it is;
- integers, and floats that are whole (below 10**15, where a float is still exact) -> digits, no ``.0``;
- other floats -> at most 15 significant digits (what Excel shows and exports), plain decimal, never an
  exponent (``0.1 + 0.2`` -> ``0.3``, ``1e-05`` -> ``0.00001``);
- booleans -> ``TRUE``/``FALSE`` (Excel's CSV export);
- date-times -> ISO ``YYYY-MM-DD HH:MM:SS`` (a date alone ``YYYY-MM-DD``), rounded to the millisecond (a serial
  date's float often lands a microsecond off the second: ``08:25:59.999999`` is ``08:26:00``), the fraction
  only when there is one; times ``HH:MM:SS``; durations ``H:MM:SS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal

#: Floats at or above this are not written as integers even when whole (they are no longer exact).
_EXACT_INTEGER = 10**15


def number_text(value: float) -> str:
    """A float as a CSV export writes it: whole numbers without ``.0``, others in 15 significant digits."""
    if value != value or value in (float("inf"), float("-inf")):  # NaN and infinities are not numbers to export
        return ""
    if value == 0:
        return "0"
    if value.is_integer() and abs(value) < _EXACT_INTEGER:
        return str(int(value))
    text = f"{value:.15g}"
    if "e" in text:
        text = format(Decimal(text), "f")
    return text


def _rounded(value: datetime) -> datetime:
    """``value`` rounded to the millisecond (serial-date float noise is a few microseconds)."""
    millis = round(value.microsecond / 1000)
    return value.replace(microsecond=0) + timedelta(milliseconds=millis)


def datetime_text(value: datetime) -> str:
    """ISO date and time, seconds always, milliseconds only when the cell has them."""
    value = _rounded(value)
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    return f"{text}.{value.microsecond // 1000:03d}" if value.microsecond else text


def duration_text(value: timedelta) -> str:
    """A duration as ``H:MM:SS`` (hours past 24 kept, as a spreadsheet's ``[h]:mm:ss``)."""
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"


def cell_text(value: object) -> str:
    """The CSV text of one cell value as a spreadsheet reader returns it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):  # before int: a bool is an int
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime):  # before date: a datetime is a date
        return datetime_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.replace(microsecond=0).isoformat() if value.microsecond < 500_000 \
            else (datetime.combine(date.min, value.replace(microsecond=0)) + timedelta(seconds=1)).time().isoformat()
    if isinstance(value, timedelta):
        return duration_text(value)
    return str(value)


def row_text(values: Sequence[object]) -> list[str]:
    """A row's cells as CSV text, trailing empty cells kept (the header decides the width)."""
    return [cell_text(v) for v in values]
