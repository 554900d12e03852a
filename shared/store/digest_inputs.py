"""What a digest reads: our price against competitors' latest, a SKU's daily units, the best seller."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from sqlglot import exp

from shared.ports import Warehouse
from shared.store.statements import col, fn, latest_first, ordered, param, read, tenant_predicate

if TYPE_CHECKING:
    import pandas as pd


def price_position(warehouse: Warehouse, tenant_id: str, since: date) -> pd.DataFrame:
    """Per priced SKU: our price and the min, median and max of each competitor's latest price since ``since``.

    The median is ``PERCENTILE_CONT(price, 0.5)`` over the SKU's latest prices (exact, interpolated between
    the middle two): ``APPROX_QUANTILES(..)[OFFSET(1)]`` is read differently by the engines (the BigQuery
    emulator returns the maximum), which the store contract caught.
    """
    return read(warehouse, _position_statement(), tenant_id, since=since)


@cache
def _position_statement() -> exp.Select:
    latest = (exp.select("sku", "competitor", "price", latest_first(["sku", "competitor"], "date").as_("rn"))
              .from_("competitor_prices").where(tenant_predicate(), col("date") > param("since")))
    median = exp.Window(this=exp.PercentileCont(this=col("price"), expression=exp.Literal.number(0.5)),
                        partition_by=[col("sku")])
    current = (exp.select(col("sku"), col("price"), median.as_("median")).from_("latest")
               .where(col("rn").eq(1)))
    price = col("price", "c")
    statement = (exp.select(col("sku", "c"), col("price", "p").as_("our_price"), fn("MIN", price).as_("comp_min"),
                            fn("MAX", col("median", "c")).as_("comp_median"),
                            fn("MAX", price.copy()).as_("comp_max"))
                 .with_("latest", as_=latest).with_("current", as_=current)
                 .from_(exp.to_table("current").as_("c"))
                 .join(exp.to_table("products").as_("p"),
                       on=exp.and_(tenant_predicate("p"), col("sku", "p").eq(col("sku", "c"))))
                 .where(col("price", "p").is_(exp.null()).not_())
                 .group_by(col("sku", "c"), col("price", "p")))
    return statement


def daily_units(warehouse: Warehouse, tenant_id: str, sku: str, since: date) -> pd.DataFrame:
    """Units of one SKU per day after ``since``."""
    return read(warehouse, _daily_units_statement(), tenant_id, sku=sku, since=since)


@cache
def _daily_units_statement() -> exp.Select:
    return (exp.select(col("date"), fn("SUM", col("units")).as_("units")).from_("sales")
            .where(tenant_predicate(), col("sku").eq(param("sku")), col("date") > param("since"))
            .group_by("date").order_by(*ordered("date")))


def best_seller(warehouse: Warehouse, tenant_id: str, since: date) -> list[str]:
    """The SKU with the most units sold after ``since`` (empty when nothing sold)."""
    return [str(s) for s in read(warehouse, _best_seller_statement(), tenant_id, since=since)["sku"]]


@cache
def _best_seller_statement() -> exp.Select:
    return (exp.select(col("sku"), fn("SUM", col("units")).as_("units")).from_("sales")
            .where(tenant_predicate(), col("date") > param("since")).group_by("sku")
            .order_by(*ordered("units", desc=True)).limit(1))
