"""When will a running period's revenue reach an amount? "when will we hit $1M this year", "cross $6.5m".

A stated target read as "how far are we from it" answered the year to date against the amount: not the day asked
for. The day is the year's daily actuals until they reach it (already passed: that day), else the store's daily
revenue forecast added to them until the sum does (or not by the period's end). This reads the question: the
amount (money only), the running period (this year unless this month or quarter is named) and that the question
asks "when". The forecast agent finds the day (:mod:`shared.forecast.milestone`). Pure: the question and the as-of
date in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from shared import regex as re
from shared.questions.timephrase import period_containing

Unit = Literal["month", "quarter", "year"]

#: The question asks for a day: "when", "what date", "by when", "how soon", "how long until".
_WHEN = re.compile(
    r"\b(?:when|by\s+when|what\s+(?:date|day)|which\s+(?:date|day)|how\s+soon|how\s+long\s+(?:until|till|til|"
    r"before)|how\s+many\s+(?:more\s+)?days\s+(?:until|till|til|before))\b",
    re.I,
)
#: Reaching the amount: "hit", "reach", "pass", "cross", "top", "get to", "break", "go over", "exceed".
_REACH = re.compile(
    r"\b(?:hit|hits|hitting|reach|reaches|reaching|pass|passes|passing|cross|crosses|crossing|top|tops|break|"
    r"breaks|clear|clears|exceed|exceeds|surpass|surpasses|get\s+(?:to|past|over)|go\s+(?:over|past|above)|"
    r"make\s+it\s+to)\b",
    re.I,
)
#: An amount of money: a sign, or a multiplier or money word after the number.
_MONEY = re.compile(
    r"(?<![\w.])(?P<cur>[$£€])\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<mult>k|m|mn|mm|bn|grand|thousand|million|"
    r"billion)?\b|(?<![\w.$£€])(?P<num2>\d[\d,]*(?:\.\d+)?)\s?(?P<mult2>k|m|mn|mm|bn|grand|thousand|million|billion)?"
    r"\s?(?P<word>dollars|bucks|pounds|quid|euros|usd|gbp|eur)\b|(?<![\w.$£€])(?P<num3>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<mult3>k|m|mn|mm|bn|million|billion)\b(?!\s*(?:units?|items?|orders?|customers?|pieces)\b)",
    re.I,
)
_MULT = {
    "k": 1e3,
    "thousand": 1e3,
    "grand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
}
#: The running period named: this month or this quarter (else the year: "this year", "in 2026", or none).
_PERIOD = re.compile(r"\b(?:this|the|current)\s+(month|quarter)\b|\b(mtd|qtd)\b", re.I)
#: A past-tense ask ("when did we hit $1M") is the actuals' alone: still the day, found the same way.
_UNITS = re.compile(r"\b(?:units?|items?|orders?|customers?|pieces)\b", re.I)


@dataclass(frozen=True)
class MilestoneAsk:
    """The amount of revenue and the running period (``start`` to its last day ``end``) it is to be reached in."""

    amount: float
    unit: Unit
    start: date
    end: date


def milestone_ask(question: str, today: date) -> MilestoneAsk | None:
    """The amount and the running period a "when will we reach $X" question asks about, or ``None``.

    Money only (a count's milestone, "when will we sell 10,000 units", is not read here); ``None`` too when the
    question does not ask when, names no verb of reaching before the amount, or the period ends on ``today``.
    """
    when = _WHEN.search(question)
    if when is None:
        return None
    for m in _MONEY.finditer(question):
        reach = None
        for r in _REACH.finditer(question, when.end(), m.start()):
            reach = r
        if reach is None or _UNITS.search(question[m.end() : m.end() + 12]):
            continue
        num = m.group("num") or m.group("num2") or m.group("num3")
        mult = (m.group("mult") or m.group("mult2") or m.group("mult3") or "").lower()
        amount = float(num.replace(",", "")) * _MULT.get(mult, 1.0)
        if amount <= 0:
            continue
        named = _PERIOD.search(question)
        word = (named.group(1) or named.group(2)).lower() if named is not None else "year"
        unit: Unit = "month" if word in ("month", "mtd") else "quarter" if word in ("quarter", "qtd") else "year"
        start, end = period_containing(today, unit)
        if end <= today:
            return None
        return MilestoneAsk(amount, unit, start, end)
    return None
