"""A count of returns ("how many returns did we have last month?"): the returns made, the units and the refunds.

A merchant's "returns" is a count of return events as often as of units: "14 returns" is 14 orders something came
back from. The house read it as units returned alone (the tenth round's reading), so a merchant counting returns got
19 (units) with nothing beside it. The answer now leads with the returns made in the period (``returns_made``: the
orders with units returned on a line dated in it, whenever they were placed), then the units and the refunds: "14
returns in November 2026 (orders something came back from): 19 units returned, $812.40 refunded." A question naming
units ("returned units", "items returned", "how many items came back") stays units; a comparison or a breakdown of
returns stays units (the measure every earlier round's comparisons and rankings of returns use).
Pure: the question and the row in, a reading's metrics or a sentence out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from shared import regex as re
from shared.store.metrics.model import MetricName

#: "returns" as a count of its own: not "returned units", "units returned", "return rate", "returns rate"
_RETURNS_COUNTED = re.compile(r"\breturns\b(?!\s+(?:rate|%|percent|ratio|value|amount))", re.I)
_UNITS_NAMED = re.compile(r"\b(?:units?|items?|pieces?|products?|goods|quantity|qty)\b", re.I)


def returns_counted(
    question: str, metrics: list[MetricName], sales_columns: Collection[str] | None
) -> list[MetricName] | None:
    """The metrics of "how many returns" (the returns made, units returned, and refunds where the data has them).

    None when the question is not a count of returns (it names units, or reads another measure).
    """
    if (
        metrics not in (["returned_units"], ["returned_units", "refunds"])
        or not _RETURNS_COUNTED.search(question)
        or _UNITS_NAMED.search(question)
    ):  # "how many returns, and how much did we refund": the same three
        return None
    refunds: list[MetricName] = ["refunds"] if sales_columns is None or "refund" in sales_columns else []
    return ["returns_made", "returned_units", *refunds]


def returns_sentence(row: Mapping[str, Any], where: str, when: str, money: Callable[[float], str]) -> str:
    """The sentence of "how many returns", without its full stop.

    "14 returns in November 2026 (orders something came back from): 19 units returned, $812.40 refunded".
    """
    made, back = int(row.get("returns_made") or 0), int(row.get("returned_units") or 0)
    said = f"{made:,} return{'' if made == 1 else 's'}{where} {when} (orders something came back from)"
    parts = [f"{back:,} unit{'' if back == 1 else 's'} returned"]
    if row.get("refunds") is not None:
        parts.append(f"{money(float(row['refunds']))} refunded")
    return f"{said}: {', '.join(parts)}"
