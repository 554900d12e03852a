"""Streaming a delimited text file as chunks of raw string rows, with exact 1-based data row numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

import pandas as pd
import pyarrow as pa

from shared.errors import InvalidInput
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
    row_numbers: list[int]
    rows: list[list[str]]
    bad_rows: list[BadRow] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        """Data rows this chunk accounts for."""
        return len(self.rows) + len(self.bad_rows)

    def raw_text(self, position: int, delimiter: str) -> str:
        """The row at ``position`` written back as delimited text (for rejects)."""
        return join_row(self.rows[position], delimiter)


def join_row(fields: list[str], delimiter: str) -> str:
    """Fields as one delimited line, quoted where needed."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="").writerow(fields)
    return buf.getvalue()


class DelimitedReader:
    """Reads the header, then yields chunks; every data row is either in a chunk's rows or its bad rows."""

    def __init__(self, text: IO[str], delimiter: str, chunk_rows: int) -> None:
        csv.field_size_limit(16 * 1024 * 1024)
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
        while True:
            rows: list[list[str]] = []
            numbers: list[int] = []
            bad: list[BadRow] = []
            while len(rows) < self._chunk_rows:
                record = self._next_record()
                if record is None:
                    break
                self._row_number += 1
                if len(record) != width:
                    if len(record) > width and not any(v.strip() for v in record[width:]):
                        record = record[:width]
                    else:
                        bad.append(BadRow(self._row_number, join_row(record, self._delimiter),
                                          f"expected {width} fields, found {len(record)}"))
                        continue
                rows.append(record)
                numbers.append(self._row_number)
            if not rows and not bad:
                return
            columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]
            frame = pd.DataFrame({f"c{i}": string_series(pa.array(col, type=pa.string()), pd.RangeIndex(len(rows)))
                                  for i, col in enumerate(columns)}, index=pd.RangeIndex(len(rows)))
            yield Chunk(frame=frame, row_numbers=numbers, rows=rows, bad_rows=bad)
            if len(rows) < self._chunk_rows:
                return
