"""``MetricQuery`` -> one sqlglot expression plus bound parameters, for DuckDB and BigQuery alike.

The statement has four levels:

1. per measure group (sales lines, customers, reviews, stock snapshots, competitor price observations), the
   fact's rows for the tenant, the period(s) and the filters, with each requested dimension as a column
   (catalogue columns come from a LEFT JOIN on a one-row-per-SKU products relation, itself tenant-filtered);
2. each group aggregated by the dimensions (and, with a comparison, by period) into its measures;
3. the groups stacked (``UNION ALL``, other groups' measures NULL) and summed by the dimensions, so metrics
   from different facts meet on the same dimension values, with current and previous periods side by side;
4. the metric formulas, changes, shares of total, ordering and the row limit.

The tenant predicate is added here on every table read, and every value from the query is a placeholder:
the expression cannot be built without a tenant and carries no literal from the caller.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlglot import exp

from shared.errors import InvalidInput
from shared.store.metrics.catalog import (
    DIMENSIONS,
    GROUP_SOURCE,
    HOURS,
    MEASURES,
    METRICS,
    NO_PRODUCTS_FLAG,
    NO_UNITS_FLAG,
    ORDER_VALUE_AT_PERCENTILE,
    ORDER_VALUE_PERCENTILES,
    TOTAL_LINE_FLAG,
    WEEKDAYS,
    MeasureGroup,
    MetricSpec,
    col,
    fn,
    hour_of_day,
    ratio,
    sold_line,
    truncate,
    weekday_name,
    weekday_order,
    when,
)
from shared.store.metrics.model import MetricQuery, TimeRange
from shared.store.metrics.shop_clock import hour_label, shop_zone, utc_minutes, wall_day, wall_minutes, zone_span
from shared.store.statements import TENANT, tenant_predicate

#: Rows returned when a query sets no limit (one more is fetched to tell that the result was cut).
MAX_ROWS = 1000
_FLOAT = exp.DataType.build("DOUBLE")
_TEXT = exp.DataType.build("VARCHAR")
_CURRENT, _PREVIOUS = 0, 1


class MetricQueryError(InvalidInput):
    """The query asks for something the catalogue or the data's shape cannot answer (HTTP 400)."""


@dataclass(frozen=True)
class CompiledQuery:
    """A compiled metric query: the expression, its parameters and what the rows will hold."""

    statement: exp.Select
    params: dict[str, Any]
    dimensions: list[str]
    metric_columns: list[str]
    previous_range: TimeRange | None
    row_cap: int
    has_currency: bool


@dataclass
class _Params:
    values: dict[str, Any] = field(default_factory=dict)

    def bind(self, name: str, value: Any) -> exp.Placeholder:
        self.values[name] = value
        return exp.Placeholder(this=name)


