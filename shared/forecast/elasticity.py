"""Price what-if: a log-log own-price elasticity estimated from a SKU's own price variation.

Used only when the history has real price variation; otherwise the what-if is declined and the result
says why. Estimates are clipped to a plausible range so one noisy series cannot promise miracles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_DISTINCT_PRICES = 3
MIN_POINTS = 14
ELASTICITY_RANGE = (-5.0, 0.0)
MIN_PRICE_SIGNAL = 0.1  # |r| below this: the price explains under 1% of how units vary around each series' median
MIN_SIGNAL_POINTS = 10  # priced selling periods a series needs to join the pooled signal


@dataclass(frozen=True)
class Elasticity:
    """An estimated elasticity (or the reason there is none)."""

    value: float | None
    points: int
    reason: str

    def multiplier(self, price_change_pct: float) -> float | None:
        """Demand multiplier for a relative price change, ``(1 + p) ** elasticity``."""
        if self.value is None:
            return None
        return float((1 + price_change_pct / 100) ** self.value)


def estimate_elasticity(units: np.ndarray, price: np.ndarray | None) -> Elasticity:
    """OLS of log(units) on log(price) over periods with sales and a known price."""
    if price is None:
        return Elasticity(None, 0, "no price history")
    u = np.asarray(units, dtype=float)
    p = np.asarray(price, dtype=float)
    ok = (u > 0) & np.isfinite(p) & (p > 0)
    if ok.sum() < MIN_POINTS:
        return Elasticity(None, int(ok.sum()), f"only {int(ok.sum())} periods with sales and a price "
                          f"(need {MIN_POINTS})")
    if len(np.unique(np.round(p[ok], 4))) < MIN_DISTINCT_PRICES:
        return Elasticity(None, int(ok.sum()), "the price never varied enough to measure a response")
    slope = float(np.polyfit(np.log(p[ok]), np.log(u[ok]), 1)[0])
    clipped = float(np.clip(slope, *ELASTICITY_RANGE))
    note = "" if clipped == slope else f" (raw estimate {slope:.2f} clipped)"
    return Elasticity(clipped, int(ok.sum()), f"log-log OLS on {int(ok.sum())} periods{note}")


def price_signal(histories: list[tuple[np.ndarray, np.ndarray | None]]) -> float | None:
    """How much the price says about units in these histories (a pooled within-series correlation).

    The correlation of log units and log price, each a deviation from its series' median, over periods
    with sales and a price. Far from 0 where prices move units (promotions, price changes: -0.30 to -0.55
    on every priced bench set but one); near 0 where the "price" is an outcome, such as the mean price of
    the sizes sold (pizzaplace: +0.017 weekly, +0.048 daily). Periods without sales are left out: a sales
    export has no price there, and what the grid carries over them says nothing about demand. ``None``
    without two series with ``MIN_SIGNAL_POINTS`` priced selling periods.
    """
    xs, ys = [], []
    for values, price in histories:
        if price is None:
            continue
        y = np.asarray(values, dtype=float)
        p = np.asarray(price, dtype=float)[:len(y)]
        ok = (y[:len(p)] > 0) & np.isfinite(p) & (p > 0)
        if ok.sum() < MIN_SIGNAL_POINTS:
            continue
        ly, lp = np.log(y[:len(p)][ok]), np.log(p[ok])
        ys.append(ly - np.median(ly))
        xs.append(lp - np.median(lp))
    if len(xs) < 2:
        return None
    x, y = np.concatenate(xs), np.concatenate(ys)
    return float(np.corrcoef(x, y)[0, 1]) if x.std() > 0 and y.std() > 0 else 0.0
