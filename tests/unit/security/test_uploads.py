from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType
from shared.security.uploads import check_upload, neutralise_csv_cell, safe_filename

ATTACKS = ["../../etc/passwd", "..", ".", "/abs/path.csv", "dir/file.csv", "..\\win.ini", "C:\\x.csv",
           "C:x.csv", ".hidden.csv", "a/../b.csv", "x\x00.csv", "x\n.csv", "", "   ", "a" * 300 + ".csv",
           "%2e%2e%2f.csv", "x\u202e.csv", "file:name.csv", "<script>.csv", "x|y.csv"]


@pytest.mark.parametrize("name", ATTACKS)
def test_path_like_names_are_refused(name: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        safe_filename(name)
    assert exc.value.details == {"field": "filename"}


@pytest.mark.parametrize("name", ["sales.csv", "Sales 2024 (Q1).csv", "ventes-été.csv", "a+b,c@d.csv.gz"])
def test_plain_names_pass(name: str) -> None:
    assert safe_filename(name) == name


@given(st.text(max_size=80))
def test_accepted_names_are_never_paths(name: str) -> None:
    try:
        safe = safe_filename(name)
    except InvalidInput:
        return
    assert "/" not in safe and "\\" not in safe and ".." not in safe and not safe.startswith(".")
    assert "\x00" not in safe and safe == safe.strip() and safe


def test_check_upload() -> None:
    assert check_upload("s.csv", "text/csv; charset=utf-8", 10, max_bytes=100) == "s.csv"
    assert check_upload("s.csv.gz", "application/gzip", 10, max_bytes=100) == "s.csv.gz"
    with pytest.raises(UnsupportedMediaType):
        check_upload("s.exe", "text/csv", 10, max_bytes=100)
    with pytest.raises(UnsupportedMediaType):
        check_upload("s.csv", "text/html", 10, max_bytes=100)
    with pytest.raises(PayloadTooLarge):
        check_upload("s.csv", "text/csv", 101, max_bytes=100)
    with pytest.raises(InvalidInput):
        check_upload("../s.csv", "text/csv", 1, max_bytes=100)


@pytest.mark.parametrize("cell,expected", [
    ("=1+1", "'=1+1"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-12.5", "-12.5"), ("+3", "+3"),
    ("plain", "plain"), ("", ""), (-5, -5), (1.5, 1.5), (None, None),
])
def test_neutralise_examples(cell: object, expected: object) -> None:
    assert neutralise_csv_cell(cell) == expected


@given(st.text())
def test_neutralised_cells_never_start_a_formula(value: str) -> None:
    out = neutralise_csv_cell(value)
    assert isinstance(out, str)
    if out and out[0] in "=+-@\t\r\n":
        float(out)  # only plain numbers keep a leading sign
    assert out == value or out == "'" + value
