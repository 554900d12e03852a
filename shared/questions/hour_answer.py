"""The answer to a question by time of day, its first sentence the answer.

"Your busiest hour is 10:00-11:00: 86 sales (14.3% of the day's), mostly Latte (25), over all your data (1 Mar 2024 -
28 Feb 2025), ahead of 16:00-17:00 (59)".

A sales line keeps its time of day only where its export gave one, so every answer by hour says what it left out
("312 lines had no time of day and are not counted."); a period whose lines carry none says so instead of a figure.
An export whose stamps carry an offset from UTC (Stripe's and Shopify's UTC exports, Amazon's ``...Z``) is read on the
shop's clock where the tenant set a time zone (``MetricQuery.clock_zone``, ``shared.store.metrics.shop_clock``), and
the answer says which clock it used ("Hours are in your shop's time zone, America/New_York; your export's times were
in UTC."); without a zone it says the hours are the export's own and how to set the zone.

The queries run through ``run`` (the metrics layer), so this module never sees SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from shared.questions.compose import _filter_phrase, _when, fmt_value, metric_unit
from shared.questions.reading import Reading
from shared.questions.time_of_day import span_label
from shared.store.metrics.model import DimensionFilter, MetricQuery, MetricResult

Run = Callable[[MetricQuery], MetricResult]

#: How an answer counts each metric an hour is ranked by ("86 sales", "120 units").
_COUNTED = {"orders": "sales", "units": "units", "customers": "customers"}
#: What a ranked hour is, by metric and direction.
_RANKED = {
    ("orders", True): "busiest hour",
    ("orders", False): "quietest hour",
    ("units", True): "busiest hour for units sold",
    ("units", False): "quietest hour for units sold",
    ("revenue", True): "best hour for revenue",
    ("revenue", False): "weakest hour for revenue",
}


def by_time_of_day(reading: Reading) -> bool:
    """Whether a reading breaks sales down by hour or keeps some hours ("before noon")."""
    q = reading.query
    return q is not None and ("hour" in q.dimensions or any(f.dimension == "hour" for f in q.filters))


def _timed_scope(q: MetricQuery) -> MetricQuery:
    """The question's lines (its period and other filters) with and without a time of day, counted."""
    return q.model_copy(
        update={
            "metrics": ["timed_lines", "untimed_lines", "offset_lines", "lowest_utc_offset", "highest_utc_offset"],
            "dimensions": [],
            "order_by": None,
            "limit": None,
            "share_of_total": False,
            "compare": None,
            "filters": [f for f in q.filters if f.dimension != "hour"],
        }
    )


def untimed_note(untimed: int) -> str:
    """What an answer by hour left out."""
    one = untimed == 1
    return f"{untimed:,} {'line' if one else 'lines'} had no time of day and {'is' if one else 'are'} not counted."


def hour_answer(reading: Reading, answer: str, run: Run, titles: Mapping[str, str], currency: str | None) -> str:
    """The answer by time of day: the ranked hour first, then what was left out; ``answer`` where not by hour."""
    q = reading.query
    if q is None or not by_time_of_day(reading):
        return answer
    counts = next(iter(run(_timed_scope(q)).rows), {})
    timed, untimed = int(counts.get("timed_lines") or 0), int(counts.get("untimed_lines") or 0)
    when = _when(q.time_range)
    if timed == 0:
        return (
            (
                f"None of your sales lines{_filter_phrase(_timed_scope(q).filters, titles)} {when} carries a time of "
                "day, so they cannot be placed in the day: your sales exports for it carry no time of day (only "
                "dates)."
            )
            if untimed
            else answer
        )
    if q.dimensions == ["hour"] and q.order_by is not None and reading.shape in ("ranking", "breakdown"):
        answer = _ranked(reading, q, run, titles, currency, when) or answer
    elif set(q.dimensions) == {"hour", "weekday"} and q.order_by is not None:
        answer = _each_weekday(q, run, currency, when) or answer
    answer = f"{answer} {untimed_note(untimed)}" if untimed else answer
    note = clock_note(counts, q.clock_zone)
    return f"{answer} {note}" if note else answer


def offset_label(minutes: int) -> str:
    """An offset from UTC as merchants read it: ``UTC``, ``UTC+02:00``, ``UTC-08:00``, ``UTC+05:30``."""
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


#: How an admin sets the shop's time zone (the console's settings, or the API's).
SET_ZONE = "set your shop's time zone in the settings (PUT /v1/settings, timezone) to read them on your shop's clock"


