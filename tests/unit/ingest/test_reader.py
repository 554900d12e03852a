from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.ingest.reader import ArrowDelimitedReader, DelimitedReader, MalformedRows


def _exact(text: str, delim: str = ",", chunk: int = 3) -> tuple[list[str], list[tuple[int, list[str]]], list]:
    reader = DelimitedReader(io.StringIO(text, newline=""), delim, chunk)
    rows, bad = [], []
    for c in reader.chunks():
        frame = c.frame
        for pos in range(len(frame)):
            rows.append((int(c.row_numbers[pos]), [frame[col].iloc[pos] for col in frame.columns]))
        bad += [(b.row_number, b.raw, b.reason) for b in c.bad_rows]
    return reader.headers, rows, bad


def _fast(text: str, delim: str = ",", chunk: int = 3) -> tuple[list[str], list[tuple[int, list[str]]]]:
    width = len(next(csv.reader(io.StringIO(text), delimiter=delim)))
    reader = ArrowDelimitedReader(io.BytesIO(text.encode()), "utf-8", delim, chunk, width)
    rows = []
    for c in reader.chunks():
        for pos in range(len(c.frame)):
            rows.append((int(c.row_numbers[pos]), [c.frame[col].iloc[pos] for col in c.frame.columns]))
    return reader.headers, rows


def test_exact_reader_numbers_rows_and_keeps_ragged_rows_as_bad() -> None:
    text = "a,b\n1,2\n\n3,4,5\n\"x\ny\",6\n7,8,\n9\n"
    headers, rows, bad = _exact(text)
    assert headers == ["a", "b"]
    assert rows == [(1, ["1", "2"]), (3, ["x\ny", "6"]), (4, ["7", "8"])]
    assert bad == [(2, "3,4,5", "expected 2 fields, found 3"), (5, "9", "expected 2 fields, found 1")]


def test_fast_reader_refuses_ragged_rows() -> None:
    with pytest.raises(MalformedRows):
        _fast("a,b\n1,2\n3,4,5\n")


_cell = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\x00"), max_size=6)


@settings(max_examples=80, deadline=None)
@given(delim=st.sampled_from([",", ";", "\t", "|"]), width=st.integers(1, 4), data=st.data())
def test_fast_and_exact_readers_agree_on_well_formed_files(delim: str, width: int, data: st.DataObject) -> None:
    header = [f"h{i}" for i in range(width)]
    body = data.draw(st.lists(st.lists(_cell, min_size=width, max_size=width), max_size=8))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delim, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in body:
        writer.writerow(row)
    text = buf.getvalue()
    headers, exact_rows, bad = _exact(text, delim)
    assert bad == [] or width == 1
    if bad:
        return
    fast_headers, fast_rows = _fast(text, delim)
    assert fast_headers == headers == header
    assert fast_rows == exact_rows
