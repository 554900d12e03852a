"""Reusable upload guards: file names that can never become paths, accepted types, CSV formula neutralising.

The upload function (ingest engineer) calls these; the security tests attack them through the API.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from shared import regex as re
from shared.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType

MAX_FILENAME_CHARS = 255
#: Spreadsheet workbooks: each sheet is ingested as a CSV (``shared.ingest.sheets``).
WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm", ".xls")
ALLOWED_EXTENSIONS = (".csv", ".csv.gz", ".tsv", ".tsv.gz", ".txt", *WORKBOOK_EXTENSIONS)
#: The raw path's kind slot of a workbook uploaded without a kind: each sheet's header names its own.
WORKBOOK_SLOT = "workbook"
#: What browsers and clients send for a workbook (``application/vnd.ms-excel`` for .xls, and for .csv on Windows).
WORKBOOK_CONTENT_TYPES = frozenset({
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel.sheet.macroenabled.12",
    "application/vnd.ms-excel",
    "application/octet-stream",
})
ALLOWED_CONTENT_TYPES = frozenset({
    "text/csv",
    "text/plain",
    "text/tab-separated-values",
    "application/csv",
    "application/gzip",
    "application/x-gzip",
    "application/octet-stream",
    "application/vnd.ms-excel",  # what browsers on Windows send for .csv
    *WORKBOOK_CONTENT_TYPES,
})
#: An OLE2 compound file: Excel 97-2003 ``.xls``.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
#: First parts of an Office Open XML package (Excel, LibreOffice, openpyxl and xlsxwriter write one of these first).
_OOXML_FIRST_PARTS = (b"[Content_Types].xml", b"_rels/", b"docProps/", b"xl/")
_NAME_OK = re.compile(r"^[\w\-. ()+,@]+$", re.UNICODE)
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def safe_filename(name: str) -> str:
    r"""Return ``name`` as a plain file name, or raise ``InvalidInput`` if it could act as a path.

    Refused: empty names, path separators (``/`` and ``\\``), ``..`` and other leading dots, drive letters
    and other colons, control characters, and anything outside letters, digits and ``-._ ()+,@``.
    The result is NFC-normalised and is only ever used as metadata or a suffix of a server-chosen key,
    never joined to a filesystem path by itself.
    """
    if not isinstance(name, str):
        raise InvalidInput("filename must be a string", details={"field": "filename"})
    cleaned = unicodedata.normalize("NFC", name).strip()
    problem = None
    if not cleaned:
        problem = "is empty"
    elif len(cleaned) > MAX_FILENAME_CHARS:
        problem = f"is longer than {MAX_FILENAME_CHARS} characters"
    elif "/" in cleaned or "\\" in cleaned:
        problem = "contains a path separator"
    elif cleaned.startswith(".") or ".." in cleaned:
        problem = "contains '..' or starts with a dot"
    elif any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        problem = "contains control characters"
    elif not _NAME_OK.match(cleaned):
        problem = "contains characters other than letters, digits and -._ ()+,@"
    if problem:
        raise InvalidInput(f"filename {name!r} {problem}", details={"field": "filename"})
    return cleaned


def file_extension(name: str) -> str:
    """The accepted extension ``name`` ends with (``.csv.gz`` before ``.gz``), or ``""``."""
    lower = name.lower()
    return next((ext for ext in sorted(ALLOWED_EXTENSIONS, key=len, reverse=True) if lower.endswith(ext)), "")


def check_upload(filename: str, content_type: str | None, size: int | None, *, max_bytes: int) -> str:
    """Validate an upload's name, type and size; return the safe file name.

    Raises ``InvalidInput`` (bad name), ``UnsupportedMediaType`` (extension or content type) or
    ``PayloadTooLarge`` (over ``max_bytes``).
    """
    safe = safe_filename(filename)
    if not file_extension(safe):
        raise UnsupportedMediaType(
            f"file {safe!r} must end with one of {', '.join(ALLOWED_EXTENSIONS)}", details={"field": "filename"}
        )
    if content_type:
        media = content_type.split(";", 1)[0].strip().lower()
        if media not in ALLOWED_CONTENT_TYPES:
            raise UnsupportedMediaType(f"content type {media!r} is not accepted", details={"field": "content_type"})
    if size is not None and size > max_bytes:
        raise PayloadTooLarge(f"upload of {size} bytes exceeds the {max_bytes}-byte limit",
                              details={"limit_bytes": max_bytes})
    return safe


def is_workbook_name(name: str) -> bool:
    """Whether a file name says it is a spreadsheet workbook."""
    return name.lower().endswith(WORKBOOK_EXTENSIONS)


def workbook_format(head: bytes) -> str | None:
    """``"xlsx"`` for a zip whose first part belongs to an Office package, ``"xls"`` for OLE2, else ``None``.

    ``head`` is the file's first bytes (the upload's first 64 KiB). A zip's local headers name its parts; a
    workbook's parts are ``[Content_Types].xml``, ``_rels/...``, ``docProps/...`` and ``xl/...`` (Excel,
    LibreOffice, openpyxl and xlsxwriter write one of them first; a writer that puts another part first is
    still known by a later one in the head), so a zip of CSVs (or anything else) named ``.xlsx`` is not taken
    for a workbook.
    """
    if head.startswith(OLE2_MAGIC):
        return "xls"
    if not head.startswith(ZIP_MAGIC):
        return None
    at = 0
    while 0 <= at and at + 30 <= len(head):  # each local header in the head (the first part is enough, usually)
        name_length = int.from_bytes(head[at + 26:at + 28], "little")
        part = head[at + 30:at + 30 + name_length]
        if len(part) == name_length and part.startswith(_OOXML_FIRST_PARTS):
            return "xlsx"
        at = head.find(ZIP_MAGIC, at + 30)
    return None


def check_workbook_head(name: str, head: bytes) -> str | None:
    """The workbook format of an upload named as a workbook (``InvalidInput`` when its bytes are not one).

    Returns ``None`` for a file not named as a workbook; such a file whose bytes are a workbook is refused
    with what to do (it would otherwise be read as binary text).
    """
    found = workbook_format(head)
    if not is_workbook_name(name):
        if found is not None:
            raise InvalidInput(f"{name!r} is an Excel workbook: name it .xlsx (or .xls) to ingest its sheets",
                               details={"field": "filename"})
        return None
    if found is None:
        raise InvalidInput(f"{name!r} is not an Excel workbook (neither an Office Open XML package nor an "
                           "OLE2 .xls file)", details={"field": "filename"})
    return found


def neutralise_csv_cell(value: Any) -> Any:
    """Make a value safe to open in a spreadsheet (CSV formula injection).

    Strings starting with ``=``, ``+``, ``-``, ``@``, tab, CR or LF get a leading ``'`` so spreadsheets
    show them as text. Numbers, and strings that are plain numbers (``-12.5``), are returned unchanged.
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_PREFIXES):
        return value
    if _PLAIN_NUMBER.match(value):
        return value
    return "'" + value
