"""A what-if's price said in money, not in percent (#18).

Two forms: the price asked ("drop the vase to $24", "if I priced the plug at $61", "sell X at $30") and a change by an
amount ("knock $5 off X", "cut X by $5", "X $10 dearer", "a $3 price increase on X"). The pricing agent works the
percentage out from our own price, which only it reads. Pure: no I/O.
"""

from __future__ import annotations

from shared import regex as re

_MONEY = r"(?:\$|\u00a3|\u20ac|usd ?|eur ?|gbp ?)\s?(?P<{name}>\d[\d,]*(?:\.\d{{1,2}})?)"
#: A what-if asked as a price, not a change: "drop the vase to $24", "if we charge $84 for the cable", "sell it at
#: $19.99". A price after "to"/"at"/"for" needs a verb that sets a price before it (a threshold, "products over $50",
#: is not one).
PRICE_TARGET = re.compile(
    r"\b(?:drop|cut|lower|reduce|raise|increase|put|set|change|move|bring|take|mark(?:ed)? (?:down|up)|reprice|"
    r"(?:go|goes|went|going|gone|come|comes|came) (?:down|up)|"
    r"price|priced|pricing|sell|selling|sold|list|listed)\b[^.?!$%]{0,50}?\b(?:to|at|for) \$ ?(\d[\d,]*(?:\.\d{1,2})?)"
    r"|\b(?:charge|charged|charging|ask(?:ed|ing)?)\s+\$ ?(\d[\d,]*(?:\.\d{1,2})?)"
    # "simulate a price of $40 on X", "try a new price of $40": the price named as a noun
    r"|\b(?:a|the|new|our)\s+(?:new\s+)?price\s+(?:point\s+)?of\s+\$ ?(\d[\d,]*(?:\.\d{1,2})?)"
    # "what if the plug cost $49?", "suppose X were $20": a price said after a hypothesis (never "products that cost
    # $50", a band of the catalogue's prices)
    r"|\b(?:what if|suppose|supposing|imagine|if)\b[^.?!$%]{0,60}?\b(?:cost|costs|costed|were|was|went for|sold for)"
    r"\s+\$ ?(\d[\d,]*(?:\.\d{1,2})?)(?![\d,.]|\s*(?:cheaper|dearer|more|less|higher|lower|off|pricier|over|under))"
    # "model a $30 price on X"
    r"|\b(?:a|the|new)\s+\$ ?(\d[\d,]*(?:\.\d{1,2})?)\s+(?:price|price point|list price)\b"
    # ("a $3 price increase" is a change by $3, not a $3 price)
    r"(?!\s+(?:increase|rise|hike|cut|drop|reduction|decrease|change|bump|markdown|discount))",
    re.I,
)

_DOWN_VERB = (
    r"cut|lower|reduc\w*|drop\w*|decreas\w*|discount\w*|mark(?:ed|ing)? (?:it |\w+ )?down|slash\w*|knock\w*|"
    r"shav\w*|tak(?:e|ing)|took"
)
_UP_VERB = r"rais\w*|increas\w*|hik\w*|bump\w*|lift\w*|mark(?:ed|ing)? (?:it |\w+ )?up|put\w* (?:it |\w+ )?up"
#: "knock $5 off X", "take $10 off the kettle": an amount off the price.
_OFF = re.compile(r"(?<![\w.])" + _MONEY.format(name="off") + r"\s+off\b", re.I)
#: "cut X by $5", "raise the kettle's price by $10": a verb, then the amount after "by".
_BY = re.compile(rf"\b(?P<verb>{_DOWN_VERB}|{_UP_VERB})\b[^.?!%$]{{0,60}}?\bby\s+" + _MONEY.format(name="by"), re.I)
#: "X $10 dearer", "a $3 price increase", "$5 cheaper": the amount, then its direction.
_AFTER = re.compile(
    r"(?<![\w.])" + _MONEY.format(name="after") + r"\s+(?:price\s+)?(?P<word>cheaper|less|lower|"
    r"cut|reduction|decrease|drop|discount|markdown|more|higher|dearer|pricier|more expensive|"
    r"increase|rise|hike|raise|markup|bump)\b",
    re.I,
)
_DOWN_WORD = re.compile(rf"^(?:{_DOWN_VERB}|cheaper|less|lower|reduction|decrease|markdown)", re.I)
#: An amount the question asks about rather than changes by: "products $5 or more above", "over $50".
_THRESHOLD_AFTER = re.compile(r"^\s*(?:or (?:more|less|over|under|above|below)|\+|and (?:up|over|above))", re.I)


def _amount(text: str) -> float:
    return float(text.replace(",", ""))


def price_target(question: str) -> float | None:
    """The price a what-if asks for ("drop the vase to $24" -> 24.0), else ``None``."""
    m = PRICE_TARGET.search(question)
    if m is None:
        return None
    value = _amount(next(g for g in m.groups() if g))
    return value if value > 0 else None


def price_delta(question: str) -> float | None:
    """The change in money a what-if asks for ("knock $5 off X" -> -5.0, "X $10 dearer" -> 10.0), else ``None``.

    A price asked ("to $24") is :func:`price_target`'s, and an amount followed by "or more" is a threshold, not a
    change.
    """
    if price_target(question) is not None:
        return None
    if (m := _OFF.search(question)) is not None and not _THRESHOLD_AFTER.match(question[m.end() :]):
        return -_amount(m.group("off"))
    if (m := _BY.search(question)) is not None:
        value = _amount(m.group("by"))
        return -value if _DOWN_WORD.match(m.group("verb")) else value
    if (m := _AFTER.search(question)) is not None:
        value = _amount(m.group("after"))
        return -value if _DOWN_WORD.match(m.group("word")) else value
    return None
