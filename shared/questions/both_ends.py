"""Both ends of a ranking asked at once: "best and worst day last week", "top and bottom 3 products".

Read as one ranking, the question named one end only (the top, or a list of six days that was neither). The reader
reads it twice, once with each end's word: the top first, then the bottom, each answered in turn. Pure.
"""

from __future__ import annotations

from shared import regex as re

_TOP = (
    r"best|top|highest|biggest|largest|busiest|strongest|most|best[- ]selling|top[- ]selling|best[- ]performing|"
    r"top[- ]performing"
)
_BOTTOM = (
    r"worst|bottom|lowest|smallest|quietest|weakest|least|slowest|worst[- ]selling|worst[- ]performing|"
    r"least[- ]selling"
)
#: "best and worst", "top & bottom 3", "highest/lowest", "worst and best" (either end first), with an optional count
#: after the pair ("top and bottom 3") or after each end ("top 5 and bottom 5").
_PAIR = re.compile(
    rf"\b(?P<a>{_TOP}|{_BOTTOM})(?P<na>\s+\d{{1,2}})?\s*(?:and|&|/|or|vs\.?|plus)\s*(?:the\s+)?"
    rf"(?P<b>{_TOP}|{_BOTTOM})\b(?P<nb>\s+\d{{1,2}}\b)?",
    re.I,
)


def _is_top(word: str) -> bool:
    return re.fullmatch(_TOP, word, re.I) is not None


def both_ends(text: str) -> tuple[str, str] | None:
    """The question asked of the top end and of the bottom end, or ``None`` when it names one end only.

    "best and worst day last week" -> ("best day last week", "worst day last week"); "top and bottom 3 products by
    revenue" -> ("top 3 products by revenue", "bottom 3 products by revenue").
    """
    m = _PAIR.search(text)
    if m is None or _is_top(m.group("a")) == _is_top(m.group("b")):
        return None  # "biggest and best": one end said twice
    count = m.group("nb") or m.group("na") or ""
    top, bottom = (m.group("a"), m.group("b")) if _is_top(m.group("a")) else (m.group("b"), m.group("a"))

    def asked(word: str) -> str:
        return f"{text[: m.start()]}{word}{count}{text[m.end() :]}"

    return asked(top), asked(bottom)
