"""Public holidays: wider prediction bands on the horizon periods near one.

Demand near a holiday (Thanksgiving, Christmas, New Year) is unlike the weeks before it, and a short
history may not hold the same holiday a year earlier. Split-conformal bands come from the last few
backtest windows, which rarely hold a holiday: on them the bands were far too narrow. So, when a holiday
country is set (``ForecastOptions.country``, the CLI's ``--country``), :func:`holiday_inflation` measures
how much larger deviations from the same-season level were on holiday periods than on ordinary ones in
the batch's history, pooled over series, and the band is widened by that factor on the horizon periods
near a holiday (:func:`holiday_distance`, :func:`near_holiday`); the periods around one
(:func:`around_holiday`: days 2-7, weeks 1-2 away) get their own factor, measured against the periods
far from every holiday. The distance as a feature of the global
model was measured too and moved MASE by noise only (nycflights13 0.2% worse), so it is not one.
"""

from __future__ import annotations

import functools
import logging

import numpy as np
import pandas as pd

from shared.forecast.periods import Freq

NEAR: dict[str, int] = {"D": 7, "W": 2}  # the distance feature is clipped here (farther = ordinary)
HOLIDAY_WINDOW: dict[str, int] = {"D": 1, "W": 0}  # a period this close to a holiday is a holiday period
MIN_HOLIDAY_ERRORS = 30  # pooled deviations on holiday periods needed to measure an inflation
MAX_INFLATION = 4.0
REFERENCE_LAGS = 4  # the reference level: median of the same season position over the last 4 seasons
#                    (of the last 4 periods for a history shorter than that)

log = logging.getLogger(__name__)


def holiday_distance(dates: pd.DatetimeIndex, freq: Freq, country: str | None) -> np.ndarray | None:
    """Signed periods from each date to the nearest public holiday, clipped to +-``NEAR`` (``None``: unknown).

    Negative before the holiday, positive after. Monthly data (a holiday is a small part of a month)
    and an unknown or unset country give ``None``.
    """
    if not country or freq not in NEAR or len(dates) == 0:
        return None
    marks = _holiday_marks(country, int(dates.min().year) - 1, int(dates.max().year) + 1)
    if marks is None:
        return None
    # a weekly period runs from its date for 7 days: its distance is measured from its middle
    at = np.asarray(dates.values.astype("datetime64[D]")) + (3 if freq == "W" else 0)
    pos = np.clip(np.searchsorted(marks, at), 1, len(marks) - 1)
    before = (at - marks[pos - 1]).astype(float)
    after = (at - marks[pos]).astype(float)
    gap = np.where(np.abs(before) <= np.abs(after), before, after)  # days from the nearest holiday
    # weeks: a week whose middle is within 3 days of the holiday holds it (0), then +-1 per further week
    periods = gap if freq == "D" else np.sign(gap) * np.ceil(np.maximum(np.abs(gap) - 3, 0) / 7)
    near = NEAR[freq]
    return np.clip(periods, -near - 1, near + 1).astype(float)


@functools.lru_cache(maxsize=64)
def _holiday_marks(country: str, first: int, last: int) -> np.ndarray | None:
    """The sorted holiday dates of ``country`` from year ``first`` to ``last``.

    Cached: every series and backtest cut of a batch asks for the same years, and building a calendar
    takes milliseconds.
    """
    import holidays

    try:
        days = holidays.country_holidays(country, years=range(first, last + 1))
    except (KeyError, NotImplementedError):
        log.warning("unknown holiday country %s", country)
        return None
    marks = np.array(sorted(np.datetime64(d, "D") for d in days), dtype="datetime64[D]")
    return marks if len(marks) else None


def near_holiday(distance: np.ndarray | None, freq: Freq) -> np.ndarray | None:
    """Which periods are holiday periods (``HOLIDAY_WINDOW`` or closer), from :func:`holiday_distance`."""
    if distance is None or freq not in HOLIDAY_WINDOW:
        return None
    return np.asarray(np.abs(distance) <= HOLIDAY_WINDOW[freq])


def around_holiday(distance: np.ndarray | None, freq: Freq) -> np.ndarray | None:
    """The periods around a holiday: farther than ``HOLIDAY_WINDOW``, at most ``NEAR`` from one.

    Days 2-7 from a holiday (the week before Christmas, the weekend after Thanksgiving), weeks 1-2 from
    a holiday week: demand and schedules there are often unlike ordinary periods too, if less so.
    """
    if distance is None or freq not in HOLIDAY_WINDOW:
        return None
    d = np.abs(distance)
    return np.asarray((d > HOLIDAY_WINDOW[freq]) & (d <= NEAR[freq]))


def holiday_inflation(histories: list[np.ndarray], flags: list[np.ndarray], season: int, scales: list[float],
                      levels: tuple[float, ...], ordinary: list[np.ndarray] | None = None) -> dict[float, float]:
    """Per band level: the ratio of the pooled deviation quantile on holiday periods to ordinary ones.

    The deviation of a period is its distance from the median of the same season position over the
    previous ``REFERENCE_LAGS`` seasons, divided by the series' band scale (as the conformal errors
    are); ``ordinary`` flags the periods to compare with (default: every unflagged one). A series
    without that many seasons (weekly data under four years: before, its holidays were
    never measured, and a 43-week panel got no holiday bands at all) is compared with the median of
    its previous ``REFERENCE_LAGS`` periods instead. 1.0 (no widening) with too few holiday periods
    in the history; at most ``MAX_INFLATION``.
    """
    on: list[np.ndarray] = []
    off: list[np.ndarray] = []
    for k, (y, flag, scale) in enumerate(zip(histories, flags, scales, strict=True)):
        x = np.asarray(y, dtype=float)
        n = len(x)
        # without four seasons (weekly data under four years) the previous four periods are the reference
        lag = max(1, season) if n > max(1, season) * REFERENCE_LAGS else 1
        if n <= lag * REFERENCE_LAGS:
            continue
        t = np.arange(lag * REFERENCE_LAGS, n)
        ref = np.median(np.stack([x[t - lag * i] for i in range(1, REFERENCE_LAGS + 1)]), axis=0)
        dev = np.abs(x[t] - ref) / scale
        on.append(dev[flag[t]])
        compare = ~flag if ordinary is None else np.asarray(ordinary[k])
        off.append(dev[compare[t]])
    hol = np.concatenate(on) if on else np.empty(0)
    calm = np.concatenate(off) if off else np.empty(0)
    if len(hol) < MIN_HOLIDAY_ERRORS or len(calm) < MIN_HOLIDAY_ERRORS:
        return {lv: 1.0 for lv in levels}
    out = {}
    for lv in levels:
        base = float(np.quantile(calm, lv))
        ratio = float(np.quantile(hol, lv)) / base if base > 0 else 1.0
        out[lv] = float(np.clip(ratio, 1.0, MAX_INFLATION))
    return out
