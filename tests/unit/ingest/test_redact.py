from __future__ import annotations

import numpy as np
import pandas as pd

from shared.ingest.headers import map_columns
from shared.ingest.reader import Chunk
from shared.ingest.redact import REDACTED, WITHHELD, personal_columns, redact_line, redact_row
from shared.models.records import DataKind

HEADERS = ["sku", "date", "units", "Customer", "Billing Phone", "Shipping Street", "Notes", "Vendor"]


def test_customer_and_personal_columns_are_blanked() -> None:
    mapping = map_columns(HEADERS, DataKind.SALES)
    redact = personal_columns(mapping)
    assert redact == {3, 4, 5, 6}  # the customer id, a phone, a street, free-text notes
    chunk = Chunk(pd.DataFrame({f"c{i}": [v] for i, v in enumerate(
        ["A", "2025-01-01", "x", "C-77", "+1 555 0100", "1 Main St", "", "mail z@q.org"])}), np.array([1]))
    text = redact_row(chunk, 0, ",", redact)
    assert text == f"A,2025-01-01,x,{REDACTED},{REDACTED},{REDACTED},,mail {REDACTED}"  # any e-mail, any column


def test_a_malformed_row_is_withheld_when_it_cannot_be_split_by_column() -> None:
    redact = frozenset({3})
    assert redact_line("A,2025-01-01,1,C-77,extra,fields,here,too", ",", redact, 7) == WITHHELD
    assert redact_line("A,2025-01-01", ",", frozenset(), 7) == "A,2025-01-01"
    assert redact_line("A,b@c.de", ",", frozenset(), 7) == f"A,{REDACTED}"
