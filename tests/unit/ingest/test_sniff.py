from __future__ import annotations

import gzip
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.errors import InvalidInput
from shared.ingest.sniff import Dialect, detect_delimiter, detect_encoding, looks_binary, open_plain, sniff


def test_encodings() -> None:
    assert detect_encoding("sku,title\nA,Café\n".encode()) == "utf-8"
    assert detect_encoding("\ufeffsku,title\nA,Café\n".encode()) == "utf-8-sig"
    assert detect_encoding("sku,title\nA,Café “x”\n".encode("cp1252")) == "cp1252"
    assert detect_encoding(b"plain ascii") == "utf-8"


def test_utf8_cut_in_the_middle_of_a_character_is_still_utf8() -> None:
    data = ("a,b\n" + "é" * 10).encode()[:-1]
    assert detect_encoding(data) == "utf-8"


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_delimiters(delim: str) -> None:
    text = delim.join(["sku", "date", "price"]) + "\n" + delim.join(["A", "2024-01-01", "1,5"]) + "\n"
    assert detect_delimiter(text) == delim


def test_european_file_with_decimal_commas_is_semicolon() -> None:
    assert detect_delimiter("sku;price;shipping\nA;1.299,00 €;4,95\nB;12,50;0\n") == ";"


# a cell with something in it: a tab-delimited line of blank cells is a blank line, which is not a row
_cell = st.text(alphabet="abcxyz0123456789 .-", min_size=1, max_size=8).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(delim=st.sampled_from([",", ";", "\t", "|"]), cols=st.integers(2, 6), rows=st.integers(1, 8),
       data=st.data())
def test_detects_the_delimiter_of_generated_tables(delim: str, cols: int, rows: int, data: st.DataObject) -> None:
    lines = [delim.join(data.draw(st.lists(_cell, min_size=cols, max_size=cols))) for _ in range(rows + 1)]
    assert detect_delimiter("\n".join(lines) + "\n") == delim


def test_sniff_refuses_empty_and_binary() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        sniff(b"   \n")
    with pytest.raises(InvalidInput, match="binary"):
        sniff(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert looks_binary(b"\x00abc") and not looks_binary(b"a,b\n1,2\n")


def test_open_plain_gunzips_by_magic() -> None:
    raw = b"a,b\n1,2\n"
    assert open_plain(io.BytesIO(gzip.compress(raw))).read() == raw
    assert open_plain(io.BytesIO(raw)).read() == raw


@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")])
def test_utf16_text_is_text_not_binary(encoding: str, expected: str) -> None:
    # Excel's "Unicode Text" export: tab-separated UTF-16 (with a BOM); some reports omit the BOM
    data = "sku\ttitle\tprice\nA\tCafé crème\t3.50\nB\tBär\t4\n".encode(encoding)
    assert sniff(data) == Dialect(encoding=expected, delimiter="\t")
    assert sniff(data[:-1]).encoding == expected  # a sample cut inside a character


def test_binary_with_nul_bytes_is_still_binary() -> None:
    with pytest.raises(InvalidInput, match="binary"):
        sniff(bytes(range(256)) * 8)


def test_a_report_title_above_the_header_does_not_decide_the_delimiter() -> None:
    text = "Sales report\nFrom 1 Nov to 30 Nov\n\nsku;date;units\nA;2024-01-01;3\nB;2024-01-02;4\n"
    assert detect_delimiter(text) == ";"
    assert detect_delimiter(text.replace(";", ",")) == ","
