"""The time of day of a sale, read from a time or timestamp cell as the merchant's local clock (``HH:MM:SS``).

Till, cafe, vending and pizzeria exports stamp each sale: a timestamp in the date column (``2025-03-01 10:15:50``,
``12/1/2010 8:26``, ``Saturday, January 1, 2022 10:05 AM``, ``2025-03-01T10:15:00+02:00``) or a time column of its own
(``10:15:50.520000``, ``2:15 PM``, ``14:15``). The time is kept as written, as the date is
(``shared.ingest.parse.parse_date``), so a record's key and content never depend on a setting. An offset written after
the clock (``+02:00``, ``-0800``, ``Z``, ``UTC``) is kept beside it as minutes east of UTC (``SaleRecord.utc_offset``):
the metrics layer turns such a time into the shop's clock at query time with the tenant's time zone
(``shared.store.metrics.shop_clock``). A stamp without an offset is the shop's clock already (no offset kept).
Seconds are ``00`` where the cell gives minutes only; a bare hour column
(``hour_of_day`` ``10``) is read as the hour's start (``10:00:00``), used only when no column gives the minutes.

A missing time is never invented: a cell without a clock is ``None``, and a column whose every time is midnight is a
date written as a timestamp (Excel's ``2025-03-01 00:00:00``), not sales at midnight, so it gives no times at all.
"""

from __future__ import annotations

import pandas as pd

from shared import regex as re
from shared.ingest.headers import ColumnMapping
from shared.ingest.names import normalise_header

#: A clock in a cell: ``h:mm``, ``h:mm:ss``, fractions of a second, ``AM``/``PM`` (``a.m.``); the first one in the cell
#: (an offset after it, ``+02:00``, is not a second clock: the first match is the time).
_CLOCK = (
    r"(?<![\d:])(?P<h>\d{1,2}):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d)(?:[.,]\d+)?)?(?![\d:])"
    r"\s*(?:(?P<half>[AaPp])\.?\s?[Mm]\.?(?![A-Za-z]))?"
    # the stamp's offset: ISO's (``Z``, ``+02:00``, ``-0800``, right after the seconds), or a named UTC/GMT
    r"(?:(?P<zulu>Z)(?![A-Za-z])|(?P<sign>[+-])(?P<oh>[01]\d):?(?P<om>[0-5]\d)(?![\d:])|"
    r"\s*(?P<named>UTC|GMT)(?:\s*(?P<nsign>[+-])(?P<nh>\d{1,2})(?::?(?P<nm>[0-5]\d))?)?(?![\w:])|"
    r"\s*(?P<rsign>[+-])(?P<rh>[01]\d)(?P<rm>[0-5]\d)(?![\w:]))?"
)
#: A time column's header that says its clock is UTC's: ``Created (UTC)``, ``Date (GMT)``, ``created_utc``.
_UTC_HEADER = re.compile(r"(?<![A-Za-z])(?:UTC|GMT)(?![A-Za-z])", re.I)
#: The widest offset a clock has (UTC-12:00 ... UTC+14:00), in minutes east of UTC.
_OFFSETS = (-12 * 60, 14 * 60)
#: Time columns that give the hour alone (``TIME_OF_DAY_HEADERS``' least precise).
_HOUR_HEADERS = frozenset({"hour", "hourofday"})
#: A bare hour (``hour_of_day``: ``0`` ... ``23``).
_HOUR = r"^\s*(?P<h>\d{1,2})(?:\.0+)?\s*$"


def clock_times(cells: pd.Series) -> pd.Series:
    """Each cell's local clock time as ``HH:MM:SS``, ``None`` where the cell has no valid time of day."""
    if cells.empty:
        return pd.Series([], index=cells.index, dtype=object)
    found = _text(cells).str.extract(_CLOCK)
    hour = pd.to_numeric(found["h"], errors="coerce")
    half = found["half"].fillna("").astype(str).str.lower()
    twelve = half != ""
    valid = hour.notna() & ((~twelve & (hour <= 23)) | (twelve & (hour >= 1) & (hour <= 12)))
    hour = hour.where(~twelve, hour % 12 + (half == "p").astype(int) * 12)
    seconds = found["s"].fillna("00")
    text = hour.fillna(0).astype(int).map("{:02d}".format) + ":" + found["m"].fillna("00") + ":" + seconds
    return _no_bare_midnight(text.where(valid, None).astype(object).where(valid, None))


def clock_offsets(cells: pd.Series) -> pd.Series:
    """Each cell's offset from UTC in minutes east (``+02:00`` 120, ``Z`` 0), ``None`` where no clock has one.

    A numeric offset right after the clock counts only after its seconds (``10:15:00+02:00``), so a span of two
    clocks (``10:15-11:15``) is never read as a clock and an offset.
    """
    if cells.empty:
        return pd.Series([], index=cells.index, dtype="Int64")
    found = _text(cells).str.extract(_CLOCK)
    zero = found["zulu"].notna() | (found["named"].notna() & found["nsign"].isna())
    iso = found["sign"].notna() & found["s"].notna()
    sign = found["sign"].where(iso, found["nsign"].where(found["nsign"].notna(), found["rsign"]))
    hours = pd.to_numeric(found["oh"].where(iso, found["nh"].where(found["nh"].notna(), found["rh"])), errors="coerce")
    mins = pd.to_numeric(found["om"].where(iso, found["nm"].where(found["nh"].notna(), found["rm"])), errors="coerce")
    minutes = (hours * 60 + mins.fillna(0)) * sign.map({"+": 1, "-": -1})
    offset = minutes.where(~zero, 0.0)
    valid = offset.notna() & offset.between(*_OFFSETS) & clock_times(cells).notna()
    return offset.where(valid).round().astype("Int64")


