"""A yes/no trend question answered yes or no first: "have sales been dropping?" -> "No — revenue ... up 2.4% ...".

A merchant asking "are orders slowing down?" expects the first word to answer it; the figures follow. The verdict
matches the way asked ("dropping" asked, a rise found: "No"), and a change within :data:`FLAT_PCT` either way is
"Roughly flat" whichever way was asked. A figure that is itself a percentage (the return rate, a share of orders) is
judged by its change in percentage points, within :data:`FLAT_POINTS`: a return rate going from 5.0% to 5.3% is
roughly flat, though 6% up on itself. A question naming both ways ("are sales up or down?") or none, or not
written as a yes/no question ("how much have sales dropped?"), gets no verdict: its answer is unchanged.
"""

from __future__ import annotations

from typing import Literal

from shared import regex as re

Way = Literal["up", "down"]

#: A change this small (in %, either way) is no movement a merchant would call one.
FLAT_PCT = 1.0
#: A percentage moving this little (in percentage points, either way) is no movement either.
FLAT_POINTS = 1.0

#: A yes/no question: it opens with an auxiliary verb ("have sales ...", "is revenue ...", "did orders ...").
_YES_NO = re.compile(
    r"^\W*(?:(?:so|and|ok(?:ay)?|hey|quick question)\W+)?(?:is|are|was|were|has|have|had|did|do|"
    r"does|am|been)\b",
    re.I,
)
_DOWN = re.compile(
    r"\b(?:dropp(?:ing|ed)|drop|declin\w*|fall(?:ing|en)?|fell|slipp(?:ing|ed)|slid(?:ing)?|"
    r"shrink\w*|shrank|decreas\w*|slow(?:ing|ed)?(?:\s+down)?|tail(?:ing|ed)\s+off|tank(?:ing|ed)|"
    r"dipp(?:ing|ed)|(?:go(?:ing|ne)?|went|trend(?:ing)?|head(?:ing|ed)?)\s+down(?:wards?)?|"
    r"trending\s+lower|worsen\w*|getting\s+worse|down|(?:selling|making|earning|getting)\s+(?:fewer|less))\b",
    re.I,
)
_UP = re.compile(
    r"\b(?:increas\w*|grow(?:ing|n)?|grew|ris(?:ing|en)|rose|climb\w*|pick(?:ing|ed)\s+up|"
    r"(?:go(?:ing|ne)?|went|trend(?:ing)?|head(?:ing|ed)?)\s+up(?:wards?)?|trending\s+higher|"
    r"improv\w*|getting\s+better|up|(?:selling|making|earning|getting)\s+more)\b",
    re.I,
)
#: A comparative weighed against another period with "than" ("did we make more last month than the same month last
#: year?", "were orders lower in October than September?"): a way too, as "up" or "down" is. Only with "than" after
#: it, so "more" and "less" elsewhere ("revenue less refunds", "more than 100 units") name no way.
_MORE_THAN = re.compile(r"\b(?:more|higher|bigger|greater|larger)\b(?=[^?.!]*\bthan\b)", re.I)
_LESS_THAN = re.compile(r"\b(?:less|fewer|lower|smaller)\b(?=[^?.!]*\bthan\b)", re.I)
_AMOUNT_THAN = re.compile(
    r"\b(?:more|less|fewer|higher|lower|greater|bigger|smaller|larger)\s+than\s+(?:[$£€]\s*)?\d", re.I
)
#: Words of better or worse, not of a way: which way they mean depends on the figure.
_JUDGED = re.compile(r"\b(?:improv\w*|worsen\w*|getting\s+(?:better|worse))\b", re.I)
#: Figures a merchant wants lower: "improving" is down for them, so it names no way.
LOWER_IS_BETTER = frozenset(
    {
        "return_rate",
        "returned_units",
        "refunds",
        "refund_rate",
        "negative_reviews",
        "negative_review_share",
        "discounts",
        "discount_rate",
        "cost",
    }
)


def asked_way(question: str, metric: str) -> Way | None:
    """The way a yes/no trend question asks the figure moved ("have sales been dropping?": down), else None."""
    if not _YES_NO.search(question):
        return None
    down, up = _DOWN.search(question), _UP.search(question)
    if down is None and up is None and not _AMOUNT_THAN.search(question):  # "than a target amount" is no period's
        down, up = _LESS_THAN.search(question), _MORE_THAN.search(question)
    if (down is None) == (up is None):  # neither way, or both ("up or down?")
        return None
    if _JUDGED.search(question) and metric in LOWER_IS_BETTER:
        return None
    return "down" if down is not None else "up"


def verdict(way: Way, change: float, points: bool = False) -> str:
    """The answer's first words: "Yes", "No" or "Roughly flat", for a change of ``change``.

    ``change`` is in % of the figure before, or with ``points`` in percentage points (a percentage's own change).
    """
    if abs(change) < (FLAT_POINTS if points else FLAT_PCT):
        return "Roughly flat"
    return "Yes" if (change > 0) == (way == "up") else "No"


def with_verdict(question: str, metric: str, answer: str, change: float | None, points: bool = False) -> str:
    """``answer`` led by the yes/no a yes/no trend question asks for (unchanged for any other question).

    ``change`` is in % of the figure before, or with ``points`` in percentage points (a percentage's own change).
    """
    way = asked_way(question, metric)
    if way is None or change is None:
        return answer
    return f"{verdict(way, change, points)} — {answer}"
