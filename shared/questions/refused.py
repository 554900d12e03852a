"""What a refused question could still read: the follow-up after a refusal leans on it.

"revenue by region last month" is refused (the sales carry no place), and the merchant goes on: "by channel then",
"ok, what about on amazon?". Those lean on the revenue of last month the refused question asked for, not on nothing
(read alone they were the whole history by channel, or the agents' overview). The session keeps the reading of the
refused question without what the data cannot hold: its place ("by region", "in London") or concept removed.
"""

from __future__ import annotations

from shared import regex as re
from shared.questions import lexicon as lx
from shared.questions.place_names import PLACE


def readable_rest(question: str) -> str | None:
    """``question`` without the words the data cannot answer; ``None`` when nothing is left or nothing was removed.

    "revenue in London last month" -> "revenue last month"; "revenue by region last month" -> "revenue last month".
    """
    rest = question
    for rx, _concept, _needed in lx.UNANSWERABLE:
        rest = rx.sub(" ", rest)
    rest = PLACE.sub(" ", rest)
    rest = re.sub(r"\s+", " ", rest).strip(" ,.;:")
    return rest if rest and rest != question.strip(" ,.;:") else None
