"""Follow-ups about the answer just given rather than a new slice of the data, and corrections of the turn before.

A merchant who got "Revenue on amazon in November was $235,627" asks about that number: "what's that per day?" (the
same value over the period's days), "is that good?" (against the period before, as "why?" reads), "what share of the
total is that?" (the slice's share of every value of its dimension), "what about the rest?" (the values the filter
left out), "as a chart" / "as a table" (the same answer again: the answer carries both). Each is the previous
reading changed in one field, never a new question: read alone, these words have no measure, and the reader
answered them with the agents' overview of the whole store.

A correction replaces one thing of the turn before: "sorry, October not September", "not amazon, ebay", "not that
one, the kettle", "no, I meant units". The alternative it turns down ("not September") is blanked before the
follow-up is read, or "October not September" reads as the two months together.
"""

from __future__ import annotations

from typing import Literal

from shared import regex as re
from shared.models.records import DataKind
from shared.store.metrics.catalog import METRICS
from shared.store.metrics.model import DimensionFilter

#: What a follow-up does with the answer just given.
Reference = Literal["restate", "explain", "per_day", "per_week", "per_month", "judge", "share", "rest", "money"]

_END = r"\s*[?.!]*\s*$"
_IT = r"(?:that|it|this|those|these|the\s+(?:number|figure|answer|result|same))"
_OPEN = r"^\s*(?:(?:ok(?:ay)?|so|and|but|now|then|great|thanks)[\s,.!]+)*"
#: "go back to the question before that", "the one before", "what was the answer before that?": the turn before the
#: last one (turns back by their order, not by a period: "and the one before?" with "and" is the period before).
_TURN_BEFORE = (
    r"^\s*(?:(?:ok(?:ay)?|so|now|then|great|thanks)[\s,.!]+)*(?:(?:can\s+(?:you|we)\s+)?(?:go|take\s+me"
    r"|let'?s\s+go)\s+back\s+to\s+|back\s+to\s+|(?:what|which)\s+(?:was|were)\s+|show\s+(?:me\s+)?"
    r"(?:again\s+)?)?(?:the|my)\s+(?:(?:question|answer|one|query|figure|number|result)\s+before(?:\s+(?:that"
    r"|this|it|last|the\s+last\s+one))?|previous\s+(?:question|answer|query)|(?:question|answer|one)\s+"
    r"(?:two|2)\s+(?:back|ago))(?:\s+again)?"
)
_REFERENCES: tuple[tuple[Reference, re.Pattern[str]], ...] = (
    (
        "restate",
        re.compile(
            rf"{_OPEN}(?:(?:can\s+(?:you|i|we)\s+|could\s+(?:you|i|we)\s+|please\s+)?(?:show|give|put|display|make"
            rf"|draw|plot|send|see|get|have|turn)\s+(?:me\s+|us\s+)?(?:{_IT}\s+|them\s+)?)?(?:(?:as|in|into)\s+)?"
            rf"(?:a\s+|an\s+)?(?:chart|graph|table|list|plot|bar\s+chart|line\s+chart|pie\s+chart|spreadsheet"
            rf"|table\s+form|chart\s+form)(?:\s+please)?{_END}"
            rf"|{_OPEN}(?:chart|graph|table)\s+(?:it|that|please){_END}"
            rf"|{_OPEN}(?:(?:go|take\s+me|let'?s\s+go)\s+)?back\s+to\s+(?:the|my)\s+(?:first|original|earlier|initial"
            rf"|opening)\s+(?:question|one|answer){_END}"
            rf"|{_TURN_BEFORE}{_END}",
            re.I,
        ),
    ),
    (
        # "how did you get that?", "show me the query": the same answer with how it was obtained
        "explain",
        re.compile(
            rf"{_OPEN}how\s+(?:did|do|have)\s+(?:you|we|u)\s+(?:get|got|calculate|compute|work\s+out|arrive\s+at"
            rf"|come\s+up\s+with|figure\s+out|count|measure)\s+(?:{_IT}|them)(?:\s+(?:number|figure))?{_END}"
            rf"|{_OPEN}how\s+(?:was|is|were)\s+{_IT}\s+(?:calculated|computed|worked\s+out|measured|derived|counted)"
            rf"{_END}|{_OPEN}(?:(?:can|could)\s+(?:you|i|we)\s+|please\s+|let\s+me\s+)?(?:show|give|see|send)"
            rf"\s+(?:me\s+|us\s+)?(?:the|your)\s+(?:query|sql|working|workings|calculation|method|maths?|rows|data"
            rf"|evidence|source)(?:\s+(?:behind|for)\s+{_IT})?(?:\s+please)?{_END}"
            rf"|{_OPEN}where\s+(?:does|did)\s+{_IT}(?:\s+(?:number|figure))?\s+come\s+from{_END}"
            rf"|{_OPEN}what(?:'s|\s+is|\s+was)\s+{_IT}\s+based\s+on{_END}"
            rf"|{_OPEN}(?:what|which)\s+(?:query|sql|data|rows)\s+did\s+you\s+(?:use|run|read){_END}",
            re.I,
        ),
    ),
    (
        "per_day",
        re.compile(
            rf"{_OPEN}(?:what(?:'s|\s+is|\s+was)\s+{_IT}\s+|and\s+)?(?:per|a|each|by\s+the)\s+day"
            rf"(?:\s+on\s+average)?{_END}|{_OPEN}(?:what(?:'s|\s+is)\s+)?{_IT}\s+per\s+day{_END}"
            rf"|{_OPEN}(?:what(?:'s|\s+is)\s+)?(?:the\s+)?daily\s+average{_END}"
            rf"|{_OPEN}(?:how\s+much|what)\s+(?:is|does)\s+{_IT}\s+(?:come\s+to\s+|work\s+out\s+(?:at|to)\s+)?"
            rf"(?:per|a|each)\s+day{_END}",
            re.I,
        ),
    ),
    (
        "per_week",
        re.compile(
            rf"{_OPEN}(?:what(?:'s|\s+is|\s+was)\s+{_IT}\s+)?(?:per|a|each)\s+week"
            rf"(?:\s+on\s+average)?{_END}|{_OPEN}(?:what(?:'s|\s+is)\s+)?(?:the\s+)?weekly\s+average"
            rf"{_END}",
            re.I,
        ),
    ),
    (
        "per_month",
        re.compile(
            rf"{_OPEN}(?:what(?:'s|\s+is|\s+was)\s+{_IT}\s+)?(?:per|a|each)\s+month"
            rf"(?:\s+on\s+average)?{_END}|{_OPEN}(?:what(?:'s|\s+is)\s+)?(?:the\s+)?monthly\s+"
            rf"average{_END}",
            re.I,
        ),
    ),
    (
        "judge",
        re.compile(
            rf"{_OPEN}(?:is|was|are|were|isn'?t|wasn'?t)\s+{_IT}\s+(?:any\s+)?(?:good|bad|ok(?:ay)?|"
            rf"fine|normal|high|low|healthy|worrying|a\s+lot|much|great|decent|better|worse|enough|"
            rf"usual|unusual|typical|too\s+(?:high|low|much|little)){_END}"
            rf"|{_OPEN}how\s+(?:good|bad)\s+is\s+{_IT}{_END}"
            rf"|{_OPEN}(?:is\s+{_IT}\s+)?(?:a\s+)?(?:good|bad)(?:\s+or\s+(?:good|bad))?(?:\s+(?:number|result|figure"
            rf"|month|week|quarter|year|day))?{_END}"
            rf"|{_OPEN}(?:should\s+I\s+be\s+(?:worried|happy|concerned)|is\s+that\s+up\s+or\s+down)"
            rf"{_END}",
            re.I,
        ),
    ),
    (
        "share",
        re.compile(
            rf"{_OPEN}(?:what|which)\s+(?:share|percent(?:age)?|proportion|part|fraction|%)\s+of\s+"
            rf"(?:the\s+|our\s+)?(?:total|whole|overall|everything|all)(?:\s+[a-z]+)?(?:\s+(?:is|was)\s+{_IT})?"
            rf"{_END}|{_OPEN}what\s+(?:share|percent(?:age)?|proportion|fraction|%)\s+(?:is|was)\s+{_IT}\s+of\s+"
            rf"(?:the\s+|our\s+)?(?:total|whole|everything|all)(?:\s+[a-z]+)?{_END}"
            rf"|{_OPEN}(?:(?:what|how\s+much)\s+(?:is|was|'s)\s+{_IT}\s+)?as\s+an?\s+(?:share|percent(?:age)?|%|"
            rf"proportion|fraction)\s+of\s+(?:the\s+|our\s+)?(?:total|whole|everything|all)(?:\s+[a-z]+)?{_END}"
            rf"|{_OPEN}(?:how\s+much\s+of\s+the\s+total\s+is\s+{_IT}|as\s+a\s+(?:share|percent(?:age)?)"
            rf"(?:\s+of\s+(?:the\s+)?total)?|(?:and\s+)?(?:as\s+a\s+)?%\s+of\s+(?:the\s+)?total){_END}",
            re.I,
        ),
    ),
    (
        # "how many dollars is that?", "and in dollars?", "what's that worth?" after a share, a rank or a count: the
        # amount of money behind it (the data's own currency: no conversion is asked)
        "money",
        re.compile(
            rf"{_OPEN}(?:how\s+many\s+(?:dollars|bucks|pounds|euros)|how\s+much\s+(?:money|cash))\s+(?:is|was|were"
            rf"|are|'s)\s+{_IT}{_END}"
            rf"|{_OPEN}(?:(?:what\s+about|how\s+about|what(?:'s|\s+is|\s+was)\s+{_IT}|how\s+much\s+(?:is|was)\s+{_IT})"
            rf"\s+)?in\s+(?:dollars|dollar\s+terms|money(?:\s+terms)?|cash(?:\s+terms)?|revenue(?:\s+terms)?|\$)"
            rf"{_END}|{_OPEN}(?:what(?:'s|\s+is|\s+was)|how\s+much\s+(?:is|was))\s+{_IT}\s+worth{_END}"
            rf"|{_OPEN}(?:and\s+)?(?:the\s+)?(?:dollar|money|cash)\s+(?:amount|value|figure){_END}",
            re.I,
        ),
    ),
    (
        "rest",
        re.compile(
            rf"{_OPEN}(?:what\s+about|how\s+about|and)?\s*(?:the\s+rest|everything\s+else|all\s+the\s+"
            rf"others?|the\s+others|the\s+remainder)(?:\s+(?:of\s+them|combined|together))?{_END}",
            re.I,
        ),
    ),
)

