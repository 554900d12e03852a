"""Price position per SKU and per category against competitors.

Input is the observation frame: one row per (sku, date, competitor) with ``competitor_price`` and our
``our_price`` on that date (optionally ``shipping``, the competitor's shipping charge). Definitions
(see ``docs/pricing.md``), all on the latest date that has both our price and a competitor price:

* ``price_index`` = 100 * our price / median competitor price
* ``rank`` = 1 + number of competitors strictly cheaper than us
* ``gap_to_min|median|max`` = our price - min|median|max competitor price
* ``cheapest_share`` = share of dates on which our price <= the cheapest competitor price
"""

from __future__ import annotations

import numpy as np
import pandas as pd

OBSERVATION_COLUMNS = ("sku", "date", "competitor", "competitor_price", "our_price")


def effective_prices(obs: pd.DataFrame, *, include_shipping: bool, our_shipping: float = 0.0) -> pd.DataFrame:
    """Add ``comp_eff`` and ``our_eff``: the prices compared (shipping-inclusive when asked)."""
    out = obs.copy()
    if include_shipping:
        ship = out["shipping"].fillna(0.0) if "shipping" in out else 0.0
        out["comp_eff"] = out["competitor_price"] + ship
        out["our_eff"] = out["our_price"] + our_shipping
    else:
        out["comp_eff"] = out["competitor_price"]
        out["our_eff"] = out["our_price"]
    return out


def daily_summary(eff: pd.DataFrame) -> pd.DataFrame:
    """One row per (sku, date): min/median/max competitor price, competitors seen, our price."""
    daily = eff.groupby(["sku", "date"], sort=True, observed=True).agg(
        comp_min=("comp_eff", "min"),
        comp_median=("comp_eff", "median"),
        comp_max=("comp_eff", "max"),
        n_competitors=("comp_eff", "count"),
        our=("our_eff", "first"),
    )
    return daily.reset_index()


def price_position(obs: pd.DataFrame, *, include_shipping: bool = False, our_shipping: float = 0.0) -> pd.DataFrame:
    """Position of every SKU (index ``sku``) on its latest comparable date, plus its history share."""
    eff = effective_prices(obs, include_shipping=include_shipping, our_shipping=our_shipping)
    eff = eff[eff["comp_eff"].notna()]
    # group on integer SKU codes (much faster than strings at millions of rows); names restored at the end
    codes, names = pd.factorize(eff["sku"])
    eff = eff.assign(sku=codes)
    daily = daily_summary(eff)
    daily = daily[daily["our"].notna() & (daily["n_competitors"] > 0)]
    if daily.empty:
        return pd.DataFrame(columns=["latest_date", "our_price", "comp_min", "comp_median", "comp_max",
                                     "n_competitors", "gap_to_min", "gap_to_median", "gap_to_max",
                                     "price_index", "rank", "cheapest_share", "n_dates", "first_date"]
                            ).rename_axis("sku")
    cheapest = (daily["our"] <= daily["comp_min"]).astype("float64")
    by_sku = daily.assign(cheapest=cheapest).groupby("sku", sort=True)
    history = by_sku.agg(cheapest_share=("cheapest", "mean"), n_dates=("date", "nunique"),
                         first_date=("date", "min"))
    latest = by_sku.tail(1).set_index("sku")
    # rank: competitors strictly cheaper than us on the latest date
    latest_date = np.full(len(names), np.datetime64("NaT"), dtype=eff["date"].to_numpy().dtype)
    latest_our = np.full(len(names), np.nan)
    latest_date[latest.index.to_numpy()] = latest["date"].to_numpy()
    latest_our[latest.index.to_numpy()] = latest["our"].to_numpy()
    row_codes = eff["sku"].to_numpy()
    on_latest = eff["date"].to_numpy() == latest_date[row_codes]
    cheaper_rows = on_latest & (eff["comp_eff"].to_numpy() < latest_our[row_codes])
    cheaper = np.bincount(row_codes[cheaper_rows], minlength=len(names))
    pos = pd.DataFrame(index=latest.index)
    pos["latest_date"] = latest["date"]
    pos["our_price"] = latest["our"]
    for col in ("comp_min", "comp_median", "comp_max", "n_competitors"):
        pos[col] = latest[col]
    pos["gap_to_min"] = pos["our_price"] - pos["comp_min"]
    pos["gap_to_median"] = pos["our_price"] - pos["comp_median"]
    pos["gap_to_max"] = pos["our_price"] - pos["comp_max"]
    with np.errstate(divide="ignore", invalid="ignore"):
        pos["price_index"] = np.where(pos["comp_median"] > 0, 100.0 * pos["our_price"] / pos["comp_median"], np.nan)
    pos["rank"] = 1 + cheaper[pos.index.to_numpy()].astype("int64")
    pos = pos.join(history)
    pos.index = pd.Index(np.asarray(names)[pos.index.to_numpy()], name="sku")
    return pos.sort_index()


def category_position(position: pd.DataFrame, categories: pd.Series) -> pd.DataFrame:
    """Aggregate SKU positions per category (``categories``: sku -> category; missing = 'uncategorised')."""
    if position.empty:
        return pd.DataFrame(columns=["n_skus", "median_price_index", "mean_price_index", "share_rank_1",
                                     "mean_cheapest_share"]).rename_axis("category")
    cat = categories.reindex(position.index).fillna("uncategorised")
    frame = position.assign(category=cat.to_numpy(), is_first=(position["rank"] == 1).astype("float64"))
    agg = frame.groupby("category", sort=True).agg(
        n_skus=("price_index", "size"),
        median_price_index=("price_index", "median"),
        mean_price_index=("price_index", "mean"),
        share_rank_1=("is_first", "mean"),
        mean_cheapest_share=("cheapest_share", "mean"),
    )
    return agg