def clock_note(counts: Mapping[str, Any], zone: str | None) -> str:
    """Which clock the hours are on, where some lines' stamps wrote an offset from UTC; empty where none did."""
    stamped = int(counts.get("offset_lines") or 0)
    low, high = counts.get("lowest_utc_offset"), counts.get("highest_utc_offset")
    if stamped == 0 or low is None or high is None:
        return ""
    low, high = int(low), int(high)
    written = (
        "in UTC"
        if low == high == 0
        else (f"at {offset_label(low)}" if low == high else f"at {offset_label(low)} to {offset_label(high)}")
    )
    timed = int(counts.get("timed_lines") or 0)
    some = "" if stamped >= timed else f" ({stamped:,} of {timed:,} timed lines)"
    if zone:
        return f"Hours are in your shop's time zone, {zone}; your export's times were {written}{some}."
    return f"Hours are as your export stamped them, {written}{some}: {SET_ZONE}."


def _ranked(
    reading: Reading, q: MetricQuery, run: Run, titles: Mapping[str, str], currency: str | None, when: str
) -> str | None:
    """The ranked hour first, its share of the day, its main product, then the next two hours."""
    metric = q.order_by
    assert metric is not None
    rows = [
        r
        for r in run(q.model_copy(update={"limit": None})).rows
        if r.get("hour") is not None and r.get(metric) is not None
    ]
    if not rows:
        return None
    rows.sort(key=lambda r: (-float(r[metric]) if q.descending else float(r[metric]), str(r["hour"])))
    top = rows[0]
    total = sum(float(r[metric]) for r in rows)

    def said(value: Any) -> str:
        text = fmt_value(value, metric_unit(metric), currency, metric)
        return f"{text} {_COUNTED[metric]}" if metric in _COUNTED else text

    what = _RANKED.get((metric, q.descending), f"{'top' if q.descending else 'bottom'} hour by {metric}")
    share = f" ({100 * float(top[metric]) / total:.1f}% of the day's)" if total else ""
    counted = metric in ("orders", "units", "revenue")
    mostly = _mostly(q, metric, str(top["hour"]), run, titles, currency) if counted else ""
    where = _filter_phrase([f for f in q.filters if f.dimension != "hour"], titles)
    others = [
        f"{span_label(str(r['hour']))} ({fmt_value(r[metric], metric_unit(metric), currency, metric)})"
        for r in rows[1:3]
    ]
    after = f", {'ahead of' if q.descending else 'below'} {' and '.join(others)}" if others else ""
    return f"Your {what}{where} is {span_label(str(top['hour']))}: {said(top[metric])}{share}{mostly}, {when}{after}."


def _mostly(q: MetricQuery, metric: str, hour: str, run: Run, titles: Mapping[str, str], currency: str | None) -> str:
    """The product that made most of the hour's ``metric`` (", mostly Latte (25)"); none when one product is asked."""
    if any(f.dimension == "sku" for f in q.filters):
        return ""
    kept = [f for f in q.filters if f.dimension != "hour"] + [DimensionFilter(dimension="hour", values=[hour])]
    rows = run(
        q.model_copy(
            update={
                "dimensions": ["sku"],
                "filters": kept,
                "limit": 1,
                "share_of_total": False,
                "order_by": metric,
                "descending": True,
                "metrics": [metric],
            }
        )
    ).rows
    if not rows or rows[0].get("sku") is None or rows[0].get(metric) is None:
        return ""
    sku = str(rows[0]["sku"])
    value = fmt_value(rows[0][metric], metric_unit(metric), currency, metric)
    return f", mostly {titles.get(sku, sku)} ({value})"


#: Days of the week in order, for the hour-by-weekday answer.
_WEEK = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _each_weekday(q: MetricQuery, run: Run, currency: str | None, when: str) -> str | None:
    """Each day of the week's own top hour ("Monday 10:00-11:00 (20 sales); Tuesday ...")."""
    metric = q.order_by
    assert metric is not None
    rows = [
        r
        for r in run(q.model_copy(update={"limit": None})).rows
        if r.get("hour") is not None and r.get("weekday") in _WEEK and r.get(metric) is not None
    ]
    if not rows:
        return None
    best: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: (-float(r[metric]) if q.descending else float(r[metric]), str(r["hour"]))):
        best.setdefault(str(r["weekday"]), r)
    what = _RANKED.get((metric, q.descending), f"{'top' if q.descending else 'bottom'} hour by {metric}")
    unit = f" {_COUNTED[metric]}" if metric in _COUNTED else ""
    days = [
        f"{day} {span_label(str(best[day]['hour']))} "
        f"({fmt_value(best[day][metric], metric_unit(metric), currency, metric)}{unit})"
        for day in _WEEK
        if day in best
    ]
    return f"{what[:1].upper()}{what[1:]} by day of the week, {when}: {'; '.join(days)}."