#: Words that open a correction of the turn before ("no, I meant units", "sorry, October not September").
#: "actually," and "wait," also open new questions ("actually, how many customers do we have?"): no cue alone.
_CORRECTION = re.compile(
    r"^\s*(?:(?:actually|wait|ah)[\s,.!]+)?(?:no|nope|nah|sorry|oops|correction|i\s+meant|i\s+mean|"
    r"not\s+that(?:\s+one)?|make\s+(?:that|it))\b",
    re.I,
)
#: "not that one, the kettle", "not amazon, ebay": the turned-down alternative first, then the one meant.
_NOT_FIRST = re.compile(
    r"^\s*(?:(?:no|nope|sorry|oops|actually)[\s,.!:;-]+)*not\s+[^,;]+[,;]\s*(?:but\s+|i\s+meant"
    r"\s+|i\s+mean\s+)?(?=\S)",
    re.I,
)
#: "October not September", "units, not revenue", "ebay instead of amazon": the turned-down alternative last.
#: "not on/in/from amazon" leaves a name out (a filter), not a correction; so do "not counting", "not including".
_NOT_AFTER = re.compile(
    r"(?:[\s,;]+(?:and\s+|but\s+)?not|\s+(?:instead\s+of|rather\s+than))\s+(?!(?:on|in|from|at|via"
    r"|through|counting|including|just|only|yet|so|too|very)\b)[^,;.?!]+?[\s.?!]*$",
    re.I,
)
#: "I meant units", "I mean ebay": what follows is the follow-up.
_MEANT = re.compile(r"^\s*(?:(?:no|nope|sorry|oops|actually)[\s,.!:;-]+)*i\s+(?:meant|mean)\s+", re.I)


