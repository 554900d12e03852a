"""The typed contract of the metrics layer: what a question, the dashboard or the API may ask for.

A :class:`MetricQuery` names metrics and dimensions from the catalogue (``shared.store.metrics.catalog``),
a closed date range, filters on dimensions and an optional comparison. The compiler turns it into one
sqlglot expression with the tenant predicate added by the compiler itself (there is no way to build a
query without a tenant) and every value bound as a parameter. :class:`MetricResult` carries the rows and
the exact statement that produced them, which the answer shows as evidence.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from shared.store.tenant import TENANT_ID_PATTERN

Grain = Literal["day", "week", "month", "quarter", "year"]
Comparison = Literal["previous_period", "previous_year", "previous_week", "previous_period_to_date"]

#: Metric names the catalogue declares (the compiler refuses any other).
MetricName = Literal[
    "revenue", "net_revenue", "discounts", "refunds", "units", "returned_units", "return_rate", "orders",
    "aov", "units_per_order", "asp", "cost", "margin", "margin_pct", "discount_rate", "refund_rate", "customers",
    "repeat_customer_rate", "review_count", "avg_rating", "negative_review_share", "stock_on_hand",
    "days_of_cover", "price_index", "cheapest_share", "negative_reviews", "promo_orders", "promo_order_share",
    "promo_revenue", "promo_revenue_share", "inventory_value", "inventory_retail_value", "uncosted_skus",
    "stocked_skus", "repeat_customers", "inventory_value_at_price", "unpriced_skus", "multi_item_orders",
    "multi_item_order_share", "uncosted_products", "catalogue_products", "catalogue_price", "total_lines",
    "weekly_total_lines", "value_orders", "value_order_share", "largest_order", "smallest_order", "value_revenue",
    "new_customers", "returning_customers", "stock_on_order", "monthly_total_lines", "unitless_lines",
    "productless_lines", "untimed_lines", "timed_lines", "offset_lines", "lowest_utc_offset", "highest_utc_offset",
    "new_products", "new_product_revenue", "new_product_units", "sell_through_rate", "average_stock_on_hand",
    "stock_turn", "median_order_value", "p25_order_value", "p75_order_value", "p90_order_value", "p95_order_value",
    "p99_order_value", "percentile_order_value", "largest_order_units", "new_customer_revenue",
    "returning_customer_revenue", "returning_customer_revenue_share", "new_customer_revenue_share", "review_words",
    "net_units", "revenue_less_refunds", "discounted_orders", "discounted_order_share",
    "promo_units", "promo_unit_share", "returns_made", "customer_day_orders", "moment_orders", "idless_order_lines",
    "sold_order_lines", "value_per_line",
]
#: Dimension names the catalogue declares.
DimensionName = Literal["date", "weekday", "sku", "product", "category", "brand", "channel", "competitor", "stars",
                        "country", "region", "state", "verified", "text", "location", "returned",
                        "promotion", "payment_method", "seller", "hour"]


class TimeRange(BaseModel):
    """A closed date range [start, end], with the words the answer uses for it."""

    start: date
    end: date
    label: str = Field(default="", description='How the answer names it: "Q1 2025 (1 Jan - 31 Mar 2025)".')

    @model_validator(mode="after")
    def _ordered(self) -> TimeRange:
        if self.end < self.start:
            raise ValueError("time range ends before it starts")
        return self

    @property
    def days(self) -> int:
        """Number of days in the range, both ends included."""
        return (self.end - self.start).days + 1


class DimensionFilter(BaseModel):
    """Keep (``in``) or drop (``not_in``) rows whose dimension value is one of ``values``."""

    dimension: DimensionName
    op: Literal["in", "not_in"] = "in"
    values: list[str] = Field(min_length=1, max_length=200)


class MetricQuery(BaseModel):
    """One question to the metrics layer.

    Shapes: a value for a period (no dimensions); a breakdown (``dimensions``); top/bottom N (``order_by`` +
    ``limit``, ``descending``); share of total (``share_of_total``); period over period or year over year
    (``compare``); a trend (dimension ``date`` with ``grain``).
    """

    model_config = {"extra": "forbid"}

    tenant_id: str = Field(pattern=TENANT_ID_PATTERN)
    metrics: list[MetricName] = Field(min_length=1, max_length=8)
    dimensions: list[DimensionName] = Field(default_factory=list, max_length=3)
    grain: Grain | None = Field(default=None, description="Date grain when ``date`` is a dimension.")
    time_range: TimeRange | None = None
    filters: list[DimensionFilter] = Field(default_factory=list, max_length=10)
    compare: Comparison | None = None
    baseline: TimeRange | None = Field(default=None, description="The compared period itself, when the question "
                                                                 "names one no fixed shift gives (\"Black Friday vs "
                                                                 "last year's Black Friday\"); needs ``compare``.")
    order_by: MetricName | None = None
    order_by_change: bool = Field(default=False, description="Rank by ``order_by``'s change against the compared "
                                                             "period (needs ``compare``): which grew or fell most.")
    descending: bool = True
    limit: int | None = Field(default=None, ge=1, le=1000)
    share_of_total: bool = False
    order_value_above: float | None = Field(default=None, ge=0, description="Count only the orders whose value (the "
                                            "revenue of their sold lines in the period and slice) is above this "
                                            "(``value_orders``, ``value_order_share``).")
    order_value_below: float | None = Field(default=None, gt=0, description="... and below this.")
    order_units_at_least: int | None = Field(default=None, ge=1, le=1000, description="The units an order needs to "
                                             "count in ``multi_item_orders`` and its share (2 when not given): 3 for "
                                             "'orders with 3 or more items'; 1 when only ``order_units_at_most`` "
                                             "is given.")
    order_units_at_most: int | None = Field(default=None, ge=1, le=1000, description="The most units an order may "
                                            "have to count in ``multi_item_orders`` and its share: 3 (with "
                                            "``order_units_at_least`` 3) for 'orders with exactly 3 items', 2 for "
                                            "'orders of fewer than 3 items'.")
    percentile: int | None = Field(default=None, ge=1, le=99, description="The percentile of "
                                   "``percentile_order_value`` (which needs one): 80 for the order value 80% of "
                                   "orders are at or below.")
    include_undated: bool = Field(default=False, description="Rows without a date (undated reviews) count too: the "
                                                             "range is all the data, not a period of it.")
    clock_zone: str | None = Field(default=None, max_length=64, description="The IANA time zone the ``hour`` (and, "
                                   "with it, ``weekday``) dimension reads the clock in: the tenant's. A line whose "
                                   "stamp wrote an offset from UTC is turned into this zone; a line without one is the "
                                   "shop's clock already. None: every time as written.")

    @model_validator(mode="after")
    def _consistent(self) -> MetricQuery:
        if "date" in self.dimensions and self.grain is None:
            self.grain = "day"
        if self.order_by is not None and self.order_by not in self.metrics:
            raise ValueError("order_by must be one of the query's metrics")
        if self.compare is not None and self.time_range is None:
            raise ValueError("a comparison needs a time range")
        if self.baseline is not None and self.compare is None:
            raise ValueError("a baseline period needs a comparison")
        if self.order_by_change and (self.compare is None or self.order_by is None):
            raise ValueError("ranking by change needs a comparison and order_by")
        if (self.order_units_at_most is not None and self.order_units_at_least is not None
                and self.order_units_at_most < self.order_units_at_least):
            raise ValueError("order_units_at_most must not be below order_units_at_least")
        if self.include_undated and (self.compare is not None or "date" in self.dimensions):
            raise ValueError("undated rows belong to no period: they cannot be compared or bucketed by date")
        return self


class CompiledStatement(BaseModel):
    """The exact statement run: SQL in the engine's dialect and its bound parameters (evidence)."""

    sql: str
    params: dict[str, Any] = Field(default_factory=dict)
    dialect: str = "bigquery"


class MetricResult(BaseModel):
    """Rows answering a :class:`MetricQuery`.

    ``rows`` hold one dict per group with a key per dimension and per metric (``None`` where the data has no
    value); with ``compare`` each metric also has ``<metric>_previous`` and ``<metric>_change_pct``; with
    ``share_of_total`` each metric has ``<metric>_share`` (0-1). ``currency`` is the tenant's currency when the
    rows have one.
    """

    query: MetricQuery
    columns: list[str]
    rows: list[dict[str, Any]]
    currency: str | None = None
    statement: CompiledStatement
    previous_range: TimeRange | None = None
    truncated: bool = False
