"""A SKU's horizon total and its interval, as the forecast agent answers them (``agent._view``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from shared.forecast.agent import SkuOutcome, _view
from shared.forecast.engine import ForecastOptions, forecast_series
from shared.forecast.periods import regularise_arrays


def test_a_skus_monthly_total_band_holds_months_whose_level_drifts() -> None:
    """Daily sales whose level moves month to month (a slow month is slow every day): the band of a 30-day total
    read every day as independent (+-10-20%) and held about half of the next months sold at 90%; read off how the
    SKU's past 30-day totals varied, it holds about nine in ten."""
    rng = np.random.default_rng(3)
    history, horizon, held = 360, 30, 0
    skus = 16
    for k in range(skus):
        months = np.repeat(np.exp(rng.normal(0.0, 0.35, (history + horizon) // 30 + 1)), 30)[: history + horizon]
        units = rng.poisson(8.0 * months).astype(float)
        days = pd.date_range("2024-01-01", periods=history)
        series = regularise_arrays(f"S{k}", days, units[:history], None, None, "D")
        result = forecast_series(series, ForecastOptions(horizon=horizon, level=0.9, prophet="never"))
        view = _view(SkuOutcome(series, result, False), 0.9, horizon)
        sold = float(units[history:].sum())  # the truth, from the rows
        held += view.lower <= sold <= view.upper
    assert held >= 0.75 * skus, held
