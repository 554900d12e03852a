"""When something first or last sold, and how long since.

"when did we first sell the X", "when was the X last sold", "how long since we sold a X", "when did we last sell
anything on eBay", "first sale date for KIT-0216".

The metrics layer has no date-valued measure, so the reader asks for the named slice's units by day over all the
data (one row per day it sold) and the answer takes the first and last days with units sold; "how long since" is the
days from the last one to the data's last day (the as-of date), not to the wall clock. Pure: the question and the
slice in, the query and the answer's words out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Literal

from shared import regex as re
from shared.questions.timephrase import fmt_day, fmt_range
from shared.store.metrics.model import DimensionFilter, DimensionName, MetricQuery, TimeRange

Asked = Literal["first", "last", "since"]
_SOLD = r"(?:sell|sold|sale|order(?:ed)?|buy|bought|purchas\w*)"
_FIRST_LAST = re.compile(
    rf"\bwhen\s+(?:did|was|were|have|has)\s+(?:we|it|they|the\s+[^?]{{1,80}}?)?\s*(?P<w1>first|last)\s+(?:\w+\s+)?{_SOLD}\b"
    rf"|\bwhen\s+(?:was|were|is)\s+[^?]{{1,100}}?\s+(?P<w2>first|last)\s+{_SOLD}\b"
    rf"|\b(?P<w3>first|last|latest|most\s+recent|earliest)\s+(?:{_SOLD}|sale|order)\s+(?:date|day)\b"
    rf"|\bdate\s+of\s+(?:the\s+)?(?P<w4>first|last|latest|most\s+recent|earliest)\s+(?:sale|order)\b",
    re.I,
)
_SINCE = re.compile(
    rf"\bhow\s+long\s+(?:has\s+it\s+been\s+)?since\s+(?:we\s+)?(?:last\s+)?{_SOLD}\b"
    rf"|\b(?:how\s+many\s+)?days\s+since\s+(?:we\s+)?(?:last\s+)?(?:{_SOLD}|the\s+last\s+sale)\b"
    # "how many days since the X last sold": the thing named between
    rf"|\b(?:how\s+long|days)\s+since\s+[^?]{{1,100}}?\s+(?:was\s+)?last\s+{_SOLD}\b",
    re.I,
)


def asks_sale_dates(question: str) -> Asked | None:
    """Whether ``question`` asks when a slice first or last sold (or how long since it last did)."""
    if _SINCE.search(question):
        return "since"
    m = _FIRST_LAST.search(question)
    if m is None:
        return None
    word = next(w for w in (m.group("w1"), m.group("w2"), m.group("w3"), m.group("w4")) if w).lower()
    return "first" if word in ("first", "earliest") else "last"


def sale_dates_query(
    tenant_id: str, start: date, end: date, named: Sequence[tuple[DimensionName, list[str]]]
) -> MetricQuery:
    """The named slice's units by day over ``start``-``end`` (the days it sold are the rows with units)."""
    return MetricQuery(
        tenant_id=tenant_id,
        metrics=["units"],
        dimensions=["date"],
        grain="day",
        time_range=TimeRange(start=start, end=end, label=f"all your data ({fmt_range(start, end)})"),
        filters=[DimensionFilter(dimension=d, values=v[:200]) for d, v in named],
    )


def sale_dates_answer(asked: Asked, rows: list[dict[str, Any]], what: str, as_of: date, data_start: date) -> str:
    """The first or last day ``what`` sold, with the other and the days since its last sale."""
    days = sorted(_day(r["date"]) for r in rows if (r.get("units") or 0) > 0 and r.get("date") is not None)
    if not days:
        return f"{_capital(what)} has no units sold in your sales data ({fmt_range(data_start, as_of)})."
    first, last = days[0], days[-1]
    since = (as_of - last).days
    ago = (
        "on your data's last day"
        if since == 0
        else f"{since:,} day{'s' if since != 1 else ''} before your data's last day ({fmt_day(as_of)})"
    )
    opened = " (the first day of your sales data)" if first == data_start else ""
    if asked == "first":
        return f"{_capital(what)} first sold on {fmt_day(first)}{opened}; it last sold on {fmt_day(last)}, {ago}."
    if asked == "since":
        return (
            f"{_capital(what)} last sold on {fmt_day(last)}, {since:,} day{'s' if since != 1 else ''} before your "
            f"data's last day ({fmt_day(as_of)}); it first sold on {fmt_day(first)}{opened}."
        )
    return f"{_capital(what)} last sold on {fmt_day(last)}, {ago}; it first sold on {fmt_day(first)}{opened}."


def slice_name(named: Sequence[tuple[DimensionName, list[str]]], titles: Mapping[str, str]) -> str:
    """How the answer names the slice: "the Blue Vase (KIT-0001)", "the ebay channel", "anything"."""
    if not named:
        return "anything"
    dim, values = named[0]
    if dim == "sku":
        return " / ".join(f"the {titles[v]} ({v})" if titles.get(v) else v for v in values[:3])
    return f"the {', '.join(values[:3])} {dim}"


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
