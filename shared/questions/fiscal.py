"""Fiscal years the question says start in another month.

"our fiscal year starts in April - revenue this fiscal year", "FY runs July to June, what was revenue last fiscal
year", "revenue fiscal YTD (FY starts 1 Oct)".

The data hold no fiscal calendar, so a fiscal period means something only when the question says where the year
starts. Then the statement is taken out (its month is no period of its own) and each fiscal period is written as the
days it covers ("from 1 April 2026 to 5 December 2026"), which the time grammar reads: this fiscal year (to date),
the last complete one, and a fiscal quarter of this fiscal year (cut at the as-of date). A fiscal period with no
stated start is left as written. Pure: no I/O.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_FULL = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: "our fiscal year starts in April", "FY runs July to June", "(FY starts 1 Oct)", "financial year begins on the 1st
#: of February": the statement and its month.
_STATED = re.compile(
    r"[(\[]?\s*\b(?:(?:our|the|my)\s+)?(?:fiscal|financial|fy)(?:\s+year)?\s+(?:starts?|begins?|starting|beginning|"
    r"runs?|running|is)\s+(?:in\s+|on\s+|from\s+)?(?:(?:the\s+)?1(?:st)?\s+(?:of\s+)?)?(?P<month>" + _MONTH + r")"
    r"(?:\s+1(?:st)?)?(?:\s*(?:to|-|–|through|until|thru)\s*" + _MONTH + r")?\s*[)\]]?\s*[-–—,.;:]?",
    re.I,
)
_THIS = re.compile(
    r"\b(?:(?:this|the\s+current|current)\s+(?:fiscal|financial)\s+year(?:\s+to\s+date)?|"
    r"(?:fiscal|financial)\s+(?:year\s+to\s+date|ytd)|fytd|(?:this|current)\s+fy(?:\s+to\s+date)?)\b",
    re.I,
)
_LAST = re.compile(r"\b(?:last|previous|prior)\s+(?:(?:fiscal|financial)\s+year|fy)\b", re.I)
_QUARTER = re.compile(
    r"\b(?:fiscal\s+|fy\s*)?q(?P<q>[1-4])\s+(?:of\s+)?(?:this|the\s+current|current)\s+(?:fiscal|"
    r"financial)\s+year\b|\b(?:fiscal|fy)\s*q(?P<q2>[1-4])\b",
    re.I,
)

_BARE_QUARTER = re.compile(r"\bq([1-4])\b", re.I)


def _day(d: date) -> str:
    return f"{d.day} {_FULL[d.month - 1]} {d.year}"


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def fiscal_periods(question: str, as_of: date) -> str:
    """``question`` with a stated fiscal year's periods written as their days (unchanged when it states none)."""
    stated = _STATED.search(question)
    if stated is None:
        return question
    month = _MONTHS.index(stated.group("month")[:3].lower()) + 1
    start = date(as_of.year if as_of.month >= month else as_of.year - 1, month, 1)  # this fiscal year's first day
    text = (question[: stated.start()] + " " + question[stated.end() :]).strip()
    text = _QUARTER.sub(
        lambda m: _span(_add_months(start, 3 * (int(m.group("q") or m.group("q2")) - 1)), as_of, 3), text
    )
    if (bare := _BARE_QUARTER.search(text)) is not None and _THIS.search(text):
        # "Q1 revenue this financial year": that quarter of it, the year said once
        text = _THIS.sub(
            " ",
            text[: bare.start()]
            + _span(_add_months(start, 3 * (int(bare.group(1)) - 1)), as_of, 3)
            + text[bare.end() :],
        )
    text = _THIS.sub(lambda _: f"from {_day(start)} to {_day(as_of)}", text)
    last_end = _add_months(start, 12) - timedelta(days=1)
    if last_end > as_of:  # the last complete fiscal year is the one before this one
        last_end = start - timedelta(days=1)
    last_start = _add_months(last_end, -11)
    return _LAST.sub(lambda _: f"from {_day(last_start)} to {_day(last_end)}", text)


def _span(first: date, as_of: date, months: int) -> str:
    end = min(_add_months(first, months) - timedelta(days=1), as_of)
    return f"from {_day(first)} to {_day(end)}"
