"""The store's revenue next month, end to end: its band is its own backtest totals', and the answer says so."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from shared.forecast.intervals import conformal_quantile
from shared.forecast.own_totals import backtest_totals, log_misses, model_components
from tests.e2e.questions.conftest import END, Ingested
from tests.e2e.questions.test_stock_and_promo_answers_e2e import answer


def test_revenue_next_month_has_the_band_of_the_stores_own_backtest_totals(shop: Ingested) -> None:
    """Before: "(90% interval ...; model theta)", a band from past windows around the recent rate, unexplained."""
    text = answer(shop, "How much revenue should we expect next month?")
    num = r"\$([\d,]+\.\d\d)"
    said = re.search(
        rf"^We expect revenue of about {num} over the next 30 days .*? \(90% interval {num}-{num}; model ([\w+()]+); "
        r"interval from this model's own misses of its past 30-day totals, refitted at (\d+) points of the history: "
        r"90% of them fell inside a band this wide\)",
        text,
    )
    assert said is not None, text
    revenue, low, high = (float(said.group(i).replace(",", "")) for i in (1, 2, 3))
    model, origins = said.group(4), int(said.group(5))
    # the truth, from the rows: the store's daily units, the named model refitted at every origin the history
    # allows over the fit's 35 days (the month's bucket), the 90% conformal quantile of the 30-day totals' log misses
    s = shop.sales()
    daily = s.groupby("date")["units"].sum()
    days = pd.date_range(daily.index.min(), END, freq="D")
    units = daily.reindex(days.date, fill_value=0).to_numpy(dtype=float)
    components = model_components(model)
    assert components is not None, model
    forecasts, actuals = backtest_totals(units, 35, 7, components)
    assert len(forecasts) == origins
    misses = np.abs(log_misses(forecasts, actuals)[:, 29])
    q = conformal_quantile(misses[np.isfinite(misses)], 0.9)
    assert math.isclose(low, revenue * math.exp(-q), rel_tol=0.005), (text, q)
    assert math.isclose(high, revenue * math.exp(q), rel_tol=0.005), (text, q)
