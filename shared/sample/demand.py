"""Daily sales of the sample merchant: seasonality, trend, price changes, promotions, channels.

Demand per SKU and day is ``base * weekly * yearly * trend * (price / list)^elasticity``; units per channel
are Poisson draws, so slow movers come out intermittent. Only days with units sold become rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from shared.sample.catalogue import CATEGORIES

CHANNELS = ("web", "amazon", "ebay")


@dataclass(frozen=True)
class DemandPlan:
    """The price path and demand parameters behind the sales, kept for tests and benchmarks."""

    days: pd.DatetimeIndex
    prices: np.ndarray  # (sku, day) selling price
    promo: np.ndarray  # (sku, day) bool
    rate: np.ndarray  # (sku, day) expected units, all channels
    slow_movers: list[str]


def _weekly(category_index: int) -> np.ndarray:
    """Day-of-week multipliers (Mon..Sun); consumer categories peak at the weekend."""
    base = np.array([0.9, 0.85, 0.9, 0.95, 1.05, 1.2, 1.15])
    if CATEGORIES[category_index].name == "Electronics":
        base = np.array([1.05, 1.0, 1.0, 1.0, 1.0, 0.95, 1.0])
    return base / base.mean()


def plan_demand(rng: np.random.Generator, catalogue: pd.DataFrame, end: date, n_days: int) -> DemandPlan:
    """Draw prices, promotions and the expected-demand matrix for every SKU and day."""
    n = len(catalogue)
    days = pd.date_range(end - timedelta(days=n_days - 1), end, freq="D")
    t = np.arange(n_days)
    cat_index = np.array([[c.name for c in CATEGORIES].index(name) for name in catalogue["category"]])
    list_price = catalogue["price"].to_numpy(float)

    base = rng.lognormal(mean=-0.1, sigma=0.7, size=n)
    slow = rng.random(n) < 0.15
    base[slow] = rng.uniform(0.03, 0.25, slow.sum())
    trend = 1 + np.outer(rng.uniform(-0.3, 0.5, n), t / n_days)
    doy = days.dayofyear.to_numpy()
    peaks = np.array([CATEGORIES[c].peak_day_of_year for c in cat_index])
    amps = np.array([CATEGORIES[c].seasonal_amplitude for c in cat_index])
    yearly = 1 + amps[:, None] * np.cos(2 * np.pi * (doy[None, :] - peaks[:, None]) / 365.25)
    weekly = np.stack([_weekly(c) for c in range(len(CATEGORIES))])[cat_index][:, days.dayofweek.to_numpy()]

    # Price path: one to three permanent changes, and 3-8 promotions of 3-10 days at 10-30% off.
    prices = np.repeat(list_price[:, None], n_days, axis=1)
    promo = np.zeros((n, n_days), dtype=bool)
    for i in range(n):
        for _ in range(int(rng.integers(1, 4))):
            start = int(rng.integers(30, n_days))
            prices[i, start:] = np.round(prices[i, start] * rng.uniform(0.9, 1.12), 0) - 0.01
        for _ in range(int(rng.integers(3, 9))):
            start = int(rng.integers(0, n_days - 10))
            length = int(rng.integers(3, 11))
            promo[i, start:start + length] = True
    discount = np.where(promo, rng.uniform(0.7, 0.9, (n, 1)), 1.0)
    prices = np.round(prices * discount, 2)
    elasticity = rng.uniform(-2.5, -1.2, n)
    price_effect = (prices / list_price[:, None]) ** elasticity[:, None]
    rate = base[:, None] * weekly * yearly * trend.clip(0.2) * price_effect
    return DemandPlan(days, prices, promo, rate, catalogue.loc[slow, "sku"].tolist())


def make_sales(rng: np.random.Generator, catalogue: pd.DataFrame, plan: DemandPlan) -> pd.DataFrame:
    """Daily sales rows per SKU and channel (only days with units); SKUs are ours, identifiers come later."""
    n, n_days = plan.rate.shape
    shares = rng.dirichlet([4.0, 3.0, 1.0], size=n)
    frames = []
    for c, channel in enumerate(CHANNELS):
        units = rng.poisson(plan.rate * shares[:, c:c + 1])
        sku_idx, day_idx = np.nonzero(units)
        frames.append(pd.DataFrame({
            "sku": catalogue["sku"].to_numpy()[sku_idx],
            "date": plan.days[day_idx].date,
            "units": units[sku_idx, day_idx],
            "unit_price": plan.prices[sku_idx, day_idx],
            "channel": channel,
            "promo": plan.promo[sku_idx, day_idx],
        }))
    sales = pd.concat(frames, ignore_index=True).sort_values(["date", "sku", "channel"], ignore_index=True)
    sales["revenue"] = (sales["units"] * sales["unit_price"]).round(2)
    sales["currency"] = "USD"
    sales["order_id"] = None
    return sales[["sku", "date", "units", "unit_price", "revenue", "currency", "order_id", "channel", "promo"]]