def _month_start(d: date, months_back: int) -> date:
    total = d.year * 12 + d.month - 1 - months_back
    return date(total // 12, total % 12 + 1, 1)


def _whole_months(tr: TimeRange) -> int | None:
    """Number of calendar months ``tr`` covers exactly, or ``None`` when it does not start/end on month edges."""
    last = calendar.monthrange(tr.end.year, tr.end.month)[1]
    if tr.start.day != 1 or tr.end.day != last:
        return None
    return (tr.end.year - tr.start.year) * 12 + tr.end.month - tr.start.month + 1


def to_date_months(tr: TimeRange) -> int | None:
    """1, 3 or 12 when ``tr`` is a month, quarter or year to date (from its first day, ending before its last).

    "This month so far vs last month" compares 1-14 Dec with 1-14 Nov, not with the whole of November.
    """
    if tr.start.day != 1 or _whole_months(tr) is not None:
        return None
    for months, starts in ((1, range(1, 13)), (3, (1, 4, 7, 10)), (12, (1,))):
        if tr.start.month in starts and tr.end < _month_start(tr.start, -months):
            return months
    return None


def _months_earlier(d: date, months: int) -> date:
    first = _month_start(d, months)
    return first.replace(day=min(d.day, calendar.monthrange(first.year, first.month)[1]))


def _year_earlier(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def previous_range(tr: TimeRange, compare: str) -> TimeRange:
    """The range a comparison reads.

    ``previous_year``: the same dates a year earlier; whole months are the same whole months (February 2025
    against all of February 2024, its 29th too). ``previous_week``: the same dates 7 days earlier (the same
    weekdays). ``previous_period``: the same number of calendar months
    just before when ``tr`` is whole months (Q2 -> Q1, March -> February), else the same number of days just
    before. ``previous_period_to_date``: for a month, quarter or year to date, the same days of the one before
    (1-14 Dec -> 1-14 Nov, not the whole of November); otherwise as ``previous_period``.
    """
    if compare == "previous_year":
        start, end = _year_earlier(tr.start), _year_earlier(tr.end)
        if _whole_months(tr) is not None:  # a month's last day is its last day a year back (28 Feb -> 29 Feb)
            end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    elif compare == "previous_week":  # "yesterday vs the same day last week": the same weekdays, 7 days back
        start, end = tr.start - timedelta(days=7), tr.end - timedelta(days=7)
    elif compare == "previous_period_to_date" and (months := to_date_months(tr)) is not None:
        start, end = _month_start(tr.start, months), _months_earlier(tr.end, months)
    elif (months := _whole_months(tr)) is not None:
        start = _month_start(tr.start, months)
        end = tr.start - timedelta(days=1)
    else:
        start, end = tr.start - timedelta(days=tr.days), tr.start - timedelta(days=1)
    return TimeRange(start=start, end=end, label=f"{start.isoformat()} - {end.isoformat()}")


@dataclass(frozen=True)
class _Context:
    query: MetricQuery
    params: _Params
    previous: TimeRange | None
    with_products: bool
    needed: dict[MeasureGroup, tuple[str, ...]]

    @property
    def compare(self) -> bool:
        return self.previous is not None


def _validate(query: MetricQuery) -> tuple[list[MetricSpec], dict[MeasureGroup, tuple[str, ...]]]:
    specs = [METRICS[m] for m in dict.fromkeys(query.metrics)]
    wanted_dims = [*query.dimensions, *(f.dimension for f in query.filters)]
    for spec in specs:
        if not spec.time_dimension_allowed and any(DIMENSIONS[d].is_time for d in query.dimensions):
            raise MetricQueryError(f"{spec.name} is a point-in-time ratio over the whole period and cannot be "
                                   "broken down by date or weekday; ask for stock_on_hand or units instead",
                                   details={"metric": spec.name})
        for group in spec.groups:
            for dim in wanted_dims:
                if group not in DIMENSIONS[dim].groups:
                    raise MetricQueryError(
                        f"{spec.name} comes from {GROUP_SOURCE[group].value}, which has no {dim}: it cannot be "
                        f"broken down or filtered by {dim}", details={"metric": spec.name, "dimension": dim})
    if query.compare and any("catalogue" in spec.groups for spec in specs):
        raise MetricQueryError("the catalogue has no date: its products cannot be compared between periods")
    if len(set(query.dimensions)) != len(query.dimensions):
        raise MetricQueryError("a dimension is listed twice")
    needed: dict[MeasureGroup, list[str]] = {}
    for spec in specs:
        for name in spec.measures:
            group = MEASURES[name].group
            if name not in needed.setdefault(group, []):
                needed[group].append(name)
    return specs, {g: tuple(ms) for g, ms in needed.items()}


def _day(fact: str = "f") -> exp.Column:
    return col("date", table=fact)


def _period(ctx: _Context) -> exp.Expr:
    return when(exp.GTE(this=_day(), expression=exp.Placeholder(this="start")),
                exp.Literal.number(_CURRENT), exp.Literal.number(_PREVIOUS))


def _bucket_day(ctx: _Context) -> exp.Expr:
    """The date rows are bucketed by: previous-period rows are shifted onto the current period's dates."""
    if ctx.previous is None:
        return _day()
    q = ctx.query
    assert q.time_range is not None
    if q.compare == "previous_year":
        shifted: exp.Expr = exp.DateAdd(this=_day(), expression=exp.Literal.number(1), unit=exp.var("YEAR"))
    elif (months := _whole_months(q.time_range) or (to_date_months(q.time_range) if q.compare ==
                                                    "previous_period_to_date" else None)) is not None:
        shifted = exp.DateAdd(this=_day(), expression=ctx.params.bind("shift", months), unit=exp.var("MONTH"))
    else:
        shifted = exp.DateAdd(this=_day(), expression=ctx.params.bind("shift", q.time_range.days),
                              unit=exp.var("DAY"))
    return when(exp.GTE(this=_day(), expression=exp.Placeholder(this="start")), _day(), shifted)


def _dimension(ctx: _Context, name: str, *, bucketed: bool) -> exp.Expr:
    if name == "date":
        if not bucketed:
            return _day()
        bucket = truncate(_bucket_day(ctx), ctx.query.grain or "day")
        if ctx.query.time_range is not None and ctx.query.grain not in (None, "day"):
            # a partial first bucket is dated by the range's first day, not a day before the range
            bucket = fn("GREATEST", bucket, exp.Placeholder(this="start"))
        return bucket
    if name == "weekday":
        if (zoned := _zoned(ctx)) is not None:  # beside an hour on the shop's clock: that clock's day
            return fn("COALESCE", weekday_name(wall_day(zoned)), weekday_name(_day()))
        return weekday_name(_day())
    if name == "hour":
        if (zoned := _zoned(ctx)) is not None:
            return fn("COALESCE", hour_label(zoned), hour_of_day(_f("time_of_day")))
        return hour_of_day(_f("time_of_day"))
    if name in ("product", "category", "brand"):
        return col({"product": "title"}.get(name, name), table="p")
    if name == "stars":  # "1 star" ... "5 stars": the rating as the answer names it (and a filter matches it)
        rating = col("rating", table="f")
        named = when(exp.EQ(this=rating, expression=exp.Literal.number(1)), exp.Literal.string("1 star"),
                     exp.DPipe(this=exp.Cast(this=rating.copy(), to=_TEXT), expression=exp.Literal.string(" stars")))
        return when(rating.copy().is_(exp.null()), exp.Literal.string("no rating"), named)
    if name == "verified":  # "from verified buyers": NULL when the export does not say
        flag = col("verified", table="f")
        return exp.Case().when(flag, exp.Literal.string("verified")).when(
            exp.Not(this=flag.copy()), exp.Literal.string("unverified"))
    if name == "returned":  # "average discount on returned orders": the orders that had a return, as a slice
        return _returned_order()
    if name == "promotion":  # "top products at full price": the lines off promotion, as a slice
        promoted = exp.or_(exp.EQ(this=fn("COALESCE", _f("promo"), exp.false()), expression=exp.true()),
                           exp.GT(this=fn("COALESCE", _f("discount"), exp.Literal.number(0)),
                                  expression=exp.Literal.number(0)))
        return when(promoted, exp.Literal.string("on promotion"), exp.Literal.string("full price"))
    if name == "text":  # "reviews without text": a rating alone
        blank = exp.EQ(this=exp.Trim(this=fn("COALESCE", col("text", table="f"), exp.Literal.string(""))),
                       expression=exp.Literal.string(""))
        return when(blank, exp.Literal.string("without text"), exp.Literal.string("with text"))
    return col(name, table="f")


#: The column of a sales line's instant in minutes since 1970 (UTC), where a query reads the shop's clock.
_INSTANT = "_utc_minute"


def _zoned(ctx: _Context) -> exp.Expr | None:
    """A query by hour in the shop's time zone: each line's instant on that clock (NULL without an offset)."""
    q = ctx.query
    zone = shop_zone(q.clock_zone)
    if zone is None or not ("hour" in q.dimensions or any(f.dimension == "hour" for f in q.filters)):
        return None
    period = None
    if q.time_range is not None:
        starts = [q.time_range.start] + ([ctx.previous.start] if ctx.previous is not None else [])
        ends = [q.time_range.end] + ([ctx.previous.end] if ctx.previous is not None else [])
        period = (min(starts), max(ends))
    first, last = zone_span(period)
    return wall_minutes(_f(_INSTANT), zone, first, last)


#: The values of the ``returned`` dimension.
RETURNED, NOT_RETURNED = "returned", "not returned"


def _returned_order() -> exp.Expr:
    """``'returned'`` when the line's order had a unit returned, else ``'not returned'``.

    A return is often its own line (units 0, the order's id, a later date, maybe after the period asked), so the
    orders with one are looked up over all the tenant's sales, not the period's rows; a line without an order id is
    its own order (returned when it says so itself).
    """
    back = exp.GT(this=fn("COALESCE", col("returned_units", table="rt"), exp.Literal.number(0)),
                  expression=exp.Literal.number(0))
    ids = (exp.select(col("order_id", table="rt"))
           .from_(exp.alias_(exp.to_table("sales"), "rt", table=True, copy=False), copy=False)
           .where(exp.and_(tenant_predicate("rt"), back, col("order_id", table="rt").is_(exp.null()).not_()),
                  copy=False))
    own = exp.and_(_f("order_id").is_(exp.null()),
                   exp.GT(this=fn("COALESCE", _f("returned_units"), exp.Literal.number(0)),
                          expression=exp.Literal.number(0)))
    returned = exp.or_(_f("order_id").isin(query=ids), own)
    return when(returned, exp.Literal.string(RETURNED), exp.Literal.string(NOT_RETURNED))


def _filter(ctx: _Context, index: int, dimension: str, op: str, values: list[str]) -> exp.Expr:
    target = _dimension(ctx, dimension, bucketed=False)
    bound: list[exp.Expr] = []
    for j, raw in enumerate(dict.fromkeys(values)):
        value: Any = raw
        if dimension == "date":
            try:
                value = date.fromisoformat(raw)
            except ValueError as exc:
                raise MetricQueryError(f"date filter value {raw!r} is not YYYY-MM-DD") from exc
        elif dimension == "weekday":
            value = raw.strip().capitalize()
            if value not in WEEKDAYS:
                raise MetricQueryError(f"weekday filter value {raw!r} is not a weekday name")
        elif dimension == "hour":
            if raw not in HOURS:
                raise MetricQueryError(f"hour filter value {raw!r} is not an hour's start (00:00 ... 23:00)")
        bound.append(ctx.params.bind(f"f{index}_{j}", value))
    member = exp.In(this=target, expressions=bound)
    if op == "in":
        return member
    return exp.or_(target.copy().is_(exp.null()), exp.Not(this=member))


def _where(ctx: _Context, dated: bool = True) -> exp.Expr:
    q = ctx.query
    conditions: list[exp.Expr] = [tenant_predicate("f")]
    if q.time_range is not None and dated:
        current = exp.Between(this=_day(), low=ctx.params.bind("start", q.time_range.start),
                              high=ctx.params.bind("end", q.time_range.end))
        if ctx.previous is not None:
            previous = exp.Between(this=_day(), low=ctx.params.bind("prev_start", ctx.previous.start),
                                   high=ctx.params.bind("prev_end", ctx.previous.end))
            conditions.append(exp.paren(exp.or_(current, previous)))
        elif q.include_undated:  # all the data: the range's dated rows and the rows without a date
            conditions.append(exp.paren(exp.or_(current, _day().is_(exp.null()))))
        else:
            conditions.append(current)
    for i, f in enumerate(q.filters):
        conditions.append(exp.paren(_filter(ctx, i, f.dimension, f.op, f.values)))
    return exp.and_(*conditions)


def _products() -> exp.Select:
    """One row per SKU (no fan-out whatever the catalogue holds), for this tenant only."""
    columns = (exp.alias_(fn("MAX", col(c)), c, copy=False) for c in ("title", "category", "brand", "cost", "price",
                                                                 "currency"))
    return (exp.select(col("sku"), *columns).from_(exp.to_table("products"), copy=False)
            .where(tenant_predicate(), copy=False).group_by(col("sku"), copy=False))


def _keys(ctx: _Context) -> list[str]:
    return [*ctx.query.dimensions, *(["_period"] if ctx.compare else [])]


def _rows(ctx: _Context, group: MeasureGroup, columns: dict[str, exp.Expr]) -> exp.Select:
    """Level 1: the group's fact rows with dimension columns, period and the columns its measures read."""
    fact = GROUP_SOURCE[group].value
    select = [exp.alias_(_dimension(ctx, d, bucketed=True), d, copy=False) for d in ctx.query.dimensions]
    if ctx.compare:
        select.append(exp.alias_(_period(ctx), "_period", copy=False))
    select += [exp.alias_(e, name, copy=False) for name, e in columns.items()]
    source: exp.Expr = exp.to_table(fact)
    if group == "sales" and _zoned(ctx) is not None:
        # each line's instant (UTC) once, as a column the shop's clock reads at each of its zone's changes
        instant = exp.alias_(utc_minutes(col("date"), col("time_of_day"), col("utc_offset")), _INSTANT, copy=False)
        source = (exp.select(exp.Star(), instant).from_(exp.to_table(fact), copy=False)
                  .where(tenant_predicate(), copy=False).subquery(copy=False))
    stmt = exp.select(*select).from_(exp.alias_(source, "f", table=True, copy=False), copy=False)
    if ctx.with_products:
        stmt = stmt.join(exp.alias_(exp.to_table("_products"), "p", table=True, copy=False),
                         on=col("sku", table="p").eq(col("sku", table="f")), join_type="left", copy=False)
    where = _where(ctx, dated=group != "catalogue")
    if group == "sales" and {"sku", "product"} & set(ctx.query.dimensions):
        # a store's whole revenue is no product's; one flat conjunction keeps the tenant predicate at its top level
        conds = list(where.flatten()) if isinstance(where, exp.And) else [where]
        where = exp.and_(*conds, exp.not_(_flagged(NO_PRODUCTS_FLAG)))
    return stmt.where(where, copy=False)


def _f(name: str) -> exp.Column:
    return col(name, table="f")


def _gross() -> exp.Expr:
    """A line's revenue; a line without revenue counts units x unit price."""
    return fn("COALESCE", _f("revenue"), exp.Mul(this=_f("units"), expression=_f("unit_price")))


def _sales_columns(ctx: _Context) -> dict[str, exp.Expr]:
    gross = _gross()
    unit_cost = col("cost", table="p") if ctx.with_products else exp.cast(exp.null(), _FLOAT)
    line_cost = fn("COALESCE", _f("line_cost"), exp.Mul(this=_f("units"), expression=unit_cost))
    return {"gross": gross, "units": _known_units(), "discount": _f("discount"),
            "discount_included": _f("discount_included"), "refund": _f("refund"),
            "returned_units": _f("returned_units"), "order_id": _f("order_id"),
            "customer_hash": _f("customer_hash"), "unit_cost": unit_cost, "line_cost": line_cost,
            "currency": _f("currency"), "promo": _f("promo"), "aggregate": _total_flag(),
            "no_product": _flagged(NO_PRODUCTS_FLAG), "time_of_day": _f("time_of_day"),
            "utc_offset": _f("utc_offset")} | (
        _order_units(ctx) if {"multi_item_orders", "largest_order_units"} & set(ctx.needed.get("sales", ()))
        else {}) | (
        _order_values(ctx, gross) if _ORDER_VALUE_MEASURES & set(ctx.needed.get("sales", ())) else {})


#: Measures that read each line's whole order value (``_order_values``).
_ORDER_VALUE_MEASURES = frozenset({"value_orders", "largest_order", "smallest_order", "value_gross",
                                   *ORDER_VALUE_PERCENTILES, ORDER_VALUE_AT_PERCENTILE})


def _total_flag() -> exp.Expr:
    """``'week'``, ``'month'`` or ``'day'`` when the line is a total per week, month or day, else NULL (an order line).

    Read from its quality flags (``TOTAL_LINE_FLAG``, written by ingest for the export profiles of such data).
    """
    flags = _f("quality_flags")
    weekly = exp.Like(this=flags, expression=exp.Literal.string(f'%"{TOTAL_LINE_FLAG}week%'))
    monthly = exp.Like(this=flags.copy(), expression=exp.Literal.string(f'%"{TOTAL_LINE_FLAG}month%'))
    other = exp.Like(this=flags.copy(), expression=exp.Literal.string(f'%"{TOTAL_LINE_FLAG}%'))
    return exp.Case().when(weekly, exp.Literal.string("week")).when(monthly, exp.Literal.string("month")) \
        .when(other, exp.Literal.string("day"))


def _known_units() -> exp.Expr:
    """The line's units, NULL where the data give none (revenue totals: ``NO_UNITS_FLAG``, stored as 0)."""
    return exp.Case().when(_flagged(NO_UNITS_FLAG), exp.null()).else_(_f("units"))


def _flagged(flag: str) -> exp.Expr:
    """Whether the line's quality flags (a JSON list of labels) hold ``flag``."""
    flags = fn("COALESCE", _f("quality_flags"), exp.Literal.string(""))
    return exp.Like(this=flags, expression=exp.Literal.string(f'%"{flag}"%'))


def _order_units(ctx: _Context) -> dict[str, exp.Expr]:
    """Units of each row's whole order (its sold lines in the period and slice): only when a measure reads it."""
    partition: list[exp.Expr] = [_f("order_id"), *([_period(ctx)] if ctx.compare else [])]
    sold = when(exp.and_(exp.GT(this=_f("units"), expression=exp.Literal.number(0)),
                         _total_flag().is_(exp.null())), _f("units"))
    order_units = _window(fn("SUM", sold), partition)
    return {"order_units": order_units, "in_units_range": _in_units_range(ctx, order_units.copy())}


def _in_units_range(ctx: _Context, order_units: exp.Expr) -> exp.Expr:
    """Whether the row's order (a line without an order id: the line) has the units ``multi_item_orders`` counts.

    "orders with 3 or more items" bounds it below, "exactly 3" or "fewer than 3" above too; with no bound it is two
    or more (the attach rate), with only an upper one one or more.
    """
    q = ctx.query
    units = when(_f("order_id").is_(exp.null()), _known_units(), order_units)
    low = q.order_units_at_least or (1 if q.order_units_at_most is not None else 2)
    bounds: list[exp.Expr] = [exp.GTE(this=units, expression=ctx.params.bind("order_units_at_least", low))]
    if q.order_units_at_most is not None:
        bounds.append(exp.LTE(this=units.copy(),
                              expression=ctx.params.bind("order_units_at_most", q.order_units_at_most)))
    return exp.and_(*bounds)


def _order_values(ctx: _Context, gross: exp.Expr) -> dict[str, exp.Expr]:
    """Each row's order value (its order's sold lines in the period and slice), in range or not, and order key.

    A line without an order id is its own order (its key is its row number).
    """
    partition: list[exp.Expr] = [_f("order_id"), *([_period(ctx)] if ctx.compare else [])]
    sold = when(exp.and_(sold_line(_known_units(), gross.copy(), _f("order_id")), _total_flag().is_(exp.null())),
                gross.copy())
    value = when(_f("order_id").is_(exp.null()), sold.copy(), _window(fn("SUM", sold), partition))
    q = ctx.query
    bounds: list[exp.Expr] = []
    if q.order_value_above is not None:
        bounds.append(exp.GT(this=value.copy(), expression=ctx.params.bind("order_above", q.order_value_above)))
    if q.order_value_below is not None:
        bounds.append(exp.LT(this=value.copy(), expression=ctx.params.bind("order_below", q.order_value_below)))
    key = fn("COALESCE", exp.cast(_f("order_id"), _TEXT),
             exp.DPipe(this=exp.Literal.string("line:"), expression=exp.cast(_window(exp.RowNumber(), []), _TEXT)))
    return {"order_value": value, "in_value_range": exp.and_(*bounds) if bounds else exp.true(), "order_key": key}


def _one_value_per_order(rows: exp.Select, keys: list[exp.Column]) -> exp.Select:
    """The sales rows with ``one_order_value``: the order's value on one sold line per order (per group), else NULL.

    Each line carries its whole order's value, so a percentile over lines would weigh an order by its number of
    lines: only one line per order keeps the value, the others read NULL, which the percentiles skip.
    """
    sold = exp.and_(sold_line(col("units"), col("gross"), col("order_id")), col("aggregate").is_(exp.null()))
    first_sold = exp.Window(this=exp.RowNumber(), partition_by=[*(k.copy() for k in keys), col("order_key")],
                            order=exp.Order(expressions=[exp.Ordered(this=when(sold.copy(), exp.Literal.number(0),
                                                                                exp.Literal.number(1)))]),
                            over="OVER")
    ranked = (exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("r")),
                         exp.alias_(first_sold, "order_rank", copy=False))
              .from_(rows.subquery("r", copy=False), copy=False))
    once = when(exp.and_(sold, exp.EQ(this=col("order_rank"), expression=exp.Literal.number(1))), col("order_value"))
    return exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("o")),
                      exp.alias_(once, "one_order_value", copy=False)).from_(ranked.subquery("o", copy=False),
                                                                            copy=False)


