"""Fiscal years the question says start in another month.

"our fiscal year starts in April - revenue this fiscal year", "FY runs July to June, what was revenue last fiscal
year", "revenue fiscal YTD (FY starts 1 Oct)".

The data hold no fiscal calendar, so a fiscal period means something only when the question says where the year
starts. Then the statement is taken out (its month is no period of its own) and each fiscal period is written as the
days it covers ("from 1 April 2026 to 5 December 2026"), which the time grammar reads: this fiscal year (to date),
the last complete one, and a fiscal quarter of this fiscal year (cut at the as-of date). A fiscal period with no
stated start is read as the calendar one, and the answer says so (:func:`fiscal_as_calendar`). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from shared import regex as re

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
    r"financial)\s+year\b|\b(?:fiscal|fy|f)\s*q(?P<q2>[1-4])\b",
    re.I,
)

_BARE_QUARTER = re.compile(r"\bq([1-4])\b", re.I)
#: "last fiscal quarter", "this financial quarter": a quarter of the stated fiscal year counted from the as-of date.
_NAMED_QUARTER = re.compile(r"\b(?P<which>last|previous|prior|this|current)\s+(?:fiscal|financial)\s+quarter\b", re.I)
#: "FQ2", "fq 3": a fiscal quarter's code, the calendar quarter when no start is stated.
_QUARTER_CODE = re.compile(r"\bfq\s?([1-4])\b", re.I)


def _day(d: date) -> str:
    return f"{d.day} {_FULL[d.month - 1]} {d.year}"


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def fiscal_periods(question: str, as_of: date) -> str:
    """``question`` with a stated fiscal year's periods written as their days (unchanged when it states none)."""
    return _written(question, as_of)[0]


def fiscal_names(question: str, as_of: date) -> dict[tuple[date, date], str]:
    """The name of each fiscal period :func:`fiscal_periods` writes as days, by its first and last day.

    "FY2026/27 to date" (a year from April), "FY2025/26", "Q3 FY2026/27": the dates alone do not say they are a
    fiscal year, and a merchant who counts in fiscal years names them so. Empty when the question states no start.
    """
    return _written(question, as_of)[1]


def _written(question: str, as_of: date) -> tuple[str, dict[tuple[date, date], str]]:
    """``question`` with its fiscal periods as days, and each period's name by its days."""
    stated = _STATED.search(question)
    if stated is None:
        return question, {}
    month = _MONTHS.index(stated.group("month")[:3].lower()) + 1
    start = date(as_of.year if as_of.month >= month else as_of.year - 1, month, 1)  # this fiscal year's first day
    names: dict[tuple[date, date], str] = {}

    def days(first: date, months: int, name: str) -> str:
        """The period of ``months`` from ``first`` (cut at the as-of date) as days, its name noted."""
        whole_end = _add_months(first, months) - timedelta(days=1)
        end = min(whole_end, as_of)
        names[(first, end)] = name + (" to date" if end < whole_end else "")
        return f"from {_day(first)} to {_day(end)}"

    def quarter(q: int) -> str:
        return days(_add_months(start, 3 * (q - 1)), 3, f"Q{q} {fiscal_year_name(start)}")

    text = (question[: stated.start()] + " " + question[stated.end() :]).strip()
    text = _QUARTER.sub(lambda m: quarter(int(m.group("q") or m.group("q2"))), text)
    text = _NAMED_QUARTER.sub(lambda m: _counted_quarter(m.group("which").lower(), start, as_of, days), text)
    if (bare := _BARE_QUARTER.search(text)) is not None and _THIS.search(text):
        # "Q1 revenue this financial year": that quarter of it, the year said once
        text = _THIS.sub(" ", text[: bare.start()] + quarter(int(bare.group(1))) + text[bare.end() :])
    text = _THIS.sub(lambda _: days(start, 12, fiscal_year_name(start)), text)
    last_start = _add_months(start, -12)
    if _add_months(start, 12) - timedelta(days=1) <= as_of:  # this fiscal year is complete: it is the last one
        last_start = start
    return _LAST.sub(lambda _: days(last_start, 12, fiscal_year_name(last_start)), text), names


def _counted_quarter(which: str, start: date, as_of: date, days: Callable[[date, int, str], str]) -> str:
    """The fiscal quarter "this" (holding the as-of date, to date) or "last" (the latest complete one) names, as days.

    ``start``: this fiscal year's first day; ``days``: writes a period as days and notes its name.
    """
    months = (as_of.year - start.year) * 12 + as_of.month - start.month
    first = _add_months(start, months // 3 * 3)  # the fiscal quarter holding the as-of date
    if which not in ("this", "current") and _add_months(first, 3) - timedelta(days=1) > as_of:
        first = _add_months(first, -3)  # still running: the one before it is the last complete one
    year_start = start if first >= start else _add_months(start, -12)
    n = ((first.year - year_start.year) * 12 + first.month - year_start.month) // 3 + 1
    return days(first, 3, f"Q{n} {fiscal_year_name(year_start)}")


def fiscal_year_name(first: date) -> str:
    """A fiscal year by the calendar years it spans: "FY2026/27" from 1 April 2026, "FY2026" from 1 January."""
    if first.month == 1:
        return f"FY{first.year}"
    return f"FY{first.year}/{(first.year + 1) % 100:02d}"


#: "this fiscal quarter", "last financial year", "fiscal YTD" with no stated start: the adjective, kept out.
_UNSTATED = re.compile(r"\b(?:fiscal|financial)\s+(?=(?:year|quarter|ytd|qtd)\b)|\bf(?=ytd\b)", re.I)
#: What the answer says when a fiscal period was read as a calendar one.
CALENDAR_NOTE = (
    'No fiscal year start was given, so calendar periods were used (say "our fiscal year starts in '
    'April" to count from April).'
)


def fiscal_as_calendar(question: str) -> tuple[str, bool]:
    """``question`` with a fiscal period whose start it does not state read as the calendar one, and whether it was.

    "revenue this fiscal year" with no start was read as no period at all (all the data); the calendar year is the
    nearest reading, and the answer says which it used.
    """
    if _STATED.search(question) is not None:
        return question, False
    text = _UNSTATED.sub("", _QUARTER_CODE.sub(lambda m: f"Q{m.group(1)}", question))
    return text, text != question
