"""Time-of-day phrases of a sales question: the hours a question keeps, and what "busiest" counts.

Sales lines keep the merchant's local clock time where the export gives one (``SaleRecord.time_of_day``); the metrics
layer breaks them down by ``hour`` (``"10:00"``, each hour named by its start). A question keeps some hours by a clock
range or a part of the day:

- "before noon", "before 10am", "in the morning": from midnight up to the hour named (morning: 05:00-12:00);
- "after 6pm", "from 18:00", "in the evening": from the hour named to midnight (afternoon 12:00-17:00, evening
  17:00-22:00, at night 22:00-05:00, at lunchtime 12:00-14:00);
- "between 12pm and 2pm", "from 9 to 11am": the hours from the first up to the second.

A question ranking hours by no measure ("what is our busiest hour?", "peak hours") counts sales (orders); "when do we
sell the most coffee" counts units.
"""

from __future__ import annotations

from shared import regex as re
from shared.store.metrics.catalog import HOURS

#: The words of a breakdown or ranking by hour.
HOUR_WORDS = (
    r"hours? of (?:the )?day|times? of (?:the )?day|hourly|(?:what|which) times?\b(?! ?(?:period|frame|"
    r"range|span|series|zone))|when in the day|(?:during|over|across|through) the day\b|rush hours?|"
    r"(?:busiest|peak|quietest|slowest) (?:times?|part of (?:the )?day)|"
    r"(?:busiest|peak|quietest|slowest|best|worst|top|which|what|each|every|per|by|the|an?|our)\s+"
    r"(?:\d+\s+)?hours?\b(?! ago)"
)

_CLOCK = r"(?P<{n}>\d{{1,2}})(?::(?P<{n}m>[0-5]\d))?\s*(?P<{n}h>[ap]\.?m\.?)?"
_NOON = {"noon": 12, "midday": 12, "mid-day": 12, "midnight": 0}
_POINT = rf"(?:{_CLOCK.format(n='a')}|(?P<aw>noon|midday|mid-day|midnight))"
_POINT_B = rf"(?:{_CLOCK.format(n='b')}|(?P<bw>noon|midday|mid-day|midnight))"
#: "between 12pm and 2pm", "from 9 to 11am", "9am-11am"
_BETWEEN = re.compile(rf"\b(?:between|from)\s+{_POINT}\s*(?:and|to|-|until|till)\s*{_POINT_B}(?![\w:])", re.I)
_DASH = re.compile(rf"(?<![\w:/-]){_POINT}\s*(?:-|to)\s*{_POINT_B}(?![\w:/-])", re.I)
#: "before noon", "before 10am", "by 9:30"
_BEFORE = re.compile(rf"\b(?:before|until|till|up to)\s+{_POINT}(?![\w:])", re.I)
#: "after 6pm", "from 18:00" (a clock needs its am/pm or minutes, so "after 2021" is a year)
_AFTER = re.compile(rf"\b(?:after|from|since|past)\s+{_POINT}(?![\w:])", re.I)
_PARTS = {
    "morning": (5, 12),
    "afternoon": (12, 17),
    "evening": (17, 22),
    "night": (22, 5),
    "lunchtime": (12, 14),
    "lunch": (12, 14),
}
_PART = re.compile(
    r"\b(?:in|during|at|over)\s+(?:the\s+)?(mornings?|afternoons?|evenings?|night|lunch(?:time)?)\b|"
    r"\b(morning|afternoon|evening|lunchtime|night[- ]?time)\s+(?:sales|revenue|orders|trade|rush)\b",
    re.I,
)


def _hour(number: str | None, minutes: str | None, half: str | None, word: str | None) -> int | None:
    """The hour of a clock point (``6pm`` 18, ``18:00`` 18, ``noon`` 12); ``None`` for a bare number without a clock."""
    if word:
        return _NOON[word.lower()]
    if number is None:
        return None
    hour = int(number)
    if half:
        if not 1 <= hour <= 12:
            return None
        return hour % 12 + (12 if half.lower().startswith("p") else 0)
    if minutes is None or hour > 24:
        return None  # "after 2021", "before 5": no clock said
    return hour % 24


def _point(m: re.Match[str], name: str) -> int | None:
    return _hour(m.group(name), m.group(f"{name}m"), m.group(f"{name}h"), m.group(f"{name}w"))


def _span(first: int, last: int) -> list[str]:
    """The hours from ``first`` up to (not including) ``last``, across midnight when ``last`` is earlier."""
    count = (last - first) % 24 or 24
    return [HOURS[(first + i) % 24] for i in range(count)]


def hours_asked(question: str) -> list[str] | None:
    """The hours (``"10:00"`` ...) a question keeps by a clock range or part of the day; ``None`` when it names none."""
    for rx in (_BETWEEN, _DASH):
        if (m := rx.search(question)) is not None:
            first, last = _point(m, "a"), _point(m, "b")
            if m.group("ah") is None and m.group("bh") is not None and m.group("aw") is None:
                # "from 9 to 11am": the first takes the second's half of the day
                first = _hour(m.group("a"), m.group("am"), m.group("bh"), None)
            if first is not None and last is not None and first != last:
                return _span(first, last)
    if (m := _BEFORE.search(question)) is not None and (at := _point(m, "a")) is not None and at > 0:
        return _span(0, at)
    if (m := _AFTER.search(question)) is not None and (at := _point(m, "a")) is not None and at > 0:
        return _span(at, 0)
    if (m := _PART.search(question)) is not None:
        word = (m.group(1) or m.group(2)).lower().rstrip("s").replace("-", "").replace(" ", "")
        first, last = _PARTS["night" if word.startswith("night") else word]
        return _span(first, last)
    return None


#: "when do we sell the most", "which hour sells the most croissants": units sold.
_SOLD = re.compile(r"\b(?:sell|sells|sold|selling)\b", re.I)


def hour_metric(question: str) -> str:
    """What a ranking of hours by no named measure counts: units where it asks what sells, else sales (orders)."""
    return "units" if _SOLD.search(question) else "orders"


def span_label(hour: str) -> str:
    """An hour's start as the span it names: ``10:00`` -> ``10:00-11:00`` (``23:00`` -> ``23:00-00:00``)."""
    start = int(hour[:2])
    return f"{start:02d}:00-{(start + 1) % 24:02d}:00"


def hours_label(hours: list[str]) -> str:
    """A run of hours as one span: ``["00:00" ... "11:00"]`` -> ``00:00-12:00``."""
    return f"{hours[0]}-{span_label(hours[-1])[-5:]}"


def clock_phrase(hours: list[str]) -> str:
    """The hours a filter keeps, said as a span of the clock: ``between 00:00 and 12:00``, ``at 10:00-11:00``."""
    ordered = sorted(hours)
    starts = [int(h[:2]) for h in ordered]
    if len(ordered) == 1:
        return f"at {span_label(ordered[0])}"
    # a run across midnight (22:00 ... 04:00) starts after its gap
    gap = next((i for i in range(1, len(starts)) if starts[i] != starts[i - 1] + 1), 0)
    run = ordered[gap:] + ordered[:gap]
    if all((int(b[:2]) - int(a[:2])) % 24 == 1 for a, b in zip(run, run[1:], strict=False)):
        return f"between {run[0]} and {span_label(run[-1])[-5:]}"
    return "at " + ", ".join(span_label(h) for h in ordered)