def hour_times(cells: pd.Series) -> pd.Series:
    """A bare hour column's cells (``10``) as the hour's start (``10:00:00``); ``None`` where not an hour 0-23."""
    if cells.empty:
        return pd.Series([], index=cells.index, dtype=object)
    found = _text(cells).str.extract(_HOUR)
    hour = pd.to_numeric(found["h"], errors="coerce")
    valid = hour.notna() & (hour <= 23)
    text = hour.fillna(0).astype(int).map("{:02d}:00:00".format)
    return text.astype(object).where(valid, None)


def _text(cells: pd.Series) -> pd.Series:
    """Cells as plain Python text (any dtype in, an empty string where missing)."""
    return cells.astype(object).where(cells.notna(), "").astype(str)


def _no_bare_midnight(times: pd.Series) -> pd.Series:
    """``times``, or all ``None`` when every time in it is midnight (a date written as a timestamp)."""
    known = times.dropna()
    if len(known) and (known == "00:00:00").all():
        return pd.Series([None] * len(times), index=times.index, dtype=object)
    return times


def first_known(*columns: pd.Series) -> pd.Series:
    """Per row, the first of ``columns`` (all on one index) with a time; ``None`` where none has one."""
    out = columns[0]
    for col in columns[1:]:
        out = out.where(out.notna(), col)
    return out.astype(object).where(out.notna(), None)


def sale_times(frame: pd.DataFrame, mapping: ColumnMapping, mapped: pd.Series | None = None) -> pd.Series:
    """Each sales row's local time of day, from the most precise source that gives one (``None`` where none does).

    In order: a column mapped to ``time_of_day`` itself (``mapped``; a part of the day such as ``Morning`` is no
    time), the file's time column (``ColumnMapping.time_column``: ``Time``, ``order_time``, ``datetime``), the date
    column's own timestamp, and last a bare hour column.
    """
    return sale_clock(frame, mapping, mapped)[0]


def sale_clock(
    frame: pd.DataFrame, mapping: ColumnMapping, mapped: pd.Series | None = None
) -> tuple[pd.Series, pd.Series]:
    """Each sales row's time of day (``sale_times``) and the offset from UTC its stamp wrote (``clock_offsets``).

    The offset is the one written beside the time the row took (never a date column's offset beside a time column's
    clock); ``None`` where the stamp has none.
    """
    cells: list[pd.Series] = []
    utc: list[bool] = []  # the column's header says its clock is UTC's (Stripe's ``Created (UTC)``)
    hours: list[pd.Series] = []
    if mapped is not None:
        cells.append(mapped)
        utc.append(False)
    at = mapping.time_column
    if at is not None:
        if normalise_header(mapping.headers[at]) in _HOUR_HEADERS:
            hours.append(hour_times(frame[f"c{at}"]))
        else:
            cells.append(frame[f"c{at}"])
            utc.append(bool(_UTC_HEADER.search(mapping.headers[at])))
    for i, f in mapping.fields.items():
        if f == "date":
            cells.append(frame[f"c{i}"])
            utc.append(bool(_UTC_HEADER.search(mapping.headers[i])))
    none = pd.Series(pd.array([None] * len(frame), dtype="Int64"), index=frame.index)
    sources = [clock_times(c) for c in cells]
    columns = [*sources, *hours]
    if not columns:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object), none
    times = first_known(*columns)
    offset = none.copy()
    taken = pd.Series(False, index=frame.index)
    for c, t, in_utc in zip(cells, sources, utc, strict=True):
        here = t.notna() & ~taken
        if here.any():
            written = clock_offsets(c)
            if in_utc:  # a cell's own offset first, else the header's UTC
                written = written.where(written.notna(), pd.Series(0, index=written.index, dtype="Int64"))
            offset = offset.where(~here, written)
        taken |= t.notna()
    return times, offset


def named_sale_times(cells: pd.DataFrame, mapping: ColumnMapping) -> pd.Series:
    """``sale_times`` of a table whose columns are named by the file's headers (a relational export's table)."""
    return named_sale_clock(cells, mapping)[0]


def stamped_text(cells: pd.DataFrame, mapping: ColumnMapping) -> pd.Series:
    """A relational table's times of day as text for its derived file, with the stamp's offset where it wrote one.

    ``HH:MM:SS``, or ``10:15:00+02:00`` (read again by ``sale_clock``); empty where no time.
    """
    times, offsets = named_sale_clock(cells, mapping)
    minutes = offsets.astype("Float64")
    sign = minutes.map(lambda m: "" if pd.isna(m) else ("-" if m < 0 else "+"))
    size = minutes.abs()
    text = sign + size.map(lambda m: "" if pd.isna(m) else f"{int(m) // 60:02d}:{int(m) % 60:02d}")
    return (times.fillna("") + text.where(times.notna(), "").astype(str)).astype(object)


def named_sale_clock(cells: pd.DataFrame, mapping: ColumnMapping) -> tuple[pd.Series, pd.Series]:
    """``sale_clock`` of a table whose columns are named by the file's headers (a relational export's table)."""
    frame = pd.DataFrame({f"c{i}": cells[h] for i, h in enumerate(mapping.headers) if h in cells}, index=cells.index)
    return sale_clock(frame, mapping)
