"""Parsing of money amounts as merchants write them (``$1,299.00``, ``1.299,00 EUR``, ``12.5``).

One scalar parser for every place that reads a single price (the pricing CLI, competitor pages). Ingestion
parses whole columns with its own vectorised parser, which decides the decimal convention per file.
"""

from __future__ import annotations

import re

import numpy as np

_CURRENCY = re.compile(r"^(?:[A-Za-z]{3}|[$€£¥₹]|[A-Za-z]{1,2}\$)\s*|\s*(?:[A-Za-z]{3}|[$€£¥₹])$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


class MoneyError(ValueError):
    """A value that is not a price."""


def normalise_amount(text: str) -> str:
    """The plain decimal form of a price as merchants write it (``$1,299.00`` -> ``1299.00``).

    Currency symbols and ISO codes on either side are dropped; ``1.299,00`` and ``1,299.00`` are told apart by
    which separator comes last; a lone comma followed by three digits is a thousands separator. Raises
    ``MoneyError`` saying why ``text`` is not a price (negative and accounting ``(12.00)`` values included).
    """
    s = text.strip()
    for _ in range(2):
        s = _CURRENCY.sub("", s).strip()
    s = s.replace(" ", "").replace("\u00a0", "").replace("'", "")
    if s.startswith("-") or (s.startswith("(") and s.endswith(")")):
        raise MoneyError(f"{text!r} is negative")
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):  # 1.299,00
            s = s.replace(".", "").replace(",", ".")
        else:  # 1,299.00
            s = s.replace(",", "")
    elif "," in s:
        head, _, tail = s.rpartition(",")
        if len(tail) == 3 and head:  # 1,299 -> thousands
            s = s.replace(",", "")
        else:  # 12,50 -> decimal comma
            s = head.replace(",", "") + "." + tail
    if not _NUMBER.match(s):
        raise MoneyError(f"{text!r} is not a number")
    return s


def parse_money(text: str) -> float:
    """Parse one price as a float; raise ``MoneyError`` saying why it is not one."""
    value = float(normalise_amount(text))
    if not np.isfinite(value):
        raise MoneyError(f"{text!r} is not a number")
    return value


