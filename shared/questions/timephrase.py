"""Time phrases in a question -> a closed :class:`TimeRange`, resolved against the data's as-of date.

The rule (documented in ``docs/questions.md``): a merchant's data ends when it ends, so every relative phrase
is resolved against the **as-of date** (the latest date in the data the question needs, or the ``as_of`` the
caller gives), never the wall clock.

- ``last``/``previous`` + week, month, quarter or year: the latest **complete** calendar period ending on or
  before the as-of date (data ending 30 Jun 2025 -> "last month" is June 2025; ending 15 Jun -> May 2025).
  Weeks run Monday to Sunday.
- ``this`` week/month/quarter/year, ``month/quarter/year to date``, ``MTD/QTD/YTD``: the period that contains
  the as-of date, up to it.
- ``last/past N days|weeks|months|quarters|years`` and ``past month/year`` or ``trailing ...``: a rolling
  window ending on the as-of date (the last 30 days = 30 days including the as-of date).
- ``yesterday``/``today``: the as-of date itself (the latest day the data has).
- ``on Friday``, ``last Friday``: the latest Friday before the as-of date; when the data ends on a Friday, the one
  before it (the answer says so, :func:`weekday_note`); ``this Friday`` is the as-of date's week's.
- A month, quarter or half without a year ("March", "Q1", "first half"): the latest one that has started on
  or before the as-of date. A range that runs past the as-of date is cut there and says "to date".
- ``since X``: from the start of X to the as-of date. ``between X and Y``, ``from X to Y``: start of X to end
  of Y (a missing year is taken from the other end).
- A baseline phrase ("compared to last year", "vs the month before", "year over year") is a comparison, not
  the period; two explicit periods with a comparison word ("Q2 2025 vs Q1 2025") make the later one the
  period and the earlier one decides the comparison.

Pure code with compiled regular expressions: no dateparser, microseconds per question.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

from shared import regex as re
from shared.store.metrics.model import Comparison, TimeRange

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "couple of": 2, "few": 3}
#: Numbers above twelve written out ("the last thirty days", "forty-five days", "a hundred days").
_TEENS = {"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_BIG_NUM = (r"(?:a\s+|one\s+)?hundred|(?:" + "|".join(_TENS) + r")(?:[-\s](?:one|two|three|four|five|six|seven|eight|"
            r"nine))?|" + "|".join(_TEENS))
_ORDINAL_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
              "final": 4, "last": 4}

Unit = Literal["day", "week", "month", "quarter", "year"]

_MONTH_ALT = ("january|february|march|april|june|july|august|september|october|november|december"
              "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
# "may" is a month only where a month is expected: next to a year or a day, or after a preposition
_MAY_AFTER = ("in", "of", "for", "during", "since", "before", "until", "till", "from", "to", "and", "through",
              "between", "last", "this", r"\d")
_MONTH = rf"(?:{_MONTH_ALT}|may(?=\s+\d)|" + "|".join(f"(?<={w} )may" for w in _MAY_AFTER) + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_NUM = rf"(\d{{1,3}}|{_BIG_NUM}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple of|few)"
_UNIT = r"(day|week|month|quarter|year)s?"


@dataclass(frozen=True)
class _Atom:
    """One period expression found in the text."""

    span: tuple[int, int]
    start: date
    end: date
    name: str  # "March 2025", "Q1 2025", "the last 30 days", "" for plain dates
    year_explicit: bool = True
    month: int | None = None  # for re-anchoring a month/day/quarter without a year
    day: int | None = None
    quarter: int | None = None
    relative: bool = False
    half: int | None = None
    holiday: str | None = None  # "black friday": its date moves with the year
    #: The named day this period is, or is counted from ("the week after Black Friday"), and its date: a year's
    #: comparison moves the period with that day (last year's Black Friday, not the same date a year back).
    shopping_day: tuple[str, date] | None = None

    def with_year(self, year: int) -> _Atom:
        """The same month/quarter/day in ``year`` (used to anchor the yearless end of a range)."""
        if self.holiday is not None:
            d = holiday(self.holiday, year)
            return _Atom(self.span, d, d, " ".join(w.capitalize() for w in self.holiday.split()) + f" {year}", True,
                         holiday=self.holiday, shopping_day=(self.holiday, d))
        if self.half is not None:
            s, e = (date(year, 1, 1), date(year, 6, 30)) if self.half == 1 else (date(year, 7, 1), date(year, 12, 31))
            return _Atom(self.span, s, e, f"H{self.half} {year}", True, half=self.half)
        if self.quarter is not None:
            s, e = quarter_range(year, self.quarter)
            return _Atom(self.span, s, e, f"Q{self.quarter} {year}", True, quarter=self.quarter)
        if self.month is not None and self.day is not None:
            d = _safe_date(year, self.month, self.day)
            return _Atom(self.span, d, d, "", True, month=self.month, day=self.day)
        if self.month is not None:
            s, e = month_range(year, self.month)
            return _Atom(self.span, s, e, f"{MONTH_NAMES[self.month - 1]} {year}", True, month=self.month)
        return self


@dataclass
class TimeReading:
    """What a question says about time.

    ``range`` is ``None`` when the question names no period (the caller decides the default) or only a future
    one (``future``); ``all_time`` when it asks for everything ("ever", "in total"). ``weekdays`` filters to
    days of the week ("on Mondays"). ``spans`` are the character spans the time phrases used, so other readers
    can skip their digits ("top 5 in 2025").
    """

    range: TimeRange | None = None
    compare: Comparison | None = None
    weekdays: list[str] = field(default_factory=list)
    future: bool = False
    all_time: bool = False
    explicit_compare: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)
    #: The calendar unit a baseline phrase names ("week over week", "vs the quarter before"), when it names one.
    compare_unit: Unit | None = None
    #: Periods listed one after the other ("what did we make this week and last week"): one answer each.
    each: list[TimeRange] = field(default_factory=list)
    #: A period wholly after the as-of date that the question names ("Q1 next year"): what a forecast must reach.
    future_range: TimeRange | None = None
    #: The compared period when the question names one that no fixed shift gives ("Black Friday vs last year's
    #: Black Friday", "2025 vs 2023").
    baseline: TimeRange | None = None

    def covers(self, pos: int) -> bool:
        """Whether character ``pos`` belongs to a time phrase."""
        return any(s <= pos < e for s, e in self.spans)


# ---- calendar arithmetic -------------------------------------------------------------------------------

def _safe_date(year: int, month: int, day: int) -> date:
    """``date(year, month, day)`` with the day clamped to the month's length (29 Feb in a common year -> 28)."""
    return date(year, month, min(day, month_length(year, month)))


