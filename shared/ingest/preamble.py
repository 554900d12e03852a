"""Report exports with title lines above the header: find the header, say what was above it.

Spreadsheet and back-office reports often start with a title, a date range or a blank line before the
column names (``Sales report`` / ``Generated 2026-12-01`` / ``order_id,date,...``). Such lines are not data
rows: ingest reads from the header on and records what it passed over, instead of refusing the file
because its first line names no columns.
"""

from __future__ import annotations

import csv

from shared import regex as re
from shared.errors import InvalidInput
from shared.ingest.headers import map_columns
from shared.ingest.kinds import dataset_part, detect_kind
from shared.ingest.reader import first_record
from shared.models.records import DataKind

#: How far down a header is looked for (report titles are a few lines; a data file's header is line 1).
MAX_PREAMBLE_LINES = 20
_LINE_END = re.compile(r"\r\n|\r|\n")  # what ``io.TextIOWrapper(newline="")`` ends a line at


def _fields(record: list[str]) -> int:
    return sum(1 for cell in record if cell.strip())


def _is_header(record: list[str], kind: DataKind | None) -> bool:
    names = [cell.strip() for cell in record]
    if dataset_part(names) is not None:
        return True
    if kind is not None:
        return not map_columns(names, kind).missing_required
    try:
        detect_kind(names)
    except InvalidInput:
        return False
    return True


def locate_header(text: str, delimiter: str, kind: DataKind | None = None) -> tuple[int, list[str]]:
    """Physical lines above the header and the header record, from the first bytes of a file's text.

    The first record is the header whenever it is one (the common case, and the only reading of a file
    whose header names no known columns: the existing error then names them). Otherwise the header is the
    first of the next lines that is one, provided every non-blank line above it has fewer fields than it
    (titles, not rows of data); ``(0, first record)`` when there is none.
    """
    first = first_record(text, delimiter)
    if _is_header(first, kind):
        return 0, first
    lines = _LINE_END.split(text, maxsplit=MAX_PREAMBLE_LINES)[:MAX_PREAMBLE_LINES]
    widest = 0
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        record = next(csv.reader([line], delimiter=delimiter), [])
        width = _fields(record)
        if number and width > max(widest, 1) and _is_header(record, kind):
            return number, record
        widest = max(widest, width)
    return 0, first


def preamble_note(text: str, skipped: int) -> str:
    """What the ingestion says about the lines above the header (up to three, each cut at 80 characters)."""
    shown = [line.strip()[:80] for line in _LINE_END.split(text, maxsplit=skipped)[:skipped] if line.strip()]
    quoted = ", ".join(repr(line) for line in shown[:3]) + (", ..." if len(shown) > 3 else "")
    return (f"{skipped} line{'s' if skipped != 1 else ''} above the header (a report's title) "
            f"were not read as rows: {quoted}" if shown else f"{skipped} blank lines above the header were skipped")