def _with_order_value_percentiles(rows: exp.Select, keys: list[exp.Column], measures: list[str]) -> exp.Select:
    """The rows (``_one_value_per_order``) with each fixed percentile of order values in ``measures``, per group.

    It is a window (BigQuery has no aggregate PERCENTILE_CONT), the same value on every row of the group, read back
    by a MAX; DuckDB runs it as QUANTILE_CONT. Exact on both engines.
    """
    return exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("v")), *(
        exp.alias_(_window(exp.PercentileCont(this=col("one_order_value"), expression=exp.Literal.number(
            ORDER_VALUE_PERCENTILES[m])), [k.copy() for k in keys]), m, copy=False) for m in measures)).from_(
        rows.subquery("v", copy=False), copy=False)


def _with_order_value_percentile(ctx: _Context, rows: exp.Select, keys: list[exp.Column]) -> exp.Select:
    """The rows (``_one_value_per_order``) with each one's part of the order value at the query's percentile.

    BigQuery's PERCENTILE_CONT takes its percentile as a literal only, so the query's own (a bound parameter) is
    interpolated here as PERCENTILE_CONT does: the orders' values ranked 0..n-1 per group, the value at rank
    p(n-1)/100 read between the two ranks either side. Integer arithmetic finds the ranks and the weight, exact:
    t = p(n-1), the lower rank t DIV 100 weighs (100 - t MOD 100)/100, the next (t MOD 100)/100.
    """
    if ctx.query.percentile is None:
        raise MetricQueryError("percentile_order_value needs the query's percentile (1-99)")
    value = col("one_order_value")
    rank = exp.Sub(this=exp.Window(
        this=exp.RowNumber(), partition_by=[k.copy() for k in keys],
        order=exp.Order(expressions=[exp.Ordered(this=when(value.is_(exp.null()), exp.Literal.number(1),
                                                           exp.Literal.number(0))), exp.Ordered(this=value.copy())]),
        over="OVER"), expression=exp.Literal.number(1))
    ranked = exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("w")),
                        exp.alias_(rank, "pct_rank", copy=False),
                        exp.alias_(_window(exp.Count(this=value.copy()), [k.copy() for k in keys]), "pct_n",
                                   copy=False)).from_(rows.subquery("w", copy=False), copy=False)
    t = exp.Mul(this=ctx.params.bind("percentile", ctx.query.percentile),
                expression=exp.paren(exp.Sub(this=col("pct_n"), expression=exp.Literal.number(1)), copy=False))
    lower = exp.IntDiv(this=t.copy(), expression=exp.Literal.number(100))
    weight = exp.Mod(this=t.copy(), expression=exp.Literal.number(100))

    def part(of_hundred: exp.Expr) -> exp.Expr:
        return exp.Div(this=exp.Mul(this=value.copy(), expression=exp.paren(of_hundred, copy=False)),
                       expression=exp.Literal.number(100.0), typed=False, safe=False)

    share = (exp.Case()
             .when(exp.and_(value.is_(exp.null()).not_(), exp.EQ(this=col("pct_rank"), expression=lower.copy())),
                   part(exp.Sub(this=exp.Literal.number(100), expression=weight.copy())))
             .when(exp.and_(value.is_(exp.null()).not_(), exp.EQ(this=col("pct_rank"), expression=exp.Add(
                 this=lower.copy(), expression=exp.Literal.number(1)))), part(weight.copy())))
    return exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("x")),
                      exp.alias_(share, "order_value_pct_part", copy=False)).from_(ranked.subquery("x", copy=False),
                                                                                  copy=False)