def month_length(year: int, month: int) -> int:
    """Days in the month."""
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def add_months(d: date, months: int) -> date:
    """``d`` moved by ``months`` calendar months (day clamped to the target month)."""
    index = d.year * 12 + d.month - 1 + months
    return _safe_date(index // 12, index % 12 + 1, d.day)


def month_range(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(year, month, 1), date(year, month, month_length(year, month))


def quarter_range(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a calendar quarter."""
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_range(year, first + 2)[1]


def period_containing(d: date, unit: Unit) -> tuple[date, date]:
    """The calendar period of ``unit`` containing ``d`` (weeks: Monday-Sunday)."""
    if unit == "day":
        return d, d
    if unit == "week":
        start = d - timedelta(days=d.weekday())
        return start, start + timedelta(days=6)
    if unit == "month":
        return month_range(d.year, d.month)
    if unit == "quarter":
        return quarter_range(d.year, (d.month - 1) // 3 + 1)
    return date(d.year, 1, 1), date(d.year, 12, 31)


def last_complete(as_of: date, unit: Unit) -> tuple[date, date]:
    """The latest complete calendar period of ``unit`` ending on or before ``as_of``."""
    start, end = period_containing(as_of, unit)
    if end <= as_of:
        return start, end
    return period_containing(start - timedelta(days=1), unit)


def rolling(as_of: date, n: int, unit: Unit) -> tuple[date, date]:
    """A window of ``n`` units ending on ``as_of`` (both ends included)."""
    if unit == "day":
        return as_of - timedelta(days=n - 1), as_of
    if unit == "week":
        return as_of - timedelta(days=7 * n - 1), as_of
    months = {"month": 1, "quarter": 3, "year": 12}[unit] * n
    return add_months(as_of, -months) + timedelta(days=1), as_of


def fmt_day(d: date) -> str:
    """``5 Mar 2025``."""
    return f"{d.day} {MONTH_ABBR[d.month - 1]} {d.year}"


def fmt_range(start: date, end: date) -> str:
    """``1-31 Mar 2025``, ``1 Jan - 31 Mar 2025``, ``1 Nov 2024 - 31 Oct 2026`` or one day."""
    if start == end:
        return fmt_day(start)
    if start.year == end.year and start.month == end.month:
        return f"{start.day}-{end.day} {MONTH_ABBR[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTH_ABBR[start.month - 1]} - {fmt_day(end)}"
    return f"{fmt_day(start)} - {fmt_day(end)}"


def make_range(start: date, end: date, name: str = "") -> TimeRange:
    """A :class:`TimeRange` labelled ``name (dates)``, or just the dates."""
    dates = fmt_range(start, end)
    return TimeRange(start=start, end=end, label=f"{name} ({dates})" if name else dates)


def name_range(start: date, end: date) -> TimeRange:
    """A range labelled by what it is: a whole month, quarter or year by name, else by its dates."""
    if start.day == 1 and end == month_range(end.year, end.month)[1]:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            return make_range(start, end, f"{MONTH_NAMES[start.month - 1]} {start.year}")
        if months == 3 and start.month % 3 == 1:
            return make_range(start, end, f"Q{(start.month - 1) // 3 + 1} {start.year}")
        if months == 12 and start.month == 1:
            return make_range(start, end, str(start.year))
    return make_range(start, end)


def previous_range(rng: TimeRange, compare: Comparison) -> TimeRange:
    """The baseline of a comparison: the same dates a year earlier, or the equally long period just before.

    Whole calendar months (and quarters, years) map to whole months: the month before March is February.
    """
    if compare == "previous_year":
        start, end = add_months(rng.start, -12), add_months(rng.end, -12)
        if rng.end == month_range(rng.end.year, rng.end.month)[1]:
            end = month_range(end.year, end.month)[1]
        return make_range(start, end, "the same period a year earlier")
    if compare == "previous_week":
        return make_range(rng.start - timedelta(days=7), rng.end - timedelta(days=7), "the same days a week earlier")
    if rng.start.day == 1 and rng.end == month_range(rng.end.year, rng.end.month)[1]:
        months = (rng.end.year - rng.start.year) * 12 + rng.end.month - rng.start.month + 1
        start = add_months(rng.start, -months)
        end = rng.start - timedelta(days=1)
        return make_range(start, end, "the period before")
    end = rng.start - timedelta(days=1)
    return make_range(end - timedelta(days=rng.days - 1), end, "the period before")


# ---- the grammar ---------------------------------------------------------------------------------------

_INTRO = (r"\b(?:compared?\s+(?:to|with)|vs\.?|versus|against|than|relative\s+to|differ(?:ent)?\s+(?:from|to)|"
          r"(?:grow\w*|grew|chang\w*|"
          r"increas\w*|decreas\w*|up|down|r[io]se|fell|fall\w*|drop\w*|declin\w*|growth|change)\s+"
          # the words skipped are no period of the question's own ("up this month vs last month"); a past one
          # skipped is cut off the span ("growth last quarter vs the same quarter last year": ``_own_period_left``)
          r"(?:(?!this\b|the\s+current\b|current\b)\S+\s+){0,2}?(?P<kw>over|from|on|since|versus|vs\.?))\s+"
          r"(?:the\s+)?")
_BASELINE_YEAR = re.compile(
    _INTRO +
    r"(?:same\s+(?:period|time|days?|weeks?|months?|quarters?)\s+(?:of\s+|in\s+)?)?"
    r"(?:(?:last|previous|prior|the\s+previous|the\s+prior|a)\s+year(?:\s+(?:ago|before|earlier))?"
    r"|(?:one\s+)?year\s+(?:ago|before|earlier))\b"
    r"|\byear[-\s]+(?:over|on)[-\s]+year\b|\by-?o-?y\b|\by/y\b"
    r"|\bsame\s+(?:period|time|month|quarter|week)\s+(?:last|a|the\s+previous|the\s+prior)\s+year\b"
    r"|\b(?:a|one)\s+year\s+(?:ago|earlier|before)\b", re.I)
#: "yesterday vs the same day last week", "this Monday against a week ago": the same weekdays 7 days back.
_BASELINE_WEEK = re.compile(
    _INTRO + r"(?:same\s+(?:day|days|weekday|time)\s+(?:of\s+|in\s+)?(?:last|the\s+previous|previous|the\s+prior|a)\s+"
    r"week(?:\s+(?:ago|before|earlier))?|(?:a|one)\s+week\s+(?:ago|before|earlier))\b"
    r"|\bsame\s+(?:day|weekday)\s+(?:last|the\s+previous|previous|a)\s+week\b", re.I)
#: "the week before Christmas", "the month before Black Friday", "the week before 24 Dec": a period of its own, not the
#: period before the one asked about.
_BEFORE_A_DAY = (r"(?!\s+(?:last\b|\w*mas\b|easter|thanksgiving|black\s+friday|cyber|boxing|new\s+year|valentine|"
                 r"mother|father|labou?r|memorial|independence|halloween|prime\s+day|singles|st\.?\s|the\s+\d|\d|"
                 r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b))")
_BASELINE_PERIOD = re.compile(
    _INTRO +
    r"(?:(?:previous|prior|preceding|last)\s+(?:period|fortnight|\d+\s+days|(?:\d+\s+)?(?:months?|weeks?|"
    r"quarters?))"
    r"|(?:period|month|quarter|week|day)\s+before" + _BEFORE_A_DAY + r"(?:\s+(?:that|it))?"
    r"|(?:\d+|same\s+number\s+of)\s+(?:days|weeks|months)\s+(?:before(?:\s+(?:that|it))?|earlier)"
    # "the last 90 days vs the 90 before", "vs the prior 30": the count alone, its unit the period's own
    r"|\d+\s+(?:before(?:\s+(?:that|it))?|prior|preceding|earlier)|(?:previous|prior|preceding)\s+\d+(?!\s*(?:%|"
    r"percent|per\s+cent|\w)))\b"
    r"|\b(?:month|quarter|week)[-\s]+(?:over|on)[-\s]+(?:month|quarter|week)\b|\bm-?o-?m\b|\bq-?o-?q\b|\bw-?o-?w\b"
    r"|\bthe\s+(?:month|quarter|week|period)\s+before\b" + _BEFORE_A_DAY + r"|\bsequential(?:ly)?\b"
    r"|\b(?:compared?\s+(?:to|with)|vs\.?|versus|than)\s+the\s+(?:one\s+before|(?:last|previous|prior)\s+one)\b",
    re.I)
#: A change "over the last 6 months" is across those months (the rolling period), not against them: only a
#: comparison word ("compared to the last 3 months", "vs the previous 3 months") makes N months a baseline.
_CHANGE_ACROSS = re.compile(r"\b(?:over|in|during|across)\s+(?:the\s+)?(?:last|past)\s+\d+\s+(?:days|weeks|months)\b",
                            re.I)
_BASELINE_UNIT = re.compile(r"\b(?:week|month|quarter)|\b[wmq](?=-?o-?[wmq]\b)", re.I)
_UNIT_OF: dict[str, Unit] = {"w": "week", "m": "month", "q": "quarter"}
_COMPARE_CUE = re.compile(r"\b(?:vs\.?|versus|compared?|comparison|against|than|relative\s+to|differ(?:ent)?|or|"
                          r"higher|lower|"
                          r"more|less|better|worse|bigger|smaller|beat|beats|beaten|outperform\w*|outsold|outsell\w*|"
                          r"outdid|outdo|exceed\w*|top(?:ped)?|ahead\s+of|behind|up\s+on|down\s+on)\b", re.I)

_RANGE_JOIN = re.compile(r"^\s*(?:and|to|until|till|through|thru|-|–|—)\s*$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s*$", re.I)
_SINCE = re.compile(r"\b(?:since|starting(?:\s+(?:from|in|with))?|beginning(?:\s+(?:in|with))?|(?:since|from)\s+"
                    r"(?:the\s+)?(?:start|beginning)\s+of(?:\s+the\s+month\s+of)?)\s*$", re.I)
#: "since we changed supplier in March", "since the price rise in February", "since the 1st of September": an event
#: (up to six words) dated by the period after it, or a day after "the": from that period's start to the as-of date.
_SINCE_EVENT = re.compile(r"\bsince\s+(?:(?:(?!since\b)[a-z'’-]+\s+){1,6}?(?:in|on|during|at)\s+"
                          r"(?:the\s+month\s+of\s+)?|the\s+)$", re.I)
_ALL_TIME = re.compile(r"\b(?:all[-\s]time|ever|of\s+all\s+time|in\s+total|overall|lifetime|since\s+(?:the\s+)?"
                       r"(?:start|beginning)(?!\s+of\s+(?!(?:the\s+)?(?:data|records|business|shop|store|time)\b))|all\s+(?:my|our|the)\s+data|"
                       r"whole\s+history)\b", re.I)
_FUTURE = re.compile(rf"\b(?:next|coming|upcoming|following)\s+(?:{_NUM}\s+)?(?:days?|weeks?|fortnights?|months?|"
                     r"quarters?|years?)\b|\btomorrow\b"
                     # "the rest of the year": the days left in it (the forecast's horizon, ``router._REST_OF``)
                     r"|\b(?:rest|remainder|balance)\s+of\s+(?:the\s+|this\s+)?(?:month|quarter|year)\b"
                     r"|\b(?:through|until|till|to|by)\s+(?:the\s+)?(?:(?:year|quarter|month)[-\s]end|end\s+of\s+(?:the\s+|this\s+)?"
                     r"(?:year|quarter|month))\b", re.I)
_WEEKDAY = re.compile(r"\b(?:on\s+|every\s+|each\s+)?(mon|tues|wednes|thurs|fri|satur|sun)days\b|\b(?:every|each|per|"
                      r"on\s+an?|(?:an?\s+)?(?:average|avg|typical|mean))\s+(mon|tues|wednes|thurs|fri|satur|sun)day\b"
                      # "Saturday vs Sunday revenue": each of the two days set against each other
                      r"|\b(mon|tues|wednes|thurs|fri|satur|sun)days?\s+(?:vs\.?|versus|or|against|compared\s+"
                      r"(?:to|with))\s+(mon|tues|wednes|thurs|fri|satur|sun)days?\b"
                      r"|\b(?:on\s+|at\s+|over\s+)?(?:the\s+)?(weekends?|weekdays)\b", re.I)

#: "the second half of October", "the last fortnight of last month": part of that month, not a half-year or 14 days.
_NOT_OF_MONTH = (rf"(?!\s+(?:of|in)\s+(?:the\s+month\s+of\s+)?(?:{_MONTH_ALT}|may|(?:last|this|the\s+previous|"
                 rf"previous|the\s+current)\s+month)\b)")
#: "the last month of the quarter", "the last week of Q3", "the last month of 2025": part of that period, not
#: last month.
_NOT_OF_PERIOD = (rf"(?!\s+(?:of|in)\s+(?:the\s+)?(?:month|quarter|year|q[1-4]|h[12]|{_YEAR}|(?:last|this|previous|"
                  rf"prior|current)\s+(?:month|quarter|year))\b)")

#: The named shopping days :func:`holiday` dates ("Black Friday", "Christmas Eve", "Mother's Day", ...).
HOLIDAY_NAMES = (r"black\s+friday|cyber\s+monday|christmas\s+eve|christmas(?:\s+day)?|boxing\s+day|"
                 r"new\s+year'?s?\s+(?:day|eve)|valentine'?s?\s+day|halloween|mother'?s'?\s+day|father'?s'?\s+day|"
                 r"thanksgiving|easter(?:\s+(?:sunday|monday))?|good\s+friday|"
                 r"(?:st\.?|saint)\s+patrick'?s?\s+day|paddy'?s\s+day|singles'?\s+day|"
                 r"small\s+business\s+saturday|independence\s+day|fourth\s+of\s+july|labou?r\s+day|memorial\s+day")
_ATOMS: list[tuple[str, re.Pattern[str]]] = [
    # numeric dates: "11/27/2026" (US), "27/11/2026", "27.11.2026" (day first), "2026/11/27"; an ambiguous
    # "03/04/2026" is read month first
    ("numeric_day", re.compile(rf"(?<![\w/.-])(\d{{1,2}})([/.])(\d{{1,2}})\2({_YEAR}|\d{{2}})(?![\w/.]|-\d)"
                               rf"|(?<![\w/.-])({_YEAR})/(\d{{1,2}})/(\d{{1,2}})(?![\w/.])")),
    # "3/15", "10/1-10/7" (month first), "31/10" (a first number above 12 is the day), "15.03." (a dot: day first,
    # closed by a dot so that an amount such as 15.03 stays one): that day of the latest year that has had it
    # (not a fraction, "1/2 of them", nor "24/7")
    ("numeric_day_yearless", re.compile(r"(?<![\w/.$£€])(?!24/7\b)(\d{1,2})/(\d{1,2})(?![\w/%]|[.,]\d|\s+of\b)"
                                        r"|(?<![\w/.$£€])(\d{1,2})\.(\d{1,2})\.(?![\w/%]|\d)")),
    # "03/2026", "3.2026", "2026/03": a month
    ("numeric_month", re.compile(rf"(?<![\w/.-])(0?[1-9]|1[0-2])[/.]({_YEAR})(?![\w/.])"
                                 rf"|(?<![\w/.-])({_YEAR})/(0?[1-9]|1[0-2])(?![\w/.])")),
    # ISO and calendar weeks: "week 12", "week 12 of 2026", "wk 12", "CW 47", "W47 2026", "2026-W20"
    ("iso_week", re.compile(rf"\b(?:(?:calendar|iso)\s+)?(?:week|wk|cw|kw)\s*(?:no\.?\s*|number\s+|#\s*)?"
                            rf"(\d{{1,2}})\b(?!\s*(?:%|days?|weeks?|months?|units?|items?|orders?|of\s+(?:the\s+)?"
                            rf"(?:{_MONTH_ALT}|may)\b))(?:\s*(?:of\s+|in\s+|,\s*|/\s*)?({_YEAR})\b)?"
                            rf"|\bw(\d{{1,2}})\b(?:\s*(?:of\s+|in\s+|,\s*|/\s*)?({_YEAR})\b)?"
                            rf"|\b({_YEAR})[-\s]?w(\d{{1,2}})\b", re.I)),
    # "on the 1st", "for the 15th": that day of the latest month that has had it
    # "since the 1st": from that day to the as-of date (the "since" rule below)
    ("month_day_only", re.compile(r"(?:\b(?:on|for)\s+|(?<=since\s))the\s+((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b"
                                  r"(?=\s*(?:$|[?.!,;:]|(?:vs\.?|versus|compared|against|last|this|so|please|pls)\b))",
                                  re.I)),
    # named days before the months ("the fourth of July" is a day, not July)
    ("holiday", re.compile(rf"\b({HOLIDAY_NAMES})\b(?:\s+(?:of\s+|in\s+)?({_YEAR})\b)?", re.I)),
    # "between 1st and 15th November", "from the 3rd to the 10th of March 2025", "1-15 Nov"
    ("day_span", re.compile(rf"\b(?:(?:between|from)\s+(?:the\s+)?)?({_DAY})\s*(?:and|to|until|till|through|thru|-|–)"
                            rf"\s*(?:the\s+)?({_DAY})\s+(?:of\s+)?({_MONTH})\b\.?(?:,?\s+({_YEAR})\b)?", re.I)),
    # "between March 3rd and the 10th", "from Mar 3 to 10", "march 3-10, 2025": the month said first, once
    ("month_day_span", re.compile(rf"\b(?:(?:between|from)\s+)?({_MONTH})\.?\s+(?:the\s+)?({_DAY})\s*(?:and|to|until|"
                                  rf"till|through|thru|-|–)\s*(?:the\s+)?({_DAY})\b"
                                  rf"(?!\s*(?:%|days?|weeks?|months?|units?|items?|orders?|of\b|{_MONTH}))"
                                  rf"(?:,?\s+({_YEAR})\b)?", re.I)),
    ("iso_day", re.compile(rf"(?<![-_/#])\b({_YEAR})-(\d{{1,2}})-(\d{{1,2}})\b")),
    ("iso_month", re.compile(rf"(?<![-_/#])\b({_YEAR})-(\d{{1,2}})\b(?!-)")),
    ("day_month", re.compile(rf"\b({_DAY})\s+(?:of\s+)?({_MONTH})\b\.?(?:,?\s+({_YEAR})\b)?", re.I)),
    ("month_day", re.compile(rf"\b({_MONTH})\.?\s+({_DAY})\b(?!\s*(?:%|days?|weeks?|months?|units?|items?))"
                             rf"(?:,?\s+({_YEAR})\b)?", re.I)),
    ("quarter", re.compile(rf"\bq([1-4])\b(?:\s*(?:of\s+|in\s+|,\s*|/\s*|-\s*(?=\d|'))?('?\d{{2}}\b|{_YEAR}\b))?"
                           rf"|\b({_YEAR})[\s-]*q([1-4])\b"
                           rf"|\b(first|second|third|fourth|1st|2nd|3rd|4th|final|last(?=\s+quarter\s+(?:of|in)\s+(?:the\s+year|this\s+year|last\s+year|the\s+previous\s+year|"
                           rf"{_YEAR}\b|fy)))"
                           rf"\s+quarter\b"
                           rf"(?:\s+(?:of\s+|in\s+)?({_YEAR})\b)?", re.I)),
    ("half", re.compile(rf"\bh([12])\b(?:\s*(?:of\s+)?({_YEAR})\b)?|\b(first|second|1st|2nd)\s+half\b{_NOT_OF_MONTH}"
                        rf"(?:\s+(?:of\s+|in\s+)?(?:the\s+year\s+)?({_YEAR})\b)?|\b([12])h\s*({_YEAR})\b", re.I)),
    # "Nov-2025", "nov/2025" (report columns): a separator between the month and its year ("Dec-24" may be
    # a day: two digits stay out)
    ("month", re.compile(rf"\b({_MONTH})\b\.?(?:\s*(?:of\s+|,\s*)?('\d{{2}}\b|{_YEAR}\b)|[-/]({_YEAR}\b))?",
                         re.I)),
    ("to_date", re.compile(r"\b(?:(year|month|quarter|week)[-\s]+to[-\s]+date|(y|m|q|w)td"
                           r"|so\s+far\s+this\s+(year|month|quarter|week)|this\s+(year|month|quarter|week)"
                           r"(?:\s+so\s+far)?|(year|month|quarter)\s+so\s+far|the\s+current\s+(year|month|quarter"
                           r"|week))\b", re.I)),
    # "trailing twelve months", "rolling 3 months", "12-month rolling", "a 90 day window"
    ("rolling", re.compile(rf"\b(?:in\s+|over\s+|during\s+|for\s+)?(?:the\s+)?(?:last|past|previous|trailing|recent|"
                           rf"rolling)\s+{_NUM}\s+{_UNIT}\b{_NOT_OF_MONTH}{_NOT_OF_PERIOD}|\b(?:in\s+|over\s+|during\s+)?(?:the\s+)?(?:past|"
                           rf"trailing)\s+(week|month|quarter|year)\b|\b(\d{{1,3}})[-\s]+{_UNIT}\s+(?:window|period|"
                           rf"rolling|trailing)\b"
                           # "in the last year", "over the last year": the 12 months to date, as "the past year" (what
                           # analytics tools mean); "last year" alone stays the calendar year before
                           rf"|\b(?:in|over|during|within|across|throughout|for)\s+the\s+last\s+(year)\b{_NOT_OF_PERIOD}",
                           re.I)),
    # "what's selling well right now": the recent run of sales, not all the data (30 days, as shop dashboards show)
    ("now", re.compile(r"\b(?:right\s+now|at\s+the\s+moment|currently|these\s+days|at\s+present|nowadays)\b",
                       re.I)),
    ("before_last", re.compile(r"\b(?:the\s+)?(week|month|quarter|year)\s+before\s+last\b", re.I)),
    ("fortnight", re.compile(rf"\b(?:in\s+|over\s+|during\s+|for\s+)?(?:the\s+)?(?:last|past|previous|trailing|"
                             rf"recent)\s+fortnight\b{_NOT_OF_MONTH}|\ba\s+fortnight\b"
                             # "takings for the fortnight", "this fortnight": the fortnight just run, to date
                             rf"|\b(?:(?:for|over|in|during)\s+the|this)\s+fortnight\b{_NOT_OF_MONTH}"
                             # not "the fortnight before Christmas" (the 14 days before that day)
                             r"(?!\s+(?:before|after|leading|ahead|prior|running|following|up|to|until|till|of|in)\b)",
                             re.I)),
    ("last_full", re.compile(rf"\b(?:in\s+|over\s+|during\s+|for\s+)?(?:the\s+)?(?:last|past|previous|prior)\s+"
                             rf"{_NUM}\s+(?:full|complete|whole|entire|calendar|closed)\s+{_UNIT}\b", re.I)),
    # "last week of last month" is part of that month (below), not last week; "the month just gone" is last month
    ("last", re.compile(r"\b(?:last|previous|prior)\s+(?:full\s+|complete\s+|whole\s+|entire\s+|calendar\s+|"
                        rf"closed\s+)?(week|month|quarter|year)\b{_NOT_OF_MONTH}{_NOT_OF_PERIOD}"
                        r"|\b(?:the\s+)?(week|month|quarter|year)\s+(?:that\s+(?:has\s+)?)?just\s+(?:gone|passed|"
                        r"ended|finished|been)\b"
                        # "in the month gone by" (Irish and Indian English): the last complete one
                        r"|\b(?:the\s+)?(week|month|quarter|year)\s+(?:that(?:\s+has|'s|’s)?\s+)?gone\s+by\b",
                        re.I)),
    # "this arvo", "this morning", "tonight": today (the data's latest day; sales carry no time of day)
    ("day_word", re.compile(r"\b(yesterday|today|tonight|this\s+(?:morning|arvo|afternoon|evening)|the\s+arvo|"
                            r"the\s+(?:latest|last)\s+day)\b", re.I)),
    ("hours", re.compile(r"\b(?:in\s+|over\s+|during\s+)?(?:the\s+)?(?:last|past|previous)\s+(\d{1,3})\s+hours?\b",
                         re.I)),
    ("ago", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b|\ba\s+(day|week|month|quarter|year)\s+ago\b", re.I)),
    # "since Monday": from the latest Monday (the "since" rule below)
    ("named_weekday", re.compile(r"\b(?:(last|this|on|past|previous)\s+|(?<=since\s))(monday|tuesday|wednesday|"
                                 r"thursday|friday|saturday|sunday)\b(?!s)", re.I)),
    ("season", re.compile(rf"\b(?:the\s+)?(?:(last|previous|past|this)\s+)?(spring|summer|autumn|winter)\b"
                          rf"(?:\s+(?:of\s+|in\s+)?({_YEAR})\b)?", re.I)),
    ("year", re.compile(rf"(?<![-_/#.])\b(?:fy\s?)?({_YEAR})\b(?![-_/.]\w)|\bfy\s?'?(\d{{2}})\b", re.I)),
    # "the last month of the quarter", "the first week of the year": the period the as-of date is in (a part of it is
    # read by ``_weeks_of``); only after such a part, so that "the month" alone stays no period
    ("the_unit", re.compile(r"(?<=\bof\s)the\s+(month|quarter|year)\b", re.I)),
]
#: What "right now" and "currently" span in a question about sales.
RECENT_DAYS = 30
#: Meteorological seasons (northern hemisphere): first month and length; winter runs December-February.
_SEASONS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_NAMED_UNIT: dict[str, Unit] = {"y": "year", "m": "month", "q": "quarter", "w": "week", "year": "year",
                                 "month": "month", "quarter": "quarter", "week": "week", "day": "day"}


def _year2(token: str | None) -> int | None:
    if not token:
        return None
    token = token.lstrip("'")
    return 2000 + int(token) if len(token) == 2 else int(token)


def _latest_year(as_of: date, start_month: int, start_day: int = 1) -> int:
    """The year in which (month, day) most recently started on or before ``as_of``."""
    return as_of.year if (start_month, start_day) <= (as_of.month, as_of.day) else as_of.year - 1


def _num(token: str) -> int:
    token = " ".join(token.lower().replace("-", " ").split())
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    if token.endswith("hundred"):
        return 100
    if token in _TEENS:
        return _TEENS[token]
    tens, _, ones = token.partition(" ")
    if tens in _TENS:  # "forty-five": the tens, then the ones
        return _TENS[tens] + (_NUMBER_WORDS[ones] if ones else 0)
    return int(token)


def _atom(kind: str, m: re.Match[str], as_of: date) -> _Atom | None:  # noqa: C901 - one branch per grammar rule
    span = m.span()
    g = m.groups()
    if kind == "numeric_day":
        if g[4]:
            yr, mo, dd = int(g[4]), int(g[5]), int(g[6])
        else:
            a, b, yr = int(g[0]), int(g[2]), _year2(g[3]) or 0
            # a dot is day-first (27.11.2026); a slash is month-first unless the first number cannot be a month
            mo, dd = (b, a) if g[1] == "." or a > 12 else (a, b)
        try:
            one = date(yr, mo, dd)
        except ValueError:
            return None
        return _Atom(span, one, one, "")
    if kind == "numeric_day_yearless":
        a, b = int(g[0] or g[2]), int(g[1] or g[3])
        mo, dd = (b, a) if g[2] or a > 12 else (a, b)
        if not 1 <= mo <= 12 or not 1 <= dd <= month_length(2024, mo):
            return None
        d = _safe_date(_latest_year(as_of, mo, dd), mo, dd)
        return _Atom(span, d, d, "", False, month=mo, day=dd)
    if kind == "numeric_month":
        yr, mo = (int(g[1]), int(g[0])) if g[0] else (int(g[2]), int(g[3]))
        first_day, last_day = month_range(yr, mo)
        return _Atom(span, first_day, last_day, f"{MONTH_NAMES[mo - 1]} {yr}")
    if kind == "iso_week":
        n = int(g[0] or g[2] or g[5])
        named = g[1] or g[3] or g[4]
        try:
            if named:
                monday = date.fromisocalendar(int(named), n, 1)
            else:  # the latest week N that has started by the as-of date
                monday = date.fromisocalendar(as_of.isocalendar()[0], n, 1)
                if monday > as_of:
                    monday = date.fromisocalendar(as_of.isocalendar()[0] - 1, n, 1)
        except ValueError:
            return None
        return _Atom(span, monday, monday + timedelta(days=6), f"week {n} of {monday.isocalendar()[0]}",
                     named is not None)
    if kind == "month_day_only":
        dd = int(re.sub(r"\D", "", g[0]))
        back = as_of.replace(day=1)
        for _ in range(3):  # the latest month that has had that day, on or before the as-of date
            if dd <= month_length(back.year, back.month) and date(back.year, back.month, dd) <= as_of:
                one = date(back.year, back.month, dd)
                return _Atom(span, one, one, "", relative=True)
            back = add_months(back, -1)
        return None
    if kind == "iso_day":
        try:
            d = date(int(g[0]), int(g[1]), int(g[2]))
        except ValueError:
            return None
        return _Atom(span, d, d, "")
    if kind == "iso_month":
        if not 1 <= int(g[1]) <= 12:
            return None
        s, e = month_range(int(g[0]), int(g[1]))
        return _Atom(span, s, e, f"{MONTH_NAMES[s.month - 1]} {s.year}")
    if kind in ("day_month", "month_day"):
        day_tok, month_tok = (g[0], g[1]) if kind == "day_month" else (g[1], g[0])
        month = MONTHS[month_tok.lower()]
        day = int(re.sub(r"\D", "", day_tok))
        year = _year2(g[2])
        if day > month_length(year or 2024, month):
            return None
        explicit = year is not None
        year = year if year is not None else _latest_year(as_of, month, day)
        d = _safe_date(year, month, day)
        return _Atom(span, d, d, "", explicit, month=month, day=day)
    if kind == "quarter":
        if g[0]:
            q, year = int(g[0]), _year2(g[1])
        elif g[3]:
            q, year = int(g[3]), int(g[2])
        else:
            q, year = _ORDINAL_Q[g[4].lower()], _year2(g[5])
        explicit = year is not None
        year = year if year is not None else _latest_year(as_of, 3 * (q - 1) + 1)
        s, e = quarter_range(year, q)
        return _Atom(span, s, e, f"Q{q} {year}", explicit, quarter=q)
    if kind == "half":
        h = int(g[0] or g[4]) if (g[0] or g[4]) else (1 if g[2].lower() in ("first", "1st") else 2)
        year = _year2(g[1] or g[3] or g[5])
        explicit = year is not None
        year = year if year is not None else _latest_year(as_of, 1 if h == 1 else 7)
        s, e = (date(year, 1, 1), date(year, 6, 30)) if h == 1 else (date(year, 7, 1), date(year, 12, 31))
        return _Atom(span, s, e, f"H{h} {year}", explicit, half=h)
    if kind == "month":
        month = MONTHS[g[0].lower()]
        year = _year2(g[1] or g[2])
        explicit = year is not None
        year = year if year is not None else _latest_year(as_of, month)
        s, e = month_range(year, month)
        return _Atom(span, s, e, f"{MONTH_NAMES[month - 1]} {year}", explicit, month=month)
    if kind == "the_unit":
        if not _PART_BEFORE.search(m.string[:span[0]]):
            return None
        whole = _NAMED_UNIT[g[0].lower()]
        s, e = period_containing(as_of, whole)
        name = {"year": f"{s.year}", "month": f"{MONTH_NAMES[s.month - 1]} {s.year}",
                "quarter": f"Q{(s.month - 1) // 3 + 1} {s.year}"}[whole]
        return _Atom(span, s, e, name, relative=True)
    if kind == "to_date":
        word = next(x for x in g if x)
        unit: Unit = _NAMED_UNIT[word.lower()]
        s, _ = period_containing(as_of, unit)
        name = {"year": f"{as_of.year} to date", "month": f"{MONTH_NAMES[as_of.month - 1]} {as_of.year} to date",
                "quarter": f"Q{(as_of.month - 1) // 3 + 1} {as_of.year} to date", "week": "this week to date"}[unit]
        if as_of == period_containing(as_of, unit)[1]:  # on its last day the period is whole, not "to date"
            name = name.removesuffix(" to date")
        return _Atom(span, s, as_of, name, relative=True)
    if kind == "rolling":
        if g[0]:
            n, unit = _num(g[0]), _NAMED_UNIT[g[1].lower()]
        elif g[2] or g[5]:
            n, unit = 1, _NAMED_UNIT[(g[2] or g[5]).lower()]
        else:
            n, unit = int(g[3]), _NAMED_UNIT[g[4].lower()]
        if n < 1 or n > 3660:
            return None
        s, e = rolling(as_of, n, unit)
        name = f"the last {n} {unit}s" if n > 1 else f"the past {unit}"
        return _Atom(span, s, e, name, relative=True)
    if kind == "last":
        unit = _NAMED_UNIT[(g[0] or g[1] or g[2]).lower()]
        s, e = last_complete(as_of, unit)
        names = {"month": f"{MONTH_NAMES[s.month - 1]} {s.year}", "quarter": f"Q{(s.month - 1) // 3 + 1} {s.year}",
                 "year": str(s.year), "week": "last week"}
        return _Atom(span, s, e, names[unit], relative=True)
    if kind == "before_last":  # "the week before last": the whole period before the last complete one
        unit = _NAMED_UNIT[g[0].lower()]
        s, _ = last_complete(as_of, unit)
        s, e = period_containing(s - timedelta(days=1), unit)
        names = {"month": f"{MONTH_NAMES[s.month - 1]} {s.year}", "quarter": f"Q{(s.month - 1) // 3 + 1} {s.year}",
                 "year": str(s.year), "week": "the week before last"}
        return _Atom(span, s, e, names[unit], relative=True)
    if kind == "last_full":  # "the last 3 full months": three whole months, the latest complete one last
        n, unit = _num(g[0]), _NAMED_UNIT[g[1].lower()]
        if n < 1 or n > 120:
            return None
        s, e = last_complete(as_of, unit)
        for _ in range(n - 1):
            s, _ = period_containing(s - timedelta(days=1), unit)
        return _Atom(span, s, e, f"the last {n} full {unit}s", relative=True)
    if kind in ("day_span", "month_day_span"):
        if kind == "month_day_span":  # the month said first ("March 3rd and the 10th"): as "3rd and 10th March"
            g = (g[1], g[2], g[0], g[3])
        first, last = int(re.sub(r"\D", "", g[0])), int(re.sub(r"\D", "", g[1]))
        month, year = MONTHS[g[2].lower()], _year2(g[3])
        if not 1 <= first <= last <= month_length(year or 2024, month):
            return None
        explicit = year is not None
        year = year if year is not None else _latest_year(as_of, month, first)
        s, e = _safe_date(year, month, first), _safe_date(year, month, last)
        return _Atom(span, s, e, "", explicit, month=month)
    if kind == "hours":  # "the last 48 hours": the days they cover, ending on the as-of date
        days = max(1, -(-int(g[0]) // 24))
        s, e = rolling(as_of, days, "day")
        return _Atom(span, s, e, f"the last {g[0]} hours", relative=True)
    if kind == "ago":  # "3 days ago": that day; "2 weeks ago", "a month ago": whole calendar periods counted back
        n, unit = (_num(g[0]), _NAMED_UNIT[g[1].lower()]) if g[0] else (1, _NAMED_UNIT[g[2].lower()])
        if n < 1 or n > 3660:
            return None
        if unit == "day":
            d = as_of - timedelta(days=n)
            return _Atom(span, d, d, f"{n} day{'s' if n > 1 else ''} ago", relative=True)
        # counted from "last week (month ...)", the latest complete one, so "a week ago" is last week and "2 weeks
        # ago" the week before last even when the data end on a Sunday and last week is the week ending that day
        s, e = last_complete(as_of, unit)
        for _ in range(n - 1):
            s, e = period_containing(s - timedelta(days=1), unit)
        return _Atom(span, s, e, f"{'a' if n == 1 else n} {unit}{'s' if n > 1 else ''} ago", relative=True)
    if kind == "named_weekday":  # "last Tuesday", "on Monday": the latest such day before the as-of date's own
        which, day = (g[0] or "").lower(), WEEKDAYS.index(g[1].capitalize())
        days_back = (as_of.weekday() - day) % 7
        # "on Friday" when the data ends on a Friday: the whole one before (an export's last day may be cut short);
        # the answer says which date it used and that the data's last day is one too (``weekday_note``)
        if days_back == 0 and which in ("last", "past", "previous", "on"):
            days_back = 7
        d = as_of - timedelta(days=days_back)
        return _Atom(span, d, d, f"{'last ' if which in ('last', 'past', 'previous') else ''}{WEEKDAYS[day]}",
                     relative=True)
    if kind == "now":
        s, e = rolling(as_of, RECENT_DAYS, "day")
        return _Atom(span, s, e, f"the last {RECENT_DAYS} days", relative=True)
    if kind == "fortnight":
        s, e = rolling(as_of, 14, "day")
        return _Atom(span, s, e, "the last 14 days", relative=True)
    if kind == "day_word":
        return _Atom(span, as_of, as_of, "the latest day in your data", relative=True)
    if kind == "holiday":
        name = " ".join(g[0].lower().replace("'", "").split()).replace("mothers", "mother's").replace(
            "fathers", "father's")
        name = _HOLIDAY_ALIASES.get(name, name)
        explicit = g[1] is not None
        year = int(g[1]) if g[1] else as_of.year
        d = holiday(name, year)
        if not explicit and d > as_of:
            d = holiday(name, year - 1)
        return _Atom(span, d, d, " ".join(w.capitalize() for w in name.split()) + f" {d.year}", explicit,
                     holiday=name, shopping_day=(name, d))
    if kind == "season":  # "the summer", "last winter", "spring 2025": the latest one started, or as named
        which, season, named = (g[0] or "").lower(), g[1].lower(), g[2]
        first = _SEASONS[season]
        year = int(named) if named else _latest_year(as_of, first)
        if not named and which in ("last", "previous", "past") and \
                month_range(*divmod_month(year, first + 2))[1] > as_of:
            year -= 1  # "last winter": the latest complete one
        s = date(year, first, 1)
        e = month_range(*divmod_month(year, first + 2))[1]
        return _Atom(span, s, e, f"{season} {year}" if first != 12 else f"winter {year}-{str(year + 1)[2:]}",
                     named is not None)
    if kind == "year":
        year = int(g[0]) if g[0] else 2000 + int(g[1])
        return _Atom(span, date(year, 1, 1), date(year, 12, 31), str(year))
    return None


def divmod_month(year: int, month: int) -> tuple[int, int]:
    """(year, month) of a month number that may run past December (14 -> February of the next year)."""
    return year + (month - 1) // 12, (month - 1) % 12 + 1


#: Other spellings of a named day, as :func:`holiday` names it.
_HOLIDAY_ALIASES = {"st patricks day": "st patrick's day", "st. patricks day": "st patrick's day",
                    "saint patricks day": "st patrick's day", "st patrick day": "st patrick's day",
                    "paddys day": "st patrick's day", "singles day": "singles' day",
                    "fourth of july": "independence day", "labour day": "labor day"}


def holiday(name: str, year: int) -> date:
    """The date of a named shopping day in ``year`` (Black Friday: the day after the fourth Thursday of November).

    Labor Day and Memorial Day are the US ones (the first Monday of September, the last Monday of May).
    """
    if name in ("black friday", "cyber monday", "small business saturday"):
        nov1 = date(year, 11, 1)
        thanksgiving = nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21)
        return thanksgiving + timedelta(days={"black friday": 1, "small business saturday": 2}.get(name, 4))
    if name == "labor day":
        sep1 = date(year, 9, 1)
        return sep1 + timedelta(days=(0 - sep1.weekday()) % 7)
    if name == "memorial day":
        may31 = date(year, 5, 31)
        return may31 - timedelta(days=may31.weekday())
    if name.startswith(("mother", "father")):  # the US dates: second Sunday of May, third Sunday of June
        first = date(year, 5 if name.startswith("mother") else 6, 1)
        sunday = first + timedelta(days=(6 - first.weekday()) % 7)
        return sunday + timedelta(days=7 if name.startswith("mother") else 14)
    if name == "thanksgiving":
        nov1 = date(year, 11, 1)
        return nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21)
    if name.startswith(("easter", "good friday")):
        sunday = easter_sunday(year)
        return sunday + timedelta(days=1 if name == "easter monday" else -2 if name == "good friday" else 0)
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
             "halloween": (10, 31), "st patrick's day": (3, 17), "singles' day": (11, 11), "independence day": (7, 4)}
    if name in fixed:
        return date(year, *fixed[name])
    if name.startswith("new year"):
        return date(year, 12, 31) if name.endswith("eve") else date(year, 1, 1)
    return date(year, 2, 14)  # valentine's day


def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` in the Gregorian calendar (the anonymous computus, as most of the West keeps it)."""
    a, b, c = year % 19, year // 100, year % 100
    h = (19 * a + b - b // 4 - (b - (b + 8) // 25 + 1) // 3 + 15) % 30
    k = (32 + 2 * (b % 4) + 2 * (c // 4) - h - c % 4) % 7
    m = (a + 11 * h + 22 * k) // 451
    month, day = divmod(h + k - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _find_atoms(text: str, as_of: date, taken: list[tuple[int, int]]) -> list[_Atom]:
    atoms: list[_Atom] = []
    for kind, rx in _ATOMS:
        for m in rx.finditer(text):
            if _overlaps(m.span(), taken):
                continue
            atom = _atom(kind, m, as_of)
            if atom is None:
                continue
            atoms.append(atom)
            taken.append(m.span())
    return sorted(atoms, key=lambda a: a.span[0])


def _anchor(a: _Atom, b: _Atom) -> tuple[_Atom, _Atom]:
    """Give the yearless end of a range the other end's year (the start before the end)."""
    if a.year_explicit and not b.year_explicit and not b.relative:
        b2 = b.with_year(a.start.year)
        if b2.end < a.start:
            b2 = b.with_year(a.start.year + 1)
        return a, b2
    if b.year_explicit and not a.year_explicit and not a.relative:
        a2 = a.with_year(b.end.year)
        if a2.start > b.end:
            a2 = a.with_year(b.end.year - 1)
        return a2, b
    if not a.year_explicit and not b.year_explicit and a.start > b.end and not a.relative:
        return a.with_year(a.start.year - 1), b
    return a, b


def _join(text: str, atoms: list[_Atom], as_of: date) -> list[_Atom]:
    """Combine ``between X and Y`` / ``X to Y`` into one atom and ``since X`` into X..as_of."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        before = text[:a.span[0]]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            gap = text[a.span[1]:b.span[0]]
            joined = _RANGE_JOIN.match(gap) and (_RANGE_OPEN.search(before) or not gap.strip().lower() == "and")
            if joined:
                a, b = _anchor(a, b)
                if b.end >= a.start:
                    out.append(_Atom((a.span[0], b.span[1]), a.start, b.end, ""))
                    i += 2
                    continue
        if _BEFORE_AND_AFTER.search(before[-60:]) and not a.relative and \
                (pair := _before_and_after(a, as_of)) is not None:
            out.extend(pair)  # "rating before and after June": both sides, compared by the caller
        elif (side := _AFTER_BEFORE.search(before[-40:])) is not None and not a.relative and \
                (moved := _after_or_before(a, side.group(1) is not None, as_of)) is not None:
            out.append(moved)
        elif (_SINCE.search(before[-24:]) or _SINCE_EVENT.search(before[-70:])) and not _WEEK_OF.search(before[-30:]):
            out.append(_Atom(a.span, a.start, max(a.start, as_of), f"since {a.name or fmt_day(a.start)}"))
        else:
            out.append(a)
        i += 1
    return out


#: "after March", "since after March", "before Q2", "prior to June": the days after (before) the period named.
_AFTER_BEFORE = re.compile(r"\b(?:(after)|(before|prior\s+to))\s+(?:the\s+end\s+of\s+|the\s+start\s+of\s+)?"
                           r"(?:the\s+month\s+of\s+)?$", re.I)


def _after_or_before(a: _Atom, after: bool, as_of: date) -> _Atom | None:
    """The days after ``a`` to the as-of date, or from the start of its year to the day before it.

    "Sales after March" is April onwards to the data's end (it was read as March itself); "before March" is
    1 January to the end of February of the year the reading picks. A yearless period whose after is still to
    come ("after March" in March) is last year's. "Before" a single day or a holiday is left as the day.
    """
    if after:
        if a.end >= as_of and not a.year_explicit:
            a = a.with_year(a.start.year - 1)
        start = a.end + timedelta(days=1)
        if start > as_of:
            return None
        return _Atom(a.span, start, as_of, f"after {a.name or fmt_day(a.end)}")
    if a.start == a.end or a.holiday is not None or a.start.month == 1 and a.start.day == 1:
        return None  # "before Christmas" is not the year to 24 Dec; nothing of the year comes before January
    return _Atom(a.span, date(a.start.year, 1, 1), a.start - timedelta(days=1), f"before {a.name}")


#: "before and after June", "before vs after the start of March": both sides of the period, compared.
_BEFORE_AND_AFTER = re.compile(r"\bbefore\s+(?:and|vs\.?|versus|&|or|compared\s+(?:to|with))\s+after\s+"
                               r"(?:the\s+end\s+of\s+|the\s+start\s+of\s+)?(?:the\s+month\s+of\s+)?$", re.I)


_BEFORE_AND_AFTER_SAID = re.compile(_BEFORE_AND_AFTER.pattern.rstrip("$"), re.I)


def _before_and_after(a: _Atom, as_of: date) -> tuple[_Atom, _Atom] | None:
    """The days after ``a`` (as "after June") and those before it (as "before June"), or ``None``.

    Each side is read as the question would read it alone: after is the day after ``a`` to the as-of date, before
    is 1 January of ``a``'s year to the day before it (all of the year before when ``a`` starts the year).
    """
    after = _after_or_before(a, True, as_of)
    if after is None:
        return None
    first = after.start - timedelta(days=1)  # the period's own last day, moved back a year if "after" needed it
    start = first - (a.end - a.start)
    year_start = date(start.year, 1, 1) if (start.month, start.day) != (1, 1) else date(start.year - 1, 1, 1)
    before = _Atom(a.span, year_start, start - timedelta(days=1), f"before {a.name or fmt_day(start)}")
    return after, before


_WEEK_OF = re.compile(r"\bweek\s+(of|starting|beginning|commencing|from|ending|ended|to)\s+(?:the\s+|on\s+)?$",
                      re.I)
#: "Monday thru Wednesday last week": those days of the week named (read as the whole week before).
_WEEKDAY_SPAN = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\s*(?:to|through|thru|until|till|-|–)\s*"
                           r"(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_WEEKDAY_STEMS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
_CHANGE_CUE = re.compile(r"\b(?:chang\w*|grow\w*|grew|growth|increas\w*|decreas\w*|difference|delta|compare\w*|"
                         r"declin\w*|drop\w*|r[io]se|fell)\b", re.I)


_YEAR_WORDS = re.compile(r"\s*,?\s*(?:of\s+|in\s+)?(?:(last|previous|prior)\s+year|(this|the\s+current)\s+year|"
                         r"(x)|(the\s+year\s+before\s+last)|(next|the\s+coming)\s+year)\b", re.I)


_YEARS_OF = re.compile(r"\b(?:(last|previous|prior)\s+year|(this|the\s+current)\s+year|(the\s+year\s+before\s+"
                       r"last))'s?\s+$", re.I)


def _anchor_relative_years(text: str, atoms: list[_Atom], as_of: date) -> list[_Atom]:
    """A yearless month, quarter, half, day or holiday beside "last year" or "this year", moved to that year.

    The year may follow ("November last year") or come first ("last year's Black Friday").
    """
    out: list[_Atom] = []
    skip: set[int] = set()
    for i, a in enumerate(atoms):
        if i in skip:
            continue
        before = _YEARS_OF.search(text[:a.span[0]])
        if before and not a.year_explicit and not a.relative:
            year = as_of.year - (2 if before.group(3) else 0 if before.group(2) else 1)
            moved = a.with_year(year)
            out = [b for b in out if not (b.span[0] >= before.start() and b.span[1] <= before.end())]
            out.append(_Atom((before.start(), a.span[1]), moved.start, moved.end, moved.name, True, month=a.month,
                             day=a.day, quarter=a.quarter, half=a.half, holiday=a.holiday,
                             shopping_day=moved.shopping_day))
            continue
        m = _YEAR_WORDS.match(text, a.span[1])
        if m and not a.year_explicit and not a.relative:
            year = as_of.year - (2 if m.group(4) else 0 if m.group(2) else -1 if m.group(5) else 1)
            moved = a.with_year(year)
            out.append(_Atom((a.span[0], m.end()), moved.start, moved.end, moved.name, True, month=a.month,
                             day=a.day, quarter=a.quarter, half=a.half, holiday=a.holiday,
                             shopping_day=moved.shopping_day))
            skip.update(j for j, b in enumerate(atoms) if j > i and b.span[0] < m.end())
            continue
        out.append(a)
    return out


#: The words between two periods compared ("H1 vs H2", "Q1 or Q2", "January compared with February").
_COMPARED_JOINT = re.compile(r"^\s*,?\s*(?:vs\.?|versus|v\.?|or|and|&|against|compared\s+(?:to|with)|over)\s+"
                             r"(?:the\s+)?$", re.I)


def _calendar_unit(a: _Atom) -> str | None:
    """Whether ``a`` is one whole calendar month, quarter or half (from its dates), else ``None``."""
    s, e = a.start, a.end
    if s.day != 1 or e != month_range(e.year, e.month)[1] or s.year != e.year:
        return None
    months = e.month - s.month + 1
    return {1: "month", 3: "quarter" if s.month % 3 == 1 else None,
            6: "half" if s.month in (1, 7) else None}.get(months)


def _share_the_year(text: str, atoms: list[_Atom], as_of: date) -> list[_Atom]:
    """A yearless month, quarter or half compared with one of the same unit whose year follows it, moved to that year.

    "Q1 vs Q2 of last year", "first half vs second half of last year", "H1 vs H2 2025": the year is said once for
    both. Before, the first was the latest one (this year's Q1 against last year's Q2). Not when that would put it
    after the as-of date.
    """
    out = list(atoms)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.year_explicit or a.relative or a.day is not None or a.holiday is not None or not b.year_explicit \
                or b.relative or a.span[1] > b.span[0] or not _COMPARED_JOINT.match(text[a.span[1]:b.span[0]]):
            continue
        unit = _calendar_unit(a)
        if unit is None or unit != _calendar_unit(b) or a.start.year == b.start.year:
            continue
        moved = a.with_year(b.start.year)
        if moved.start <= as_of:
            out[i] = moved
    return out


def _in_named_year(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """A yearless day, month or holiday and a year named apart: the day in that year, not the span between them.

    "Christmas week sales last year", "sales on Black Friday in 2024"; not when the two are compared or joined
    as a range.
    """
    years = [a for a in atoms if a.start.month == 1 and a.start.day == 1 and not a.holiday
             and (a.end == date(a.start.year, 12, 31) or a.name == f"{a.start.year} to date")]
    movable = [a for a in atoms if not a.year_explicit and not a.relative]
    if len(years) == 1 and len(movable) >= 2 and len(atoms) == len(movable) + 1:
        # "H1 vs H2 revenue last year", "last year, Q4 vs Q3": the named periods compared with each other, all in
        # the year said once beside them (no comparison word between them and the year)
        yr = years[0]
        ordered = sorted(movable, key=lambda a: a.span[0])
        gap = (text[ordered[-1].span[1]:yr.span[0]] if yr.span[0] >= ordered[-1].span[1]
               else text[yr.span[1]:ordered[0].span[0]] if yr.span[1] <= ordered[0].span[0] else None)
        if gap is not None and not _COMPARE_CUE.search(gap) and not _CHANGE_CUE.search(gap) \
                and _COMPARE_CUE.search(text[ordered[0].span[1]:ordered[-1].span[0]]):
            return [a.with_year(yr.start.year) for a in movable]
    if len(years) != 1 or not movable or len(atoms) != len(movable) + 1 or _COMPARE_CUE.search(text) \
            or _CHANGE_CUE.search(text) or _RANGE_OPEN.search(text[:min(a.span[0] for a in atoms)] + " "):
        return atoms
    year = years[0].start.year
    return [a.with_year(year) for a in movable]


#: A part of a period said before "of the month/quarter/year" ("the last month of", "the first 10 days of").
_PART_BEFORE = re.compile(r"\b(?:months?|weeks?|days|fortnight|half)\s+of\s+$", re.I)
#: "the first month of Q3", "the last month of the quarter", "the middle month of last quarter": that calendar month.
_NTH_MONTH = re.compile(r"\b(first|second|third|1st|2nd|3rd|middle|last|final|opening|closing)\s+month\s+(?:of|in)\s+"
                        r"$", re.I)
_NTH_MONTHS = {"first": 0, "1st": 0, "opening": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2}
_NTH_WEEK = re.compile(r"\b(first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s+week\s+(?:of|in)\s+"
                       r"(?:the\s+month\s+of\s+)?$", re.I)
_NTH_DAYS = {"first": 0, "1st": 0, "second": 7, "2nd": 7, "third": 14, "3rd": 14, "fourth": 21, "4th": 21}
#: "the first 10 days of November": the month's days 1-10.
_FIRST_DAYS = re.compile(r"\b(first|last|final|middle)\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|"
                         r"eleven|twelve|fifteen|twenty)\s+(days|weeks|months)\s+(?:of|in)\s+"
                         r"(?:the\s+month\s+of\s+)?$", re.I)
_DAY_COUNT = {**_NUMBER_WORDS, "fifteen": 15, "twenty": 20}
#: "the 25th of last month", "from the 1st to the 15th of this month": days of a month named relatively (an ordinal
#: day: "top 5 of last month" names no day).
_DAYS_OF = re.compile(r"\b(?:(?:on|for)\s+)?(?:(?:between|from)\s+)?(?:the\s+)?"
                      r"(?:((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\s*(?:and|to|until|till|through|thru|-|–)\s*"
                      r"(?:the\s+)?((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)|((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)))"
                      r"\s+(?:of|in)\s+(?:the\s+month\s+of\s+)?$", re.I)
_RANKED = re.compile(r"\b(?:top|bottom|best|worst|number|no\.?|#)\s*$", re.I)
#: "the first fortnight of November" (days 1-14), "the second half of the month of May" (days 16-31).
_NTH_HALF = re.compile(r"\b(first|second|last|final|latter|1st|2nd)\s+(fortnight|half)\s+(?:of|in)\s+"
                       r"(?:the\s+month\s+of\s+)?$", re.I)


#: "the 2 weeks before Christmas", "the week after Black Friday", "10 days leading up to Christmas".
_AROUND = re.compile(r"\b(?:the\s+)?(?:(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple\s+of|"
                     r"few)\s+)?(day|weekend|week|fortnight|month)s?\s+(before|leading\s+up\s+to|ahead\s+of|prior\s+to|"
                     r"running\s+up\s+to|in\s+the\s+run[- ]up\s+to|(?:up\s+)?to|until|till|after|following)\s+"
                     r"(?:the\s+)?$", re.I)
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "weekend": 7}


def _weekend_beside(day: date, before: bool, n: int = 1) -> tuple[date, date]:
    """The ``n``-th Saturday-Sunday before (after) ``day``, never the weekend ``day`` itself falls in.

    "The weekend before Easter" (a Sunday) is the one a week earlier; "the weekend after Black Friday" (a Friday)
    the next day's; "the 2 weekends before Christmas" both, as one span.
    """
    own = day - timedelta(days=day.weekday() - 5) if day.weekday() >= 5 else None  # the Saturday of its weekend
    if before:
        last_sat = (own - timedelta(days=7)) if own is not None else day - timedelta(days=day.weekday() + 2)
        return last_sat - timedelta(days=7 * (n - 1)), last_sat + timedelta(days=1)
    first_sat = (own + timedelta(days=7)) if own is not None else day + timedelta(days=5 - day.weekday())
    return first_sat, first_sat + timedelta(days=7 * (n - 1) + 1)
#: "Christmas week", "Black Friday weekend": the Monday-Sunday week (Saturday-Sunday weekend) of that day.
_DAY_WEEK = re.compile(r"\s+(week|weekend)\b", re.I)


#: "the 12 months to October", "the 3 months up to the end of September", "6 months ending March": that many
#: months ending with the named one.
_MONTHS_TO = re.compile(r"\b(?:the\s+)?(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                        r"months?\s+(?:to|up\s+to|ending(?:\s+in|\s+with)?|through|thru|until|till)\s+"
                        r"(?:the\s+end\s+of\s+)?(?:the\s+month\s+of\s+)?$", re.I)


def _one_month(a: _Atom) -> bool:
    """Whether ``a`` is one calendar month: named ("November") or relative ("last month", "this month")."""
    return a.start.day == 1 and (a.month is not None and a.day is None or (
        a.end.year, a.end.month) == (a.start.year, a.start.month) and a.holiday is None)


#: "last Sunday", "previous Friday": a weekday named as the latest one gone.
_NAMED_LAST = re.compile(r"\b(?:last|past|previous)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def _weeks_of(text: str, atoms: list[_Atom], as_of: date | None = None) -> list[_Atom]:
    """Days after "the week of" (the Monday-Sunday week containing them) or "the week starting" (from them).

    A month after "the first/second/.../last week of" is its days 1-7, 8-14, 15-21, 22-28 or its last 7 days.
    A day after "the N weeks before/after" is the N weeks (days) just before or after it; a day followed by
    "week" is its Monday-Sunday week.
    """
    out = []
    for a in atoms:
        lead = max(0, a.span[0] - 50)
        around = _AROUND.search(text[lead:a.span[0]]) if a.start == a.end else None
        own_week = _DAY_WEEK.match(text, a.span[1]) if a.start == a.end else None
        if around is not None and around.group(1) is None and around.group(3).lower().split()[-1] in (
                "to", "until", "till"):
            around = None  # "from New Year's Day to Valentine's Day": a range between two days, not a day before one
        if around is not None:
            token = (around.group(1) or "one").lower()
            n = (int(token) if token.isdigit() else _DAY_COUNT.get(token, _NUMBER_WORDS.get(token, 1)))
            unit = around.group(2).lower()
            days = 30 * n if unit == "month" else n * _UNIT_DAYS[unit]
            before = not around.group(3).lower().startswith(("after", "following"))
            start, end = (a.start - timedelta(days=days), a.start - timedelta(days=1)) if before else (
                a.start + timedelta(days=1), a.start + timedelta(days=days))
            if unit == "weekend":  # "the weekend before Easter": the whole Saturday-Sunday before the day's own
                start, end = _weekend_beside(a.start, before, n)
            word = " ".join(around.group(0).split())
            out.append(_Atom((lead + around.start(), a.span[1]), start, end, f"{word[:1].lower()}{word[1:]} {a.name}",
                             a.year_explicit, shopping_day=a.shopping_day))
            continue
        months_to = _MONTHS_TO.search(text[lead:a.span[0]]) if _one_month(a) else None
        if months_to is not None:
            token = months_to.group(1).lower()
            n = int(token) if token.isdigit() else _NUMBER_WORDS.get(token, 1)
            out.append(_Atom((lead + months_to.start(), a.span[1]), add_months(a.start, 1 - n), a.end,
                             f"the {n} months to {a.name}", a.year_explicit))
            continue
        if own_week is not None:
            if own_week.group(1).lower() == "week":
                start = a.start - timedelta(days=a.start.weekday())
                end = start + timedelta(days=6)
            elif a.start.weekday() == 0:  # a Monday's ("Labor Day weekend"): the long weekend it ends
                start, end = a.start - timedelta(days=2), a.start
            else:  # the weekend of (or after) that day: Easter's is the one it falls in
                start = a.start + timedelta(days=(5 - a.start.weekday()) % 7 if a.start.weekday() < 5
                                            else -(a.start.weekday() - 5))
                end = start + timedelta(days=1)
            out.append(_Atom((a.span[0], own_week.end()), start, end, f"{a.name.rsplit(' ', 1)[0]} "
                             f"{own_week.group(1).lower()} {a.start.year}", a.year_explicit,
                             shopping_day=a.shopping_day))
            continue
        m = _WEEK_OF.search(text[max(0, a.span[0] - 30):a.span[0]])
        nth = _NTH_WEEK.search(text[max(0, a.span[0] - 40):a.span[0]])
        first = _FIRST_DAYS.search(text[max(0, a.span[0] - 40):a.span[0]])
        half = _NTH_HALF.search(text[max(0, a.span[0] - 40):a.span[0]])
        nth_month = _NTH_MONTH.search(text[max(0, a.span[0] - 40):a.span[0]])
        days_of = _DAYS_OF.search(text[lead:a.span[0]])
        if days_of and _RANKED.search(text[lead:lead + days_of.start()]):
            days_of = None  # "the top 3-5 of last month": ranks, not days
        if days_of and _one_month(a):
            one = days_of.group(3)  # a single ordinal day, or a span whose second day may lack its suffix ("1-7")
            first_day, last_day = (int(re.sub(r"\D", "", t)) for t in (days_of.group(1) or one,
                                                                      days_of.group(2) or one))
            length = month_length(a.start.year, a.start.month)
            if 1 <= first_day <= a.end.day and first_day <= last_day <= length:  # this month's: cut at its last day
                start, end = a.start.replace(day=first_day), min(a.start.replace(day=last_day), a.end)
                a = _Atom((lead + days_of.start(), a.span[1]), start, end, "", a.year_explicit, relative=a.relative)
        elif half and _one_month(a):
            cut = 14 if half.group(2).lower() == "fortnight" else 15
            which = half.group(1).lower()
            start, end = (a.start, a.start + timedelta(days=cut - 1)) if which in ("first", "1st") else (
                a.start + timedelta(days=cut), a.end)
            # the span covers "first fortnight of": no product is called that
            a = _Atom((max(0, a.span[0] - 40) + half.start(), a.span[1]), start, end,
                      f"the {which} {half.group(2).lower()} of {a.name}")
        elif first and a.start != a.end:
            token, which = first.group(2).lower(), first.group(1).lower()
            n = int(token) if token.isdigit() else _DAY_COUNT[token]
            word = first.group(3).lower()
            days = n * 7 if word == "weeks" else n  # "the first 2 weeks of November": its days 1-14
            length = (a.end - a.start).days + 1
            if word == "months" and which != "middle":  # "the last 3 months of 2025": whole calendar months
                start = a.start if which == "first" else add_months(a.end.replace(day=1), 1 - n)
                end = a.end if which != "first" else add_months(a.start, n) - timedelta(days=1)
                if a.start.day == 1 and a.start <= start <= end <= a.end:
                    a = _Atom((max(0, a.span[0] - 40) + first.start(), a.span[1]), start, end,
                              f"the {which} {n} months of {a.name.removesuffix(' to date')}")
            elif word != "months" and 1 <= days <= length:  # "the last 5 days of last month", of Q4, of 2025
                # "the middle ten days of October": centred (its 11th-20th), the odd day left at the end
                skip = 0 if which == "first" else length - days if which != "middle" else (length - days) // 2
                start, end = a.start + timedelta(days=skip), a.start + timedelta(days=skip + days - 1)
                a = _Atom((max(0, a.span[0] - 40) + first.start(), a.span[1]), start, end,
                          f"the {which} {n} {word} of {a.name.removesuffix(' to date')}")
        elif m and a.start == a.end and m.group(1).lower() in ("ending", "ended", "to"):
            # "the week ending 29 Nov", "the week ending last Sunday": the 7 days to that day; "last Sunday" when the
            # data end on a Sunday is that day (a week ending on the data's last day is complete: last week)
            if as_of is not None and a.relative and a.start == as_of - timedelta(days=7) \
                    and _NAMED_LAST.search(text, a.span[0], a.span[1]):
                a = replace(a, start=as_of, end=as_of)
            a = _Atom((max(0, a.span[0] - 30) + m.start(), a.span[1]), a.start - timedelta(days=6), a.start,
                      f"the week ending {fmt_day(a.start)}",
                      shopping_day=a.shopping_day)
        elif m and a.start == a.end:
            start = a.start if m.group(1).lower() != "of" else a.start - timedelta(days=a.start.weekday())
            a = _Atom(a.span, start, start + timedelta(days=6), f"the week of {fmt_day(start)}",
                      shopping_day=a.shopping_day)
        elif nth_month and (a.start.year, a.start.month) != (a.end.year, a.end.month) and a.start.day == 1:
            which = nth_month.group(1).lower()
            months = (a.end.year - a.start.year) * 12 + a.end.month - a.start.month + 1
            at = months - 1 if which in ("last", "final", "closing") else months // 2 if which == "middle" else \
                _NTH_MONTHS[which]
            if at < months:  # "the third month of H1" is March; no fifth month of a quarter
                month_start = add_months(a.start, at)
                month_end = month_range(month_start.year, month_start.month)[1]
                a = _Atom((max(0, a.span[0] - 40) + nth_month.start(), a.span[1]), month_start, month_end,
                          f"{MONTH_NAMES[month_start.month - 1]} {month_start.year}", month=month_start.month)
        elif nth and (_one_month(a) or (a.end - a.start).days >= 27):
            which = nth.group(1).lower()
            start = a.end - timedelta(days=6) if which in ("last", "final") else a.start + timedelta(
                days=_NTH_DAYS[which])
            a = _Atom((max(0, a.span[0] - 40) + nth.start(), a.span[1]), start, start + timedelta(days=6),
                      f"the {which} week of {a.name}")
        out.append(a)
    return out


def _label(atom: _Atom, as_of: date) -> TimeRange:
    end = min(atom.end, as_of)
    name = atom.name
    if end < atom.end and name and not name.endswith("to date") and not name.startswith("since"):
        name = f"{name} to date"
    return make_range(atom.start, end, name)


def _weekdays(text: str) -> list[str]:
    days: list[str] = []
    for m in _WEEKDAY.finditer(text):
        if m.group(1) or m.group(2):
            stem = (m.group(1) or m.group(2)).lower()
            days.append(next(d for d in WEEKDAYS if d.lower().startswith(stem)))
        elif m.group(3):  # "Saturday vs Sunday"
            days += [next(d for d in WEEKDAYS if d.lower().startswith(g.lower())) for g in (m.group(3), m.group(4))]
        elif m.group(5).lower().startswith("weekend"):
            days += ["Saturday", "Sunday"]
        else:
            days += list(WEEKDAYS[:5])
    if "Saturday" in days and _WEEKDAY_BESIDE_WEEKEND.search(text):
        days += list(WEEKDAYS[:5])  # "weekend vs weekday revenue": both, each said
    return list(dict.fromkeys(days))


#: "weekend vs weekday", "weekday or weekend": the singular beside its opposite is the Monday-Friday days too.
_WEEKDAY_BESIDE_WEEKEND = re.compile(r"\bweekends?\s+(?:vs\.?|versus|and|or|against|compared\s+(?:to|with))\s+"
                                     r"weekday\b|\bweekday\s+(?:vs\.?|versus|and|or|against|compared\s+(?:to|with))"
                                     r"\s+weekends?\b", re.I)
#: "the last 2 weekends", "past three weekends": the N latest whole Saturday-Sunday pairs.
_LAST_N_WEEKENDS = re.compile(r"\b(?:last|past|previous)\s+(\d+|two|three|four|five|six)\s+weekends\b", re.I)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
#: "since the start of the quarter", "from the beginning of the month": this quarter (month ...) to date.
_START_OF_UNIT = re.compile(r"\b(?:since|from)\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+"
                            r"(week|month|quarter|year)\b"
                            # "since new year", "since the new year": this year to date (New Year's Eve stays a day)
                            r"|\bsince\s+(?:the\s+)?new\s+year(?:'?s)?(?:\s+day)?\b(?!'?s?\s+eve)", re.I)


#: "this time last year", "the same time last year", "this time a year ago": the running month a year back.
_THIS_TIME_LAST_YEAR = re.compile(r"\b(?:this|the\s+same|same)\s+time\s+(?:last\s+year|a\s+year\s+ago|the\s+year\s+"
                                  r"before|(?:a\s+)?year\s+ago)\b|\bthis\s+point\s+last\s+year\b", re.I)
_LISTED = re.compile(r"^\s*(?:,|&|and|as well as|plus)\s*(?:and\s+)?(?:(?:in|on|for|during)\s+)?(?:the\s+)?$",
                     re.I)
_LAST_WEEKEND = re.compile(r"\b(last|past|previous|this)\s+weekend\b|\b(?:over|on|at|during|for)\s+the\s+"
                           r"(weekend)\b(?!\s+(?:before|of|after))", re.I)


#: A slash date with its year: "01/11/2026" (day and month in either order).
_SLASH_DATE = re.compile(rf"(?<![\w/.-])(\d{{1,2}})/(\d{{1,2}})/({_YEAR}|\d{{2}})(?![\w/.])")


def _day_first_written(text: str) -> str:
    """``text`` with its slash dates written day first (a dot: "01.11.2026") when one of them can only be day first.

    "from 01/11/2026 to 15/11/2026": 15 is no month, so 01/11 is the 1st of November, not 11 January (an ambiguous
    date alone stays month first). The same length, so every span stays where it was.
    """
    dates = list(_SLASH_DATE.finditer(text))
    if not any(int(m.group(1)) > 12 >= int(m.group(2)) for m in dates):
        return text
    for m in dates:
        text = text[:m.start()] + m.group(0).replace("/", ".") + text[m.end():]
    return text


#: A past period of the question's own among the words a change word's baseline skips ("growth last quarter vs ...").
_OWN_PAST = re.compile(r"\b(?:last|previous|past|prior)\b", re.I)


def _own_period_left(m: re.Match[str]) -> tuple[int, int]:
    """A baseline's span, less a past period of the question's own skipped after its change word.

    "units growth last quarter vs the same quarter last year": last quarter is the period, "vs ..." the baseline.
    """
    if "kw" in m.re.groupindex and m.group("kw") is not None and _OWN_PAST.search(m.string, m.start(), m.start("kw")):
        return m.start("kw"), m.end()
    return m.span()


def resolve_time(question: str, as_of: date, *, exclude: list[tuple[int, int]] | None = None) -> TimeReading:
    """Read every time phrase in ``question`` against ``as_of`` (see the module docstring for the rules).

    ``exclude`` are character spans already read as something else (a SKU such as ``SKU-2024``).
    """
    # "since the start of the quarter": this quarter to date (the same length, so every span stays where it was)
    text = _START_OF_UNIT.sub(lambda m: f"this {m.group(1) or 'year'}".ljust(len(m.group(0))), question)
    text = _day_first_written(text)
    reading = TimeReading(weekdays=_weekdays(text))
    taken: list[tuple[int, int]] = list(exclude or [])
    year_back: list[tuple[int, int]] = []  # "vs last year": a named day inside it is the baseline itself
    for rx, kind in ((_BASELINE_YEAR, "previous_year"), (_BASELINE_WEEK, "previous_week"),
                     (_BASELINE_PERIOD, "previous_period")):
        for m in rx.finditer(text):
            if rx is _BASELINE_PERIOD and _CHANGE_ACROSS.search(m.group(0)):
                continue  # "how has revenue changed over the last 6 months": that span, not a baseline before it
            span = _own_period_left(m)
            if not _overlaps(span, taken):
                taken.append(span)
                if kind == "previous_year":
                    year_back.append(span)
                if reading.compare is None:
                    reading.compare = kind  # type: ignore[assignment]
                    reading.explicit_compare = True
                    if kind == "previous_period" and (unit := _BASELINE_UNIT.search(m.group(0))):
                        reading.compare_unit = _UNIT_OF[unit.group(0).lower()[0]]
    for m in _WEEKDAY.finditer(text):
        taken.append(m.span())
    this_time = _THIS_TIME_LAST_YEAR.search(text)
    if this_time is not None:
        taken.append(this_time.span())
    if (m_all := _ALL_TIME.search(text)) and not _overlaps(m_all.span(), list(exclude or [])):
        reading.all_time = True  # unless read as something else ("trending up or down overall": the catalogue)
        taken.append(m_all.span())
    future = [m.span() for m in _FUTURE.finditer(text)]
    taken.extend(future)
    found = _share_the_year(text, _anchor_relative_years(text, _find_atoms(text, as_of, taken), as_of), as_of)
    found = _weeks_of(text, _in_named_year(text, found), as_of)
    # "from Q1 to Q2" after a change word compares the two periods instead of spanning them
    atoms = found if _CHANGE_CUE.search(text) and len(found) == 2 and all(a.name for a in found) else \
        _join(text, found, as_of)
    reading.spans = sorted(set(taken) - set(exclude or []) | {m.span() for m in _START_OF_UNIT.finditer(question)}
                           | {a.span for a in found})  # with the words a period was read from ("the 25th of")
    past = [a for a in atoms if a.start <= as_of]
    reading.future = bool(future) or (bool(atoms) and not past)
    ahead = [a for a in atoms if a.start > as_of and a.name]
    if ahead and not past:  # "Q1 next year": the period a forecast must reach
        reading.future_range = make_range(ahead[0].start, ahead[0].end, ahead[0].name)
    if not past and (weekends := _LAST_N_WEEKENDS.search(text)):  # Saturdays and Sundays of the N latest weekends
        n = int(weekends.group(1)) if weekends.group(1).isdigit() else _SMALL[weekends.group(1).lower()]
        sunday = as_of - timedelta(days=(as_of.weekday() + 1) % 7)
        reading.range = make_range(sunday - timedelta(days=7 * (n - 1) + 1), sunday, f"the last {n} weekends")
        reading.spans = sorted({*reading.spans, weekends.span()})
        reading.weekdays = ["Saturday", "Sunday"]
        return reading
    if not past and (weekend := _LAST_WEEKEND.search(text)):  # the latest whole Saturday-Sunday (this one: so far)
        sunday = as_of - timedelta(days=(as_of.weekday() + 1) % 7)
        which = (weekend.group(1) or "last").lower()  # "over the weekend": the latest one
        if which == "this" and as_of.weekday() == 5:
            sunday = as_of + timedelta(days=1)  # the data end on its Saturday: that day so far (not Friday too)
        start = sunday - timedelta(days=1)
        reading.range = make_range(start, min(sunday, as_of), "last weekend" if start + timedelta(days=1) <= as_of
                                   and which != "this" else "this weekend")
        reading.spans = sorted({*reading.spans, weekend.span()})
        reading.weekdays = [d for d in reading.weekdays if d not in ("Saturday", "Sunday")]  # the range is them
        return reading
    if this_time is not None:
        rest = text[:this_time.start()] + text[this_time.end():]
        if past or _COMPARE_CUE.search(rest) or _CHANGE_CUE.search(rest):  # against the same days a year back
            reading.compare, reading.explicit_compare = "previous_year", True
        if not past:  # the running month: to date, or those days a year back
            start = as_of.replace(day=1)
            if reading.compare == "previous_year":
                reading.range = make_range(start, as_of, f"{MONTH_NAMES[as_of.month - 1]} {as_of.year} to date")
            else:
                reading.range = make_range(add_months(start, -12), add_months(as_of, -12), "this time last year")
            return reading
    if not past:
        return reading
    if len(past) >= 2 and (_COMPARE_CUE.search(text) or _CHANGE_CUE.search(text) or reading.explicit_compare
                           or _BEFORE_AND_AFTER_SAID.search(text)):
        current, baseline = sorted(past[:2], key=lambda a: a.start, reverse=True)
        if (current.start, current.end) == (baseline.start, baseline.end):
            # "December vs last December" on 1 Jan: both name the December just gone, so the baseline is the
            # one before it (compared with itself the answer would be no change, or "no data then")
            reading.range = _label(current, as_of)
            reading.compare, reading.explicit_compare = "previous_year", True
            if current.shopping_day is not None:  # Black Friday 2025 against Black Friday 2024, not 28 Nov 2024
                _with_last_years_day(reading, current, as_of, False)
            return reading
        reading.range = _label(current, as_of)
        shifted = (add_months(current.start, -12), add_months(current.end, -12))
        same_year_shape = baseline.start == shifted[0] and abs((baseline.end - shifted[1]).days) <= 1
        reading.compare = "previous_year" if same_year_shape else "previous_period"
        reading.explicit_compare = True
        usual = previous_range(reading.range, reading.compare)
        named = _label(baseline, as_of)
        if not same_year_shape and (usual.start, usual.end) != (named.start, named.end):
            reading.baseline = named  # "Black Friday vs last year's Black Friday": that day, not the day before
        return reading
    if len(past) >= 2:
        start, end = min(a.start for a in past), max(a.end for a in past)
        reading.range = make_range(start, min(end, as_of))
        gaps = [text[a.span[1]:b.span[0]] for a, b in zip(past, past[1:], strict=False)]
        if all(_LISTED.match(g) for g in gaps):  # "this week and last week": each period, not the span of both
            reading.each = [_label(a, as_of) for a in past]
        return reading
    reading.range = _label(past[0], as_of)
    days = _WEEKDAY_SPAN.search(text)
    if days is not None and past[0].start.weekday() == 0 and (past[0].end - past[0].start).days <= 6 \
            and "week" in past[0].name:
        first, last = (_WEEKDAY_STEMS.index(days.group(i).lower()) for i in (1, 2))
        if first < last and past[0].start + timedelta(days=first) <= as_of:  # "Monday thru Wednesday last week"
            start, end = past[0].start + timedelta(days=first), past[0].start + timedelta(days=last)
            reading.range = make_range(start, min(end, as_of), f"{WEEKDAYS[first]} to {WEEKDAYS[last]} of "
                                       f"{past[0].name.removesuffix(' to date') or 'the week'}")
            reading.weekdays = []
            return reading
    if reading.weekdays == ["Saturday", "Sunday"] and (past[0].start.weekday() == 5 and past[0].end == past[
            0].start + timedelta(days=1) or "weekend " in past[0].name and ((past[0].end - past[0].start).days <= 2
                                                                           or past[0].name.startswith("since "))):
        # "the weekend before Easter", "Labor Day weekend" (to the Monday): the range is it; "since Black Friday
        # weekend": every day from it
        reading.weekdays = []
    if reading.compare == "previous_year" and past[0].shopping_day is not None:
        _with_last_years_day(reading, past[0], as_of, _overlaps(past[0].span, year_back))
    elif reading.compare == "previous_year" and reading.baseline is None and reading.range is not None \
            and reading.range.start.weekday() == 0 and reading.range.days == 7:
        # "last week vs the same week last year": the Monday-to-Sunday week 52 weeks back, not the same dates
        # (30 Nov - 6 Dec 2025 runs Sunday to Saturday)
        s, e = reading.range.start - timedelta(days=364), reading.range.end - timedelta(days=364)
        reading.baseline = make_range(s, e, "the same week a year earlier")
    return reading


def _with_last_years_day(reading: TimeReading, atom: _Atom, as_of: date, is_baseline: bool) -> None:
    """A named day's period against last year's: that day a year earlier, not the same date.

    Black Friday 2026 (27 Nov) is compared with Black Friday 2025 (28 Nov), the week after it with the week
    after last year's. "How did we do vs last year's Black Friday" names only the baseline: the period is the
    same day of the latest year that has had it (last year's against the year before when this year's is still
    to come, as "December vs last December" on 1 Jan). A day on a fixed date keeps the same dates a year back.
    """
    assert atom.shopping_day is not None and reading.range is not None
    name, day = atom.shopping_day
    if is_baseline and (ahead := holiday(name, day.year + 1)) <= as_of:
        current = _shifted(atom, ahead - day)
        reading.range = make_range(current.start, min(current.end, as_of), current.name)
        atom = current
        day = ahead
    before = holiday(name, day.year - 1)
    if before == add_months(day, -12):  # Christmas Eve: the same date a year back is last year's
        return
    back = _shifted(atom, before - day)
    reading.baseline = make_range(back.start, back.end, back.name)


def _shifted(atom: _Atom, by: timedelta) -> _Atom:
    """``atom`` moved by ``by`` with its named day, labelled with the moved day's year."""
    assert atom.shopping_day is not None
    name, day = atom.shopping_day
    moved = day + by
    label = atom.name.replace(str(day.year), str(moved.year)) if atom.name else ""
    return _Atom(atom.span, atom.start + by, atom.end + by, label, True, shopping_day=(name, moved))


def weekday_note(rng: TimeRange, as_of: date | None) -> str:
    """What an answer for "on Friday" adds when the data's last day is a Friday too: which Friday it read, and why.

    "on Friday" with the data ending on Friday 5 Dec reads Friday 28 Nov (the whole one before: an export's last day
    may be cut short); the other reading exists, so the answer names both dates. "" for any other period.
    """
    name = rng.label.split(" (")[0]
    if as_of is None or rng.days != 1 or name not in WEEKDAYS or rng.start != as_of - timedelta(days=7):
        return ""
    last = fmt_day(as_of)
    return (f"{name} is read as {fmt_day(rng.start)}, the last whole {name}; your data's last day, {last}, is a {name} "
            f"too: ask for \"{last}\" for that day.")


def week_note(rng: TimeRange, as_of: date | None) -> str:
    """What an answer for "this week" or "last week" adds when the data end on a Sunday: the two are one week.

    Weeks run Monday to Sunday, so data ending on Sunday 6 Dec complete the week of 30 Nov - 6 Dec: it is both the
    week the data's last day is in ("this week") and the latest complete one ("last week"). Asked one after the
    other, the two questions get the same figure; the answer says why and how to ask for the week before.
    "" for any other period or day.
    """
    name = rng.label.split(" (")[0]
    if as_of is None or as_of.weekday() != 6 or name not in ("this week", "last week"):
        return ""
    if rng.start != as_of - timedelta(days=6) or rng.end != as_of:
        return ""
    before = fmt_range(rng.start - timedelta(days=7), rng.start - timedelta(days=1))
    return (f"Your data end on Sunday {fmt_day(as_of)}, so this week and last week are the same whole week "
            f"({fmt_range(rng.start, as_of)}); ask for \"the week before last\" for {before}.")
