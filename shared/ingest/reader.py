"""Streaming a delimited text file as chunks of raw string rows, with exact 1-based data row numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from shared.errors import InvalidInput
from shared.ingest.limits import parse_long_line_mark
from shared.ingest.parse import string_series


@dataclass
class BadRow:
    """A row that could not even be split into the header's columns."""

    row_number: int
    raw: str
    reason: str


@dataclass
class Chunk:
    """Up to ``chunk_rows`` well-formed rows (as strings) plus the malformed rows met on the way."""

    frame: pd.DataFrame  # one column per header position ("c0", "c1", ...), raw strings
    row_numbers: np.ndarray  # 1-based data row number of each frame row
    bad_rows: list[BadRow] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        """Data rows this chunk accounts for."""
        return len(self.frame) + len(self.bad_rows)

    def raw_text(self, position: int, delimiter: str) -> str:
        """The row at ``position`` written back as delimited text (for rejects)."""
        values = [self.frame[c].iloc[position] for c in self.frame.columns]
        return join_row(["" if v is None or v is pd.NA else str(v) for v in values], delimiter)


def join_row(fields: list[str], delimiter: str) -> str:
    """Fields as one delimited line, quoted where needed."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="").writerow(fields)
    return buf.getvalue()


def first_record(text: str, delimiter: str) -> list[str]:
    """The first non-blank record of ``text`` (the header), or ``[]``."""
    for record in csv.reader(io.StringIO(text), delimiter=delimiter):
        if record:
            return record
    return []


#: Why a line that repeats the header is not a row (files appended one after another, a workbook's sheets).
REPEATED_HEADER = ("the header line again (another file or sheet appended after the first, as Online Retail II's "
                   "two sheets exported one after the other): not a data row")


def without_repeated_headers(chunks: Iterable[Chunk], headers: list[str], delimiter: str) -> Iterator[Chunk]:
    """The chunks with each row that repeats the header moved to the bad rows, with :data:`REPEATED_HEADER`."""
    expected = [h.strip().lower() for h in headers]
    for chunk in chunks:
        frame = chunk.frame
        if len(frame) == 0 or frame.shape[1] != len(expected):
            yield chunk
            continue
        same = np.ones(len(frame), dtype=bool)
        for i, column in enumerate(frame.columns):
            same &= (frame[column].fillna("").astype(str).str.strip().str.lower() == expected[i]).to_numpy()
        if not same.any():
            yield chunk
            continue
        bad = [*chunk.bad_rows, *(BadRow(int(chunk.row_numbers[p]), chunk.raw_text(int(p), delimiter),
                                         REPEATED_HEADER) for p in np.flatnonzero(same))]
        keep = ~same
        yield Chunk(frame.iloc[keep].reset_index(drop=True), chunk.row_numbers[keep], bad)


#: Cells one chunk may hold: a wide file reads fewer rows at a time, so its chunk's strings (and the frames derived
#: from them) cost what a narrow file's do. A settlement report's 24 columns took 1.2M cells a chunk at 50,000 rows.
CHUNK_CELLS = 500_000


def rows_within_budget(chunk_rows: int, width: int) -> int:
    """Rows a chunk of a ``width``-column file holds: at most ``chunk_rows``, and at most ``CHUNK_CELLS`` cells."""
    return max(1, min(chunk_rows, CHUNK_CELLS // max(1, width)))


class MalformedRows(Exception):
    """The fast reader met a row with the wrong number of fields; the exact reader must take over."""


class DelimitedReader:
    """Exact reader (Python ``csv``): every data row is in a chunk's frame or its bad rows, numbered exactly."""

    def __init__(self, text: IO[str], delimiter: str, chunk_rows: int, skip_lines: int = 0) -> None:
        csv.field_size_limit(16 * 1024 * 1024)
        for _ in range(skip_lines):  # a report's title lines above the header (``shared.ingest.preamble``)
            text.readline()
        self._reader = csv.reader(text, delimiter=delimiter, strict=False)
        self._delimiter = delimiter
        self._chunk_rows = max(1, chunk_rows)
        self._row_number = 0
        header = self._next_record()
        if header is None:
            raise InvalidInput("the file is empty")
        while header and header[-1].strip() == "" and len(header) > 1:
            header = header[:-1]  # trailing delimiter on the header line
        self.headers = [h.strip().lstrip("\ufeff") for h in header]
        if not any(self.headers):
            raise InvalidInput("the header row is empty")

    @property
    def chunk_rows(self) -> int:
        """Rows per chunk (a wide file's are set from its width once the header is read)."""
        return self._chunk_rows

    @chunk_rows.setter
    def chunk_rows(self, rows: int) -> None:
        self._chunk_rows = max(1, rows)

    def _next_record(self) -> list[str] | None:
        try:
            for record in self._reader:
                if record:  # blank lines are not rows; a row of empty fields is (and gets rejected)
                    return record
            return None
        except csv.Error as exc:
            raise InvalidInput(f"malformed CSV near data row {self._row_number + 1}: {exc}") from exc

    def chunks(self) -> Iterator[Chunk]:
        """Chunks of at most ``chunk_rows`` good rows."""
        width = len(self.headers)
        limit = self._chunk_rows
        rows: list[list[str]] = []
        numbers: list[int] = []
        bad: list[BadRow] = []
        number = self._row_number
        try:
            for record in self._reader:
                if not record:  # blank line: not a row
                    continue
                number += 1
                long_line = parse_long_line_mark(record[0]) if len(record) == 1 else None
                if long_line is not None:  # a line over the limit, skipped while streaming: this row alone
                    bad.append(BadRow(number, long_line[1], long_line[0]))
                    continue
                if len(record) != width:
                    if len(record) > width and not any(v.strip() for v in record[width:]):
                        record = record[:width]  # trailing delimiters
                    else:
                        bad.append(BadRow(number, join_row(record, self._delimiter),
                                          f"expected {width} fields, found {len(record)}"))
                        continue
                rows.append(record)
                numbers.append(number)
                if len(rows) >= limit:
                    self._row_number = number
                    yield self._chunk(rows, numbers, bad, width)
                    rows, numbers, bad = [], [], []
        except csv.Error as exc:
            raise InvalidInput(f"malformed CSV near data row {number + 1}: {exc}") from exc
        self._row_number = number
        if rows or bad:
            yield self._chunk(rows, numbers, bad, width)

    @staticmethod
    def _chunk(rows: list[list[str]], numbers: list[int], bad: list[BadRow], width: int) -> Chunk:
        index = pd.RangeIndex(len(rows))
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]
        frame = pd.DataFrame({f"c{i}": string_series(pa.array(col, type=pa.string()), index)
                              for i, col in enumerate(columns)}, index=index)
        return Chunk(frame=frame, row_numbers=np.asarray(numbers, dtype=np.int64), bad_rows=bad)