def _window(func: exp.Expr, partition: list[exp.Expr]) -> exp.Window:
    return exp.Window(this=func, partition_by=partition, over="OVER")


def _group_relation(ctx: _Context, group: MeasureGroup) -> tuple[exp.Select, exp.Expr | None]:
    """The relation a group's measures aggregate over, and a row condition for that aggregation."""
    keys = [col(k) for k in _keys(ctx)]
    if group == "sales":
        needed = set(ctx.needed.get("sales", ()))
        extra = {"line_sku": _f("sku")} if _NEW_PRODUCT_MEASURES & needed else {}
        extra |= {"line_day": _day()} if _RETURNING_MEASURES & needed else {}
        sales = _rows(ctx, group, _sales_columns(ctx) | extra)
        if _NEW_PRODUCT_MEASURES & needed:
            sales = _with_first_sale(ctx, sales)
        if _RETURNING_MEASURES & needed:
            sales = _with_returning_line(sales)
        percentiles = [m for m in ctx.needed.get("sales", ()) if m in ORDER_VALUE_PERCENTILES]
        at_percentile = ORDER_VALUE_AT_PERCENTILE in ctx.needed.get("sales", ())
        if percentiles or at_percentile:
            sales = _one_value_per_order(sales, keys)
        if percentiles:
            sales = _with_order_value_percentiles(sales, keys, percentiles)
        if at_percentile:
            sales = _with_order_value_percentile(ctx, sales, keys)
        return sales, None
    if group == "customers":
        rows = _rows(ctx, group, _sales_columns(ctx)).subquery("r", copy=False)
        orders = MEASURES["orders"].aggregate()  # each customer's orders, counted as the orders metric counts
        per_customer = (exp.select(*keys, col("customer_hash"), exp.alias_(orders, "orders", copy=False))
                        .from_(rows, copy=False).where(col("customer_hash").is_(exp.null()).not_(), copy=False)
                        .group_by(*[k.copy() for k in keys], col("customer_hash"), copy=False))
        if "new_customers" in ctx.needed.get("customers", ()):
            per_customer = _with_first_purchase(ctx, per_customer, keys)
        return per_customer, exp.GT(this=col("orders"), expression=exp.Literal.number(0))
    if group == "reviews":
        text = {"text": _f("text")} if "review_word_sum" in ctx.needed.get("reviews", ()) else {}  # how long they are
        return _rows(ctx, group, {"rating": _f("rating"), **text}), None
    if group == "catalogue":  # the catalogue's products, whatever the period (they have no date)
        return _rows(ctx, group, {"catalogue_sku": _f("sku"), "unit_cost": col("cost", table="p"),
                                  "unit_price": col("price", table="p"), "currency": col("currency", table="p")}), None
    if group == "inventory":
        partition: list[exp.Expr] = [_f("sku"), _f("location")]
        if "date" in ctx.query.dimensions:
            partition.append(_dimension(ctx, "date", bucketed=True))
        if "weekday" in ctx.query.dimensions:
            partition.append(weekday_name(_day()))
        if ctx.compare:
            partition.append(_period(ctx))
        latest = exp.EQ(this=_day(), expression=_window(fn("MAX", _day()), partition))
        columns: dict[str, exp.Expr] = {"on_hand": _f("on_hand"), "is_latest": latest, "stock_sku": _f("sku"),
                                        "on_order": _f("on_order")}
        if "average_stock" in ctx.needed.get("inventory", ()):  # each count's part of its SKU-location's mean
            counts = _window(exp.Count(this=exp.Star()), [p.copy() for p in partition])
            columns["mean_part"] = exp.Div(this=exp.cast(_f("on_hand"), _FLOAT), expression=counts, typed=False,
                                           safe=False)
        if ctx.with_products:  # the stock's value: the catalogue's cost and price, in the catalogue's currency
            columns |= {"unit_cost": col("cost", table="p"), "unit_price": col("price", table="p"),
                        "currency": col("currency", table="p")}
        return _rows(ctx, group, columns), None
    # competitor_prices: one observation per SKU and day (and competitor when it is a dimension)
    same_day: list[exp.Expr] = [_f("sku"), _day()]
    if "competitor" in ctx.query.dimensions:
        same_day.append(_f("competitor"))
    median = _window(exp.PercentileCont(this=_f("price"), expression=exp.Literal.number(0.5)), same_day)
    our = col("price", table="p") if ctx.with_products else exp.cast(exp.null(), _FLOAT)
    rows = _rows(ctx, group, {"our_price": our, "median_price": median,
                              "min_price": _window(fn("MIN", _f("price")), same_day),
                              "_sku": _f("sku"), "_day": _day()}).subquery("r", copy=False)
    observation = [*keys, col("_sku"), col("_day")]
    per_observation = (exp.select(*keys, *(exp.alias_(fn("MAX", col(c)), c, copy=False)
                                           for c in ("our_price", "median_price", "min_price")))
                       .from_(rows, copy=False).group_by(*[k.copy() for k in observation], copy=False))
    return per_observation, None


