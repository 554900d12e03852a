"""Two sides of a comparison, each one phrase, one of them a group of values: "online vs pos revenue".

"Online" names every channel but the tills (``vocabulary._add_online``), so "online vs pos revenue" filtered on all
four channels and was answered channel by channel; the merchant asked a two-way comparison. When the question sets
two or more phrases of one dimension against each other and one phrase stands for several values, each phrase is a
side: the answer leads with each side's total and share, the breakdown by value follows. Only an additive measure
(revenue, units, orders: a side's total is the sum of its values'). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shared import regex as re

#: Words setting the phrases against each other.
_VERSUS = re.compile(r"\b(?:vs\.?|versus|against|compared?\b|or)\b", re.I)


def grouped_sides(question: str, named: Sequence[tuple[str, Sequence[str]]]) -> list[tuple[str, list[str]]]:
    """The sides (phrase, values) when one dimension's phrases are compared and one of them is a group, else ``[]``.

    ``named``: each phrase of the dimension in the question, in order, with the values it stands for.
    """
    if len(named) < 2 or not any(len(values) > 1 for _, values in named) or not _VERSUS.search(question):
        return []
    seen: set[str] = set()
    for _, values in named:
        if seen & set(values):  # overlapping sides ("online vs web") are no two-way split
            return []
        seen |= set(values)
    return [(label, list(values)) for label, values in named]


def sides_lead(
    sides: Sequence[tuple[str, Sequence[str]]],
    rows: Sequence[Mapping[str, Any]],
    dim: str,
    metric: str,
    head: str,
    fmt: Callable[[float], str],
    verb: str = "was",
) -> str:
    """Each side's total and share of both, summed from the breakdown's rows, as a sentence.

    "Online (web, amazon and ebay) revenue in November 2026 (...) was $605,420.04 (96.1%), against $24,604.87 (3.9%)
    for pos." ``head``: the measure and period said ("revenue in November 2026 (1-30 Nov 2026)"); ``verb``: its verb.
    """
    by_value = {str(r.get(dim)).casefold(): float(r.get(metric) or 0) for r in rows}
    totals = [sum(by_value.get(v.casefold(), 0.0) for v in values) for _, values in sides]
    whole = sum(totals)

    def side(i: int) -> tuple[str, str]:
        label, values = sides[i]
        listed = f" ({_join(values)})" if len(values) > 1 else ""
        share = f" ({totals[i] / whole * 100:.1f}%)" if whole else ""
        return f"{fmt(totals[i])}{share}", f"{label}{listed}"

    first_value, first_name = side(0)
    rest = "; ".join(f"{v} for {n}" for v, n in (side(i) for i in range(1, len(sides))))
    return f"{first_name[:1].upper()}{first_name[1:]} {head} {verb} {first_value}, against {rest}."


def _join(values: Sequence[str]) -> str:
    return ", ".join(values[:-1]) + " and " + values[-1] if len(values) > 1 else "".join(values)
