"""Each column of an answer's table described once: its header, its unit, whether it is a detail, and its band.

The agents and the metrics layer name their columns for programs (``forecast_units``, ``gap_pct``,
``share_of_reviews``); a person reads "Forecast (units)", "+12.3%", "12.1%". The units are stated here, by exact
column name (every agent's column lists are checked against this vocabulary by a unit test), and for the metrics
layer from the metric catalogue, so the console formats money, percentages, fractions and dates without guessing
from a name. A column nobody described keeps its name as its header and a unit read from its values (number or
text): never money or a percentage by guess.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from shared import regex as re
from shared.orchestration.report import AnswerTable, ColumnUnit, TableBand, TableColumn
from shared.store.metrics.catalog import METRICS

Measure = Literal["units", "revenue"]

#: Agent columns: header and unit. ``None`` as the unit: units or money, as the forecast was asked.
_AGENT: dict[str, tuple[str, ColumnUnit | None]] = {
    # products and places
    "sku": ("SKU", "text"),
    "product": ("Product", "text"),
    "category": ("Category", "text"),
    "competitor": ("Competitor", "text"),
    "competitor_sku": ("Competitor SKU", "text"),
    "scope": ("Scope", "text"),
    "series": ("Series", "text"),
    "theme": ("Theme", "text"),
    "label": ("Label", "text"),
    "names": ("Names", "text"),
    "quote": ("Example", "text"),
    "text": ("Text", "text"),
    "flags": ("Flags", "text"),
    "reasons": ("Reasons", "text"),
    "source": ("Source", "text"),
    "shipping": ("Shipping", "money"),
    "currency": ("Currency", "text"),
    # forecasts and bands
    "forecast_units": ("Forecast (units)", "count"),
    "forecast_revenue": ("Forecast revenue", "money"),
    "forecast": ("Forecast", None),
    "lower": ("Low (90%)", None),
    "upper": ("High (90%)", None),
    "low": ("Low", None),
    "high": ("High", None),
    "total": ("Total", None),
    "week": ("Week", "count"),
    "start": ("From", "date"),
    "end": ("To", "date"),
    "days": ("Days", "count"),
    "horizon_days": ("Days ahead", "count"),
    "revenue_per_unit": ("Revenue per unit", "money"),
    "expected_units": ("Expected units", "count"),
    "baseline_units": ("Units without the change", "count"),
    "delta_units": ("Change in units", "count"),
    "delta_revenue": ("Change in revenue", "money"),
    "price_change_pct": ("Price change", "percent"),
    "units_change_pct": ("Demand change", "percent"),
    "units_change_pct_low": ("Demand change, low", "percent"),
    "units_change_pct_high": ("Demand change, high", "percent"),
    "elasticity": ("Elasticity", "number"),
    "elasticity_low": ("Elasticity, low", "number"),
    "elasticity_high": ("Elasticity, high", "number"),
    "ci_low": ("Interval low", "number"),
    "ci_high": ("Interval high", "number"),
    # stock
    "days_left": ("Days left", "days"),
    "stockout_date": ("Runs out", "date"),
    "lead_time_days": ("Lead time (days)", "count"),
    "on_hand": ("On hand", "count"),
    "on_order": ("On order", "count"),
    "daily_units": ("Units a day", "number"),
    "daily_rate": ("Units a day", "number"),
    "reorder_units": ("Reorder (units)", "count"),
    "order_units": ("Order (units)", "count"),
    "days_of_cover": ("Days of cover", "days"),
    "cover_method": ("Cover from", "text"),
    "counted_on": ("Stock counted", "date"),
    "sold_since_count": ("Sold since count", "count"),
    "in_stock": ("In stock", "text"),
    "out_of_stock_days": ("Days out of stock", "count"),
    "lost_units": ("Units lost", "count"),
    "lost_revenue": ("Revenue lost", "money"),
    # prices and the market
    "our_price": ("Our price", "money"),
    "price": ("Price", "money"),
    "new_price": ("New price", "money"),
    "old_price": ("Old price", "money"),
    "usual_price": ("Usual price", "money"),
    "competitor_median": ("Market median", "money"),
    "competitor_price": ("Competitor price", "money"),
    "their_price": ("Their price", "money"),
    "comp_min": ("Market low", "money"),
    "comp_median": ("Market median", "money"),
    "comp_max": ("Market high", "money"),
    "recommended_price": ("Recommended price", "money"),
    "reference_price": ("Reference price", "money"),
    "first_price": ("First price", "money"),
    "last_price": ("Last price", "money"),
    "map_price": ("MAP", "money"),
    "msrp": ("MSRP", "money"),
    "cost": ("Cost", "money"),
    "gap": ("Gap", "money"),
    "below_by": ("Below by", "money"),
    "gap_to_min": ("Gap to lowest", "money"),
    "gap_to_median": ("Gap to median", "money"),
    "gap_to_max": ("Gap to highest", "money"),
    "margin_per_unit": ("Margin per unit", "money"),
    "our_margin": ("Our margin", "money"),
    "revenue": ("Revenue", "money"),
    "gap_pct": ("Gap to market", "percent"),
    "change_pct": ("Change", "percent"),
    "cut_pct": ("Cut", "percent"),
    "markup_pct": ("Markup", "percent"),
    "gross_margin_pct": ("Gross margin", "percent"),
    "share_pct": ("Share", "percent"),
    "mean_gap_pct_when_below": ("Mean gap when below", "percent"),
    "below_us_share": ("Below us", "share"),
    "cheapest_share": ("Cheapest", "share"),
    "mean_cheapest_share": ("Cheapest (mean)", "share"),
    "share_rank_1": ("Cheapest (share)", "share"),
    "price_index": ("Price index", "number"),
    "mean_price_index": ("Mean price index", "number"),
    "median_price_index": ("Median price index", "number"),
    "competitors": ("Competitors", "count"),
    "n_competitors": ("Competitors", "count"),
    "n_skus": ("SKUs", "count"),
    "n_dates": ("Dates", "count"),
    "n_obs": ("Observations", "count"),
    "observations": ("Observations", "count"),
    "products": ("Products", "count"),
    "products_carried": ("Products carried", "count"),
    "products_lowest": ("Products cheapest", "count"),
    "product_days_below": ("Product-days below", "count"),
    "product_days_compared": ("Product-days compared", "count"),
    "skus_undercut": ("SKUs undercut", "count"),
    "revenue_rank": ("Revenue rank", "count"),
    "rank": ("Rank", "count"),
    "tied": ("Tied", "count"),
    "units": ("Units", "count"),
    "date": ("Date", "date"),
    "changed_on": ("Changed on", "date"),
    "first_date": ("First date", "date"),
    "last_date": ("Last date", "date"),
    "latest_date": ("Latest date", "date"),
    "last_day_before": ("Last day before", "date"),
    "period_start": ("From", "date"),
    "recent_from": ("Recent from", "date"),
    "method": ("Method", "text"),
    "model": ("Model", "text"),
    "confidence": ("Match confidence", "number"),
    "pooled": ("Pooled", "text"),
    "elasticity_usable": ("Elasticity usable", "text"),
    # reviews
    "reviews": ("Reviews", "count"),
    "share_of_reviews": ("Share of reviews", "share"),
    "mentions": ("Mentions", "count"),
    "positive": ("Positive", "count"),
    "negative": ("Negative", "count"),
    "negative_share": ("Negative", "share"),
    "mean_rating": ("Mean rating", "rating"),
    "rating": ("Rating", "rating"),
    "rating_before": ("Rating before", "rating"),
    "rating_recent": ("Rating recently", "rating"),
    "drop": ("Drop (stars)", "number"),
    "z": ("z-score", "number"),
    "reviews_before": ("Reviews before", "count"),
    "reviews_recent": ("Reviews recently", "count"),
    "mean_sentiment": ("Mean sentiment", "number"),
    "score": ("Score", "number"),
    "review_id": ("Review", "text"),
    "quote_review_id": ("Example's review", "text"),
    "record_key": ("Record", "text"),
}

#: Columns that support the answer rather than state it: folded away until asked for.
_DETAIL = frozenset(
    {
        "model",
        "cover_method",
        "counted_on",
        "sold_since_count",
        "quote_review_id",
        "review_id",
        "record_key",
        "elasticity_low",
        "elasticity_high",
        "units_change_pct_low",
        "units_change_pct_high",
        "horizon_days",
        "revenue_per_unit",
        "lead_time_days",
        "z",
        "reviews_before",
        "reviews_recent",
        "n_obs",
        "n_dates",
        "pooled",
        "elasticity_usable",
        "week",
        "days",
        "end",
        "competitor_sku",
        "product_days_compared",
        "date",
    }
)

#: The metrics layer's dimensions.
_DIMENSIONS = {
    "product": "Product",
    "category": "Category",
    "brand": "Brand",
    "channel": "Channel",
    "date": "Period",
    "competitor": "Competitor",
    "country": "Country",
    "region": "Region",
    "customer_type": "Customer",
    "store": "Store",
    "location": "Location",
}

#: A product-by-week table's week: "2026-12-07 to 2026-12-13".
_WEEK = re.compile(r"^(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_METRIC_UNITS: dict[str, ColumnUnit] = {
    "money": "money",
    "count": "count",
    "percent": "percent",
    "rating": "rating",
    "days": "days",
    "index": "number",
}


def week_label(start: date, end: date) -> str:
    """``7-13 Dec``, ``28 Dec-3 Jan``: a week as the answer writes it."""
    if start.month == end.month:
        return f"{start.day}-{end.day} {_MONTHS[end.month - 1]}"
    return f"{start.day} {_MONTHS[start.month - 1]}-{end.day} {_MONTHS[end.month - 1]}"


def _humanise(name: str) -> str:
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _from_values(rows: list[list[Any]], at: int) -> ColumnUnit:
    values = [r[at] for r in rows if at < len(r) and r[at] is not None]
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "number"
    return "text"


def _metric_column(name: str) -> tuple[str, ColumnUnit] | None:
    """A metrics-layer column: a metric, its previous value, its change in %, its share in %."""
    suffixes: tuple[tuple[str, str, ColumnUnit | None], ...] = (
        ("_change_pct", "change", "percent"),
        ("_share_pct", "share", "percent"),
        ("_previous", "before", None),
        ("", "", None),
    )
    for suffix, says, unit in suffixes:
        if not name.endswith(suffix):
            continue
        metric = name[: len(name) - len(suffix)] if suffix else name
        spec = METRICS.get(metric) or (METRICS.get(f"{metric}_share") if suffix == "_share_pct" else None)
        if spec is None:
            continue
        label = _humanise(metric) + (f", {says}" if says else "")
        return label, unit or _METRIC_UNITS.get(spec.unit, "number")
    return None


def describe_columns(
    columns: list[str], rows: list[list[Any]], *, measure: Measure | None = None, metrics: bool = False
) -> list[TableColumn]:
    """Each column's header and unit; ``measure`` says what a forecast's own figures are (units or money)."""
    flexible: ColumnUnit = "money" if measure == "revenue" else "count"
    band = band_of(columns)
    # an interval's ends are in its estimate's unit: units beside a per-SKU revenue column, money in a revenue series
    ends: ColumnUnit = (
        flexible
        if band is None or band.estimate == "forecast"
        else "count"
        if band.estimate == "forecast_units"
        else "money"
    )
    out: list[TableColumn] = []
    for at, name in enumerate(columns):
        label: str
        unit: ColumnUnit | None
        if metrics and name in _DIMENSIONS:
            label, unit = _DIMENSIONS[name], "text"  # the metrics layer's dates are labels ("the week of 7 Sep")
        elif metrics and (found := _metric_column(name)) is not None:
            label, unit = found
        elif (week := _WEEK.match(name)) is not None:
            label, unit = week_label(date.fromisoformat(week.group(1)), date.fromisoformat(week.group(2))), flexible
        elif name in _AGENT:
            label, unit = _AGENT[name]
            unit = unit or (ends if name in ("lower", "upper", "low", "high") else flexible)
        else:
            label, unit = _humanise(name), _from_values(rows, at)
        out.append(TableColumn(name=name, label=label, unit=unit, detail=not metrics and name in _DETAIL))
    return out


def band_of(columns: list[str]) -> TableBand | None:
    """The estimate and its interval, when the table has both ends (a forecast's ``lower``/``upper``)."""
    estimate = next((c for c in ("forecast", "forecast_units", "forecast_revenue") if c in columns), None)
    if estimate is None or "lower" not in columns or "upper" not in columns:
        return None
    if estimate == "forecast_revenue" and "forecast_units" in columns:
        estimate = "forecast_units"  # the interval is of the units (the revenue column is units x price)
    return TableBand(
        estimate=estimate, lower="lower", upper="upper", period_start="start" if "start" in columns else None
    )


def described(
    table: AnswerTable | None, *, measure: Measure | None = None, metrics: bool = False, currency: str | None = None
) -> AnswerTable | None:
    """``table`` with its columns described, its band marked and its currency stated (a copy)."""
    if table is None:
        return None
    return table.model_copy(
        update={
            "column_info": describe_columns(table.columns, table.rows, measure=measure, metrics=metrics),
            "band": None if metrics else band_of(table.columns),
            "currency": currency,
        }
    )
