"""A top N of one period set against another, like for like.

"Top 5 products by revenue in Q3, and how does that compare with Q2?" (the README's example) was read as two
questions: Q3's top 5, then Q2's whole revenue, which a merchant cannot set against the five. A merchant means the same
five then: what they made together in each period (the headline), each one's figure then and its change, and which
of the earlier period's own top N fell out of it. :func:`folded_comparison` reads the trailing "how does that compare
with Q2?" as the ranking's baseline; :func:`like_for_like_headline` and :func:`dropped_out` say it. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from shared import regex as re

if TYPE_CHECKING:  # the reader calls this module: the type only, no import cycle
    from shared.questions.reading import Reading

#: A part after a ranking that only sets it against another period: "and how does that compare with Q2?",
#: "what about the month before?", "vs the quarter before".
_COMPARED_AFTER = re.compile(r"\b(?:compar\w*|vs\.?|versus|against|what about|how about)\b", re.I)


def folded_comparison(reading: Reading) -> Reading:
    """``reading`` with a trailing comparison part folded into its ranking as the compared period (``baseline``).

    Only a ranking (by product, category, channel ...) of one period followed by a part asking the same measure of
    another period, with no breakdown of its own and comparison words; anything else is returned unchanged.
    """
    q = reading.query
    if (
        reading.kind != "metric"
        or q is None
        or reading.shape != "ranking"
        or q.compare is not None
        or not q.dimensions
        or q.dimensions[0] == "date"
        or q.time_range is None
        or len(reading.parts) != 1
    ):
        return reading
    part = reading.parts[0]
    pq = part.query
    if (
        part.kind != "metric"
        or pq is None
        or pq.dimensions
        or pq.time_range is None
        or pq.metrics[:1] != q.metrics[:1]
        or pq.filters != q.filters
        or not _COMPARED_AFTER.search(part.question)
    ):
        return reading
    same = (pq.time_range.start, pq.time_range.end) == (q.time_range.start, q.time_range.end)
    if pq.compare is not None and same:
        # "... and how does that compare to the month before / with last year?": the part compares the ranking's own
        # period with the one it names
        compared = q.model_copy(update={"compare": pq.compare, "baseline": pq.baseline})
    elif pq.compare is None and not same:  # "... compare with Q2?": the part names the other period itself
        compared = q.model_copy(update={"compare": "previous_period", "baseline": pq.time_range})
    else:
        return reading
    return reading.model_copy(update={"query": compared, "parts": []})


def like_for_like_headline(
    rows: Sequence[Mapping[str, Any]], metric: str, head: str, then: str, fmt: Callable[[float], str]
) -> str:
    """The shown items' total now and then (an item with no sales then counts 0), as a sentence's head.

    "The top 5 products by revenue in Q3 2026 (...) came to $202,458.70 together, up 2.1% from $198,273.40 for the
    same 5 in Q2 2026 (...)".

    ``head``: "The top 5 products by revenue in Q3 2026 (...)"; ``then``: the compared period's label.
    """
    now = sum(float(r.get(metric) or 0) for r in rows)
    before = sum(float(r.get(f"{metric}_previous") or 0) for r in rows)
    if before:
        pct = (now - before) / before * 100
        moved = f"{'up' if pct >= 0 else 'down'} {abs(pct):.1f}% from" if round(pct, 1) else "level with"
    else:
        moved = "against nothing"
    return f"{head} came to {fmt(now)} together, {moved} {fmt(before)} for the same {len(rows)} in {then}"


def like_for_like_item(row: Mapping[str, Any], metric: str, fmt: Callable[[float], str]) -> str:
    """One item's figure now, then, and its change: "$66,139.36 against $71,220.95, -7.1%"."""
    now, before = row.get(metric), row.get(f"{metric}_previous")
    if before is None:
        return f"{fmt(float(now or 0))}, none before"
    pct = row.get(f"{metric}_change_pct")
    change = f", {'+' if (pct or 0) >= 0 else ''}{pct:.1f}%" if pct is not None else ""
    return f"{fmt(float(now or 0))} against {fmt(float(before))}{change}"


def dropped_out(now: Sequence[str], before: Sequence[tuple[str, str]], then: str) -> str:
    """The earlier top N's items missing from the shown ones, as a sentence.

    "Of the top 5 in Q2 2026 (...), A and B are no longer among them."

    ``now``: the keys shown; ``before``: the earlier period's top N as (key, name), in rank order.
    """
    gone = [name for key, name in before if key not in set(now)]
    if not before:
        return ""
    if not gone:
        return f"The same {len(before)} led {then}."
    names = ", ".join(gone[:-1]) + (" and " if len(gone) > 1 else "") + gone[-1]
    verb = "is" if len(gone) == 1 else "are"
    return f"Of the top {len(before)} in {then}, {names} {verb} no longer among them."