#: Measures that read whether a line's product was first sold in the line's period (``_with_first_sale``).
_NEW_PRODUCT_MEASURES = frozenset({"new_products", "new_product_gross", "new_product_units"})


def _first_day_in_period(ctx: _Context, first_day: exp.Expr, row: str) -> exp.Expr:
    """Whether ``first_day`` falls in the period of a row of relation ``row``.

    The period is the row's date bucket, its compared period, or the query's range (all the data: any first day).
    """
    q = ctx.query
    if "date" in q.dimensions:
        return exp.GTE(this=first_day, expression=col("date", table=row))
    if ctx.previous is not None:
        return exp.GTE(this=first_day, expression=when(
            col("_period", table=row).eq(exp.Literal.number(_CURRENT)), exp.Placeholder(this="start"),
            exp.Placeholder(this="prev_start")))
    if q.time_range is not None:
        return exp.GTE(this=first_day, expression=exp.Placeholder(this="start"))
    return first_day.is_(exp.null()).not_()


def _with_first_sale(ctx: _Context, rows: exp.Select) -> exp.Select:
    """The sales rows with ``is_new_product``: the line's product was first sold (ever) in the row's period.

    Ever: the first line with units sold of that SKU in all the tenant's sales (any period, channel or filter);
    lines that name no product (a store's whole revenue under a stand-in SKU) have no first sale. The rows
    inside the period all come on or after it, so a first day on or after the period's start is in the period.
    """
    first = (exp.select(exp.alias_(_f("sku"), "first_sku", copy=False),
                        exp.alias_(fn("MIN", _day()), "first_day", copy=False))
             .from_(exp.alias_(exp.to_table("sales"), "f", table=True, copy=False), copy=False)
             .where(exp.and_(tenant_predicate("f"), exp.GT(this=_f("units"), expression=exp.Literal.number(0)),
                             exp.not_(_flagged(NO_PRODUCTS_FLAG))), copy=False)
             .group_by(_f("sku"), copy=False))
    is_new = fn("COALESCE", _first_day_in_period(ctx, col("first_day", table="fs"), "r"), exp.false())
    return (exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("r")),
                       exp.alias_(is_new, "is_new_product", copy=False))
            .from_(rows.subquery("r", copy=False), copy=False)
            .join(first.subquery("fs", copy=False), on=col("first_sku", table="fs").eq(col("line_sku", table="r")),
                  join_type="left", copy=False))


