"""Workbook cells as the text a CSV export holds, sheets written as CSV, workbooks known by their bytes."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from shared.errors import InvalidInput
from shared.ingest.cells import cell_text, number_text
from shared.ingest.workbook import open_workbook, sheet_csv
from shared.security.uploads import OLE2_MAGIC, check_workbook_head, workbook_format


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), ("", ""), ("C489449", "C489449"), (" padded ", " padded "),
    (True, "TRUE"), (False, "FALSE"),
    (489434, "489434"), (-3, "-3"),
    (12.0, "12"), (13085.0, "13085"), (-4.0, "-4"), (0.0, "0"), (-0.0, "0"),
    (1.1000000000000001, "1.1"), (0.1 + 0.2, "0.3"), (2.55, "2.55"), (-0.42, "-0.42"),
    (1e-05, "0.00001"), (1.5e-7, "0.00000015"), (1e16, "10000000000000000"), (123456789.125, "123456789.125"),
    (float("nan"), ""),
    (datetime(2010, 12, 1, 8, 26), "2010-12-01 08:26:00"),
    (datetime(2010, 12, 1, 8, 25, 59, 999_999), "2010-12-01 08:26:00"),  # a serial date's float noise
    (datetime(2011, 12, 9, 12, 50, 0, 3), "2011-12-09 12:50:00"),
    (datetime(2024, 1, 5, 9, 30, 15, 250_000), "2024-01-05 09:30:15.250"),
    (datetime(2010, 12, 31, 23, 59, 59, 999_900), "2011-01-01 00:00:00"),
    (date(2010, 12, 1), "2010-12-01"),
    (time(8, 26), "08:26:00"), (time(8, 25, 59, 999_000), "08:26:00"),
    (timedelta(hours=26, minutes=5), "26:05:00"), (timedelta(seconds=-90), "-0:01:30"),
])
def test_a_cell_reads_as_a_csv_export_writes_it(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_whole_numbers_past_float_exactness_keep_their_digits() -> None:
    assert number_text(float(10**15)) == "1000000000000000"
    assert number_text(123456789012.0) == "123456789012"


def _write(path: Path, build: Callable[[Any], object]) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    build(book)
    book.close()
    return path


def _sheets(path: Path) -> dict[str, tuple[list[list[str]], int, int]]:
    """Each sheet's CSV rows, data row count and header row, through the ingest's own writer."""
    out: dict[str, tuple[list[list[str]], int, int]] = {}
    with open_workbook(path) as book:
        for sheet in book.sheets:
            buffer = io.BytesIO()
            text = sheet_csv(book, sheet, buffer, max_bytes=1 << 20)
            out[sheet.name] = (list(csv.reader(io.StringIO(buffer.getvalue().decode()))), text.rows, text.header_row)
    return out


def test_a_sheet_is_the_csv_its_export_would_be(tmp_path: Path) -> None:
    def build(book: Any) -> None:
        sheet = book.add_worksheet("Year 2009-2010")
        stamp = book.add_format({"num_format": "m/d/yyyy h:mm"})
        day = book.add_format({"num_format": "dd/mm/yyyy"})
        sheet.write_row(0, 0, ["Invoice", "InvoiceDate", "Day", "Price", "Customer ID", "Paid", "Note"])
        sheet.write_number(1, 0, 489434)
        sheet.write_number(1, 1, 40148.35, stamp)  # a serial date-time stored as a number with a date format
        sheet.write_datetime(1, 2, datetime(2009, 12, 1), day)
        sheet.write_number(1, 3, 1.1000000000000001)
        sheet.write_number(1, 4, 13085.0)
        sheet.write_boolean(1, 5, True)
        sheet.write_string(1, 6, "=not a formula, text")
        sheet.write_string(2, 0, "C489449")  # row 3: the rest of it empty
        sheet.write_number(4, 3, 0.1 + 0.2)  # row 4 left empty, row 5 has a price only

    path = _write(tmp_path / "book.xlsx", build)
    rows, count, header_row = _sheets(path)["Year 2009-2010"]
    assert rows == [
        ["Invoice", "InvoiceDate", "Day", "Price", "Customer ID", "Paid", "Note"],
        ["489434", "2009-12-01 08:24:00", "2009-12-01", "1.1", "13085", "TRUE", "=not a formula, text"],
        ["C489449", "", "", "", "", "", ""],
        ["", "", "", "", "", "", ""],  # an empty row stays a row: the rows under it keep their sheet numbers
        ["", "", "", "0.3", "", "", ""],
    ]
    assert (count, header_row) == (4, 1)


def test_an_xls_sheet_reads_as_an_xlsx_sheet_does(tmp_path: Path) -> None:
    """Excel 97-2003 (OLE2, as Tableau's Sample - Superstore.xls): the same cell text as an .xlsx."""
    from tests.fixtures.workbooks import write_xls

    text = "Order ID,Order Date,Sales,Quantity\nCA-2016-152156,11/8/2016,261.96,2\nCA-2016-138688,6/12/2016,14.62,\n"
    path = write_xls(tmp_path / "superstore.xls", {"Orders": text, "People": "Person,Region\nAnna,West\n"},
                     dates={"Order Date": "%m/%d/%Y"})
    sheets = _sheets(path)
    assert sheets["Orders"] == ([["Order ID", "Order Date", "Sales", "Quantity"],
                                 ["CA-2016-152156", "2016-11-08", "261.96", "2"],
                                 ["CA-2016-138688", "2016-06-12", "14.62", ""]], 2, 1)
    assert sheets["People"][0] == [["Person", "Region"], ["Anna", "West"]]


def test_rows_above_the_header_are_counted_and_empty_sheets_write_nothing(tmp_path: Path) -> None:
    def build(book: Any) -> None:
        titled = book.add_worksheet("Orders")
        titled.write_row(2, 1, ["sku", "units"])  # header on sheet row 3, from column B
        titled.write_row(3, 1, ["A", 2])
        book.add_worksheet("Empty")
        only = book.add_worksheet("Header only")
        only.write_row(0, 0, ["sku", "units", ""])

    sheets = _sheets(_write(tmp_path / "book.xlsx", build))
    assert sheets["Orders"] == ([["sku", "units"], ["A", "2"]], 1, 3)
    assert sheets["Empty"] == ([], 0, 0)
    assert sheets["Header only"][1:] == (0, 1)


def test_a_sheet_past_the_byte_limit_is_refused(tmp_path: Path) -> None:
    def build(book: Any) -> None:
        sheet = book.add_worksheet("Big")
        for r in range(2000):
            sheet.write_row(r, 0, [f"sku-{r}", r, "some words to take up room"])

    path = _write(tmp_path / "big.xlsx", build)
    with open_workbook(path) as book, pytest.raises(InvalidInput, match="expands to more than 10000 bytes"):
        sheet_csv(book, book.sheets[0], io.BytesIO(), max_bytes=10_000)
    with pytest.raises(InvalidInput, match="expands to more than 1000 bytes"), open_workbook(path, max_bytes=1000):
        pass  # the package's declared part sizes are checked before a sheet is read
    # a sheet the reader could not hold in memory is refused before it is read, saying what to do instead
    with pytest.raises(InvalidInput, match=r"xl/worksheets/sheet1.xml.*save the sheet as CSV"), \
            open_workbook(path, max_bytes=10**9, max_sheet_bytes=20_000):
        pass
    with open_workbook(path, max_bytes=10**9, max_sheet_bytes=10**7) as book:
        assert [s.name for s in book.sheets] == ["Big"]


def test_workbooks_are_known_by_their_bytes(tmp_path: Path) -> None:
    xlsx = _write(tmp_path / "b.xlsx", lambda book: book.add_worksheet("S"))
    head = xlsx.read_bytes()[:4096]
    assert workbook_format(head) == "xlsx"
    assert workbook_format(OLE2_MAGIC + b"\0" * 504) == "xls"
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("orders.csv", "sku,units\nA,1\n")
    assert workbook_format(zipped.getvalue()) is None  # a zip of CSVs is no workbook, whatever its name
    other_first = io.BytesIO()  # a writer that puts a part of its own first: known by the next one
    with zipfile.ZipFile(other_first, "w") as archive:
        archive.writestr("customXml/item1.xml", "<x/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert workbook_format(other_first.getvalue()) == "xlsx"
    assert workbook_format(b"PK\x03\x04" + b"\0" * 10) is None  # too short to name a part
    assert workbook_format(b"sku,units\nA,1\n") is None
    assert check_workbook_head("orders.xlsx", head) == "xlsx"
    assert check_workbook_head("orders.csv", b"sku,units\n") is None
    with pytest.raises(InvalidInput, match="is not an Excel workbook"):
        check_workbook_head("orders.xlsx", zipped.getvalue())
    with pytest.raises(InvalidInput, match="is not an Excel workbook"):
        check_workbook_head("orders.xls", b"sku,units\nA,1\n")
    with pytest.raises(InvalidInput, match="name it .xlsx"):
        check_workbook_head("orders.csv", head)


def test_a_damaged_workbook_is_invalid_input(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    whole = _write(tmp_path / "ok.xlsx", lambda book: book.add_worksheet("S")).read_bytes()
    path.write_bytes(whole[:200])
    with pytest.raises(InvalidInput, match="cannot be read"), open_workbook(path):
        pass


def test_a_title_above_the_table_is_passed_over(tmp_path: Path) -> None:
    """Adidas US Sales' workbook: its name in B1, two empty rows, the header on row 4 from column B; a subtitle
    line too. The header is the table's, and the rows under it keep their sheet numbers."""
    def build(book: Any) -> None:
        sheet = book.add_worksheet("Data Sales Adidas")
        sheet.write_string(0, 1, "Adidas Sales Database")
        sheet.write_string(1, 1, "Generated 2022-01-05")
        sheet.write_row(3, 1, ["Retailer", "Invoice Date", "Units Sold"])
        sheet.write_row(4, 1, ["Foot Locker", "1/1/2020", 1200])
        sheet.write_row(6, 1, ["Walmart", "1/2/2020", 50])
        narrow = book.add_worksheet("Narrow")  # a two-column table: its header is no title
        narrow.write_row(0, 0, ["sku", "units"])
        narrow.write_row(1, 0, ["A", 2])

    sheets = _sheets(_write(tmp_path / "book.xlsx", build))
    assert sheets["Data Sales Adidas"] == ([["Retailer", "Invoice Date", "Units Sold"],
                                           ["Foot Locker", "1/1/2020", "1200"], ["", "", ""],
                                           ["Walmart", "1/2/2020", "50"]], 3, 4)
    assert sheets["Narrow"] == ([["sku", "units"], ["A", "2"]], 1, 1)
