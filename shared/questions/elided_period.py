"""A period left unsaid where the question already named it.

- "the first half of November vs the second half": the second part names no month, so it was read as the year's
  second half (H2); it is the same month's (quarter's, year's): "... vs the second half of November";
- "from the 20th of October to the end of the month": the month is October, not the current one (read as a forecast
  to the end of this month): "... to October 31".

- "revenue in October, the 11th to the 20th": days said after their month are those days of it ("the 11th to the
  20th of October"), not the whole month;
- "how are we tracking this month vs last": the compared period names no unit; it is this one's ("vs last month");
- "are we ahead of last month so far?": the period compared with last month is this one, to date ("how are we tracking
  this month vs last month"), not a competitor's price position.

Pure: text in, text out.
"""

from __future__ import annotations

import calendar

from shared import regex as re

_PART = r"(?:first|second|last|final|latter|1st|2nd|3rd|4th|third|fourth)\s+(?:half|fortnight|week|quarter|month)"
_COMPARED = r"(?:vs\.?|versus|v\.?|compared\s+(?:to|with)|against|or|and|to)"
#: "first half of november vs (the) second half" (nothing after the second part names its own period).
_ELIDED = re.compile(
    rf"\b(?P<first>{_PART})\s+of\s+(?P<whole>(?:the\s+)?(?:(?:this|last|previous)\s+)?(?:[a-z]+"
    rf"(?:\s+(?:19|20)\d{{2}})?|(?:19|20)\d{{2}}))\s+(?P<cmp>{_COMPARED})\s+(?P<the>the\s+)?(?P<second>{_PART})\b"
    rf"(?!\s+(?:of|in)\b)",
    re.I,
)


def elided_periods(text: str) -> str:
    """``text`` with a compared part that names no whole given the first part's ("... vs the second half of X")."""
    return _ELIDED.sub(lambda m: f"{m.group(0)} of {m.group('whole')}", text)


_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: "the 20th of October to the end of the month", "Oct 20 until the end of that month".
_TO_MONTH_END = re.compile(
    rf"\b(?:(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\.?\s+{_DAY})\b"
    rf"(?P<to>\s+(?:to|until|till|through|thru|and|-)\s+)(?:the\s+)?end\s+of\s+(?:the|that)\s+"
    rf"month\b",
    re.I,
)


def month_end_named(text: str) -> str:
    """``text`` with "to the end of the month" after a day of a named month written as that month's last day."""

    def last_day(m: re.Match[str]) -> str:
        month = _MONTHS[(m.group("m1") or m.group("m2")).lower()]
        days = 28 if month == 2 else calendar.monthrange(2023, month)[1]  # February: its days in any year
        return f"{m.group(0)[: m.start('to') - m.start()]}{m.group('to')}{calendar.month_name[month]} {days}"

    return _TO_MONTH_END.sub(last_day, text)


_UNIT = r"(?:week|month|quarter|year)"
#: "this month vs last", "the current quarter compared to the previous?" (nothing after "last" names a period).
_BARE_LAST = re.compile(
    rf"\b(?:this|the\s+current|current)\s+(?P<unit>{_UNIT})\b(?P<between>(?:(?!\blast\b|\bprevious\b)[^?.!]){{0,40}}?)"
    rf"\b(?P<cmp>vs\.?|versus|compared\s+(?:to|with)|against|than|on|over)\s+(?:the\s+)?(?P<last>last|previous|prior)"
    rf"\b(?!\s+(?:\d|one|two|three|time|{_UNIT}|fortnight|weekend|year'?s))",
    re.I,
)
#: "are we ahead of last month?", "are sales behind last week so far": this period to date against that one.
_AHEAD_OF = re.compile(
    rf"\b(?:are|is)\s+(?:we|sales|revenue|it|the\s+shop|the\s+store)\s+(?:running\s+|pacing\s+|trending\s+)?"
    # (not "up on last year": a comparison of the last complete month, the house rule)
    rf"(?:ahead\s+of|behind)\s+(?:the\s+)?(?:last|previous)\s+(?P<unit>{_UNIT})\b",
    re.I,
)


def compared_with_last(text: str) -> str:
    """``text`` with "vs last" given this period's unit, and "are we ahead of last month" as this month against it."""
    text = _BARE_LAST.sub(lambda m: f"{m.group(0)} {m.group('unit')}", text)
    return _AHEAD_OF.sub(lambda m: "how are we tracking this {0} vs last {0}".format(m.group("unit").lower()), text)


#: "October, the 11th to the 20th", "november - from the 3rd thru the 9th": days after their month.
_MONTH_THEN_DAYS = re.compile(
    rf"\b(?P<month>{_MONTH})\s*[,:-]?\s+(?:from\s+)?the\s+(?P<a>{_DAY})\s+(?:to|until|till|through|thru|-|and)\s+"
    rf"(?:the\s+)?(?P<b>{_DAY})\b(?!\s+of\b)",
    re.I,
)


def days_after_month(text: str) -> str:
    """``text`` with days said after their month written before it ("the 11th to the 20th of October")."""
    return _MONTH_THEN_DAYS.sub(lambda m: f"the {m.group('a')} to the {m.group('b')} of {m.group('month')}", text)
