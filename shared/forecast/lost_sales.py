"""Revenue lost to stock-outs: an estimate from out-of-stock days, each product's in-stock rate and its price.

"How much did stockouts cost us?" has no recorded answer: sales that did not happen are not in any export. The
estimate is the one Inventory Planner and most replenishment tools make: for each product, the days it was out of
stock in the period, times the units it sells per day when it is in stock, times what a unit sold for.

- A day is **out of stock** when the product's stock (each location's latest count on or before that day, summed
  over locations) is 0 or less and nothing of it sold that day (a sale proves stock). Counts hold until the next
  count, so weekly counts date a stock-out from the count that found it; days before a product's first count are
  not known to be out of stock and are never counted as such.
- The **in-stock rate** is the units sold per day on the days not out of stock, over the period and the
  ``LOOKBACK_DAYS`` before it (Inventory Planner's velocity over in-stock days).
- The **price** is the revenue per unit sold over the same days (units x the day's average unit price / units).

Pure: daily sales and stock counts in, one row per product that lost sales out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from shared.agents.answers import AgentAnswer, join_names, ranked_table

#: Days before the period whose in-stock sales also give a product's rate (a stock-out that fills the period
#: still has a rate).
LOOKBACK_DAYS = 90
COLUMNS = ["sku", "out_of_stock_days", "daily_rate", "price", "lost_units", "lost_revenue"]


@dataclass(frozen=True)
class LostSales:
    """The estimate per product (``rows``, most revenue lost first) and over the period."""

    rows: pd.DataFrame
    start: date
    end: date
    counted_skus: int  # products with a stock count in the period: the only ones a stock-out can be seen for

    @property
    def revenue(self) -> float:
        """Revenue lost in all, the products without a price left out."""
        return float(self.rows["lost_revenue"].fillna(0.0).sum()) if not self.rows.empty else 0.0

    @property
    def units(self) -> float:
        """Units lost in all."""
        return float(self.rows["lost_units"].sum()) if not self.rows.empty else 0.0

    @property
    def days(self) -> int:
        """Out-of-stock days of all products together."""
        return int(self.rows["out_of_stock_days"].sum()) if not self.rows.empty else 0


def _stock_by_day(counts: pd.DataFrame, days: pd.DatetimeIndex) -> pd.Series:
    """One product's stock on each of ``days``: each location's latest count on or before the day, summed.

    NaN before the product's first count (not known).
    """
    per_location = []
    for _, loc in counts.groupby(counts["location"].fillna(""), sort=False):
        daily = loc.groupby("date")["on_hand"].last().sort_index()
        index = days.union(pd.DatetimeIndex(daily.index))
        per_location.append(daily.reindex(index).ffill().reindex(days))
    frame = pd.concat(per_location, axis=1)
    return frame.sum(axis=1, min_count=1)


def estimate_lost_sales(sales: pd.DataFrame, counts: pd.DataFrame, start: date, end: date,
                        lookback_days: int = LOOKBACK_DAYS) -> LostSales:
    """Lost units and revenue per product from ``start`` to ``end`` (see the module docstring).

    ``sales``: ``sku``, ``date``, ``units``, ``price`` (the day's average unit price); ``counts``: ``sku``,
    ``location``, ``date``, ``on_hand``, every count up to ``end``.
    """
    if counts.empty:
        return LostSales(pd.DataFrame(columns=COLUMNS), start, end, 0)
    first = pd.Timestamp(start - timedelta(days=lookback_days))
    days = pd.date_range(first, pd.Timestamp(end), freq="D")
    in_period = days >= pd.Timestamp(start)
    counts = counts.assign(date=pd.to_datetime(counts["date"]),
                           on_hand=pd.to_numeric(counts["on_hand"], errors="coerce"))
    counts = counts[counts["date"] <= pd.Timestamp(end)]
    sales = sales.assign(date=pd.to_datetime(sales["date"]))
    sales = sales[(sales["date"] >= first) & (sales["date"] <= pd.Timestamp(end))]
    sold = sales.groupby(["sku", "date"])["units"].sum()
    value = (sales["units"] * sales["price"]).groupby([sales["sku"], sales["date"]]).sum(min_count=1)
    rows = []
    counted = 0
    for sku, sku_counts in counts.groupby("sku", sort=True):
        stock = _stock_by_day(sku_counts, days).to_numpy(dtype=float)
        if np.isnan(stock[in_period]).all():
            continue  # no count in or before the period: its stock-outs cannot be seen
        counted += 1
        units = sold.xs(sku, level="sku").reindex(days).fillna(0.0).to_numpy(dtype=float) \
            if sku in sold.index.get_level_values("sku") else np.zeros(len(days))
        out = (stock <= 0) & ~np.isnan(stock) & (units <= 0)
        out_days = int(out[in_period].sum())
        if out_days == 0:
            continue
        available = ~out
        rate = float(units[available].sum() / available.sum()) if available.any() else 0.0
        worth = value.xs(sku, level="sku") if sku in value.index.get_level_values("sku") else pd.Series(dtype=float)
        sold_units = float(units.sum())
        price = float(worth.sum() / sold_units) if sold_units > 0 and worth.notna().any() else np.nan
        lost_units = out_days * rate
        rows.append({"sku": str(sku), "out_of_stock_days": out_days, "daily_rate": rate, "price": price,
                     "lost_units": lost_units, "lost_revenue": lost_units * price if np.isfinite(price) else np.nan})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if not frame.empty:
        frame = frame.sort_values(["lost_revenue", "lost_units"], ascending=False, na_position="last",
                                  kind="stable").reset_index(drop=True)
    return LostSales(frame, start, end, counted)


def lost_sales_answer(estimate: LostSales, money: Callable[[float], str], period: str = "") -> AgentAnswer:
    """``lost_sales``: the revenue stock-outs cost, said as an estimate with its method, and the products first.

    "Stock-outs cost an estimated $1,234.00 of revenue in the last 90 days (...): 5 products were out of stock on
    31 days in all by your stock counts, about 96 units at their in-stock sales rate; the most: ..."
    """
    from shared.questions.timephrase import name_range

    when = period or f"in {name_range(estimate.start, estimate.end).label}"
    method = (f"estimate: out-of-stock days (stock 0 at the latest count, held until the next one, and no sale that "
              f"day) x units sold per day on the other days x revenue per unit, both over the period and the "
              f"{LOOKBACK_DAYS} days before it; products without a stock count are not seen")
    rows = estimate.rows
    records: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in rows.to_dict("records")]
    if rows.empty:
        seen = f" ({estimate.counted_skus:,} products have stock counts)" if estimate.counted_skus else \
            " (no product has a stock count then, so none can be seen out of stock)"
        return AgentAnswer(ask="lost_sales", text=f"No product was out of stock {when} by your stock counts{seen}, so "
                           "no sales are estimated lost to stock-outs.", method=method,
                           answered=estimate.counted_skus > 0)
    top = [f"{r['sku']} ({money(r['lost_revenue']) if np.isfinite(r['lost_revenue']) else 'no price'}, "
           f"{r['out_of_stock_days']} day{'s' if r['out_of_stock_days'] != 1 else ''} out)" for r in records[:3]]
    n = len(rows)
    text = (f"Stock-outs cost an estimated {money(estimate.revenue)} of revenue {when}: {n} product"
            f"{'s were' if n != 1 else ' was'} out of stock on {estimate.days:,} days in all by your stock counts, "
            f"about {estimate.units:,.0f} units at their in-stock sales rate; the most: {join_names(top, 3)}. This "
            f"is an estimate, not recorded sales: each product's out-of-stock days x the units it sells per in-stock "
            f"day x its revenue per unit (over the period and the {LOOKBACK_DAYS} days before it).")
    table = [[r["sku"], int(r["out_of_stock_days"]), round(float(r["daily_rate"]), 3),
              None if not np.isfinite(r["price"]) else round(float(r["price"]), 2), round(float(r["lost_units"]), 1),
              None if not np.isfinite(r["lost_revenue"]) else round(float(r["lost_revenue"]), 2)] for r in records]
    shown, total = ranked_table(COLUMNS, table)
    return AgentAnswer(ask="lost_sales", text=text, columns=COLUMNS, rows=shown, total_rows=total, method=method,
                       skus=[str(s) for s in rows["sku"].head(10)], period_start=estimate.start,
                       period_end=estimate.end)
