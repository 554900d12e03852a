"""A sale's state read from a US postal address, where the file gives the address and no state column.

Keith Galli's "Sales Product Data" writes where each order went as one cell, ``917 1st St, Dallas, TX 75001``; its
tutorial's first question of place ("which city sold the most?") needs it read. A US address ends with the state's
two-letter code and the ZIP code; that code is the line's ``state`` (a dimension of sales questions), where the row
has no state of its own. An address in another shape gives no state (nothing is guessed); the address itself is not
stored (it is personal data).
"""

from __future__ import annotations

import pandas as pd

from shared import regex as re

#: The end of a US postal address: ``, TX 75001`` or ``, TX 75001-1234``.
US_STATE_ZIP = re.compile(r",\s*([A-Z]{2})\s+\d{5}(?:-\d{4})?\s*$")


def state_from_address(raw: pd.DataFrame) -> pd.DataFrame:
    """``raw`` (source text per mapped field) without its ``ship_address``, its ``state`` filled from it."""
    if "ship_address" not in raw:
        return raw
    address = raw["ship_address"].astype(object).where(raw["ship_address"].notna(), "").astype(str)
    found = address.str.extract(US_STATE_ZIP, expand=False)
    if "state" in raw:
        own = raw["state"].astype(object)
        found = own.where(own.notna() & (own.astype(str).str.strip() != ""), found)
    return raw.drop(columns="ship_address").assign(state=found.astype(object).where(found.notna(), None))
