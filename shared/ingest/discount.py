"""Whether a sales file's discount column is a rate (0.2 = 20% off) or an amount, and a rate's amount.

Tableau's Superstore writes ``Discount`` as a rate and ``Sales`` already after it; most exports write the
discount as money. A file's discount column is read as a **rate** when its header is named like a discount
with no currency in it (``Discount``, ``Discount Rate``, ``Discount %``) and its values are all in ``[0, 1)``
with some above 0 (decided once per file, from the first chunk with a discount above 0; a value of 1 or more
settles it as an amount). A rate ``d`` on a line whose revenue ``S`` is after it is the amount
``S x d / (1 - d)``; the line keeps ``S`` as its revenue and is marked ``discount_included`` (its net is ``S``).
A line with no revenue of its own (only units and a unit price: BikeStores' and Northwind's order lines) has its
rate off its list value: the amount is ``units x unit price x d``, not yet taken off (its net is the value less it).

A rate may be written as a **percentage**: cells that carry a ``%`` (Zoho Inventory's ``10.00%``), or a header that
names a percentage (Odoo's ``Discount (%)``, ``Discount Percent``) over values of 1 to 100 (``10.00`` is 10% off, not
10.00 of money). Such a column is read as the rate it writes (``percent_discounts``), decided once per file.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from shared import regex as re

#: Row flag (``quality_flags``) on lines whose discount was given as a rate and stored as its amount.
RATE_FLAG = "discount:rate"
#: Headers that may hold a rate: a discount named with no money or currency word or symbol.
#: (the Retail Transaction Dataset's ``DiscountApplied(%)``: the word saying it was applied, then the rate's mark)
_RATE_HEADER = re.compile(r"^\s*(?:line[ _-]?|item[ _-]?)?discount(?:[ _-]?applied)?(?:[ _-]?(?:rate|pct|percent|"
                          r"percentage|%|\(\s*%\s*\)))?\s*$", re.I)


_PERCENT_HEADER = re.compile(r"%|percent|pct", re.I)
_PERCENT_CELL = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\s*%\s*$")


def percent_discounts(cells: pd.Series, header: str) -> bool | None:
    """Whether a rate column's cells are percentages (``10.00%``; ``10`` under ``Discount (%)``).

    ``None`` when these cells cannot tell (all empty or 0).
    """
    text = cells.dropna().astype(str).str.strip()
    text = text[text != ""]
    if text.empty:
        return None
    if bool(text.str.match(_PERCENT_CELL).all()):
        return True
    if not _PERCENT_HEADER.search(header):
        return False
    values = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    if values.isna().any() or bool(((values < 0) | (values > 100)).any()):
        return False
    return True if bool((values >= 1).any()) else None


def beyond_line_values(discount: pd.Series, units: pd.Series | None, price: pd.Series | None) -> bool:
    """Whether discounts of 1 to 100 are percentages because as money some exceed their line's value.

    Xero's invoice lines write ``Discount`` as a percentage under a bare name (``15`` off a 9.50 line): no amount off a
    line is more than the line, so where one would be, the column is percentages.
    """
    if units is None or price is None:
        return False
    off = discount.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    value = (units.astype("Float64") * price.astype("Float64")).to_numpy(dtype="float64", na_value=np.nan)
    known = off[~np.isnan(off)]
    if known.size == 0 or bool(((known < 0) | (known > 100)).any()):
        return False
    with np.errstate(invalid="ignore"):
        return bool(((value > 0) & (off > value)).any())


def without_percent(cells: pd.Series) -> pd.Series:
    """The cells with their ``%`` mark taken off (``10.00%`` -> ``10.00``), the rest as they are."""
    return cells.str.replace(r"\s*%\s*$", "", regex=True)


def rate_header(header: str) -> bool:
    """Whether ``header`` names a discount that may be a rate (no currency, amount or value in its name)."""
    return bool(_RATE_HEADER.match(header))


def decide_rate(values: pd.Series) -> bool | None:
    """``True`` when the values read as rates, ``False`` as amounts, ``None`` when they cannot tell (all 0)."""
    known = values.dropna().astype("float64")
    if known.empty:
        return None
    if bool(((known < 0) | (known >= 1)).any()):
        return False
    return True if bool((known > 0).any()) else None


def rate_amounts(rate: pd.Series, revenue: np.ndarray) -> np.ndarray:
    """The discount amount ``revenue x d / (1 - d)`` of each line (cents); NaN where there is none.

    A missing rate or revenue, or a rate outside ``[0, 1)``, gives no amount.
    """
    d = rate.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        ok = (d >= 0) & (d < 1) & ~np.isnan(revenue)
        return np.where(ok, np.round(revenue * d / (1 - np.where(ok, d, 0.0)), 2), np.nan)


def gross_rate_amounts(rate: pd.Series, gross: np.ndarray) -> np.ndarray:
    """The discount amount ``gross x d`` of lines valued at units x unit price (cents); NaN where there is none."""
    d = rate.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        ok = (d >= 0) & (d < 1) & ~np.isnan(gross)
        return np.where(ok, _half_up_cents(gross * np.where(ok, d, 0.0)), np.nan)


def _half_up_cents(amount: np.ndarray) -> np.ndarray:
    """Amounts to the cent, a half cent up, as invoicing systems round.

    15% of 28.50 is 4.28, where the float 4.275 rounds to 4.27.
    """
    return np.floor(np.abs(amount) * 100 + 0.5 + 1e-7) / 100 * np.sign(amount)


def rate_note(column: str) -> str:
    """The ingestion's note when its discount column was read as rates."""
    return (f"{column!r} read as a discount rate (values in [0, 1), 0.2 = 20% off) with revenue after it: each "
            "line's discount is stored as revenue x rate / (1 - rate), already taken off the revenue (which stays "
            "as the file states it); rows flagged discount:rate")