class ArrowDelimitedReader:
    """Fast reader (Arrow's streaming CSV parser) for well-formed files.

    Blank lines are skipped and rows numbered exactly like ``DelimitedReader``; the first row with the
    wrong number of fields raises ``MalformedRows`` so the caller can restart with the exact reader.
    """

    def __init__(self, raw: IO[bytes], encoding: str, delimiter: str, chunk_rows: int, width: int) -> None:
        import pyarrow.csv as pacsv

        self._malformed = False

        def on_invalid(_row: object) -> str:
            self._malformed = True
            return "skip"

        names = [f"c{i}" for i in range(width)]
        try:
            self._stream = self._open(pacsv, raw, names, encoding, delimiter, on_invalid)
        except pa.ArrowInvalid as exc:  # met in the first block (bad UTF-8, a ragged row): the exact reader decides
            raise MalformedRows(str(exc)) from exc
        self._chunk_rows = max(1, chunk_rows)
        self._pending: list[Any] = []
        self._row_number = 0
        first = self._next_batch()
        if first is None or first.num_rows == 0:
            raise InvalidInput("the file is empty")
        header = [str(v) for v in first.slice(0, 1).to_pylist()[0].values()]
        self.headers = [h.strip().lstrip("\ufeff") for h in header]
        if not any(self.headers):
            raise InvalidInput("the header row is empty")
        if first.num_rows > 1:
            self._pending.append(first.slice(1))

    @staticmethod
    def _open(pacsv: Any, raw: IO[bytes], names: list[str], encoding: str, delimiter: str,
              on_invalid: Any) -> Any:
        return pacsv.open_csv(
            raw,
            read_options=pacsv.ReadOptions(column_names=names, block_size=4 << 20, use_threads=True,
                                           encoding="utf8" if encoding.startswith("utf-8") else encoding),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                             invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )

    def _next_batch(self) -> Any:
        try:
            batch = self._stream.read_next_batch()
        except StopIteration:
            return None
        except pa.ArrowInvalid as exc:
            raise MalformedRows(str(exc)) from exc
        if self._malformed:
            raise MalformedRows("a row has the wrong number of fields")
        return batch

    def chunks(self) -> Iterator[Chunk]:
        """Chunks of at most ``chunk_rows`` rows."""
        done = False
        while True:
            size = sum(b.num_rows for b in self._pending)
            while size < self._chunk_rows and not done:
                batch = self._next_batch()
                if batch is None:
                    done = True
                else:
                    self._pending.append(batch)
                    size += batch.num_rows
            if size == 0:
                return
            table = pa.Table.from_batches(self._pending)
            take = min(self._chunk_rows, table.num_rows)
            rest = table.slice(take)
            self._pending = rest.to_batches() if rest.num_rows else []
            table = table.slice(0, take)
            index = pd.RangeIndex(table.num_rows)
            frame = pd.DataFrame({name: string_series(table.column(name), index)
                                  for name in table.column_names}, index=index)
            start = self._row_number
            self._row_number += table.num_rows
            yield Chunk(frame=frame, row_numbers=np.arange(start + 1, self._row_number + 1, dtype=np.int64))
