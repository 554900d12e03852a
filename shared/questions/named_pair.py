"""Products named and set against each other in a ranking: each one said, the winner first.

"Which has more 1-star reviews, A or B?" is read as a ranking of the products named (a filter on them, ranked by
the metric). A product with no row (no 1-star review, no sale) was left out of the ranking, so the answer was "The
top 1 product by reviews rated 1 star for A and B: 1. A (5)", B never said. For an additive metric no row is 0:
each named product gets its row, and two named products are weighed in one sentence ("A had more reviews rated 1
star than B ...: 5 against 0").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shared.store.metrics.model import DimensionFilter


def named_values(filters: Sequence[DimensionFilter], dimension: str) -> list[str]:
    """The values a filter on ``dimension`` names (the products of "A or B"), in the question's order."""
    return [str(v) for f in filters if f.dimension == dimension for v in f.values]


def with_named_zeros(
    rows: list[dict[str, Any]], dimension: str, metric: str, named: Sequence[str], *, descending: bool
) -> list[dict[str, Any]]:
    """``rows`` with a 0 row for each named value without one (an additive metric's absence is 0), re-ranked."""
    present = {str(r.get(dimension)) for r in rows}
    added = [{dimension: n, metric: 0} for n in named if n not in present]
    if not added:
        return rows
    return sorted([*rows, *added], key=lambda r: float(r.get(metric) or 0), reverse=descending)


def pair_sentence(
    rows: Sequence[Mapping[str, Any]],
    metric: str,
    noun: str,
    when: str,
    name: Callable[[Mapping[str, Any]], str],
    value: Callable[[Mapping[str, Any]], str],
    *,
    money: bool,
    fewest: bool,
) -> str:
    """The sentence "A had more N than B <when>: x against y." (ties said as such); ``rows`` are the two, ranked.

    ``noun`` carries the other filters ("reviews rated 1 star", "units sold on Amazon").
    """
    first, second = rows[0], rows[1]
    if not first.get(metric) and not second.get(metric):  # "had the same reviews rated 1 star: 0 each" read oddly
        return f"Neither {name(first)} nor {name(second)} had any {noun} {when}: {value(first)} each."
    if float(first.get(metric) or 0) == float(second.get(metric) or 0):
        return f"{name(first)} and {name(second)} had the same {noun} {when}: {value(first)} each."
    more = ("less" if money else "fewer") if fewest else "more"
    return f"{name(first)} had {more} {noun} than {name(second)} {when}: {value(first)} against {value(second)}."
