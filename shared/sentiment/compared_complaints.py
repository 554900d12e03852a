"""The most common complaint of a period set against the period before ("this month vs last month", #18).

The complaints answer reads one period; a question that compares two ("most common complaint this month vs last
month") leads with the top theme of each, counted, so the first sentence answers both sides. Ties are said as ties
(every theme with the most reviews). Pure: the two periods' theme rows come from the complaints answer.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from shared.agents.answers import join_names


def period_name(start: date, end: date) -> str:
    """A whole calendar month as "November 2026", any other period as "1 Dec - 3 Dec 2026"."""
    whole_month = (
        start.day == 1 and (end + timedelta(days=1)).day == 1 and (start.year, start.month) == (end.year, end.month)
    )
    if whole_month:
        return start.strftime("%B %Y")
    return f"{start.day} {start:%b} - {end.day} {end:%b %Y}" if start != end else f"{end.day} {end:%b %Y}"


def _top(rows: list[list[Any]]) -> str | None:
    """The themes with the most reviews (ties kept), counted: "quality/durability (5 reviews)"."""
    if not rows:
        return None
    most = max(int(r[1]) for r in rows)
    names = [str(r[0]) for r in rows if int(r[1]) == most]
    each = " each" if len(names) > 1 else ""
    return f"{join_names(names, 4)} ({most} review{'s' if most != 1 else ''}{each})"


def compared_lead(now: list[list[Any]], before: list[list[Any]], now_name: str, before_name: str) -> str:
    """The first sentence: the top complaint of ``now`` (theme rows: name, reviews, ...) and of ``before``."""
    top_now, top_before = _top(now), _top(before)
    said_now = f"the most common complaint is {top_now}" if top_now else "no review complains"
    said_before = f"it was {top_before}" if top_before else "no review complained"
    return f"In {now_name} {said_now}; in {before_name} {said_before}."
