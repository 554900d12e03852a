"""Prophet with weekly/yearly seasonality, country holidays and price/promotion regressors.

Imported lazily: Prophet (and cmdstan) cost about a second to import and 0.1-1 s per fit, so the
engine only calls it where the series is long enough and the time budget allows.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from shared.forecast.periods import RegularSeries


def _quiet() -> None:
    """Silence Prophet's and cmdstan's chatter (they log every fit at INFO)."""
    for name in ("prophet", "prophet.plot", "cmdstanpy"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.ERROR)
        logger.propagate = False
        logger.disabled = True
        for handler in logger.handlers:
            handler.setLevel(logging.ERROR)


def prophet_forecast(series: RegularSeries, horizon: int, *, country: str | None = None,
                     future_price: np.ndarray | None = None, future_promo: np.ndarray | None = None,
                     uncertainty: bool = False) -> np.ndarray:
    """Fit Prophet on ``series`` and forecast ``horizon`` periods (point forecast only by default).

    Regressors are used only when they vary in the history; their future values default to the last
    observed one (held flat).
    """
    _quiet()
    from prophet import Prophet

    _quiet()
    daily = series.freq == "D"
    n_years = len(series.values) / {"D": 365.25, "W": 52.18, "M": 12.0}[series.freq]
    model = Prophet(
        weekly_seasonality=daily,
        yearly_seasonality=n_years >= 2,
        daily_seasonality=False,
        uncertainty_samples=1000 if uncertainty else 0,
    )
    if country and daily:
        try:
            model.add_country_holidays(country_name=country)
        except Exception:  # noqa: BLE001 - an unknown country just means no holidays
            logging.getLogger(__name__).warning("unknown holiday country %s", country)
    history = pd.DataFrame({"ds": series.dates, "y": series.values})
    future = pd.DataFrame({"ds": series.dates.append(series.future_dates(horizon))})
    for name, hist, fut in (("price", series.price, future_price), ("promo", series.promo, future_promo)):
        if hist is None or np.nanstd(hist) == 0:
            continue
        model.add_regressor(name)
        history[name] = hist
        ahead = np.full(horizon, float(hist[-1])) if fut is None else np.asarray(fut, dtype=float)
        future[name] = np.concatenate([hist, ahead])
    model.fit(history)
    pred = model.predict(future)
    return np.asarray(pred["yhat"].to_numpy()[-horizon:], dtype=float)
