"""The calendar period a forecast question is about: "next month", "in January", "Q1 next year".

A merchant who asks "how many units will we sell in January" on 5 Dec means January, 1 to 31 Jan, not the 57 days
from tomorrow to its end; "next month's sales forecast" means the next calendar month, not the next 30 days. The
forecast still runs from the day after the data ends (it has no other origin); only the period's days are summed
(``shared.forecast.window``), and the answer names them. "Over the next month" and "the next 30 days" stay rolling
windows from tomorrow. Pure: the question and the as-of date in, the period out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from shared import regex as re
from shared.questions.timephrase import HOLIDAY_NAMES, fmt_day, fmt_range, period_containing

#: "next month", "next month's", "for next calendar month", "next quarter('s)": the calendar month (quarter) after
#: the as-of date's. "The next month" (over/within/for the next month, quarter) is a rolling 30 (91) days and is
#: left to the router.
_NEXT_PERIOD = re.compile(r"(?<!\bthe )\bnext\s+(?:calendar\s+)?(?P<unit>month|quarter)(?:'s|s')?(?!\s*s\b)\b", re.I)


@dataclass(frozen=True)
class ForecastPeriod:
    """A calendar period a forecast answers for: ``start`` to ``end``, and the words said before the answer."""

    start: date
    end: date
    lead: str


def next_calendar_period(question: str, today: date) -> ForecastPeriod | None:
    """The calendar month (quarter) after ``today``'s when the question says "next month" ("next quarter").

    Not "the next month" (quarter): a rolling window. The answer names the period's first and last day itself.
    """
    if not (m := _NEXT_PERIOD.search(question)):
        return None
    unit: Literal["month", "quarter"] = "quarter" if m.group("unit").lower() == "quarter" else "month"
    start = period_containing(today, unit)[1] + timedelta(days=1)
    return ForecastPeriod(start, period_containing(start, unit)[1], "")


def forecast_period(name: str, start: date, end: date, today: date) -> ForecastPeriod:
    """The period and its lead: it is still to come, the forecast is of its days alone, made from data to ``today``.

    The lead ends in a colon, so the forecast's figure stays in the answer's first sentence ("Q1 2027 is still to
    come, so this is a forecast ...: we expect to sell 35,510 units over Q1 2027 ..."): a full stop put it second.

    A period that starts the day after the data ends is the horizon itself ("from the day after your data ends").
    """
    tomorrow = today + timedelta(days=1)
    lead = name[:1].upper() + name[1:]  # "the week before Christmas 2026" opens the answer: "The week ..."
    if start <= tomorrow:
        return ForecastPeriod(
            tomorrow,
            end,
            f"{lead} is still to come, so this is a forecast from the day after your "
            f"data ends ({fmt_day(tomorrow)}) to {fmt_day(end)}: ",
        )
    return ForecastPeriod(
        start,
        end,
        f"{lead} is still to come, so this is a forecast for {name} alone "
        f"({fmt_range(start, end)}), from your data up to {fmt_day(today)}: ",
    )


#: Words that make a named period the END of a forecast, not its days: "by Jan 15", "through (the) end of Q1",
#: "until March", "up to Feb 28", "between now and Valentine's Day", "to the end of January". Right before the
#: time phrase (``spans``), so "sales by week" or "from January to March" are not read as one.
_DEADLINE = re.compile(
    r"\b(?:by|through|thru|until|till|til|up\s+(?:to|until|till)|between\s+now\s+and|from\s+now\s+(?:un)?til|"
    r"to\s+(?:the\s+)?(?:very\s+)?end\s+of)\s+(?:the\s+)?(?:(?:very\s+)?end\s+of\s+(?:the\s+)?)?$",
    re.I,
)


#: "before Christmas" as the end of a forecast: the days up to the day before it (a stock that runs out on the day
#: itself does not run out before it).
_BEFORE = re.compile(r"\b(?:before|ahead\s+of)\s+(?:the\s+)?$", re.I)


def through_deadline(
    question: str, spans: list[tuple[int, int]], period: ForecastPeriod, today: date
) -> ForecastPeriod:
    """A period said as a deadline ("by Jan 15", "through end of Q1") is forecast from the day after the data ends.

    Its last day ends the forecast. Read alone, "by Jan 15" forecast 15 January only and "through end of Q1" Q1
    only: a merchant asking what sells until then needs every day up to it (the stock must last until then). No
    lead: the answer names the window's first and last day in its first sentence.
    """
    tomorrow = today + timedelta(days=1)
    if (
        period.start == period.end
        and period.start > tomorrow
        and any(_BEFORE.search(question[:start]) for start, _ in spans)
    ):
        return ForecastPeriod(tomorrow, period.end - timedelta(days=1), "")
    if period.start <= tomorrow or not any(_DEADLINE.search(question[:start]) for start, _ in spans):
        return period
    return ForecastPeriod(tomorrow, period.end, "")


_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: A month named alone or with its year ("January", "jan 2027", "December '26"), not a day of it ("Jan 5").
_MONTH_AND_YEAR = re.compile(
    r"\b(?P<name>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may(?!\s+(?:i|we|you|be|have)\b)|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
    r"(?:,?\s*(?P<year>\d{4}|'\d{2})\b)?(?!\s*\d{1,2}(?:st|nd|rd|th)?\b)",
    re.I,
)
#: The future asked, set against another period: "will we sell more in January than in December?".
_FUTURE_AGAINST = re.compile(
    r"\b(?:will|going to|gonna|expect\w*|forecast\w*|predict\w*|project\w*)\b.*"
    r"\b(?:than|vs\.?|versus|compared\s+(?:to|with)|against|beat|outsell)\b",
    re.I,
)


def months_as_next_and_this(question: str, today: date) -> str:
    """A forecast of next month against this one said with their names: written "next month" and "this month".

    "Are we going to sell more in January than in December?" asked on 5 Dec: January is the month to come (the
    forecast's), December the running one (its units to date and the forecast of its rest), as "next month than this
    month" reads; by name, "January" was last January and December only its days to date. Only when the question
    asks the future against another period and names the month after the as-of date's.
    """
    if not _FUTURE_AGAINST.search(question):
        return question
    following = (today.month % 12) + 1

    def number(m: re.Match[str]) -> int:
        return next(i for i, n in enumerate(_MONTH_NAMES, 1) if n.startswith(m.group("name").lower()[:3]))

    next_year = today.year + (1 if following == 1 else 0)

    def which(m: re.Match[str]) -> str | None:
        """The month as "next month", "this month" or ``None`` (another month, or a year written not theirs)."""
        n, year = number(m), _year(m.group("year"))
        if n == following and year in (None, next_year):
            return "next month"
        if n == today.month and year in (None, today.year):
            return "this month"
        return None

    named = [which(m) for m in _MONTH_AND_YEAR.finditer(question)]
    if "next month" not in named:
        return question
    return _MONTH_AND_YEAR.sub(lambda m: which(m) or m.group(0), question)


def _year(written: str | None) -> int | None:
    """A year written after a month: "2027", "'27"."""
    if written is None:
        return None
    digits = written.lstrip("'")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


#: A named day (its week or weekend) of next year: "Cyber Monday week next year", "next year's Black Friday".
_HOLIDAY_NEXT_YEAR = re.compile(
    rf"\b(?:next\s+year'?s\s+(?P<a>(?:{HOLIDAY_NAMES})(?:\s+week(?:end)?)?)|(?P<b>(?:{HOLIDAY_NAMES})(?:\s+week(?:end)?)?)"
    rf"\s+(?:of\s+|in\s+)?next\s+year)\b",
    re.I,
)


def holidays_of_next_year(question: str, today: date) -> str:
    """A named day "next year" written with that year: "Cyber Monday week next year" -> "Cyber Monday week 2027".

    "Next year" after the day was read as a period of its own (the whole next year) beside the day, so the
    question lost its week; with the year written, the day (its week) of that year is the window asked.
    """
    return _HOLIDAY_NEXT_YEAR.sub(lambda m: f"{m.group('a') or m.group('b')} {today.year + 1}", question)