#: Sales measures that read whether a line is a returning customer's (``_with_returning_line``).
_RETURNING_MEASURES = frozenset({"returning_gross"})


def _first_purchases() -> exp.Select:
    """Each customer's first purchase day in all the tenant's sales (``first_customer``, ``first_day``).

    A purchase as the orders measure counts one: units sold, or an order's revenue where the data give no units (a
    payments export: one line per charge).
    """
    return (exp.select(exp.alias_(col("customer_hash", table="f"), "first_customer", copy=False),
                       exp.alias_(fn("MIN", _day()), "first_day", copy=False))
            .from_(exp.alias_(exp.to_table("sales"), "f", table=True, copy=False), copy=False)
            .where(exp.and_(tenant_predicate("f"), sold_line(_known_units(), _gross(), _f("order_id")),
                            _f("customer_hash").is_(exp.null()).not_()), copy=False)
            .group_by(col("customer_hash", table="f"), copy=False))


def _with_returning_line(rows: exp.Select) -> exp.Select:
    """The sales rows with ``is_returning``: the line's customer had bought on an earlier day.

    Shopify's customer type of an order ("returning": the customer had ordered before), by day since the data keep
    no time of day: the orders of a customer's first day are first-time ones, every later one a returning one,
    whatever the period asked (a customer first seen on 3 Nov is returning on 20 Nov). A line naming no customer
    is neither.
    """
    is_returning = fn("COALESCE", exp.GT(this=col("line_day", table="r"), expression=col("first_day", table="fs")),
                      exp.false())
    return (exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("r")),
                       exp.alias_(is_returning, "is_returning", copy=False))
            .from_(rows.subquery("r", copy=False), copy=False)
            .join(_first_purchases().subquery("fs", copy=False),
                  on=col("first_customer", table="fs").eq(col("customer_hash", table="r")), join_type="left",
                  copy=False))


