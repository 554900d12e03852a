"""A spreadsheet workbook (``.xlsx``, ``.xlsm``, ``.xls``) read sheet by sheet as CSV text.

Public retail datasets are published as workbooks (UCI "Online Retail.xlsx", "online_retail_II.xlsx" with one
sheet per year, Tableau's "Sample - Superstore.xls" with Orders, Returns and People) and merchants export
``.xlsx`` from Excel. The ingest reads delimited text, so each sheet is written out as the CSV a "save as CSV"
of that sheet would give (cells as ``shared.ingest.cells`` writes them) and then ingested like any CSV.

The reader is python-calamine (Rust, read-only; ``.xlsx``/``.xlsm``/``.xlsb`` and the older OLE2 ``.xls``):
about ten times faster than openpyxl's streaming reader on a 500k-row sheet (``bench/workbook.py``). It holds
one sheet's cells at a time (the ``.xlsx`` format gives no row order guarantee a reader could stream on without
its shared strings); rows are converted and written as they are iterated, never gathered into a frame.

Row numbers: the header is the sheet's first non-empty row and the CSV's data row ``N`` is the ``N``-th row
under it, empty rows inside the data included (a CSV export keeps them as rows of empty fields, and so does
this), so a reject's row ``N`` is sheet row ``header_row + N``.
"""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from shared.errors import InvalidInput
from shared.ingest.cells import row_text
from shared.security.uploads import is_workbook_name, workbook_format

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

#: Rows written per block of CSV text (the memory of one block, whatever the sheet's size).
WRITE_ROWS = 5_000

__all__ = ["SheetInfo", "SheetText", "Workbook", "is_workbook_name", "open_workbook", "sheet_csv", "workbook_format"]


@dataclass(frozen=True)
class SheetInfo:
    """One sheet of a workbook: its name and position."""

    name: str
    index: int


@dataclass
class SheetText:
    """What writing one sheet as CSV gave: its header, data rows, and where the header sits in the sheet."""

    header: list[str] = field(default_factory=list)
    rows: int = 0  # data rows under the header (empty rows among them included)
    header_row: int = 0  # 1-based sheet row of the header (0: the sheet is empty)


@dataclass
class Workbook:
    """An open workbook: its sheets, in workbook order, and the reader behind them."""

    path: Path
    sheets: list[SheetInfo]
    reader: CalamineWorkbook


def _check_expanded(path: Path, max_bytes: int, max_sheet_bytes: int | None = None) -> None:
    """Refuse an ``.xlsx`` part that inflates past ``max_bytes`` (a zip bomb) or a sheet past ``max_sheet_bytes``.

    The reader holds a whole sheet in memory, about twice its XML: ``max_sheet_bytes`` is what the function can
    take.
    """
    if not zipfile.is_zipfile(path):
        return
    with zipfile.ZipFile(path) as package:
        for part in package.infolist():
            if part.file_size > max_bytes:
                raise InvalidInput(f"{part.filename} of the workbook expands to more than {max_bytes} bytes")
            if max_sheet_bytes is not None and part.filename.startswith("xl/worksheets/") \
                    and part.file_size > max_sheet_bytes:
                raise InvalidInput(
                    f"a sheet of the workbook ({part.filename}) is {part.file_size / 2**20:,.0f} MiB of XML once "
                    f"expanded, over the {max_sheet_bytes / 2**20:,.0f} MiB a sheet may be "
                    f"(ECOMINTEL_INGEST_MAX_SHEET_BYTES; a sheet is read whole, about twice its XML in memory): "
                    f"save the sheet as CSV, which is read in bounded memory at any size")


