"""Keeping personal data out of the rejects: a rejected row's raw text is stored with personal cells blanked.

Personal columns are those mapped to a customer field (e-mail, customer id) and those whose header names
personal data (e-mail, phone, names, street addresses, postcodes: the billing and shipping blocks of
Shopify and WooCommerce exports). Any cell that looks like an e-mail address is blanked too, whatever its
column. A malformed row that does not split into the header's columns cannot be redacted by column, so in
a file with personal columns its text is withheld.
"""

from __future__ import annotations

import csv

import pandas as pd

from shared import regex as re
from shared.ingest.headers import ColumnMapping, normalise_header
from shared.ingest.limits import MAX_RAW_CHARS, clip
from shared.ingest.reader import Chunk, join_row

REDACTED = "[redacted]"
WITHHELD = "[withheld: the row has personal data and does not split into the file's columns]"
CUSTOMER_FIELDS = frozenset({"customer_email", "customer_id"})
_PERSONAL_HEADER = re.compile(
    r"e?mail|phone|street|address|zip|postcode|postal|firstname|lastname|fullname|billingname|shippingname|"
    r"buyername|recipient|customername|company|vatnumber|customernote|notes?$|ipaddress|customerip")
_EMAIL = re.compile(r"[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+")


def personal_columns(mapping: ColumnMapping) -> frozenset[int]:
    """Positions of the columns whose cells never reach the rejects."""
    positions = {i for i, f in mapping.fields.items() if f in CUSTOMER_FIELDS}
    positions |= {i for i, h in enumerate(mapping.headers) if _PERSONAL_HEADER.search(normalise_header(h))}
    return frozenset(positions)


def _scrub(cells: list[str], redact: frozenset[int]) -> list[str]:
    # cells are clipped first: the e-mail pattern backtracks quadratically over a long run without "@"
    clipped = [clip(cell, MAX_RAW_CHARS) for cell in cells]
    return [REDACTED if (i in redact and cell.strip()) else _EMAIL.sub(REDACTED, cell) if "@" in cell else cell
            for i, cell in enumerate(clipped)]


def redact_row(chunk: Chunk, position: int, delimiter: str, redact: frozenset[int]) -> str:
    """The chunk's row at ``position`` as delimited text, personal cells blanked."""
    values = ["" if v is None or v is pd.NA else str(v) for v in chunk.frame.iloc[position].tolist()]
    return join_row(_scrub(values, redact), delimiter)


def redact_line(raw: str, delimiter: str, redact: frozenset[int], width: int) -> str:
    """A malformed row's raw text with personal cells blanked (withheld when it cannot be split by column)."""
    raw = clip(raw, MAX_RAW_CHARS)  # bounded before any pattern runs over it
    cells = next(csv.reader([raw], delimiter=delimiter), [])
    if redact and len(cells) != width:
        return WITHHELD
    if not redact and ("@" not in raw or not _EMAIL.search(raw)):
        return raw
    return join_row(_scrub(cells, redact), delimiter)
