"""Pronouns the reader cannot place alone, spelled out from the turn before.

"how many of them were new?" after "how many customers did we have last month?" is "how many new customers?": the
pronoun stands for the previous measure's noun, and only with it does the question name a measure (alone it named
none and got the agents' overview). "what do customers say about it?" after "what was our best-selling product?"
is about that product: with its name in place of "it" the reader reads reviews of it, where "customers ... about it"
alone read as a count of customers. The spelled-out question is read and then resolved against the turn before
as any follow-up is.
"""

from __future__ import annotations

from shared import regex as re

_OF_THEM = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?|but)[\s,]+)?how\s+many\s+of\s+(?:them|those|these|that)\s+"
    r"(?:(?P<verb>were|are|was|is|came|did|had|have|got|bought|placed|used)\s+)?(?P<rest>[^?.!]*?)"
    r"\s*[?.!]*\s*$",
    re.I,
)
_LINKING = ("were", "are", "was", "is")
#: "about it", "for that one" closing a question: the one item the turn before was about.
_IT = re.compile(
    r"\b(?P<prep>about|of|for|on|with)\s+(?:it|this\s+one|that\s+one|this\s+product|that\s+product)"
    r"(?=\s*[?.!]*\s*$)",
    re.I,
)

#: "should we discount it?", "can we restock it?": "it" closing as a verb's object (not "is it?", "did it?").
_IT_OBJECT = re.compile(
    r"\b(?!(?:is|was|are|were|does|did|do|has|have|had|will|would|can|could|should|about|of|for|on|with)\b)"
    r"(?P<prep>[a-z]+)\s+it(?=\s*[?.!]*\s*$)",
    re.I,
)


def of_them(question: str, noun: str) -> str | None:
    """The question with "of them" as ``noun``: "how many of them were new?" -> "and how many new customers?".

    Spelled as a follow-up ("and ..."): it continues the turn before, whose period and filters it keeps.
    ``None`` when the question has no such form.
    """
    m = _OF_THEM.match(question)
    if m is None or not m.group("rest"):
        return None
    rest, verb = m.group("rest").strip(), (m.group("verb") or "").lower()
    if verb in _LINKING and re.fullmatch(r"[a-z][a-z-]*", rest, re.I) and rest.lower() not in ("there", "from", "in"):
        return f"and how many {rest} {noun}?"  # "were new", "are returning": an adjective of the noun
    return re.sub(r"\s+", " ", f"and how many {noun} {verb} {rest}?")


def named_it(question: str, name: str) -> str | None:
    """The question with a closing "it" as ``name``: "what do customers say about it?" -> "... about <name>?".

    A verb's "it" too: "should we discount it?" -> "should we discount <name>?". ``None`` when no "about it",
    "for that one" or verb's "it" closes the question.
    """
    m = _IT.search(question) or _IT_OBJECT.search(question)
    return None if m is None else question[: m.start()] + f"{m.group('prep')} {name}" + question[m.end() :]