def reference_to_answer(question: str) -> Reference | None:
    """What ``question`` asks of the answer just given, or ``None`` when it asks something of its own."""
    return next((kind for kind, pattern in _REFERENCES if pattern.match(question)), None)


#: "go back to the first question": the session's first turn is the one the follow-up leans on, not the last.
_FIRST_TURN = re.compile(
    r"\bback\s+to\s+(?:the|my|our)\s+(?:first|original|initial|opening|very\s+first)\s+"
    r"(?:question|one|answer|query)\b",
    re.I,
)


def turn_leaned_on(question: str) -> int:
    """Which of the session's turns ``question`` leans on, as an index into them: the last (-1) unless it goes back.

    "go back to the first question" is the first (0); "the question before that", "the one before", "what was
    the answer before that?" the one before the last (-2).
    """
    if _FIRST_TURN.search(question):
        return 0
    return -2 if re.match(_TURN_BEFORE + _END, question, re.I) else -1


def is_correction(question: str) -> bool:
    """Whether ``question`` corrects the turn before ("no, I meant units", "sorry, October not September")."""
    return bool(_CORRECTION.search(question) or _NOT_FIRST.match(question)) or (
        len(question.split()) <= 6 and bool(_NOT_AFTER.search(question))
    )


def meant(question: str) -> str:
    """``question`` with the alternative a correction turns down removed ("October not September" -> "October")."""
    if not is_correction(question):
        return question
    out = _NOT_FIRST.sub("", question, count=1)
    out = _MEANT.sub("", out, count=1)
    return _NOT_AFTER.sub("", out, count=1).strip() or question


def turned_down(question: str) -> str:
    """The alternative a correction turns down ("sorry, last year not last month" -> "not last month"), or ""."""
    if not is_correction(question):
        return ""
    first = _NOT_FIRST.match(question)
    after = _NOT_AFTER.search(_NOT_FIRST.sub("", question, count=1))
    return " ".join(m.group(0).strip() for m in (first, after) if m is not None)


def only_value(filters: list[DimensionFilter]) -> DimensionFilter | None:
    """The filter a share or "the rest" is about: the last one that keeps a single value (the slice just named)."""
    return next((f for f in reversed(filters) if f.op == "in" and len(f.values) == 1 and f.dimension != "date"), None)


def additive(metric: str) -> bool:
    """Whether ``metric`` sums over days and slices (a per-day value and a share of the total mean something)."""
    spec = METRICS.get(metric)
    return spec is not None and spec.additive and spec.source is not DataKind.INVENTORY
