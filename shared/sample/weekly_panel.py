"""A generated panel of weekly, promotion-driven store x product unit sales (for the forecast bench).

Each series: a base level (log-normal across series, so both fast and slow movers), a mild yearly cycle,
a slow trend, occasional permanent price changes, frequent temporary promotions (10-40% off) with a
price elasticity of -1.5 to -4, a post-promotion dip, and negative-binomial noise. Optionally stockouts:
weeks with nothing on hand, where sales are 0 whatever the demand was (``on_hand`` = 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Panel:
    """Long frame ``series_id,date,units,price,promo,on_hand`` and the true demand before stockouts."""

    frame: pd.DataFrame
    demand: np.ndarray  # (series, week) units that would have sold with stock


def weekly_panel(n_series: int = 80, n_weeks: int = 156, seed: int = 0, stockouts: float = 0.0,
                 start: str = "2022-01-02") -> Panel:
    """Draw the panel; ``stockouts`` is the share of weeks (in runs) with nothing on hand."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, periods=n_weeks, freq="7D")
    t = np.arange(n_weeks)
    rows = []
    demand_all = np.zeros((n_series, n_weeks))
    for i in range(n_series):
        base = float(rng.lognormal(2.3, 1.0))
        amp = rng.uniform(0.0, 0.3)
        phase = rng.uniform(0, 2 * np.pi)
        season = 1 + amp * np.sin(2 * np.pi * t / 52.18 + phase)
        trend = np.exp(rng.normal(0, 0.25) * t / n_weeks)
        list_price = float(rng.uniform(2, 30))
        regular = np.full(n_weeks, list_price)
        for _ in range(rng.integers(0, 3)):
            regular[rng.integers(10, n_weeks):] *= rng.uniform(0.85, 1.2)
        promo = rng.random(n_weeks) < rng.uniform(0.05, 0.25)
        discount = np.where(promo, rng.uniform(0.1, 0.4, n_weeks), 0.0)
        price = regular * (1 - discount)
        elasticity = rng.uniform(-4.0, -1.5)
        lift = (price / regular) ** elasticity * np.where(promo, rng.uniform(1.0, 1.6), 1.0)
        dip = np.where(np.concatenate([[False], promo[:-1]]) & ~promo, 0.8, 1.0)
        mu = base * season * trend * lift * dip * (regular / list_price) ** (elasticity / 3)
        dispersion = rng.uniform(2, 10)
        lam = rng.gamma(dispersion, mu / dispersion)
        demand = rng.poisson(lam).astype(float)
        on_hand = np.full(n_weeks, 100.0)
        if stockouts > 0:
            week = 0
            while week < n_weeks:
                if rng.random() < stockouts / 3:
                    length = int(rng.integers(1, 5))
                    on_hand[week:week + length] = 0.0
                    week += length
                week += 1
        sold = np.where(on_hand > 0, demand, 0.0)
        demand_all[i] = demand
        rows.append(pd.DataFrame({"series_id": f"s{i:03d}", "date": dates, "units": sold,
                                  "price": price.round(2), "promo": promo.astype(int), "on_hand": on_hand}))
    return Panel(pd.concat(rows, ignore_index=True), demand_all)
