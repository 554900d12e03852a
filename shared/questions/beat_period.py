"""Will the running month beat a past one? "will we beat last month", "are we on track to beat November".

A merchant who asks this on 6 Dec wants December as it will end (1-6 Dec sold, 7-31 Dec forecast) set against
November's actuals, with a verdict; before, "will we beat last month" answered November's revenue alone, "on track
to beat November" next November's forecast. This reads the question: the running period (this month, quarter or
year, or the current month by name), the past period it is set against (last month, the month before, a past month
by name, last quarter, last year) and the measure (revenue unless units are asked). The forecast agent completes the
running period and says the verdict (:mod:`shared.forecast.beat`). Pure: the question and the as-of date in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from shared import regex as re
from shared.questions.timephrase import period_containing

Unit = Literal["month", "quarter", "year"]

#: A word that sets one period above another ("beat", "top", "better than", "more than", "outsell").
_BEAT = re.compile(
    r"\b(?:beat|beats|beating|top|pass|exceed|surpass|outdo|outsell|(?:do|be|go|look|come\s+in)\s+"
    r"(?:any\s+)?(?:better|higher|bigger)\s+than|better\s+than|bigger\s+than|higher\s+than|"
    r"more\s+(?:[\w']+\s+){0,4}?than)\b",
    re.I,
)
#: The question asks about how things will turn out (not "did we beat last month").
_FUTURE = re.compile(
    r"\b(?:will|won't|going\s+to|gonna|on\s+(?:track|pace|course)|set\s+to|likely|expect\w*|"
    r"forecast\w*|project\w*|shaping\s+up|end\s+up)\b",
    re.I,
)
_PAST_TENSE = re.compile(r"\b(?:did|didn't|was|were|have\s+we|has\s+it)\b", re.I)
#: Another future period named: "will next month beat this one" is the forecast's own comparison.
_NEXT = re.compile(r"\bnext\s+(?:week|month|quarter|year)\b|\bcoming\s+(?:month|quarter|year)\b", re.I)
_UNITS = re.compile(r"\b(?:units?|items?|pieces|quantit\w*|volumes?)\b", re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?!\s*\d)",
    re.I,
)
#: The past period after the beat word: "last month('s)", "the previous quarter", "the month before", "last year".
_LAST = re.compile(
    r"\b(?:last|previous|prior|the\s+(?:month|quarter|year)\s+before)\s*(?P<unit>month|quarter|"
    r"year)?\b",
    re.I,
)


@dataclass(frozen=True)
class BeatAsk:
    """The running period (``start`` to its last day ``end``) set against a past one, in revenue or units."""

    measure: Literal["revenue", "units"]
    unit: Unit
    start: date
    end: date
    against_start: date
    against_end: date


def beat_ask(question: str, today: date) -> BeatAsk | None:
    """The running period and the past one the question sets it against, or ``None`` when it asks no such thing.

    Only a question in the future tense about the running period: a past period named in the past tense ("did we
    beat last month") is the metrics layer's, a future one ("will next month beat this one") the forecast's
    comparison. ``None`` too when the running period has no day left to forecast.
    """
    beat = _BEAT.search(question)
    if (
        beat is None
        or not _FUTURE.search(question)
        or _PAST_TENSE.search(question[: beat.start()])
        or _NEXT.search(question)
    ):
        return None
    after = question[beat.end() :]
    unit: Unit = "month"
    against: tuple[date, date] | None = None
    if (last := _LAST.search(after)) is not None and last.start() <= 12:
        named = last.group("unit") or re.search(r"\b(month|quarter|year)\b", question, re.I)
        word = (named if isinstance(named, str) else named.group(1) if named is not None else "month").lower()
        unit = "quarter" if word == "quarter" else "year" if word == "year" else "month"
        this_start = period_containing(today, unit)[0]
        against = period_containing(this_start - timedelta(days=1), unit)
    elif (month := _MONTH.search(after)) is not None and month.start() <= 12:
        number = _MONTHS.index(month.group(1).lower()[:3]) + 1
        year = today.year if number < today.month else today.year - 1  # the latest such month before this one
        if number == today.month:
            return None
        first = date(year, number, 1)
        against = period_containing(first, "month")
    if against is None:
        return None
    start, end = period_containing(today, unit)
    before = question[: beat.start()]
    named_now = _MONTH.search(before)
    if named_now is not None and _MONTHS.index(named_now.group(1).lower()[:3]) + 1 != today.month:
        return None  # "will January beat December": a month still to come, the forecast's own comparison
    if end <= today:
        return None
    return BeatAsk("units" if _UNITS.search(question) else "revenue", unit, start, end, against[0], against[1])
