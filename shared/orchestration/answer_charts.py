"""Charts for agents' answers whose table is a time series: a forecast by week with its band, products by week.

A week-by-week forecast is read at a glance as a line with its 90% interval shaded around it; a product-by-week
table as one line per product. Both are Vega-Lite v5 specs with inline data (the report's ``chart``, drawn by the
console as it is), built from the described table, so the axis says units or money as the table's columns do.
Other tables (rankings, single figures) get no chart here: their rows are the answer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from shared import regex as re
from shared.orchestration.report import AnswerTable
from shared.orchestration.table_columns import week_label

VEGA_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
#: Lines a product-by-week chart draws at most (the largest first): more is a tangle, the table has them all.
MAX_PRODUCT_LINES = 8
_WEEK = re.compile(r"^(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})$")
#: Weeks along the axis as the answer names them ("7-13 Dec"), in order: no time zone can move a day, and a week
#: that starts on any weekday is labelled as the forecast cut it.
_WEEK_X = {
    "field": "week",
    "type": "ordinal",
    "sort": None,
    "title": "Week",
    "axis": {"labelAngle": 0, "labelOverlap": "greedy"},
}


def _day(iso: str) -> date:
    return date.fromisoformat(str(iso)[:10])


def _axis_title(table: AnswerTable, column: str, fallback: str) -> str:
    info = next((c for c in table.column_info if c.name == column), None)
    if info is None:
        return fallback
    if info.unit == "money":
        return f"Revenue ({table.currency})" if table.currency else "Revenue"
    return "Units" if info.unit == "count" else info.label


def _period(start: Any, end: Any) -> str:
    """A row's period as the answer names it: ``7-13 Dec`` (or its first day when the row has no end)."""
    first = _day(start)
    return week_label(first, _day(end)) if end is not None else f"{first.day} {first:%b}"


def band_chart(table: AnswerTable) -> dict[str, Any] | None:
    """A forecast by period: the estimate as a line, its interval as a shaded band (needs 2+ periods)."""
    band = table.band
    if band is None or band.period_start is None or len(table.rows) < 2:
        return None
    at = {c: i for i, c in enumerate(table.columns)}
    values = [
        {
            "week": _period(r[at[band.period_start]], r[at["end"]] if "end" in at else None),
            "estimate": r[at[band.estimate]],
            "lower": r[at[band.lower]],
            "upper": r[at[band.upper]],
        }
        for r in table.rows
    ]
    title = _axis_title(table, band.estimate, "Forecast")
    x = _WEEK_X
    return {
        "$schema": VEGA_SCHEMA,
        "data": {"values": values},
        "height": 220,
        "layer": [
            {
                "mark": {"type": "area", "opacity": 0.25},
                "encoding": {
                    "x": x,
                    "y": {"field": "lower", "type": "quantitative", "title": title, "scale": {"zero": False}},
                    "y2": {"field": "upper"},
                },
            },
            {
                "mark": {"type": "line", "point": True},
                "encoding": {
                    "x": x,
                    "y": {"field": "estimate", "type": "quantitative", "title": title, "scale": {"zero": False}},
                },
            },
        ],
        "description": f"{title} by week with its {band.level:.0%} interval shaded",
    }


def product_weeks_chart(table: AnswerTable) -> dict[str, Any] | None:
    """A product-by-week table: one line per product over the weeks (the largest :data:`MAX_PRODUCT_LINES`)."""
    weeks = [
        (i, week_label(_day(m.group(1)), _day(m.group(2))))
        for i, c in enumerate(table.columns)
        if (m := _WEEK.match(c))
    ]
    if len(weeks) < 2 or not table.columns or table.columns[0] != "sku":
        return None
    title = _axis_title(table, table.columns[weeks[0][0]], "Forecast")
    values = [
        {"product": str(r[0]), "week": week, "value": r[i]} for r in table.rows[:MAX_PRODUCT_LINES] for i, week in weeks
    ]
    return {
        "$schema": VEGA_SCHEMA,
        "data": {"values": values},
        "height": 240,
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": _WEEK_X,
            "y": {"field": "value", "type": "quantitative", "title": title},
            "color": {"field": "product", "type": "nominal", "title": "Product"},
        },
        "description": f"{title} by week for the {min(len(table.rows), MAX_PRODUCT_LINES)} largest products",
    }


#: Rankings read at a glance as bars: the column whose value ranks the rows, by the agents' tables' own measure.
#: What reviews complain about (each theme's share of reviews), how far each product's price sits from the market.
_RANKED_BY = ("share_of_reviews", "gap_pct")
#: Bars a ranking draws at most (the table has every row).
MAX_BARS = 15


def ranking_chart(table: AnswerTable) -> dict[str, Any] | None:
    """A ranking of themes or products as horizontal bars, in the table's order (2+ rows)."""
    measure = next((c for c in _RANKED_BY if c in table.columns), None)
    if measure is None or len(table.rows) < 2:
        return None
    at = {c: i for i, c in enumerate(table.columns)}
    name = "product" if "product" in at else table.columns[0]
    info = next((c for c in table.column_info if c.name == measure), None)
    scale = 100.0 if info is not None and info.unit == "share" else 1.0
    title = f"{info.label if info is not None else measure} (%)"
    values = [
        {"label": str(r[at[name]]), "value": round(float(r[at[measure]]) * scale, 1)}
        for r in table.rows[:MAX_BARS]
        if isinstance(r[at[measure]], (int, float))
    ]
    if len(values) < 2:
        return None
    return {
        "$schema": VEGA_SCHEMA,
        "data": {"values": values},
        "mark": "bar",
        "encoding": {
            "y": {"field": "label", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "value", "type": "quantitative", "title": title},
        },
        "description": f"{title} for the first {len(values)} rows, in the answer's order",
    }


def agent_chart(table: AnswerTable | None) -> dict[str, Any] | None:
    """The chart an agent's table is read best as, if any."""
    if table is None:
        return None
    return band_chart(table) or product_weeks_chart(table) or ranking_chart(table)
