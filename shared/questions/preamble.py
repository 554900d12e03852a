"""A chat message's preamble: what is said before the question ("Hi all, the board deck is due Friday. Can ...?").

Merchants paste questions into chat with context first: greetings, meetings, deadlines ("prepping the Q4 deck for
leadership - what's our average star rating this year?"). The question is the last clause; the words before it
set the scene. Two readings of the whole message go wrong there, and each rule here is one of them:

* a single word of the preamble that is only part of product titles ("the board deck" and the Cutting Boards)
  is no product the question is about (a product named in full, or by its SKU, still is);
* a period in the preamble ("the Q4 deck") is not the question's when the question names its own ("this year"),
  nor is the day of a meeting ("yesterday's standup");
* in a longer message the one clause that asks for a figure is the question (:func:`asked_clause`): "back from leave
  (10 days in Spain) - how much did amazon bring in over the last 10 days? no need to reply tonight" is read without
  Spain, the leave and "tonight", when the rest names no product, channel or period the question leaves out.

Pure: text in, spans out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from shared import regex as re
from shared.questions.timephrase import resolve_time
from shared.questions.vocabulary import EntityMatch

#: Where a clause ends and another begins: a sentence end, a spaced dash, or a colon.
_BREAK = re.compile(r"(?<=[.!])\s+(?=\S)|\s+[-\u2013\u2014]+\s+|:\s+")
#: A clause that asks: a question mark, or a question word or request at its start.
_ASKS = re.compile(r"\?|^\W*(?:(?:so|and|but|ok|okay)\W+)?(?:what|which|who|whose|where|when|why|how|is|are|do|"
                   r"does|did|can|could|would|will|should|has|have|any|show|list|give|tell|pull|share|find|get)\b",
                   re.I)


#: Words after a product word that make it the data's subject ("Kettle sales", "kettle reviews").
_DATA_NOUNS = frozenset("sales revenue reviews review ratings rating orders units stock inventory price prices pricing "
                        "returns refunds margin margins demand forecast customers".split())
#: "yesterday's standup", "Monday's call": a day that names an event (not "yesterday's sales").
_EVENT_DAY = re.compile(r"\b(?:yesterday|today|tonight|tomorrow|this (?:morning|afternoon|week)|last (?:week|night)|"
                        r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)'s\s+(?!(?:sales|revenue|orders|numbers|figures|"
                        r"reviews|ratings|results|performance|data|report|takings|units|trading)\b)\w+", re.I)

#: Where a clause of a chat message ends: a sentence end, a spaced dash, a colon, emoji, or "anyway,".
_CLAUSE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|\s+[-\u2013\u2014]+\s+|:\s+|\s*[\u2600-\u27bf\U0001f300-\U0001faff]+\s*"
                         r"|[,;]?\s+(?=(?:anyway|anyhow|anyways)\b)", re.I)
#: Words a dot abbreviates, whose dot ends no sentence ("on Oct. 3rd", "i.e. over the last 10 days").
_ABBREVIATED = re.compile(r"(?:\b(?:i\.e|e\.g|vs|etc|approx|incl|excl|no|st|mr|mrs|ms|dr|inc|ltd|co|jan|feb|mar|"
                          r"apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)|\b[a-z])"
                          r"\.$", re.I)


def _clause_ends(message: str) -> list[int]:
    """Where each clause of ``message`` ends: not after an abbreviation's dot, nor before a number ("Oct. 3rd")."""
    return [m.end() for m in _CLAUSE_END.finditer(message)
            if not (message[m.start() - 1:m.start()] == "." and (_ABBREVIATED.search(message[:m.start()])
                                                               or message[m.end():m.end() + 1].isdigit()))]


def question_start(question: str) -> int:
    """Where the question begins after a preamble (0 when the message is all question).

    The last clause that asks is the question when nothing before it asks ("Morning! Which ...?" -> at "Which").
    """
    starts = [m.end() for m in _BREAK.finditer(question)]
    for start in reversed(starts):
        if _ASKS.search(question[start:]) and "?" not in question[:start]:
            return start
    return 0


def preamble_partials(question: str, matches: Sequence[EntityMatch],
                      knows_word: Callable[[str], bool] | None = None) -> list[EntityMatch]:
    """Product matches in the preamble of one word of longer titles that modify a word no title or data has.

    "the board deck": "board" before "deck" (a word the tenant's data does not know) is scene-setting; "Kettle sales
    were weak. Why?" keeps the kettles (the word after is the data's).
    """
    start = question_start(question)
    if start == 0:
        return []
    out = []
    for m in matches:
        if m.kind != "product" or m.span[1] > start or " " in question[m.span[0]:m.span[1]].strip() \
                or not (len(m.values) > 1 or " " in m.label.strip()):
            continue
        after = re.match(r"\s+([a-z]+)\b", question[m.span[1]:], re.I)
        word = after.group(1).lower() if after else ""
        if word and word not in _DATA_NOUNS and (knows_word is None or not knows_word(word)):
            out.append(m)
    return out


def preamble_excluded(question: str, today: date) -> list[tuple[int, int]]:
    """The preamble's spans to read time without.

    All of it when the question names its own period; else its meetings ("following up on yesterday's standup -
    ..."), which are days of an event, not of the data.
    """
    start = question_start(question)
    if start == 0:
        return []
    own = resolve_time(question[start:], today)
    if own.range is not None or own.all_time or own.future:
        return [(0, start)]
    return [m.span() for m in _EVENT_DAY.finditer(question[:start])]


def asked_clause(message: str, asks_figure: Callable[[str], bool], names_period: Callable[[str], bool],
                 names_data: Callable[[str], bool]) -> str:
    """The clause of a chat message that asks for a figure, when the rest is only scene-setting (else ``message``).

    The message is cut at sentence ends (not an abbreviation's dot), spaced dashes, colons, emoji and "anyway".
    Exactly one clause must ask (:data:`_ASKS`) for a figure (``asks_figure``); the others must name none of the
    tenant's data (``names_data``: a SKU, product, category, channel, brand or competitor) beside a figure or for a
    question that names none, and no period unless the question names its own (``names_period``): "Kettle sales
    were weak last month. How many did we sell?" keeps its kettles and its month.
    """
    cuts = [0, *_clause_ends(message), len(message)]
    clauses = [message[a:b].strip(" ,;") for a, b in zip(cuts, cuts[1:], strict=False)]
    clauses = [c for c in clauses if c]
    if len(clauses) < 2:
        return message
    asking = [c for c in clauses if _ASKS.search(c) and asks_figure(c)]
    if len(asking) != 1:
        return message
    question, rest = asking[0], [c for c in clauses if c is not asking[0]]
    own_data = names_data(question)
    # a name in the scene counts when it is said of a figure ("Kettle sales were weak") or the question names none
    # of its own ("We're looking at kettles. How many did we sell?"); "3 boxes came in dented" beside "orders on
    # amazon" does not
    if any(names_data(c) and (asks_figure(c) or not own_data) for c in rest) or (
            not names_period(question) and any(names_period(c) for c in rest)):
        return message
    return question