def _with_first_purchase(ctx: _Context, per_customer: exp.Select, keys: list[exp.Column]) -> exp.Select:
    """Each customer's row with ``is_new``: their first purchase ever falls in the row's period.

    Ever: any period, channel or product of the tenant's sales; the row's period: its date bucket, the compared
    period, or the query's range.
    """
    first = _first_purchases()
    q = ctx.query
    first_day = col("first_day", table="fs")
    if "date" in q.dimensions:
        is_new: exp.Expr = exp.GTE(this=first_day, expression=col("date", table="c"))
    elif ctx.previous is not None:
        is_new = exp.GTE(this=first_day, expression=when(
            col("_period", table="c").eq(exp.Literal.number(_CURRENT)), exp.Placeholder(this="start"),
            exp.Placeholder(this="prev_start")))
    elif q.time_range is not None:
        is_new = exp.GTE(this=first_day, expression=exp.Placeholder(this="start"))
    else:  # all the data: every customer is new to it
        is_new = first_day.is_(exp.null()).not_()
    return (exp.select(*[col(k.name, table="c") for k in keys], col("customer_hash", table="c"),
                       col("orders", table="c"), exp.alias_(is_new, "is_new", copy=False))
            .from_(per_customer.subquery("c", copy=False), copy=False)
            .join(first.subquery("fs", copy=False),
                  on=col("first_customer", table="fs").eq(col("customer_hash", table="c")), join_type="left",
                  copy=False))


def _measure_col(name: str, period: int = _CURRENT) -> str:
    return f"{'m' if period == _CURRENT else 'p'}_{name}"


def _branch(ctx: _Context, group: MeasureGroup, all_measures: list[str], currency: bool) -> exp.Select:
    """Level 2: one group aggregated by the dimensions (and period), padded to the stacked columns."""
    relation, condition = _group_relation(ctx, group)
    keys = [col(k) for k in _keys(ctx)]
    select: list[exp.Expr] = [k.copy() for k in keys]
    for name in all_measures:
        measure = MEASURES[name]
        agg = measure.aggregate() if measure.group == group else exp.cast(exp.null(), _FLOAT)
        select.append(exp.alias_(agg, _measure_col(name), copy=False))
    if currency:
        if group == "sales" or (group in ("inventory", "catalogue") and ctx.with_products):
            select += [exp.alias_(fn("MIN", col("currency")), "_currency_min", copy=False),
                       exp.alias_(fn("MAX", col("currency")), "_currency_max", copy=False)]
        else:
            select += [exp.alias_(exp.cast(exp.null(), _TEXT), "_currency_min", copy=False),
                       exp.alias_(exp.cast(exp.null(), _TEXT), "_currency_max", copy=False)]
    stmt = exp.select(*select).from_(relation.subquery("g", copy=False), copy=False)
    if condition is not None:
        stmt = stmt.where(condition, copy=False)
    return stmt.group_by(*keys, copy=False) if keys else stmt


def _stacked(ctx: _Context, all_measures: list[str], currency: bool) -> exp.Select:
    """Level 3: the groups stacked and summed by dimension, current and previous side by side."""
    branches = [_branch(ctx, g, all_measures, currency) for g in ctx.needed]
    if len(branches) == 1 and not ctx.compare:
        return branches[0]  # one group already has one row per dimension value: nothing to stack
    union: exp.Query = branches[0]
    for b in branches[1:]:
        union = exp.union(union, b, distinct=False, copy=False)
    dims = [col(d) for d in ctx.query.dimensions]
    select: list[exp.Expr] = [d.copy() for d in dims]
    for name in all_measures:
        if ctx.compare:
            for period in (_CURRENT, _PREVIOUS):
                in_period = when(col("_period").eq(exp.Literal.number(period)), col(_measure_col(name)))
                select.append(exp.alias_(fn("SUM", in_period), _measure_col(name, period), copy=False))
        else:
            select.append(exp.alias_(fn("SUM", col(_measure_col(name))), _measure_col(name), copy=False))
    if currency:
        select += [exp.alias_(fn("MIN", col("_currency_min")), "_currency_min", copy=False),
                   exp.alias_(fn("MAX", col("_currency_max")), "_currency_max", copy=False)]
    stmt = exp.select(*select).from_(union.subquery("u", copy=False), copy=False)
    return stmt.group_by(*dims, copy=False) if dims else stmt


