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
#: Reaching the amount: "hit", "reach", "pass", "cross", "top", "get to", "break", "go over", "exceed"; for money
#: also making it ("when will we make $1M", "bring in", "earn").
_REACH = re.compile(
    r"\b(?:hit|hits|hitting|reach|reaches|reaching|pass|passes|passing|cross|crosses|crossing|top|tops|break|"
    r"breaks|clear|clears|exceed|exceeds|surpass|surpasses|get\s+(?:to|past|over)|go\s+(?:over|past|above)|"
    r"make\s+it\s+to|make|makes|made|earn|earns|earned|bring\s+in|brings\s+in|brought\s+in|take\s+in|"
    r"took\s+in|generate|generates|generated)\b",
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
#: The product an amount of money is of, said after it: "$5,000 in sales of the vase", "$2k from the runner".
_MONEY_OF = re.compile(
    r"\s*(?:(?:in|of)\s+(?:sales|revenue|takings|turnover)\s+)?(?:of|from|for|on)\s+(?:the\s+|our\s+)?"
    r"(?P<product>[^\s?.!,][^?.!,]{0,60}?)(?=\s*(?:$|[?.!,;]|\b(?:this|in|by|before|yet|overall)\b))",
    re.I,
)
#: The helping verb after "when" and the adverbs before the verb of reaching: "when WILL the vase FINALLY pass".
_AUX = re.compile(r"^\s*(?:will|did|does|do|is|are|has|have|had|would|can|could|should|shall|might)\b\s*", re.I)
_AUX_END = re.compile(r"\s*\b(?:have|has|had|be|been|finally|ever|actually|first|eventually|really)\s*$", re.I)
#: The measure's own words around a product said as the subject: "sales of the vase", "the vase's revenue".
_MEASURE_OF = re.compile(
    r"^(?:(?:total|the|our)\s+)*(?:sales|revenue|takings|turnover|units?\s+sold)\s+(?:of|from|for|on)\s+", re.I
)
_MEASURE_AFTER = re.compile(r"(?:'s|s')?\s+(?:sales|revenue|takings|turnover|units\s+sold)$", re.I)
#: A subject that is the store's own: a pronoun first ("we", "we finally"), or the measure alone ("total revenue").
_STORE_SUBJECT = re.compile(
    r"(?:we|i|you|they|us)\b.*|(?:(?:our|the|total|overall)\s+)*(?:store|shop|business|company|sales|revenue|"
    r"takings|turnover|income|units?(?:\s+sold)?|items?(?:\s+sold)?)",
    re.I,
)


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
    if (money := _money(question, when.end())) is not None:
        amount, after = money
        of = _MONEY_OF.match(question, after)
        product = of.group("product").strip() if of is not None else _subject(question, when.end())
        return MilestoneAsk(amount, unit, start, end, "revenue", product)
    if (count := _count(question, when.end())) is not None:
        return MilestoneAsk(count[0], unit, start, end, "units", count[1] or _subject(question, when.end()))
    return None


def _subject(question: str, after: int) -> str | None:
    """The product said as the subject between "when" and the verb of reaching: "when will the vase pass $5k".

    "Sales of the vase", "revenue from the vase" and "the vase's sales" are the vase; a pronoun ("we") or the
    measure alone ("total revenue", "units sold") is the store's, ``None``.
    """
    verb = _REACH.search(question, after) or _SELL.search(question, after)
    if verb is None:
        return None
    subject = _AUX_END.sub("", _AUX.sub("", question[after : verb.start()])).strip()
    if _STORE_SUBJECT.fullmatch(subject):
        return None  # "total revenue", "our sales": the store's
    subject = _MEASURE_AFTER.sub("", _MEASURE_OF.sub("", subject)).strip()
    subject = re.sub(r"^(?:the|our)\s+", "", subject, flags=re.I)
    if not subject or _STORE_SUBJECT.fullmatch(subject):
        return None
    return subject


def _amount(num: str, mult: str | None) -> float:
    return float(num.replace(",", "")) * _MULT.get((mult or "").lower(), 1.0)


def _money(question: str, after: int) -> tuple[float, int] | None:
    """The first amount of money after ``after`` with a verb of reaching before it (not a count's "10m units").

    Returns the amount and where its words end (a product may follow: "$5,000 in sales of the vase").
    """
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
            return amount, m.end()
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
