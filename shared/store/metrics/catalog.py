"""Metrics and dimensions, declared once as typed Python.

A metric is a formula over *measures*; a measure is one aggregate over the rows of one *measure group* (a fact
table read in one shape: sales lines, customers, reviews, the latest stock snapshots, competitor price
observations, the catalogue's products). The compiler (``compile.py``) aggregates each group needed by a query
by the requested dimensions, stacks the groups and applies the metric formulas, so metrics from different facts combine
whenever every group can produce every requested dimension.

Everything here is a sqlglot expression builder: definitions carry no values from a query, and nothing is
formatted into SQL text. ``docs/metrics.md`` states each definition in words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from sqlglot import exp

from shared.models.records import DataKind
from shared.store.metrics.model import DimensionName, Grain, MetricName

Unit = Literal["money", "count", "percent", "rating", "days", "index"]
#: Counts that are means of counts per thing (units per order, words per review): kept and shown with decimals.
FRACTIONAL_COUNTS: frozenset[str] = frozenset({"units_per_order", "review_words"})
MeasureGroup = Literal["sales", "customers", "reviews", "inventory", "competitor_prices", "catalogue"]

#: Measure column -> its reference in the stacked, aggregated relation.
MeasureRef = Callable[[str], exp.Expr]


def col(name: str, table: str | None = None) -> exp.Column:
    """A column of the relation a measure or formula is evaluated over (built directly: no parsing)."""
    return exp.Column(this=exp.Identifier(this=name, quoted=False),
                      table=exp.Identifier(this=table, quoted=False) if table else None)


_AGGREGATES: dict[str, type[exp.Func]] = {"SUM": exp.Sum, "MAX": exp.Max, "MIN": exp.Min, "ABS": exp.Abs}


def fn(name: str, *args: exp.Expr) -> exp.Expr:
    """``SUM``/``MAX``/``MIN``/``ABS``/``COALESCE``/``NULLIF``/``GREATEST`` built from their classes.

    ``exp.func`` looks the name up through a dialect's parser; on the compile path that is most of the time.
    """
    if name in _AGGREGATES:
        return _AGGREGATES[name](this=args[0])
    if name == "COALESCE":
        return exp.Coalesce(this=args[0], expressions=list(args[1:]))
    if name == "GREATEST":
        return exp.Greatest(this=args[0], expressions=list(args[1:]))
    if name == "NULLIF":
        return exp.Nullif(this=args[0], expression=args[1])
    raise ValueError(f"no builder for {name}")


def _num(value: float) -> exp.Expr:
    return exp.Literal.number(value)


def _zero(e: exp.Expr) -> exp.Expr:
    return fn("COALESCE", e, _num(0))


def ratio(numerator: exp.Expr, denominator: exp.Expr, scale: float = 1) -> exp.Expr:
    """``numerator / NULLIF(denominator, 0)`` (times ``scale``): NULL instead of a division by zero."""
    div = exp.Div(this=exp.paren(numerator, copy=False),
                  expression=fn("NULLIF", denominator, _num(0)), typed=False, safe=False)
    return div if scale == 1 else exp.Mul(this=_num(scale), expression=div)


def _review_words() -> exp.Expr:
    """A review's words: its spaces plus one once line breaks are spaces and the ends trimmed; none without text.

    Plain SQL every backend runs (no regular expressions in SQLite): a run of spaces inside a text counts as more
    than one gap, which a merchant's export rarely holds.
    """
    def replaced(text: exp.Expr, old: str, new: str) -> exp.Expr:
        return exp.Replace(this=text, expression=exp.Literal.string(old), replacement=exp.Literal.string(new))

    text = exp.Trim(this=replaced(fn("COALESCE", col("text"), exp.Literal.string("")), "\n", " "))
    spaces = exp.Sub(this=exp.Length(this=text), expression=exp.Length(this=replaced(text.copy(), " ", "")))
    return when(exp.EQ(this=text.copy(), expression=exp.Literal.string("")), _num(0),
                exp.Add(this=spaces, expression=_num(1)))


def when(condition: exp.Expr, then: exp.Expr, otherwise: exp.Expr | None = None) -> exp.Case:
    """``CASE WHEN condition THEN then [ELSE otherwise] END``."""
    case = exp.Case().when(condition, then)
    return case.else_(otherwise) if otherwise is not None else case


def count_if(condition: exp.Expr) -> exp.Expr:
    """``SUM(CASE WHEN condition THEN 1 ELSE 0 END)`` (COUNTIF is BigQuery's only)."""
    return fn("SUM", when(condition, _num(1), _num(0)))


@dataclass(frozen=True)
class Measure:
    """One aggregate over a measure group's rows, named by the column it becomes."""

    name: str
    group: MeasureGroup
    aggregate: Callable[[], exp.Expr]
    description: str


def _included() -> exp.Expr:
    """The line's revenue is already after its discount (``sales.discount_included``)."""
    return exp.EQ(this=fn("COALESCE", col("discount_included"), exp.false()), expression=exp.true())


def _net_line() -> exp.Expr:
    """The line's revenue less its discount (unless already after it) and its refund."""
    return exp.Sub(this=exp.Sub(this=col("gross"), expression=when(_included(), _num(0), _zero(col("discount")))),
                   expression=_zero(col("refund")))


def _sold() -> exp.Expr:
    return exp.GT(this=col("units"), expression=_num(0))


#: The quality flag prefix of a sales line that is a total per day or week, not an order line (Favorita's and M5's
#: daily rows, Breakfast at the Frat's weekly ones): ``shared.ingest.headers.AGGREGATE_FLAG_PREFIX``.
TOTAL_LINE_FLAG = "sales:total_per_"
#: Flags of lines whose units or product the data do not give (Walmart's and Rossmann's revenue totals):
#: ``shared.ingest.headers.NO_UNITS_FLAG`` and ``NO_PRODUCTS_FLAG``. Such a line's units read as NULL.
NO_UNITS_FLAG, NO_PRODUCTS_FLAG = "sales:no_units", "sales:no_products"


def _total_line() -> exp.Expr:
    """A line that is a period's total, not an order line (``aggregate``, set by the compiler: ``day``/``week``)."""
    return col("aggregate").is_(exp.null()).not_()


def _order_line() -> exp.Expr:
    return col("aggregate").is_(exp.null())


def sold_line(units: exp.Expr, gross: exp.Expr, order_id: exp.Expr) -> exp.Expr:
    """A line that sold: units above 0, or, where the data give no units (NULL), revenue above 0 under an order id.

    Magento's order grid is one line per order at its subtotal and no quantities: each is an order sold. Revenue
    totals without units (Walmart's, Rossmann's) carry no order id and are totals per period besides: no orders.
    """
    unknown_units_sale = exp.and_(units.is_(exp.null()), order_id.copy().is_(exp.null()).not_(),
                                  exp.GT(this=gross, expression=_num(0)))
    return exp.or_(exp.GT(this=units.copy(), expression=_num(0)), unknown_units_sale)


def _sold_in_order() -> exp.Expr:
    """A sold line that is an order line: what the orders measures count."""
    return exp.and_(sold_line(col("units"), col("gross"), col("order_id")), _order_line())


def _if_order_lines(count: exp.Expr) -> exp.Expr:
    """``count`` when the rows hold an order line, else NULL: totals per day or week hold no orders to count."""
    return when(exp.GT(this=count_if(_order_line()), expression=_num(0)), count)


def _promoted() -> exp.Expr:
    """A line on promotion or with a discount: ``promo`` is true or ``discount`` is above 0."""
    return exp.or_(exp.EQ(this=fn("COALESCE", col("promo"), exp.false()), expression=exp.true()), _discounted())


def _discounted() -> exp.Expr:
    """A line with a discount: ``discount`` above 0 (a promotion flag alone is no discount)."""
    return exp.GT(this=_zero(col("discount")), expression=_num(0))


def _orders_with(condition: exp.Expr) -> exp.Expr:
    """Orders (as the orders measure counts them) with a sold line meeting ``condition``."""
    return _if_order_lines(exp.Add(
        this=exp.Count(this=exp.Distinct(expressions=[when(exp.and_(_sold_in_order(), condition), col("order_id"))])),
        expression=count_if(exp.and_(col("order_id").is_(exp.null()), _sold_in_order(), condition.copy()))))


def _keyed_orders(prefix: str) -> exp.Expr:
    """Distinct order ids of sold order lines that ingest made from ``prefix`` (no order id in the file)."""
    made = exp.Like(this=col("order_id"), expression=exp.Literal.string(prefix + "%"))
    return exp.Count(this=exp.Distinct(expressions=[when(exp.and_(_sold_in_order(), made), col("order_id"))]))


def _came_back() -> exp.Expr:
    """A line with units returned on it."""
    return exp.GT(this=fn("COALESCE", col("returned_units"), _num(0)), expression=_num(0))


def _latest(*conditions: exp.Expr) -> exp.Expr:
    """The latest snapshot of a SKU and location (``is_latest``), and every other condition given."""
    return exp.and_(col("is_latest"), *conditions)


def _no_cost() -> exp.Expr:
    return col("unit_cost").is_(exp.null())


#: Percentile measures of order values -> the fraction they take (``PERCENTILE_CONT``, exact on both engines:
#: computed as a window over one value per order, since BigQuery's PERCENTILE_CONT is analytic only).
ORDER_VALUE_PERCENTILES: dict[str, float] = {"order_value_p25": 0.25, "order_value_p50": 0.5,
                                             "order_value_p75": 0.75, "order_value_p90": 0.9,
                                             "order_value_p95": 0.95, "order_value_p99": 0.99}


#: The measure of the order value at the query's own percentile (``MetricQuery.percentile``, any whole 1-99): bound
#: as a parameter, interpolated as PERCENTILE_CONT in integer arithmetic (``compile._with_order_value_percentile``).
ORDER_VALUE_AT_PERCENTILE = "order_value_pct"


def _ordinal(fraction: float) -> str:
    return "median" if fraction == 0.5 else f"{round(fraction * 100)}th percentile"


# Row columns available per group (built by the compiler): sales -> gross, units, discount, discount_included,
# refund, returned_units, order_id, unit_cost (the product's), line_cost (the line's own cost, else units x the
# product's cost), currency, promo; customers -> orders (per customer); reviews -> rating; inventory ->
# on_hand, is_latest, stock_sku, unit_cost, unit_price (the catalogue's cost and price when a metric reads the
# products); competitor_prices -> our_price, median_price, min_price.
MEASURES: dict[str, Measure] = {m.name: m for m in (
    Measure("gross", "sales", lambda: fn("SUM", col("gross")),
            "Sum of line revenue; a line without revenue counts units x unit_price."),
    Measure("discounts", "sales", lambda: fn("SUM", col("discount")), "Sum of line discounts."),
    Measure("included_discounts", "sales", lambda: fn("SUM", when(_included(), col("discount"))),
            "Discounts of the lines whose revenue is already after them (a rate on Superstore's Sales)."),
    Measure("refunds", "sales", lambda: fn("SUM", col("refund")), "Sum of refunded amounts."),
    Measure("units", "sales", lambda: fn("SUM", col("units")), "Sum of units sold."),
    Measure("returned_units", "sales", lambda: fn("SUM", col("returned_units")), "Sum of units returned."),
    Measure("orders", "sales", lambda: _if_order_lines(exp.Add(
        this=exp.Count(this=exp.Distinct(expressions=[when(_sold_in_order(), col("order_id"))])),
        expression=count_if(exp.and_(col("order_id").is_(exp.null()), _sold_in_order())))),
        "Distinct order ids over lines with units sold, plus each such line without an order id; lines that are "
        "totals per day or week are no orders (NULL when every line is one)."),
    Measure("order_gross", "sales", lambda: fn("SUM", when(_order_line(), col("gross"))),
            "Revenue of the order lines (totals per day or week left out): the base of average order value."),
    Measure("order_units", "sales", lambda: fn("SUM", when(_order_line(), col("units"))),
            "Units of the order lines (totals per day or week left out): the base of units per order."),
    Measure("total_lines", "sales", lambda: count_if(_total_line()),
            "Lines that are totals per day or week (a store's sales of a product), not order lines."),
    Measure("weekly_total_lines", "sales",
            lambda: count_if(exp.EQ(this=col("aggregate"), expression=exp.Literal.string("week"))),
            "Lines that are totals per week (Breakfast at the Frat), not order lines."),
    Measure("unitless_lines", "sales", lambda: count_if(col("units").is_(exp.null())),
            "Lines whose units the data do not give (revenue totals: Walmart's weekly, Rossmann's daily sales)."),
    Measure("untimed_lines", "sales", lambda: count_if(col("time_of_day").is_(exp.null())),
            "Lines whose time of day the data do not give."),
    Measure("timed_lines", "sales", lambda: count_if(col("time_of_day").is_(exp.null()).not_()),
            "Lines stamped with their time of day."),
    Measure("offset_lines", "sales", lambda: count_if(exp.and_(col("time_of_day").is_(exp.null()).not_(),
                                                               col("utc_offset").is_(exp.null()).not_())),
            "Timed lines whose stamp wrote an offset from UTC (a UTC or offset export)."),
    Measure("lowest_utc_offset", "sales", lambda: fn("MIN", when(col("time_of_day").is_(exp.null()).not_(),
                                                                   col("utc_offset"))),
            "The lowest offset from UTC (minutes east) the timed lines' stamps wrote."),
    Measure("highest_utc_offset", "sales", lambda: fn("MAX", when(col("time_of_day").is_(exp.null()).not_(),
                                                                    col("utc_offset"))),
            "The highest offset from UTC (minutes east) the timed lines' stamps wrote."),
    Measure("productless_lines", "sales", lambda: count_if(col("no_product")),
            "Lines that name no product (a store's whole revenue), stored against a stand-in SKU."),
    Measure("monthly_total_lines", "sales",
            lambda: count_if(exp.EQ(this=col("aggregate"), expression=exp.Literal.string("month"))),
            "Lines that are totals per month (Retail Price Optimization), not order lines."),
    Measure("cost", "sales", lambda: fn("SUM", col("line_cost")),
            "Sum of each line's cost: its own cost of goods, else units x the product's cost."),
    Measure("promo_orders", "sales", lambda: _orders_with(_promoted()),
            "Orders (counted as the orders measure counts them) with a line on promotion or with a discount."),
    # "how many orders used a coupon": a discount amount on a line; an item on promotion (a sale price) has none
    Measure("discounted_orders", "sales", lambda: _orders_with(_discounted()),
            "Orders (counted as the orders measure counts them) with a line with a discount above 0."),
    # a return is its own line (units 0, the order's id, the day it came back): the orders something came back from
    # in the period, whenever they were placed (the ``returned`` dimension keeps the orders placed in it instead)
    Measure("returns_made", "sales", lambda: _if_order_lines(exp.Add(
        this=exp.Count(this=exp.Distinct(expressions=[when(exp.and_(_order_line(), _came_back()), col("order_id"))])),
        expression=count_if(exp.and_(col("order_id").is_(exp.null()), _order_line(), _came_back())))),
        "Distinct order ids of the order lines with units returned (a line without an order id is one order)."),
    # what an order is where the export has no order ids (``shared.ingest``: a customer's day, a moment, a line):
    # the answer says which it counted (``shared.questions.order_keys``)
    Measure("customer_day_orders", "sales", lambda: _keyed_orders("customer-"),
            "Orders keyed by their customer and day at ingest (the file had no order ids)."),
    Measure("moment_orders", "sales", lambda: _keyed_orders("at-"),
            "Orders keyed by their date and time of day at ingest (the file had no order ids)."),
    Measure("idless_order_lines", "sales",
            lambda: count_if(exp.and_(col("order_id").is_(exp.null()), _sold_in_order())),
            "Sold order lines without an order id (each counted as an order of its own)."),
    Measure("sold_order_lines", "sales", lambda: count_if(_sold_in_order()),
            "Sold order lines (totals per day or week left out): the base of the value per line."),
    Measure("multi_item_orders", "sales", lambda: _if_order_lines(exp.Add(
        this=exp.Count(this=exp.Distinct(expressions=[when(exp.and_(_sold_in_order(), col("in_units_range")),
                                                           col("order_id"))])),
        expression=count_if(exp.and_(col("order_id").is_(exp.null()), _order_line(), col("in_units_range"))))),
        "Orders whose sold lines add up to two or more units (``order_units_at_least``/``order_units_at_most`` "
        "when the query names other bounds; a line without an order id: its own units)."),
    Measure("largest_order_units", "sales", lambda: fn("MAX", when(_sold_in_order(), when(
        col("order_id").is_(exp.null()), col("units"), col("order_units")))),  # no order id: the line is its own
            "The most units in one order: the units of its sold lines in the period and slice."),
    Measure("value_orders", "sales", lambda: _if_order_lines(exp.Count(this=exp.Distinct(expressions=[when(
        exp.and_(_sold_in_order(), col("in_value_range")), col("order_key"))]))),
        "Orders (as the orders measure counts them) whose value is in the query's range (``order_value_above``/"
        "``below``): the revenue of their sold lines in the period and slice."),
    Measure("value_gross", "sales", lambda: fn("SUM", when(exp.and_(_sold_in_order(), col("in_value_range")),
                                                           col("gross"))),
            "Revenue of the sold lines of the orders in the query's value range."),
    Measure("largest_order", "sales", lambda: fn("MAX", when(_sold_in_order(), col("order_value"))),
            "The largest order value: the revenue of one order's sold lines in the period and slice."),
    Measure("smallest_order", "sales", lambda: fn("MIN", when(_sold_in_order(), col("order_value"))),
            "The smallest order value: the revenue of one order's sold lines in the period and slice."),
    *(Measure(name, "sales", lambda name=name: fn("MAX", col(name)),  # type: ignore[misc]
              f"The {_ordinal(fraction)} of order values: one value per order (the revenue of its sold lines in "
              "the period and slice), the same for every row of a group (a window by the query's dimensions).")
      for name, fraction in ORDER_VALUE_PERCENTILES.items()),
    Measure(ORDER_VALUE_AT_PERCENTILE, "sales", lambda: fn("SUM", col("order_value_pct_part")),
            "The order value at the query's percentile: the two orders (one value each) either side of its rank "
            "weighted by how near it they are, their parts summed over the group."),
    Measure("promo_gross", "sales", lambda: fn("SUM", when(_promoted(), col("gross"))),
            "Revenue (gross) of the lines on promotion or with a discount."),
    Measure("promo_units", "sales", lambda: fn("SUM", when(_promoted(), col("units"))),
            "Units of the lines on promotion or with a discount."),
    Measure("costed_net", "sales", lambda: fn("SUM", when(col("line_cost").is_(exp.null()).not_(),
                                                                 _net_line())),
            "Net revenue of the lines with a cost (the base of margin)."),
    Measure("customers", "customers", lambda: fn("NULLIF", exp.Count(this=exp.Star()), _num(0)),
            "Distinct customers (hashed ids) with at least one order; NULL when no line names a customer."),
    Measure("repeat_customers", "customers",
            lambda: count_if(exp.GTE(this=col("orders"), expression=_num(2))),
            "Customers with two or more orders."),
    Measure("new_customers", "customers", lambda: count_if(col("is_new")),
            "Customers whose first purchase ever (in all the tenant's sales) falls in the period."),
    Measure("returning_gross", "sales", lambda: fn("SUM", when(exp.and_(_sold(), col("is_returning")),
                                                               col("gross"))),
            "Revenue (gross, of the lines with units sold) of returning customers' orders: the customer had bought "
            "on an earlier day."),
    Measure("customer_gross", "sales", lambda: fn("SUM", when(exp.and_(
        _sold(), col("customer_hash").is_(exp.null()).not_()), col("gross"))),
            "Revenue (gross, of the lines with units sold) of the lines that name a customer."),
    Measure("new_products", "sales", lambda: exp.Count(this=exp.Distinct(expressions=[when(
        exp.and_(col("is_new_product"), _sold()), col("line_sku"))])),
            "Products (SKUs) whose first sale ever (in all the tenant's sales) falls in the period."),
    Measure("new_product_gross", "sales", lambda: fn("SUM", when(col("is_new_product"), col("gross"))),
            "Revenue (gross) of the lines of products whose first sale ever falls in the period."),
    Measure("new_product_units", "sales", lambda: fn("SUM", when(col("is_new_product"), col("units"))),
            "Units of the lines of products whose first sale ever falls in the period."),
    Measure("review_count", "reviews", lambda: exp.Count(this=exp.Star()), "Reviews."),
    Measure("review_word_sum", "reviews", lambda: fn("SUM", exp.cast(_review_words(), exp.DataType.build("DOUBLE"))),
            "Sum of the reviews' words (see _review_words)."),
    Measure("rating_sum", "reviews", lambda: fn("SUM", col("rating")), "Sum of star ratings."),
    Measure("rated", "reviews", lambda: exp.Count(this=col("rating")), "Reviews with a rating."),
    Measure("negative", "reviews", lambda: count_if(exp.LTE(this=col("rating"), expression=_num(2))),
            "Reviews rated 1 or 2 stars."),
    Measure("stock", "inventory", lambda: fn("SUM", when(col("is_latest"), col("on_hand"))),
            "On hand at each SKU and location's latest snapshot in the period."),
    Measure("average_stock", "inventory", lambda: fn("SUM", col("mean_part")),
            "For each SKU and location, the mean of its on-hand counts in the period, summed (each count's "
            "on_hand divided by the number of counts of that SKU and location)."),
    Measure("on_order", "inventory", lambda: fn("SUM", when(col("is_latest"), col("on_order"))),
            "On order (placed with suppliers, not yet received) at each SKU and location's latest snapshot."),
    Measure("stock_cost_value", "inventory",
            lambda: fn("SUM", when(_latest(), exp.Mul(this=col("on_hand"), expression=col("unit_cost")))),
            "On hand x the product's cost at each SKU and location's latest snapshot (SKUs with a cost)."),
    Measure("stock_retail_value", "inventory",
            lambda: fn("SUM", when(_latest(_no_cost()), exp.Mul(this=col("on_hand"), expression=col("unit_price")))),
            "On hand x the product's current catalogue price, at the latest snapshot, for SKUs without a cost."),
    Measure("uncosted_skus", "inventory", lambda: exp.Count(this=exp.Distinct(expressions=[when(
        _latest(_no_cost(), exp.GT(this=col("on_hand"), expression=_num(0))), col("stock_sku"))])),
            "SKUs with stock at their latest snapshot and no cost in the catalogue."),
    Measure("stock_price_value", "inventory",
            lambda: fn("SUM", when(_latest(), exp.Mul(this=col("on_hand"), expression=col("unit_price")))),
            "On hand x the product's current catalogue price at each SKU and location's latest snapshot."),
    Measure("unpriced_skus", "inventory", lambda: exp.Count(this=exp.Distinct(expressions=[when(
        _latest(col("unit_price").is_(exp.null()), exp.GT(this=col("on_hand"), expression=_num(0))),
        col("stock_sku"))])), "SKUs with stock at their latest snapshot and no price in the catalogue."),
    Measure("stocked_skus", "inventory", lambda: exp.Count(this=exp.Distinct(expressions=[when(
        _latest(exp.GT(this=col("on_hand"), expression=_num(0))), col("stock_sku"))])),
            "SKUs with stock at their latest snapshot."),
    Measure("catalogue_skus", "catalogue", lambda: exp.Count(this=exp.Distinct(expressions=[col("catalogue_sku")])),
            "Products (SKUs) in the catalogue."),
    Measure("uncosted_products", "catalogue", lambda: exp.Count(this=exp.Distinct(expressions=[when(
        col("unit_cost").is_(exp.null()), col("catalogue_sku"))])), "Catalogue products (SKUs) without a cost."),
    Measure("catalogue_price_sum", "catalogue", lambda: fn("SUM", col("unit_price")),
            "Sum of the catalogue's current prices (one row per SKU)."),
    Measure("catalogue_priced", "catalogue", lambda: exp.Count(this=col("unit_price")),
            "Catalogue products (SKUs) with a price."),
    Measure("index_sum", "competitor_prices",
            lambda: fn("SUM", ratio(col("our_price"), col("median_price"), 100)),
            "Sum over observations of 100 x our price / median competitor price."),
    Measure("observations", "competitor_prices", lambda: exp.Count(this=ratio(col("our_price"),
                                                                            col("median_price"))),
            "Observations (SKU x day) with both our price and a positive competitor median."),
    Measure("cheapest", "competitor_prices", lambda: count_if(
        exp.and_(exp.LTE(this=col("our_price"), expression=col("min_price")),
                 exp.GT(this=col("median_price"), expression=_num(0)))),
            "Observations where our price is at or below every competitor's."),
)}


@dataclass(frozen=True)
class MetricSpec:
    """One metric: what it is called, its unit, where it comes from and how it is computed."""

    name: MetricName
    label: str
    unit: Unit
    description: str
    source: DataKind
    measures: tuple[str, ...]
    formula: Callable[[MeasureRef, exp.Expr], exp.Expr]
    additive: bool = False
    needs_products: bool = False
    time_dimension_allowed: bool = True

    @property
    def groups(self) -> frozenset[MeasureGroup]:
        """The measure groups the metric reads."""
        return frozenset(MEASURES[m].group for m in self.measures)


def _sum(measure: str) -> Callable[[MeasureRef, exp.Expr], exp.Expr]:
    return lambda m, _days: m(measure)


def _net(m: MeasureRef) -> exp.Expr:
    """Revenue less the discounts not already taken off it, less refunds."""
    taken = exp.Paren(this=exp.Sub(this=_zero(m("discounts")), expression=_zero(m("included_discounts"))))
    return exp.Sub(this=exp.Sub(this=m("gross"), expression=taken), expression=_zero(m("refunds")))


def _spec(name: MetricName, label: str, unit: Unit, source: DataKind, measures: tuple[str, ...],
          formula: Callable[[MeasureRef, exp.Expr], exp.Expr], description: str, *,
          additive: bool = False, products: bool = False, time_ok: bool = True) -> MetricSpec:
    return MetricSpec(name, label, unit, description, source, measures, formula, additive, products, time_ok)


S, R, INV, C = DataKind.SALES, DataKind.REVIEWS, DataKind.INVENTORY, DataKind.COMPETITOR_PRICES

METRICS: dict[str, MetricSpec] = {s.name: s for s in (
    _spec("revenue", "Revenue", "money", S, ("gross",), _sum("gross"),
          "Gross revenue: the sum of line revenue before discounts and refunds; a line without revenue counts "
          "units x unit price.", additive=True),
    _spec("net_revenue", "Net revenue", "money", S, ("gross", "discounts", "included_discounts", "refunds"),
          lambda m, _: _net(m), "Revenue minus discounts minus refunds (missing amounts count as 0).",
          additive=True),
    _spec("discounts", "Discounts", "money", S, ("discounts",), _sum("discounts"),
          "Sum of line discounts (none when the data has no discount column).", additive=True),
    _spec("refunds", "Refunds", "money", S, ("refunds",), _sum("refunds"),
          "Sum of refunded amounts (none when the data has no refund column).", additive=True),
    _spec("units", "Units sold", "count", S, ("units",), _sum("units"), "Sum of units sold.", additive=True),
    _spec("returned_units", "Units returned", "count", S, ("returned_units",), _sum("returned_units"),
          "Sum of units returned (none when the data has no returns).", additive=True),
    # Shopify's net quantity and revenue less refunds: what a ranking "excluding returns" or "net of refunds" orders by
    _spec("net_units", "Units less units returned", "count", S, ("units", "returned_units"),
          lambda m, _: exp.Sub(this=m("units"), expression=_zero(m("returned_units"))),
          "Units sold less units returned on the lines of the period (no returns in the data: the units).",
          additive=True),
    _spec("revenue_less_refunds", "Revenue less refunds", "money", S, ("gross", "refunds"),
          lambda m, _: exp.Sub(this=m("gross"), expression=_zero(m("refunds"))),
          "Gross revenue less refunded amounts (discounts not taken off: that is net revenue).", additive=True),
    _spec("return_rate", "Return rate", "percent", S, ("returned_units", "units"),
          lambda m, _: ratio(m("returned_units"), m("units"), 100),
          "Units returned as a percentage of units sold in the same period (none when the data has no returns)."),
    _spec("orders", "Orders", "count", S, ("orders",), _sum("orders"),
          "Distinct order ids among lines with units sold; a line without an order id is one order; a line that "
          "is a total per day or week is none (no orders when every line is one).",
          additive=True),
    _spec("aov", "Average order value", "money", S, ("order_gross", "orders"),
          lambda m, _: ratio(m("order_gross"), m("orders")),
          "Revenue (gross) divided by orders (lines that are totals per day or week left out of both)."),
    _spec("units_per_order", "Units per order", "count", S, ("order_units", "orders"),
          lambda m, _: ratio(m("order_units"), m("orders")),
          "Units sold divided by orders (lines that are totals per day or week left out of both)."),
    _spec("total_lines", "Sales lines that are totals", "count", S, ("total_lines",), _sum("total_lines"),
          "Sales lines that are a store's total of a product per day or week (Favorita, M5, Breakfast at the "
          "Frat), not order lines: orders are not counted from them.", additive=True),
    _spec("weekly_total_lines", "Sales lines that are weekly totals", "count", S, ("weekly_total_lines",),
          _sum("weekly_total_lines"), "The total lines that total a week (the others total a day).", additive=True),
    _spec("unitless_lines", "Sales lines without units", "count", S, ("unitless_lines",), _sum("unitless_lines"),
          "Sales lines whose units the data do not give (revenue totals per store and week or day).", additive=True),
    _spec("untimed_lines", "Sales lines without a time of day", "count", S, ("untimed_lines",),
          _sum("untimed_lines"), "Sales lines whose export gives no time of day (left out of a breakdown by hour).",
          additive=True),
    _spec("timed_lines", "Sales lines with a time of day", "count", S, ("timed_lines",), _sum("timed_lines"),
          "Sales lines stamped with the merchant's local time of day.", additive=True),
    _spec("offset_lines", "Sales lines stamped with an offset from UTC", "count", S, ("offset_lines",),
          _sum("offset_lines"), "Timed sales lines whose stamp wrote an offset from UTC (Z, +02:00): their hours are "
          "turned into the shop's time zone where the tenant set one.", additive=True),
    _spec("lowest_utc_offset", "Lowest offset from UTC of the stamps", "count", S, ("lowest_utc_offset",),
          _sum("lowest_utc_offset"), "The lowest offset from UTC, in minutes east, that timed lines' stamps wrote."),
    _spec("highest_utc_offset", "Highest offset from UTC of the stamps", "count", S, ("highest_utc_offset",),
          _sum("highest_utc_offset"), "The highest offset from UTC, in minutes east, that timed lines' stamps wrote."),
    _spec("productless_lines", "Sales lines without a product", "count", S, ("productless_lines",),
          _sum("productless_lines"), "Sales lines that are a store's whole revenue, naming no product.",
          additive=True),
    _spec("monthly_total_lines", "Sales lines that are monthly totals", "count", S, ("monthly_total_lines",),
          _sum("monthly_total_lines"), "The total lines that total a month (a product's sales over a month).",
          additive=True),
    _spec("asp", "Average selling price", "money", S, ("gross", "units"),
          lambda m, _: ratio(m("gross"), m("units")), "Revenue (gross) divided by units sold."),
    _spec("cost", "Cost of goods", "money", S, ("cost",), _sum("cost"),
          "Each line's own cost of goods where the export gives it (Superstore: Sales - Profit), else units sold x "
          "the product's cost; lines with neither are left out.", additive=True, products=True),
    _spec("margin", "Gross margin", "money", S, ("costed_net", "cost"),
          lambda m, _: exp.Sub(this=m("costed_net"), expression=m("cost")),
          "Net revenue minus cost of goods, over lines with a cost (others are left out of both).",
          additive=True, products=True),
    _spec("margin_pct", "Gross margin %", "percent", S, ("costed_net", "cost"),
          lambda m, _: ratio(exp.Sub(this=m("costed_net"), expression=m("cost")), m("costed_net"), 100),
          "Margin as a percentage of the net revenue of the same lines.", products=True),
    _spec("discount_rate", "Discount rate", "percent", S, ("discounts", "gross", "included_discounts"),
          lambda m, _: ratio(m("discounts"), exp.Add(this=m("gross"), expression=_zero(m("included_discounts"))),
                             100),
          "Discounts as a percentage of gross revenue (none when the data has no discounts)."),
    _spec("refund_rate", "Refund rate", "percent", S, ("refunds", "gross"),
          lambda m, _: ratio(m("refunds"), m("gross"), 100),
          "Refunds as a percentage of gross revenue (none when the data has no refunds)."),
    _spec("customers", "Customers", "count", S, ("customers",), _sum("customers"),
          "Distinct customers (hashed id) with at least one order line with units sold.", additive=True),
    _spec("repeat_customer_rate", "Repeat customer rate", "percent", S, ("repeat_customers", "customers"),
          lambda m, _: ratio(_zero(m("repeat_customers")), m("customers"), 100),
          "Share of those customers with two or more orders in the same period."),
    _spec("new_customers", "New customers", "count", S, ("new_customers",), _sum("new_customers"),
          "Customers whose first purchase in all your sales data falls in the period (new to the store).",
          additive=True),
    _spec("new_products", "New products", "count", S, ("new_products",), _sum("new_products"),
          "Products (SKUs) whose first sale in all your sales data falls in the period (launched in it).",
          additive=True),
    _spec("new_product_revenue", "Revenue from new products", "money", S, ("new_product_gross",),
          _sum("new_product_gross"), "Revenue (gross) in the period of the products first sold in it.",
          additive=True),
    _spec("new_product_units", "Units of new products", "count", S, ("new_product_units",),
          _sum("new_product_units"), "Units sold in the period of the products first sold in it.", additive=True),
    # Shopify's customer type, order by order: a returning customer's order is one placed after an earlier one
    _spec("new_customer_revenue", "Revenue from first-time customers", "money", S,
          ("customer_gross", "returning_gross"),
          lambda m, _: exp.Sub(this=_zero(m("customer_gross")), expression=_zero(m("returning_gross"))),
          "Revenue of the orders customers placed on their first day of buying (lines naming a customer).",
          additive=True),
    _spec("returning_customer_revenue", "Revenue from returning customers", "money", S, ("returning_gross",),
          lambda m, _: _zero(m("returning_gross")),
          "Revenue of the orders of customers who had bought on an earlier day (Shopify's returning customer).",
          additive=True),
    _spec("returning_customer_revenue_share", "Share of revenue from returning customers", "percent", S,
          ("returning_gross", "customer_gross"),
          lambda m, _: ratio(_zero(m("returning_gross")), m("customer_gross"), 100),
          "Returning customers' revenue as a percentage of the revenue of the lines naming a customer."),
    _spec("new_customer_revenue_share", "Share of revenue from first-time customers", "percent", S,
          ("customer_gross", "returning_gross"),
          lambda m, _: ratio(exp.Sub(this=_zero(m("customer_gross")), expression=_zero(m("returning_gross"))),
                             m("customer_gross"), 100),
          "First-time customers' revenue (their first day's orders) as a percentage of the revenue of the lines "
          "naming a customer: 100 less the returning customers' share."),
    _spec("returning_customers", "Returning customers", "count", S, ("customers", "new_customers"),
          lambda m, _: exp.Sub(this=m("customers"), expression=_zero(m("new_customers"))),
          "Customers in the period who had bought before it.", additive=True),
    _spec("repeat_customers", "Repeat customers", "count", S, ("repeat_customers",), _sum("repeat_customers"),
          "Customers with two or more orders in the period."),
    _spec("review_count", "Reviews", "count", R, ("review_count",), _sum("review_count"), "Number of reviews.",
          additive=True),
    _spec("review_words", "Words per review", "count", R, ("review_word_sum", "review_count"),
          lambda m, _: ratio(m("review_word_sum"), m("review_count")),
          "Mean words per review (a review without text has none): how long reviews are."),
    _spec("avg_rating", "Average rating", "rating", R, ("rating_sum", "rated"),
          lambda m, _: ratio(m("rating_sum"), m("rated")), "Mean star rating (1-5) of rated reviews."),
    _spec("negative_review_share", "Negative reviews", "percent", R, ("negative", "rated"),
          lambda m, _: ratio(_zero(m("negative")), m("rated"), 100),
          "Reviews rated 1 or 2 stars as a percentage of rated reviews."),
    _spec("negative_reviews", "Negative reviews (count)", "count", R, ("negative",), _sum("negative"),
          "Number of reviews rated 1 or 2 stars.", additive=True),
    _spec("stock_on_hand", "Stock on hand", "count", INV, ("stock",), _sum("stock"),
          "Units on hand at each SKU and location's latest snapshot in the period, summed.", additive=True),
    _spec("stock_on_order", "Stock on order", "count", INV, ("on_order",), _sum("on_order"),
          "Units on order at each SKU and location's latest snapshot in the period, summed (none when the "
          "inventory has no on-order column).", additive=True),
    _spec("days_of_cover", "Days of cover", "days", INV, ("stock", "units"),
          lambda m, days: ratio(m("stock"), ratio(m("units"), days)),
          "Stock on hand divided by average daily units sold over the period (period length in days).",
          time_ok=False),
    _spec("sell_through_rate", "Sell-through rate", "percent", INV, ("units", "stock"),
          lambda m, _: ratio(_zero(m("units")), exp.Add(this=_zero(m("units")), expression=m("stock")), 100),
          "100 x units sold in the period / (units sold + units on hand at each SKU and location's latest count "
          "in the period): the share of the stock available in the period that sold."),
    _spec("average_stock_on_hand", "Average stock on hand", "count", INV, ("average_stock",), _sum("average_stock"),
          "For each SKU and location, the mean of its on-hand counts in the period, summed.", additive=True),
    _spec("stock_turn", "Stock turn", "index", INV, ("units", "average_stock"),
          lambda m, _: ratio(_zero(m("units")), m("average_stock")),
          "Inventory turnover in units: units sold in the period / average units on hand in it (each SKU and "
          "location's mean count, summed). Not annualised: over the period asked."),
    _spec("promo_orders", "Orders on promotion", "count", S, ("promo_orders",), _sum("promo_orders"),
          "Orders with at least one line on promotion (the promo flag) or with a discount.", additive=True),
    _spec("discounted_orders", "Orders with a coupon or code", "count", S, ("discounted_orders",),
          _sum("discounted_orders"), "Orders with at least one line with a discount amount above 0 (a coupon or "
          "code; an item on promotion alone has none).", additive=True),
    _spec("returns_made", "Orders with a return made", "count", S, ("returns_made",), _sum("returns_made"),
          "Orders with units returned on a line dated in the period (the returns made then, whenever the order was "
          "placed; none when the data has no returns).", additive=True),
    _spec("customer_day_orders", "Orders that are a customer's day", "count", S, ("customer_day_orders",),
          _sum("customer_day_orders"), "Orders made at ingest from a customer and a day, where the export has no "
          "order ids (a customer's purchases on one day are one order).", additive=True),
    _spec("moment_orders", "Orders that are a moment", "count", S, ("moment_orders",), _sum("moment_orders"),
          "Orders made at ingest from a date and time of day, where the export has no order ids (each timed "
          "purchase is one order).", additive=True),
    _spec("idless_order_lines", "Order lines without an order id", "count", S, ("idless_order_lines",),
          _sum("idless_order_lines"), "Sold order lines with no order id, each counted as an order of its own.",
          additive=True),
    _spec("sold_order_lines", "Sold order lines", "count", S, ("sold_order_lines",), _sum("sold_order_lines"),
          "Sales lines with units sold that are order lines (totals per day or week left out).", additive=True),
    _spec("value_per_line", "Revenue per sold line", "money", S, ("order_gross", "sold_order_lines"),
          lambda m, _: ratio(m("order_gross"), m("sold_order_lines")),
          "Revenue (gross) of the order lines divided by the sold order lines: the average order value when each "
          "line is counted as its own order."),
    _spec("discounted_order_share", "Orders with a coupon or code %", "percent", S, ("discounted_orders", "orders"),
          lambda m, _: ratio(_zero(m("discounted_orders")), m("orders"), 100),
          "Orders with a line with a discount amount above 0, as a percentage of all orders."),
    _spec("promo_order_share", "Orders on promotion %", "percent", S, ("promo_orders", "orders"),
          lambda m, _: ratio(_zero(m("promo_orders")), m("orders"), 100),
          "Orders with a line on promotion or with a discount, as a percentage of all orders."),
    # the units range is the query's (``order_units_at_least``/``order_units_at_most``): 2+ only when none is set
    _spec("multi_item_orders", "Orders in a units range", "count", S, ("multi_item_orders",), _sum("multi_item_orders"),
          "Orders whose sold lines (in the period and slice, together) add up to the query's units range: two or "
          "more units unless order_units_at_least/order_units_at_most say otherwise.", additive=True),
    _spec("multi_item_order_share", "Orders in a units range %", "percent", S, ("multi_item_orders", "orders"),
          lambda m, _: ratio(_zero(m("multi_item_orders")), m("orders"), 100),
          "Orders in the query's units range (two or more units unless set) as a percentage of orders."),
    _spec("value_orders", "Orders in a value range", "count", S, ("value_orders",), _sum("value_orders"),
          "Orders whose value (the revenue of their sold lines) is above ``order_value_above`` and below "
          "``order_value_below``.", additive=True),
    _spec("value_order_share", "Orders in a value range %", "percent", S, ("value_orders", "orders"),
          lambda m, _: ratio(_zero(m("value_orders")), m("orders"), 100),
          "Orders in the value range as a percentage of orders."),
    _spec("value_revenue", "Revenue of orders in a value range", "money", S, ("value_gross",), _sum("value_gross"),
          "Revenue of the orders whose value is in the range (``order_value_above``/``below``).", additive=True),
    _spec("largest_order", "Largest order", "money", S, ("largest_order",), _sum("largest_order"),
          "The value of the largest order (the revenue of its sold lines)."),
    _spec("smallest_order", "Smallest order", "money", S, ("smallest_order",), _sum("smallest_order"),
          "The value of the smallest order with units sold (the revenue of its sold lines)."),
    _spec("largest_order_units", "Largest order in units", "count", S, ("largest_order_units",),
          _sum("largest_order_units"), "The most units in one order (all its sold lines in the period and slice)."),
    _spec("median_order_value", "Median order value", "money", S, ("order_value_p50",), _sum("order_value_p50"),
          "The median order value: half the orders are worth less, half more. One value per order (the revenue of "
          "its sold lines in the period and slice, as largest_order), interpolated between the middle two."),
    *(_spec(f"p{p}_order_value", f"{p}th percentile order value", "money", S, (f"order_value_p{p}",),  # type: ignore[arg-type]
            _sum(f"order_value_p{p}"), f"The order value {p}% of orders are at or below (one value per order, "
            "interpolated between the two nearest, as PERCENTILE_CONT).") for p in (25, 75, 90, 95, 99)),
    _spec("percentile_order_value", "Percentile order value", "money", S, (ORDER_VALUE_AT_PERCENTILE,),
          _sum(ORDER_VALUE_AT_PERCENTILE), "The order value the query's ``percentile``% of orders (any whole 1-99) "
          "are at or below: one value per order, interpolated between the two nearest as PERCENTILE_CONT."),
    _spec("promo_revenue", "Revenue on promotion", "money", S, ("promo_gross",), _sum("promo_gross"),
          "Revenue (gross) of the lines on promotion or with a discount.", additive=True),
    _spec("promo_revenue_share", "Revenue on promotion %", "percent", S, ("promo_gross", "gross"),
          lambda m, _: ratio(_zero(m("promo_gross")), m("gross"), 100),
          "Revenue of the lines on promotion or with a discount, as a percentage of revenue."),
    _spec("promo_units", "Units on promotion", "count", S, ("promo_units",), _sum("promo_units"),
          "Units of the lines on promotion or with a discount.", additive=True),
    _spec("promo_unit_share", "Units on promotion %", "percent", S, ("promo_units", "units"),
          lambda m, _: ratio(_zero(m("promo_units")), m("units"), 100),
          "Units of the lines on promotion or with a discount, as a percentage of units sold."),
    _spec("inventory_value", "Stock value", "money", INV, ("stock_cost_value", "stock_retail_value"),
          lambda m, _: fn("COALESCE", exp.Add(this=m("stock_cost_value"), expression=_zero(m("stock_retail_value"))),
                          m("stock_retail_value")),
          "Units on hand at each SKU and location's latest snapshot x the product's cost; SKUs without a cost "
          "count at their current catalogue price (see inventory_retail_value).", additive=True, products=True),
    _spec("inventory_retail_value", "Stock value at price (no cost)", "money", INV, ("stock_retail_value",),
          _sum("stock_retail_value"), "The part of the stock value counted at the current catalogue price: SKUs "
          "without a cost, on hand at their latest snapshot x price.", additive=True, products=True),
    _spec("uncosted_skus", "SKUs in stock without a cost", "count", INV, ("uncosted_skus",), _sum("uncosted_skus"),
          "SKUs with stock at their latest snapshot and no cost in the catalogue.", products=True),
    _spec("uncosted_products", "Catalogue products without a cost", "count", DataKind.PRODUCTS,
          ("uncosted_products", "catalogue_skus"), _sum("uncosted_products"),
          "Products (SKUs) in the catalogue with no cost, whether in stock or sold or not (the catalogue has no "
          "date: a period does not apply).", additive=True, products=True, time_ok=False),
    _spec("catalogue_products", "Catalogue products", "count", DataKind.PRODUCTS, ("catalogue_skus",),
          _sum("catalogue_skus"), "Products (SKUs) in the catalogue (no date: a period does not apply).",
          additive=True, products=True, time_ok=False),
    _spec("catalogue_price", "Catalogue price", "money", DataKind.PRODUCTS, ("catalogue_price_sum", "catalogue_priced"),
          lambda m, _: ratio(m("catalogue_price_sum"), m("catalogue_priced")),
          "The catalogue's current price of a product; over several, their mean (products without a price left "
          "out; no date: a period does not apply).", products=True, time_ok=False),
    _spec("inventory_value_at_price", "Stock value at price", "money", INV, ("stock_price_value",),
          _sum("stock_price_value"), "Units on hand at each SKU and location's latest snapshot x the product's "
          "current catalogue price (SKUs without a price are left out).", additive=True, products=True),
    _spec("unpriced_skus", "SKUs in stock without a price", "count", INV, ("unpriced_skus",), _sum("unpriced_skus"),
          "SKUs with stock at their latest snapshot and no price in the catalogue.", products=True),
    _spec("stocked_skus", "SKUs in stock", "count", INV, ("stocked_skus",), _sum("stocked_skus"),
          "SKUs with stock on hand at their latest snapshot."),
    _spec("price_index", "Price index", "index", C, ("index_sum", "observations"),
          lambda m, _: ratio(m("index_sum"), m("observations")),
          "Mean over SKU-days of 100 x our catalogue price / the median competitor price that day "
          "(100 = at the market, above 100 = dearer).", products=True),
    _spec("cheapest_share", "Cheapest share", "percent", C, ("cheapest", "observations"),
          lambda m, _: ratio(_zero(m("cheapest")), m("observations"), 100),
          "SKU-days on which our catalogue price is at or below every observed competitor price, as a percentage.",
          products=True),
)}


@dataclass(frozen=True)
class DimensionSpec:
    """One dimension: its label, which measure groups have it, and whether it reads the products table."""

    name: DimensionName
    label: str
    description: str
    groups: frozenset[MeasureGroup]
    needs_products: bool = False
    is_time: bool = False


_ALL: frozenset[MeasureGroup] = frozenset(get_args(MeasureGroup))
_DATED: frozenset[MeasureGroup] = _ALL - {"catalogue"}  # the catalogue has no date

DIMENSIONS: dict[str, DimensionSpec] = {d.name: d for d in (
    DimensionSpec("date", "Date", "The row's date, truncated to the grain (day, ISO week from Monday, month, "
                  "quarter, year); the value is the first day of the bucket.", _DATED, is_time=True),
    DimensionSpec("weekday", "Weekday", "Day of the week, in English (Monday ... Sunday).", _DATED, is_time=True),
    DimensionSpec("hour", "Hour", "The hour of the day a sales line was sold, on the merchant's clock, named by its "
                  "start (\"00:00\" ... \"23:00\"); none for a line without a time of day.",
                  frozenset({"sales", "customers"})),
    DimensionSpec("sku", "SKU", "The product code as the merchant's data spells it.", _ALL),
    DimensionSpec("product", "Product", "The product's title from the catalogue.", _ALL, needs_products=True),
    DimensionSpec("category", "Category", "The product's category from the catalogue.", _ALL,
                  needs_products=True),
    DimensionSpec("brand", "Brand", "The product's brand from the catalogue.", _ALL, needs_products=True),
    DimensionSpec("channel", "Channel", "Sales channel or marketplace of the order line or review.",
                  frozenset({"sales", "customers", "reviews"})),
    DimensionSpec("country", "Country", "Country the sales line was sold to.", frozenset({"sales", "customers"})),
    DimensionSpec("region", "Region", "Sales region of the line (a group of states, e.g. Superstore's West).",
                  frozenset({"sales", "customers"})),
    DimensionSpec("state", "State", "State, province or county the sales line shipped to.",
                  frozenset({"sales", "customers"})),
    DimensionSpec("payment_method", "Payment method", "How the order of the sales line was paid, as the export "
                  "names it (Credit Card, PayPal, Cash).", frozenset({"sales"})),
    DimensionSpec("seller", "Seller", "Who sold the line: the dealer, seller or salesperson the export names.",
                  frozenset({"sales"})),
    DimensionSpec("location", "Location", "The warehouse, store or location an inventory count is of (as the "
                  "inventory export names it).", frozenset({"inventory"})),
    DimensionSpec("competitor", "Competitor", "The competitor a price was observed at.",
                  frozenset({"competitor_prices"})),
    DimensionSpec("stars", "Stars", "A review's star rating, named \"1 star\" ... \"5 stars\" (\"no rating\" when "
                  "unrated).", frozenset({"reviews"})),
    DimensionSpec("verified", "Verified", "Whether a review is from a verified buyer: \"verified\" or \"unverified\" "
                  "(none when the export does not say).", frozenset({"reviews"})),
    DimensionSpec("text", "Text", "Whether a review has written text: \"with text\" or \"without text\" (a rating "
                  "only).", frozenset({"reviews"})),
    DimensionSpec("returned", "Returned", "Whether the line's order had a unit returned: \"returned\" or \"not "
                  "returned\" (a return line of the same order id at any date; a line without an order id is its own "
                  "order).", frozenset({"sales", "customers"})),
    DimensionSpec("promotion", "Promotion", "Whether the line was sold on promotion or with a discount (\"on "
                  "promotion\") or at full price (\"full price\").", frozenset({"sales", "customers"})),
)}

#: Which fact table each measure group reads.
GROUP_SOURCE: Mapping[MeasureGroup, DataKind] = {
    "sales": DataKind.SALES, "customers": DataKind.SALES, "reviews": DataKind.REVIEWS,
    "inventory": DataKind.INVENTORY, "competitor_prices": DataKind.COMPETITOR_PRICES,
    "catalogue": DataKind.PRODUCTS,
}

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def truncate(day: exp.Expr, grain: Grain) -> exp.Expr:
    """``day`` truncated to ``grain`` (weeks start on Monday, ISO); both dialects and the emulator run it."""
    if grain == "day":
        return day
    unit: exp.Expr = (exp.WeekStart(this=exp.var("MONDAY")) if grain == "week"
                            else exp.Literal.string(grain.upper()))
    return exp.DateTrunc(this=day, unit=unit)


def weekday_name(day: exp.Expr) -> exp.Expr:
    """The English weekday name of ``day`` (``FORMAT_DATE('%A', ...)`` / ``STRFTIME``)."""
    return exp.TimeToStr(this=day, format=exp.Literal.string("%A"))


#: The values of the ``hour`` dimension: each hour named by its start.
HOURS = tuple(f"{h:02d}:00" for h in range(24))


def hour_of_day(time_of_day: exp.Expr) -> exp.Expr:
    """The hour ``HH:00`` of an ``HH:MM:SS`` time of day (NULL stays NULL): its first two characters."""
    return exp.DPipe(this=exp.Substring(this=time_of_day, start=exp.Literal.number(1), length=exp.Literal.number(2)),
                     expression=exp.Literal.string(":00"))


def weekday_order(value: exp.Expr) -> exp.Expr:
    """Monday = 1 ... Sunday = 7, for ordering weekday names."""
    case = exp.Case(this=value)
    for i, name in enumerate(WEEKDAYS, start=1):
        case = case.when(exp.Literal.string(name), exp.Literal.number(i))
    return case
