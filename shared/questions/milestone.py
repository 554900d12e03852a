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
Measure = Literal["revenue", "units"]

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
#: Selling a count: "when will we sell our 10,000th unit", "have sold 500 of the vase", "ship 50k items".
_SELL = re.compile(r"\b(?:sell|sells|selling|sold|ship|ships|shipping|shipped|move|moves|moving|moved)\b", re.I)
#: A count of units: "10,000 units", "our 10,000th unit", "50k items", "500 of the ceramic vase" (one product's:
#: the words after "of" up to the period, the end or a verb), or a bare number when "units" came before it
#: ("when will units sold reach 20,000").
_COUNT = re.compile(
    r"(?<![\w.$£€])(?P<num>\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th)?\s?(?P<mult>k|thousand|m|mn|million)?\b\s*"
    r"(?P<noun>units?|items?|pieces|sales)?(?:\s+of\s+(?:the\s+|our\s+|those\s+|these\s+)?(?P<product>[^\s?.!,]"
    r"[^?.!,]{0,60}?))?(?=\s*(?:$|[?.!,;]|\b(?:this|in|by|before|sold|shipped|yet|overall|in\s+total)\b))",
    re.I,
)
#: A past-tense ask ("when did we hit $1M") is the actuals' alone: still the day, found the same way.
_UNITS = re.compile(r"\b(?:units?|items?|orders?|customers?|pieces)\b", re.I)


@dataclass(frozen=True)
class MilestoneAsk:
    """The amount (of revenue, or of units sold) and the running period (``start`` to its last day ``end``).

    ``product``: the product named for a count ("500 of the ceramic vase"), as written.
    """

    amount: float
    unit: Unit
    start: date
    end: date
    measure: Measure = "revenue"
    product: str | None = None


def milestone_ask(question: str, today: date) -> MilestoneAsk | None:
    """The amount and the running period a "when will we reach $X" question asks about, or ``None``.

    Money first; else a count of units ("when will we sell our 10,000th unit", "pass 50,000 units sold", "have
    sold 500 of the ceramic vase"). ``None`` when the question does not ask when, names no verb of reaching (or of
    selling, for a count) before the amount, or the period ends on ``today``.
    """
    when = _WHEN.search(question)
    if when is None:
        return None
    named = _PERIOD.search(question)
    word = (named.group(1) or named.group(2)).lower() if named is not None else "year"
    unit: Unit = "month" if word in ("month", "mtd") else "quarter" if word in ("quarter", "qtd") else "year"
    start, end = period_containing(today, unit)
    if end <= today:
        return None
    if (amount := _money(question, when.end())) is not None:
        return MilestoneAsk(amount, unit, start, end)
    if (count := _count(question, when.end())) is not None:
        return MilestoneAsk(count[0], unit, start, end, "units", count[1])
    return None


def _amount(num: str, mult: str | None) -> float:
    return float(num.replace(",", "")) * _MULT.get((mult or "").lower(), 1.0)


def _money(question: str, after: int) -> float | None:
    """The first amount of money after ``after`` with a verb of reaching before it (not a count's "10m units")."""
    for m in _MONEY.finditer(question, after):
        if not any(True for _ in _REACH.finditer(question, after, m.start())):
            continue
        if _UNITS.search(question[m.end() : m.end() + 12]):
            continue
        if m.group("num3") and _UNITS.search(question, after, m.start()):
            continue  # "when will units sold reach 20k": a count, with no sign or money word
        amount = _amount(
            m.group("num") or m.group("num2") or m.group("num3"),
            m.group("mult") or m.group("mult2") or m.group("mult3"),
        )
        if amount > 0:
            return amount
    return None


def _count(question: str, after: int) -> tuple[float, str | None] | None:
    """The first count of units after ``after`` with a verb of reaching or selling before it, and its product.

    A number counts when "units" (items, pieces) follows it, or came before it with the verb ("when will units
    sold pass 20k"), or "of" and a product follow it ("sold 500 of the vase"). A year ("in 2026") is not a count.
    """
    for m in _COUNT.finditer(question, after):
        before = question[after : m.start()]
        if not (_REACH.search(before) or _SELL.search(before)):
            continue
        product = (m.group("product") or "").strip() or None
        if m.group("noun") is None and product is None and not re.search(r"\b(?:units?|items?|pieces)\b", before, re.I):
            continue
        if m.group("noun") is None and product is None and re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
            continue  # "in 2026"
        amount = _amount(m.group("num"), m.group("mult"))
        if amount > 0:
            return amount, product
    return None
