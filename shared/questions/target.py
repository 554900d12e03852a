"""Targets and budgets a merchant states in the question: "we aimed for $50k last month, did we hit it?".

The data holds no targets, so a question that names one says it: an amount of money ("$690k", "570 grand", "$7.2m")
or a count with its noun ("2,500 units", "1,900 orders") beside a word for a target (aimed, target, goal, budget,
need, reach, clear, hit). The amount is taken out, the rest is read as usual ("revenue last month") and the answer
states the figure and how far it is above or below the target. A period named as the target ("how much more do we
need this month to match last month") is read the same way, its figure standing for the amount.

A target or budget asked about with no amount ("did we hit our sales target?") cannot be answered: the uploads hold
no targets. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared import regex as re

#: A word that makes an amount a target (not a threshold such as "orders over $100").
_CUE = re.compile(
    r"\b(?:aim(?:ed|ing|s)?|targets?|targeted|goals?|budget(?:ed|s)?|quota|need(?:ed|s)?|reach(?:ed)?|"
    r"hit|clear(?:ed)?|planned|plan(?:ned)? for|expect(?:ed)? to (?:make|sell|do))\b",
    re.I,
)
#: An amount: money (a sign, a multiplier, a money word) or a count with its noun.
_AMOUNT = re.compile(
    r"(?<![\w.])(?P<cur>[$£€])?\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<mult>k|m|mn|bn|grand|thousand|million)?\b"
    r"(?:\s*(?P<noun>dollars|bucks|pounds|quid|euros|usd|units?|items?|orders?|customers?|sales))?"
    r"(?!\s*(?:%|percent|per cent|days?|weeks?|months?|quarters?|years?|hours?|stars?)\b|%)",
    re.I,
)
_MULT = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9}
_MONEY_NOUNS = frozenset({"dollars", "bucks", "pounds", "quid", "euros", "usd"})
#: What a count target counts, by its noun.
_COUNT_METRIC = {"unit": "units", "item": "units", "order": "orders", "customer": "customers", "sale": "orders"}
#: The words around a stated target that would otherwise be read as something else ("beat" as a comparison with
#: the period before, "hit"/"over or under" as nothing at all).
_TARGET_WORDS = re.compile(
    r"\b(?:we\s+)?(?:aimed|aiming|aim)\s+(?:for|at)\b|\b(?:our|the|a|its|their)\s+(?:\w+\s+)?(?:target|goal|budget|"
    r"quota)\b|\b(?:target|goal|budget|quota)\s+(?:was|is|of|for)?\b|\b(?:target|goal|budget|quota)s?\b|"
    r"\bbudgeted\b|\bdid\s+(?:we|it|they)\s+(?:hit|beat|reach|clear|make|meet|exceed|miss)\b(?:\s+it\b)?|"
    r"\bdid\b|\b(?:hit|beat|reach|clear|meet|exceed|miss)\s+(?:it|its|our|their)\b|\bhow\s+far\s+(?:off|away|short|behind)\s+(?:are|were|is)\s+"
    r"(?:we|it)\b|\bhow\s+(?:many|much)\s+more\s+(?:to\s+go)?|\bto\s+go\b|\b(?:were|are)\s+we\s+over\s+or\s+under\b|"
    r"\bover\s+or\s+under\b|\bhow\s+did\s+we\s+do\b|\b(?:we\s+)?need(?:ed)?\b|\bto\s+(?:reach|hit|get\s+to|make)\b|"
    r"\bdid\s+we\s+clear\b|\bclear\b|\bbeat\s+its\b",
    re.I,
)
#: A cue right before a bare number ("to reach 2,100", "a target of 500"): a count target.
_CUE_BEFORE = re.compile(
    r"\b(?:reach|hit|clear|need|target(?:\s+(?:of|was|is))?|goal(?:\s+(?:of|was|is))?|"
    r"aim(?:ed)?\s+for|get\s+to|make)\s+$",
    re.I,
)
#: The thing a bare number counts, named elsewhere in the question.
_COUNT_NOUN = re.compile(r"\b(units?|items?|orders?|customers?)\b", re.I)
#: "our goal is $7m for the year": this year (the one a target is set for).
_FOR_THE = re.compile(r"\bfor\s+the\s+(year|month|quarter|week)\b", re.I)
#: "how much more do we need this month to match last month", "to beat last week": the period named as the target.
_TO_MATCH = re.compile(
    r"\bto\s+(?:match|beat|equal|reach|hit|top|pass|catch\s+up\s+(?:with|to))\s+(?:the\s+)?"
    r"(?:last|previous)\s+(?P<unit>week|month|quarter|year)(?:'s)?(?:\s+(?:total|figure|number))?\b",
    re.I,
)
#: What the answer needs from "how much more": the current period, written out when the question names none.
_THIS = re.compile(r"\bthis\s+(?:week|month|quarter|year)\b|\b(?:so far|to date|[mqwy]td)\b", re.I)
#: "did we hit our sales target last month", "how are we tracking against budget": a target with no figure.
_TARGET_NAMED = re.compile(
    r"\b(?:(?:sales|revenue|monthly|quarterly|annual|yearly|weekly|our|the|a)\s+)(?:targets?|"
    r"budgets?|quotas?|goals?)\b(?!\s+(?:prices?|margins?|customers?|audiences?|markets?))|\b(?:against|vs\.?|versus|to|on)\s+(?:the\s+)?(?:budget|"
    r"target|plan|forecast(?:ed)? budget)\b",
    re.I,
)


@dataclass(frozen=True)
class StatedTarget:
    """A target the question names: its value, whether it is money, and the metric a count counts."""

    value: float
    money: bool
    metric: str  # "revenue", "units", "orders", "customers"


@dataclass(frozen=True)
class PeriodTarget:
    """A period named as the target ("to match last month"): the question for now, and for the target period."""

    current: str
    target: str


def stated_target(question: str) -> tuple[StatedTarget, str] | None:
    """The target ``question`` states and the question left to read (the figure asked for), or ``None``."""
    if not _CUE.search(question):
        return None
    for m in _AMOUNT.finditer(question):
        noun = (m.group("noun") or "").lower()
        mult = (m.group("mult") or "").lower()
        money = bool(m.group("cur")) or noun in _MONEY_NOUNS or bool(mult)
        counted = noun.rstrip("s") in _COUNT_METRIC
        if (
            not (money or counted)
            and _CUE_BEFORE.search(question[: m.start()])
            and (named := _COUNT_NOUN.search(question)) is not None
        ):
            noun, counted = named.group(1).lower(), True  # "how many more orders to reach 2,100": orders
        if not (money or counted):
            continue  # a bare number ("top 5", "2025") is no target
        value = float(m.group("num").replace(",", "")) * _MULT.get(mult, 1.0)
        if value <= 0 or (not m.group("cur") and not mult and not noun and 1900 <= value <= 2100):
            continue
        metric = "revenue" if money and not counted else _COUNT_METRIC[noun.rstrip("s")]
        rest = question[: m.start()] + " " + question[m.end() :]
        rest = _FOR_THE.sub(lambda f: f"this {f.group(1)}", _TARGET_WORDS.sub(" ", rest))
        return StatedTarget(value, money and not counted, metric), f"{metric} {_tidy(rest)}"
    return None


def period_target(question: str) -> PeriodTarget | None:
    """The question for now and for the period named as the target ("to match last month"), or ``None``."""
    m = _TO_MATCH.search(question)
    if m is None:
        return None
    unit = m.group("unit").lower()
    rest = _TARGET_WORDS.sub(" ", question[: m.start()] + " " + question[m.end() :])
    rest = re.sub(r"\b(?:do|does|did|we|us|sell|to|of)\b", " ", rest, flags=re.I)
    now = rest if _THIS.search(rest) else f"{rest} this {unit}"
    then = _THIS.sub(" ", rest) + f" last {unit}"
    return PeriodTarget(_tidy(now), _tidy(then))


def target_without_figure(question: str) -> bool:
    """Whether ``question`` asks about a target or budget it gives no figure for ("did we hit our sales target")."""
    return bool(_TARGET_NAMED.search(question)) and stated_target(question) is None


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\s*[-,.;:?!]+\s*(?=[-,.;:?!]|$)|^\s*[-,.;:]+", " ", text)).strip(" -,.;:")
