"""Charts for agents' answers read better than their rows: forecasts with their bands, what-ifs, rankings.

A week-by-week forecast is read at a glance as a line with its 90% interval shaded around it; a product-by-week
table as one line per product; a forecast of one period (the store's total, or each product's) as its estimate on
its interval; a price what-if as its units (and revenue) without and with the change, side by side; a ranking as
bars. All are Vega-Lite v5 specs with inline data (the report's ``chart``, drawn by the console as it is), built
from the described table, so the axis says units or money as the table's columns do. A product is one bar or range
however many products share its title (keyed by its SKU, the SKU added to the title when titles repeat). Other
tables (single figures, lists) get no chart here: their rows are the answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
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
    info = next((c for c in table.column_info if c.name == measure), None)
    scale = 100.0 if info is not None and info.unit == "share" else 1.0
    title = f"{info.label if info is not None else measure} (%)"
    rows = [r for r in table.rows[:MAX_BARS] if _number(r[at[measure]]) is not None]
    values = [
        {"key": key, "label": label, "value": round(float(r[at[measure]]) * scale, 1)}
        for (key, label), r in zip(row_labels(table, rows), rows, strict=True)
    ]
    if len(values) < 2:
        return None
    return {
        "$schema": VEGA_SCHEMA,
        "data": {"values": values},
        "mark": "bar",
        "encoding": {
            "y": {
                "field": "label",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": LABEL_LIMIT},
            },
            "x": {"field": "value", "type": "quantitative", "title": title},
        },
        "description": f"{title} for the first {len(values)} rows, in the answer's order",
    }


#: The width (px) an axis gives a row's label before cutting it, and the characters of a title kept before its SKU.
LABEL_LIMIT = 200
TITLE_WITH_SKU = 20


def _clipped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


#: The store's own series as the agents name it in a table's first column (a revenue-totals forecast's "revenue", a
#: what-if across the catalogue's "all"): the whole store, to a person.
_WHOLE_STORE = {"revenue": "Whole store", "units": "Whole store", "all": "Whole store"}


def row_labels(table: AnswerTable, rows: Sequence[list[Any]]) -> list[tuple[str, str]]:
    """Each row's key and label: its SKU (else its first cell) and its title, the SKU added when titles repeat.

    A chart keyed by a title draws two products of one title ("Classic Mug" in two colours) as one bar with their
    values on top of each other; keyed by the SKU, each product is its own bar, and the label tells them apart.
    A key that still repeats (one product on two rows) is numbered, so no two rows ever share a mark.
    """
    at = {c: i for i, c in enumerate(table.columns)}
    key_column = next((c for c in ("sku", "series", "scope") if c in at), table.columns[0])
    name_column = "product" if "product" in at else key_column
    keys = [str(r[at[key_column]]) for r in rows]
    names = [
        str(r[at[name_column]])
        if name_column != key_column and r[at[name_column]] not in (None, "")
        else k
        if key_column == "sku"
        else _WHOLE_STORE.get(k, k)
        for r, k in zip(rows, keys, strict=True)
    ]
    repeated = Counter(names)
    # the SKU is what tells them apart: the title is shortened so that an axis (which cuts a label at its end,
    # LABEL_LIMIT px) never cuts the SKU off
    labels = [
        f"{_clipped(n, TITLE_WITH_SKU)} ({k})" if repeated[n] > 1 and n != k else n
        for n, k in zip(names, keys, strict=True)
    ]
    twice, seen = Counter(zip(keys, labels, strict=True)), Counter[tuple[str, str]]()
    out = []
    for key, label in zip(keys, labels, strict=True):
        seen[(key, label)] += 1
        n = seen[(key, label)]
        out.append((f"{key} #{n}", f"{label} #{n}") if twice[(key, label)] > 1 else (key, label))
    return out


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def interval_chart(table: AnswerTable) -> dict[str, Any] | None:
    """A forecast of one period (the store's total, each product's): the estimate as a point on its interval."""
    band = table.band
    if band is None or band.period_start is not None:
        return None
    at = {c: i for i, c in enumerate(table.columns)}
    rows = [
        r
        for r in table.rows[:MAX_BARS]
        if all(_number(r[at[c]]) is not None for c in (band.estimate, band.lower, band.upper))
    ]
    if not rows:
        return None
    title = _axis_title(table, band.estimate, "Forecast")
    values = [
        {
            "key": key,
            "label": label,
            "estimate": r[at[band.estimate]],
            "lower": r[at[band.lower]],
            "upper": r[at[band.upper]],
        }
        for (key, label), r in zip(row_labels(table, rows), rows, strict=True)
    ]
    y = {"field": "label", "type": "nominal", "sort": None, "title": None, "axis": {"labelLimit": LABEL_LIMIT}}
    return {
        "$schema": VEGA_SCHEMA,
        "data": {"values": values},
        "height": {"step": 30},
        "layer": [
            {
                "mark": {"type": "bar", "opacity": 0.3, "height": 14},
                "encoding": {
                    "y": y,
                    "x": {"field": "lower", "type": "quantitative", "title": title, "scale": {"zero": False}},
                    "x2": {"field": "upper"},
                },
            },
            {
                "mark": {"type": "point", "filled": True, "size": 70},
                "encoding": {"y": y, "x": {"field": "estimate", "type": "quantitative", "title": title}},
            },
        ],
        "description": f"{title}: the forecast with its {band.level:.0%} interval"
        + (f" for the first {len(values)} rows" if len(values) > 1 else ""),
    }


#: Products a what-if chart draws at most (the table has every row).
MAX_WHATIF_PRODUCTS = 4


def _whatif_names(pcts: set[float]) -> tuple[str, str]:
    """The two bars of a what-if, as the question put the change: "Without the 10% cut", "With the 10% cut"."""
    change = "cut" if all(p < 0 for p in pcts) else "rise" if all(p > 0 for p in pcts) else "change"
    size = f"{abs(next(iter(pcts))):g}% " if len(pcts) == 1 else ""
    return f"Without the {size}{change}", f"With the {size}{change}"


def whatif_chart(table: AnswerTable) -> dict[str, Any] | None:
    """A price what-if: the units (and the revenue, when the new price is known) without and with the change.

    The answer states the change; the bars show how large it is against what would be sold anyway. The revenue
    without the change is the baseline units at the old price (the new price undone by the change in %), with it
    that plus the answer's change in revenue, so the two bars differ by exactly the figure the table states.
    """
    at = {c: i for i, c in enumerate(table.columns)}
    if "baseline_units" not in at or "price_change_pct" not in at:
        return None
    after_units = "delta_units" if "delta_units" in at else "forecast_units" if "forecast_units" in at else None
    if after_units is None:
        return None
    rows = [
        r
        for r in table.rows[:MAX_WHATIF_PRODUCTS]
        if _number(r[at["baseline_units"]]) is not None
        and _number(r[at[after_units]]) is not None
        and (_number(r[at["price_change_pct"]]) or 0.0) > -100
    ]
    if not rows:
        return None
    without, with_ = _whatif_names({float(r[at["price_change_pct"]]) for r in rows})
    units: list[dict[str, Any]] = []
    revenue: list[dict[str, Any]] = []
    for (key, label), r in zip(row_labels(table, rows), rows, strict=True):
        base = float(r[at["baseline_units"]])
        after = base + float(r[at[after_units]]) if after_units == "delta_units" else float(r[at[after_units]])
        units += [
            {"key": key, "label": label, "when": without, "value": round(base, 1)},
            {"key": key, "label": label, "when": with_, "value": round(after, 1)},
        ]
        price = _number(r[at["new_price"]]) if "new_price" in at else None
        delta = _number(r[at["delta_revenue"]]) if "delta_revenue" in at else None
        if price is not None and price > 0 and delta is not None:
            before = base * price / (1 + float(r[at["price_change_pct"]]) / 100)
            revenue += [
                {"key": key, "label": label, "when": without, "value": round(before, 2)},
                {"key": key, "label": label, "when": with_, "value": round(before + delta, 2)},
            ]
    several = len(rows) > 1
    # the two bars are told apart by colour, named once in the legend under the chart (axis labels as long as
    # "Without the 10% cut" would not fit under a bar on a phone); several products are groups along the axis
    color = {"field": "when", "type": "nominal", "sort": [without, with_], "title": None}

    def view(values: list[dict[str, Any]], title: str) -> dict[str, Any]:
        x: dict[str, Any] = (
            {
                "field": "label",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelAngle": 0, "labelLimit": 90},
            }
            if several
            else {"field": "when", "type": "nominal", "sort": [without, with_], "title": None, "axis": None}
        )
        encoding: dict[str, Any] = {
            "x": x,
            "y": {"field": "value", "type": "quantitative", "title": title},
            "color": color,
        }
        if several:
            encoding["xOffset"] = {"field": "when", "sort": [without, with_]}
        return {
            "data": {"values": values},
            "mark": "bar",
            "height": 180,
            "width": {"step": 22 if several else 44},
            "encoding": encoding,
        }

    views = [view(units, "Units")]
    if revenue and len(revenue) == len(units):
        views.append(view(revenue, f"Revenue ({table.currency})" if table.currency else "Revenue"))
    return {
        "$schema": VEGA_SCHEMA,
        "hconcat": views,
        "spacing": 24,
        "config": {"legend": {"orient": "bottom", "direction": "vertical"}},
        "description": f"Units{' and revenue' if len(views) > 1 else ''} {without.lower()} and {with_.lower()}",
    }


def agent_chart(table: AnswerTable | None) -> dict[str, Any] | None:
    """The chart an agent's table is read best as, if any."""
    if table is None or not table.columns:
        return None
    return (
        band_chart(table)
        or whatif_chart(table)
        or product_weeks_chart(table)
        or ranking_chart(table)
        or interval_chart(table)
    )
