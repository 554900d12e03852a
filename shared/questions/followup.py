"""Follow-up questions ("and the month before?", "what about Amazon?", "and by channel?") reuse the last reading.

A question with a follow-up opening, or with nothing of its own to read (no metric, no agent cue), takes the
previous turn's metric query and changes only what it names: the period (or a shift of the previous period:
"the month before", "a year earlier"), a comparison, names (a new channel replaces the previous channel
filter), the metric or the breakdown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from shared.models.records import DataKind
from shared.questions.reading import Reading, find_dimensions, find_grain, find_metrics, with_companions
from shared.questions.timephrase import TimeReading, name_range, previous_range, resolve_time
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import DimensionFilter, DimensionName, TimeRange

_OPENING = re.compile(r"^\s*(?:and|what about|how about|same (?:for|but)|and what about|also|now|then|ok(?:ay)?"
                      r"|what if (?:it was|we look at)|for)\b", re.I)
_SHIFT = re.compile(r"\b(?:the )?(?:(month|quarter|week|year|period|day) before(?: that)?|previous (month|quarter|"
                    r"week|year|period)|prior (month|quarter|week|year|period)|(?:a|one) year (?:earlier|before|ago)"
                    r"|before that|last year)\b", re.I)
_COMPARE = re.compile(r"\b(?:compared?|vs\.?|versus|against|than|relative)\b", re.I)


def follow_up(current: Reading, previous: Reading, *, index: VocabularyIndex | None,
              extents: Mapping[DataKind, tuple[date, date]]) -> Reading | None:
    """The previous metric reading adapted to ``current``; ``None`` when ``current`` stands on its own."""
    pq = previous.query
    if previous.kind != "metric" or pq is None or current.kind == "unanswerable":
        return None
    question = current.question
    opening = bool(_OPENING.search(question))
    own = current.kind == "metric" and current.query is not None
    standalone = own or (current.kind == "agent" and current.agent_intents != ["overview"])
    if standalone and not (opening and len(question.split()) <= 8):
        return None
    if not opening and len(question.split()) > 8:
        return None
    as_of = previous.as_of or current.as_of or date.today()
    matches = index.find(question) if index is not None else []
    time = resolve_time(question, as_of, exclude=[m.span for m in matches if m.kind == "sku"])
    metrics, weak = find_metrics(question, [m.span for m in matches])
    update: dict[str, object] = {}
    if metrics and not weak:
        update["metrics"] = with_companions(metrics)[:4]
        update["order_by"] = metrics[0] if pq.order_by is not None else None
    _apply_time(update, time, question, pq.time_range, pq.compare)
    taken = [m.span for m in matches] + time.spans
    dims = find_dimensions(question, taken, [m.span for m in matches])
    grain = find_grain(question, taken)
    if grain is not None:
        dims = ["date", *[d for d in dims if d != "date"]]
        update["grain"] = grain
    if dims:
        update["dimensions"] = dims[:3]
        update["order_by"] = (update.get("metrics") or pq.metrics)[0]  # type: ignore[index]
    filters = {f.dimension: f for f in pq.filters}
    labels = dict(previous.labels)
    for m in matches:
        dim: DimensionName = "sku" if m.kind == "product" else m.kind
        if m.kind == "competitor" and any(x.span == m.span and x.kind == "channel" for x in matches):
            continue
        filters[dim] = DimensionFilter(dimension=dim, values=list(m.values))
        if dim == "sku" and index is not None:
            labels.update({v: index.title(v) for v in m.values})
    if matches:
        update["filters"] = list(filters.values())
    if not update:
        return None
    if "time_range" in update:
        update["baseline"] = None  # a baseline the earlier question named belongs to its period
    query = pq.model_copy(update=update)
    query = type(pq).model_validate(query.model_dump())
    shape = previous.shape
    if "dimensions" in update and shape == "value":
        shape = "trend" if query.dimensions[0] == "date" else "breakdown"
    return previous.model_copy(update={"question": question, "query": query, "labels": labels, "shape": shape,
                                       "period_stated": previous.period_stated or time.range is not None,
                                       "agent_intents": [], "parts": []})


def _named_day_a_year_back(rng: TimeRange) -> TimeRange | None:
    """"Black Friday 2026" a year back is Black Friday 2025 (28 Nov), not 27 Nov 2025: the day read again.

    ``None`` when the label names no day that moves with the calendar (the same dates a year back are right).
    """
    named = re.match(r"^(?P<name>.+?)\s(?P<year>\d{4})\s\(", rng.label)
    if named is None or not _MOVING_DAY.search(named.group("name")):
        return None
    again = resolve_time(f"{named.group('name')} {int(named.group('year')) - 1}", rng.end)
    return again.range if again.range is not None and again.range.end < rng.start else None


#: Days whose date moves with the calendar: a year back they are read again, not shifted by 365 days.
_MOVING_DAY = re.compile(r"black\s+friday|cyber\s+monday|thanksgiving|mother's\s+day|father's\s+day", re.I)


def _apply_time(update: dict[str, object], time: TimeReading, question: str, prev_range: object,
                prev_compare: object) -> None:

    assert prev_range is None or isinstance(prev_range, TimeRange)
    if time.range is not None:
        update["time_range"] = time.range
        if time.compare is not None:
            update["compare"] = time.compare
        return
    shift = _SHIFT.search(question)
    if shift and prev_range is not None and not _COMPARE.search(question):
        year = bool(re.search(r"\byear\b", shift.group(0), re.I)) and (
            prev_range.days < 360 or "earlier" in shift.group(0) or "ago" in shift.group(0))
        moved = previous_range(prev_range, "previous_year" if year else "previous_period")
        update["time_range"] = (year and _named_day_a_year_back(prev_range)) or name_range(moved.start, moved.end)
        update["compare"] = None
        return
    if time.compare is not None and prev_range is not None:
        update["compare"] = time.compare
