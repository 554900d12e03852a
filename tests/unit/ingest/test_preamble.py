from __future__ import annotations

from shared.ingest.preamble import locate_header, preamble_note
from shared.models.records import DataKind

REPORT = ("Sales by order\r\nStore: Northwind, exported 2026-12-01\r\n\r\n"
          "Order ID,Date,SKU,Quantity,Price\r\nO1,2026-11-02,A,1,9.50\r\n")


def test_title_lines_above_the_header_are_found_and_said() -> None:
    skipped, header = locate_header(REPORT, ",")
    assert skipped == 3 and header == ["Order ID", "Date", "SKU", "Quantity", "Price"]
    assert locate_header(REPORT, ",", DataKind.SALES) == (3, header)
    note = preamble_note(REPORT, skipped)
    assert note.startswith("3 lines above the header") and "'Sales by order'" in note


def test_a_file_whose_first_line_is_the_header_reads_from_it() -> None:
    assert locate_header("sku,date,units\nA,2024-01-01,3\n", ",") == (0, ["sku", "date", "units"])
    assert locate_header("\n\nsku,date,units\nA,2024-01-01,3\n", ",")[0] == 0  # blank lines: the reader skips


def test_an_unknown_header_is_not_replaced_by_a_later_line() -> None:
    # the first line is a header of unknown columns, not a title: the error must name its columns
    text = "foo,bar,baz\nsku,date,units\nA,2024-01-01,3\n"
    assert locate_header(text, ",") == (0, ["foo", "bar", "baz"])
    assert locate_header("title only\nno header anywhere\n", ",") == (0, ["title only"])