@contextmanager
def open_workbook(path: Path, max_bytes: int | None = None,
                  max_sheet_bytes: int | None = None) -> Iterator[Workbook]:
    """Open the workbook at ``path``; ``InvalidInput`` when it is not one or a part is too big once expanded.

    A part past ``max_bytes`` or a sheet past ``max_sheet_bytes`` is refused before anything is read.
    """
    import python_calamine

    if max_bytes is not None:
        _check_expanded(path, max_bytes, max_sheet_bytes)
    try:
        reader = python_calamine.CalamineWorkbook.from_path(str(path))
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise InvalidInput(f"the workbook cannot be read: {exc}") from exc
    try:
        sheets = [SheetInfo(meta.name, i) for i, meta in enumerate(reader.sheets_metadata)
                  if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
        yield Workbook(path, sheets, reader)
    finally:
        reader.close()


#: How far down a sheet its header is looked for under a title (a report's title, subtitle and date lines).
MAX_TITLE_ROWS = 20


def _filled(values: list[Any]) -> int:
    return sum(1 for v in values if v != "")


def _header_row(rows: Iterator[list[Any]]) -> tuple[int, list[Any], list[list[Any]]] | None:
    """The header's 1-based row number, its cells and the rows read past it, or ``None`` for an empty sheet.

    The header is the first non-empty row, unless that row is a title: a published workbook often puts its name
    above the table (Adidas US Sales: ``Adidas Sales Database`` in B1, two empty rows, the columns on row 4). A
    run of non-empty rows of at most two filled cells each (a title, a subtitle, a date line) followed by a row of
    more than twice as many is a title block and passed over (with the empty rows among it), within the first
    ``MAX_TITLE_ROWS`` rows; a narrow table (two columns) keeps its first row as the header.
    """
    number = 0

    def next_filled() -> tuple[int, list[Any], list[list[Any]]] | None:
        nonlocal number
        between: list[list[Any]] = []
        for values in rows:
            number += 1
            if _filled(values):
                return number, values, between
            between.append(values)
        return None

    found = next_filled()
    if found is None:
        return None
    first_number, first, _ = found
    narrow = _filled(first)  # the widest of the leading lines of at most two filled cells
    read: list[list[Any]] = []  # rows read past the first, replayed as data when the first is the header
    while narrow <= 2 and number < MAX_TITLE_ROWS:
        after = next_filled()
        if after is None:
            break
        at, values, between = after
        read += [*between, values]
        if _filled(values) > 2 * narrow:  # a table under title lines: its header
            return at, values, []
        if _filled(values) > 2:
            break
        narrow = max(narrow, _filled(values))
    return first_number, first, read


def sheet_csv(book: Workbook, sheet: SheetInfo, out: IO[bytes], *, max_bytes: int) -> SheetText:
    """Write ``sheet`` to ``out`` as UTF-8 CSV (header first), at most ``max_bytes`` of it; what was written.

    An empty sheet writes nothing (``rows == 0``, ``header == []``).
    """
    import python_calamine

    try:
        data = book.reader.get_sheet_by_index(sheet.index)
    except (python_calamine.CalamineError, ValueError) as exc:
        raise InvalidInput(f"sheet {sheet.name!r} cannot be read: {exc}") from exc
    result = SheetText()
    if data.start is None or data.height == 0:
        return result
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    written = 0
    pending = 0

    def flush() -> None:
        nonlocal written
        block = buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
        written += len(block)
        if written > max_bytes:
            raise InvalidInput(f"sheet {sheet.name!r} expands to more than {max_bytes} bytes of CSV")
        out.write(block)

    rows = data.iter_rows()  # from the sheet's first row (leading empty columns left out)
    found = _header_row(rows)
    if found is None:
        return result
    result.header_row, header, below = found
    result.header = row_text(header)
    writer.writerow(result.header)
    for values in itertools.chain(below, rows):
        writer.writerow(row_text(values))
        result.rows += 1
        pending += 1
        if pending >= WRITE_ROWS:
            flush()
            pending = 0
    flush()
    while result.header and result.header[-1].strip() == "":
        result.header.pop()  # trailing empty header cells: no column (the CSV reader drops them too)
    return result
