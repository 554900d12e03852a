"""Any whole percentile of order values: "80th percentile order value", "the 60th percentile basket".

The metrics layer has fixed percentiles (median, p25 ... p99: read by their own words in the lexicon) and one whose
percentile is a parameter (``percentile_order_value`` with ``MetricQuery.percentile``): this reads the number a
question names for it, and says it back as an ordinal.
"""

from __future__ import annotations

from shared import regex as re

#: "80th percentile", "60 percentile", "p80", "80th pctl": the percentile a question names (1-99).
_ASKED = re.compile(r"\b(?:([1-9]\d?)(?:st|nd|rd|th)?[- ]?(?:percentile|pctl?)|p([1-9]\d?))\b", re.I)
#: The order-value words a named percentile reads (as the fixed percentiles' words do in the lexicon).
_NAMED = r"(?:[1-9]\d?(?:st|nd|rd|th)?[- ]?(?:percentile|pctl?)|p[1-9]\d?)"
PERCENTILE_ORDER_VALUE = (rf"{_NAMED}(?: of)? (?:the )?(?:order|basket|cart|transaction|checkout|purchase)s?"
                          r"(?: (?:value|size|amount|total|spend))?|(?:order|basket|cart|transaction) "
                          rf"(?:value|size|amount|total)s?(?: at the| at)? {_NAMED}")


def asked_percentile(question: str) -> int | None:
    """The whole percentile (1-99) the question names, if any."""
    m = _ASKED.search(question)
    return int(m.group(1) or m.group(2)) if m else None


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``, ``22nd``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
