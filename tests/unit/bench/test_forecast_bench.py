"""The forecast bench's price-signal check: a price that moves units reads far from 0, a size mix near it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bench.forecast import price_signal
from shared.forecast.periods import RegularSeries


def _series(units: np.ndarray, price: np.ndarray, name: str) -> RegularSeries:
    dates = pd.date_range("2024-01-07", periods=len(units), freq="7D")
    return RegularSeries(name, "W", dates, units.astype(float), price=price)


def test_a_price_that_drives_units_is_a_signal_and_a_mix_of_sizes_is_not() -> None:
    rng = np.random.default_rng(4)
    driven, mix = [], []
    for i in range(8):
        price = rng.choice([8.0, 10.0], 60)  # regular and promoted weeks
        driven.append(_series(rng.poisson(40 * (price / 10) ** -2.5), price, f"d{i}"))
        sizes = rng.uniform(12.0, 20.0, 60)  # the mean price of the sizes sold: unrelated to how many
        mix.append(_series(rng.poisson(40, 60), sizes, f"m{i}"))
    assert (price_signal(driven) or 0.0) < -0.4
    assert abs(price_signal(mix) or 0.0) < 0.1
    assert price_signal(mix[:1]) is None  # one series: nothing to pool
