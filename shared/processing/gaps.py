"""Missing-data handling: fill what can be derived, keep what cannot as NULL, and flag both.

Every function takes the batch as a DataFrame plus the reference data it needs (passed in, so the
cores never touch a backend) and returns the filled frame and the changes to flag (``BatchFlags``: one
entry per change with the rows it touched, not one dict per row).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from shared.processing.flags import BatchFlags

DEFAULT_LEAD_TIME_DAYS = 14


@dataclass(frozen=True)
class GapContext:
    """Reference data for filling gaps, loaded by the caller from the warehouse and documents."""

    product_prices: Mapping[str, float] = field(default_factory=dict)
    last_prices: Mapping[str, float] = field(default_factory=dict)
    last_lead_times: Mapping[str, int] = field(default_factory=dict)
    default_lead_time_days: int = DEFAULT_LEAD_TIME_DAYS

    def carried(self, known: LastKnown) -> GapContext:
        """This context with an earlier part's last known values in place of the warehouse's.

        A SKU processed in runs of days fills a missing price from the run before it, as one batch would have
        from its earlier rows (the batch's own rows come before the warehouse's history).
        """
        if not known.prices and not known.lead_times:
            return self
        return replace(self, last_prices={**self.last_prices, **known.prices},
                       last_lead_times={**self.last_lead_times, **known.lead_times})


@dataclass(frozen=True)
class LastKnown:
    """Per SKU, the last value a batch carried itself (in date order), before any gap was filled."""

    prices: Mapping[str, float] = field(default_factory=dict)
    lead_times: Mapping[str, int] = field(default_factory=dict)


def _last_non_null(rows: pd.DataFrame, column: str) -> dict[str, float]:
    """Per SKU, the last non-null numeric ``column`` in (date, row) order: what a later row would be filled with."""
    if rows.empty or column not in rows.columns:
        return {}
    values = pd.to_numeric(rows[column], errors="coerce").astype("float64")
    known = rows.assign(**{column: values}).dropna(subset=[column]).sort_values(["sku", "date"], kind="stable")
    last = known.groupby("sku", sort=False)[column].last()
    return {str(sku): float(value) for sku, value in last.items()}


def last_known(rows: pd.DataFrame, *, prices: bool = False, lead_times: bool = False) -> LastKnown:
    """What a batch passes on to the next run of days of its SKUs (``GapContext.carried``)."""
    return LastKnown(prices=_last_non_null(rows, "unit_price") if prices else {},
                     lead_times={k: int(round(v)) for k, v in _last_non_null(rows, "lead_time_days").items()}
                     if lead_times else {})


def _batch_forward_fill(rows: pd.DataFrame, column: str) -> pd.Series:
    """Per SKU, the last known non-null ``column`` from an earlier-or-same-date row of the batch."""
    order = rows.sort_values(["sku", "date"], kind="stable")
    filled = order.groupby("sku", sort=False)[column].ffill()
    return filled.reindex(rows.index)


def fill_sales(rows: pd.DataFrame, ctx: GapContext) -> tuple[pd.DataFrame, BatchFlags]:
    """Derive missing ``unit_price`` (revenue/units, product price, SKU's last price) and ``revenue``."""
    out = rows.copy(deep=False)  # only whole columns are replaced below
    flags = BatchFlags()
    if out.empty:
        return out, flags
    price = pd.to_numeric(out["unit_price"], errors="coerce").astype("float64")
    revenue = pd.to_numeric(out["revenue"], errors="coerce").astype("float64")
    units = pd.to_numeric(out["units"], errors="coerce")
    missing = price.isna()
    if missing.any():
        from_revenue = missing & revenue.notna() & (units > 0)
        product = out["sku"].map(ctx.product_prices).astype("float64")
        from_product = missing & ~from_revenue & product.notna()
        batch_last = _batch_forward_fill(out.assign(unit_price=price), "unit_price")
        history = out["sku"].map(ctx.last_prices).astype("float64")
        last = batch_last.fillna(history)
        from_last = missing & ~from_revenue & ~from_product & last.notna()
        unfilled = missing & ~from_revenue & ~from_product & ~from_last
        derived = (revenue / units.where(units > 0)).round(4)
        for mask, values, action in (
            (from_revenue, derived, "derived_from_revenue"),
            (from_product, product, "filled_from_product_price"),
            (from_last, last, "forward_filled_last_price"),
        ):
            price = price.where(~mask, values)
            flags.add("unit_price", action, out.index[mask], after=price[mask].to_numpy(dtype="float64"))
        flags.add("unit_price", "missing_no_source", out.index[unfilled])
    missing_revenue = revenue.isna() & price.notna() & units.notna()
    if missing_revenue.any():
        # to 1/100 of a cent, not to the cent: some exports scale their prices below one (H&M's 0.0169), where
        # rounding each line to the cent moved a month's revenue by about 1%
        revenue = revenue.where(~missing_revenue, (price * units).round(4))
        flags.add("revenue", "derived_from_price_x_units", out.index[missing_revenue],
                  after=revenue[missing_revenue].to_numpy(dtype="float64"))
    out["unit_price"] = price
    out["revenue"] = revenue
    return out, flags


def fill_reviews(rows: pd.DataFrame) -> tuple[pd.DataFrame, BatchFlags]:
    """Reviews without a rating keep ``NULL`` (never guessed), flagged so analyses can exclude them."""
    flags = BatchFlags()
    if rows.empty:
        return rows.copy(), flags
    flags.add("rating", "missing_kept_null", rows.index[rows["rating"].isna()])
    return rows.copy(), flags


def fill_inventory(rows: pd.DataFrame, ctx: GapContext) -> tuple[pd.DataFrame, BatchFlags]:
    """Missing ``lead_time_days``: the SKU's last known lead time, else the tenant default."""
    out = rows.copy()
    flags = BatchFlags()
    if out.empty:
        return out, flags
    lead = pd.to_numeric(out["lead_time_days"], errors="coerce").astype("float64")
    missing = lead.isna()
    if missing.any():
        batch_last = _batch_forward_fill(out.assign(lead_time_days=lead), "lead_time_days")
        history = out["sku"].map(ctx.last_lead_times).astype("float64")
        last = batch_last.fillna(history)
        from_sku = missing & last.notna()
        from_tenant = missing & ~from_sku
        lead = lead.where(~from_sku, last).where(~from_tenant, float(ctx.default_lead_time_days))
        for mask, action in ((from_sku, "default_from_sku_history"), (from_tenant, "default_from_tenant")):
            flags.add("lead_time_days", action, out.index[mask], after=[int(v) for v in lead[mask].tolist()])
    out["lead_time_days"] = lead.round().astype("Int64")
    return out, flags