def _days(ctx: _Context, period: int) -> exp.Expr:
    """Length of the period in days (days of cover); without a range, the span of the tenant's sales."""
    q = ctx.query
    if q.time_range is not None:
        if period == _PREVIOUS and ctx.previous is not None:
            return ctx.params.bind("prev_days", ctx.previous.days)
        return ctx.params.bind("days", q.time_range.days)
    span = exp.Add(this=exp.DateDiff(this=fn("MAX", col("date")),
                                     expression=fn("MIN", col("date")), unit=exp.var("DAY")),
                   expression=exp.Literal.number(1))
    extent = exp.select(span).from_(exp.to_table("sales"), copy=False).where(tenant_predicate(), copy=False)
    return exp.Subquery(this=extent)


#: A ranking by change puts first the rows whose previous value was at least this share of the previous
#: total: "which products grew the most" over 68,509 grocery SKUs was led by one going from 0.02 to 0.99
#: (+4,850%), a product no merchant would call growing. Rows under the floor still follow, ranked the same.
MATERIAL_SHARE = 0.001
IMMATERIAL = "_immaterial"


def _immaterial(prior: exp.Expr, params: _Params) -> exp.Expr:
    """1 where the previous value is under ``MATERIAL_SHARE`` of the previous total (or missing), else 0."""
    floor = exp.Mul(this=params.bind("material_share", MATERIAL_SHARE),
                    expression=_window(fn("SUM", prior.copy()), []))
    material = exp.GTE(this=fn("COALESCE", exp.paren(prior.copy()), exp.Literal.number(0)), expression=floor)
    return exp.Case(ifs=[exp.If(this=material, true=exp.Literal.number(0))], default=exp.Literal.number(1))


def _ordered(ctx: _Context) -> list[exp.Ordered]:
    q = ctx.query
    order: list[exp.Ordered] = []
    if q.order_by is not None and q.order_by_change and ctx.previous is not None and METRICS[q.order_by].additive:
        order.append(exp.Ordered(this=col(IMMATERIAL), desc=False, nulls_first=False))
    if q.order_by is not None:
        ranked = f"{q.order_by}_change_pct" if q.order_by_change else q.order_by
        order.append(exp.Ordered(this=col(ranked), desc=q.descending, nulls_first=False))
    for d in q.dimensions:
        key: exp.Expr = col(d, table="a")
        if d == "weekday":
            key = weekday_order(key)
        order.append(exp.Ordered(this=key, desc=False, nulls_first=False))
    return order


def plan_metric_query(query: MetricQuery, *, row_cap: int = MAX_ROWS) -> CompiledQuery:
    """Compile ``query`` (see the module docstring); raises :class:`MetricQueryError` for what cannot be asked."""
    specs, needed = _validate(query)
    params = _Params()
    params.bind(TENANT, query.tenant_id)
    previous = previous_range(query.time_range, query.compare) if query.compare and query.time_range else None
    if previous is not None and query.baseline is not None:  # the period the question named as its baseline
        previous = TimeRange(start=query.baseline.start, end=query.baseline.end, label=query.baseline.label)
    with_products = (any(s.needs_products for s in specs)
                     or any(DIMENSIONS[d].needs_products for d in [*query.dimensions,
                                                                    *(f.dimension for f in query.filters)]))
    ctx = _Context(query, params, previous, with_products, needed)
    all_measures = [m for ms in needed.values() for m in ms]
    currency = any(s.unit == "money" for s in specs) or query.order_value_above is not None \
        or query.order_value_below is not None  # the range's amounts are money too
    stacked = _stacked(ctx, all_measures, currency)

    select: list[exp.Expr] = [exp.alias_(col(d, table="a"), d, copy=False) for d in query.dimensions]
    metric_columns: list[str] = []
    for spec in specs:
        current = spec.formula(lambda m: col(_measure_col(m), table="a"), _days(ctx, _CURRENT))
        select.append(exp.alias_(current, spec.name, copy=False))
        metric_columns.append(spec.name)
        if previous is not None:
            prior = spec.formula(lambda m: col(_measure_col(m, _PREVIOUS), table="a"),
                                 _days(ctx, _PREVIOUS))
            select.append(exp.alias_(prior, f"{spec.name}_previous", copy=False))
            # each side parenthesised: a formula that is itself a difference (margin) must not be split
            change = ratio(exp.Sub(this=exp.paren(current.copy()), expression=exp.paren(prior.copy())),
                           fn("ABS", prior.copy()), 100)
            select.append(exp.alias_(change, f"{spec.name}_change_pct", copy=False))
            metric_columns += [f"{spec.name}_previous", f"{spec.name}_change_pct"]
            if query.order_by_change and query.order_by == spec.name and spec.additive:
                select.append(exp.alias_(_immaterial(prior, params), IMMATERIAL, copy=False))
        if query.share_of_total:
            share: exp.Expr = (ratio(current.copy(), _window(fn("SUM", current.copy()), []))
                                     if spec.additive else exp.cast(exp.null(), _FLOAT))
            select.append(exp.alias_(share, f"{spec.name}_share", copy=False))
            metric_columns.append(f"{spec.name}_share")
    if currency:
        select += [col("_currency_min", table="a"), col("_currency_max", table="a")]

    cap = min(query.limit or row_cap, row_cap)
    stmt = exp.select(*select).from_(stacked.subquery("a", copy=False), copy=False)
    if with_products:
        stmt = stmt.with_("_products", as_=_products(), copy=False)
    order = _ordered(ctx)
    if order:
        stmt = stmt.order_by(*order, copy=False)
    stmt = stmt.limit(params.bind("row_limit", cap + 1), copy=False)
    used = {p.name for p in stmt.find_all(exp.Placeholder)}  # engines refuse parameters a statement lacks
    bound = {k: v for k, v in params.values.items() if k in used}
    return CompiledQuery(stmt, bound, list(query.dimensions), metric_columns, previous, cap, currency)


def compile_metric_query(query: MetricQuery) -> tuple[exp.Select, dict[str, Any]]:
    """The statement and parameters for ``query`` (``Warehouse.run(statement, params)`` runs it)."""
    plan = plan_metric_query(query)
    return plan.statement, plan.params
