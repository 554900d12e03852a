"""The local members of the pooled ensemble: robust recent levels, plain or seasonally adjusted.

A median of the recent periods is the strongest simple anchor on noisy retail data; on data whose
seasonality dominates (monthly home sales, daily traffic) the same level is wrong by the seasonal swing,
so there the members work on seasonally adjusted values (classical multiplicative indices) and put the
season back on the forecast. Whether a batch is seasonal is decided once, pooled over its series
(:func:`pooled_seasonality`): a per-series test on a few years of noisy data fires by chance.
"""

from __future__ import annotations

import numpy as np

from shared.forecast.baselines import _has_seasonality, _multiplicative_indices, naive, seasonal_median, ses
from shared.forecast.direct_model import LEVEL_WINDOW
from shared.forecast.intermittent import tsb
from shared.forecast.weekday_profile import moves_count_median
from shared.forecast.yearly import year_level

WEEKLY = 52
DAILY = 7
WEEKDAY = "weekday"  # the member of a daily series bound to its weekdays: the median of its last 4 same weekdays
# the local members of a daily series times its batch's pooled weekday profile (:mod:`weekday_profile`)
POOLED_WEEKDAY_MEMBER = {"level": "level_wd", "ses": "ses_wd"}
# a daily series whose value a week apart correlates this much is bound to its weekdays (sold or delivered on
# set days): an effect size, not a significance test (which every long series passes on a faint pattern)
WEEKDAY_AUTOCORRELATION = 0.3
SEASONAL_SHARE = 0.5  # a batch is seasonal when at least half its testable series pass the ACF test
MIN_INDEX = 0.1  # indices below this (a season position with almost no sales) make adjustment unstable


def level_window(m: int) -> int:
    """The level's window for a season length: 28 days, 13 weeks, 12 months."""
    return {7: LEVEL_WINDOW["D"], 52: LEVEL_WINDOW["W"]}.get(m, LEVEL_WINDOW["M"])


def level(y: np.ndarray, h: int, m: int = 1) -> np.ndarray:
    """The median of the last 13 weeks / 28 days / 12 months (the strongest simple anchor)."""
    return np.full(h, float(np.median(np.asarray(y, dtype=float)[-level_window(m):])))


def seasonal_indices(y: np.ndarray, m: int) -> np.ndarray | None:
    """Multiplicative seasonal indices aligned so index 0 is ``y[0]``'s position; ``None`` if unusable.

    Needs two full seasons and positive sales in every season position.
    """
    x = np.asarray(y, dtype=float)
    if m <= 1 or len(x) < 2 * m or np.mean(x) <= 0:
        return None
    full = x[len(x) % m:].reshape(-1, m)  # whole seasons, aligned on the last observation
    if np.min(full.mean(axis=0)) < MIN_INDEX * np.mean(full):
        return None
    idx = _multiplicative_indices(x, m)
    return idx if np.all(idx >= MIN_INDEX) else None


def adjusted_members(y: np.ndarray, h: int, m: int) -> dict[str, np.ndarray]:
    """``level_sa`` and ``ses_sa``: level and SES on seasonally adjusted history, re-seasonalised.

    Without usable indices (short history, a dead season position) they equal the plain members.
    """
    x = np.asarray(y, dtype=float)
    idx = seasonal_indices(x, m)
    if idx is None:
        return {"level_sa": level(x, h, m), "ses_sa": ses(x, h, m)}
    n = len(x)
    past = np.resize(idx, n)
    future = np.resize(np.roll(idx, -(n % m)), h)
    return {"level_sa": level(x / past, h, m) * future, "ses_sa": ses(x / past, h, m) * future}


def pooled_seasonality(histories: list[np.ndarray], m: int) -> bool:
    """Whether the batch is seasonal: the M4 90% ACF test at lag ``m`` passes on at least half its series.

    Only series with three full seasons can be tested; a batch with none of them is not seasonal.
    """
    testable = [np.asarray(y, dtype=float) for y in histories if len(y) >= 3 * m and m > 1]
    if not testable:
        return False
    passed = sum(_has_seasonality(_detrended(y, m), m) for y in testable)
    return passed >= SEASONAL_SHARE * len(testable)


def _detrended(y: np.ndarray, m: int) -> np.ndarray:
    """``y`` divided by its centred moving average over one season (so trend does not fake seasonality)."""
    kernel = np.ones(m) / m
    trend = np.convolve(y, kernel, mode="valid")
    start = (m - 1) // 2
    core = y[start:start + len(trend)]
    return np.where(trend > 0, core / np.where(trend > 0, trend, 1.0), 1.0)


def weekday_bound(y: np.ndarray, m: int) -> bool:
    """Whether a daily series follows its weekdays: its lag-7 autocorrelation is at least 0.3.

    The batch's pooled test (:func:`pooled_seasonality`) leaves a daily panel unadjusted when most of its
    series are not weekly-patterned, and an intermittent series is never adjusted (a mostly-zero weekday
    has no stable index). A product bought in bulk every Sunday and hardly otherwise (dunnhumby's Complete
    Journey, daily) then got flat local members: MASE 3-5x the LightGBM anchor's on it, which alone made
    the whole panel lose to that anchor. Three full weeks are needed.
    """
    x = np.asarray(y, dtype=float)
    if m != DAILY or len(x) < 3 * m:
        return False
    d = x - x.mean()
    denom = float(np.sum(d * d))
    return denom > 0 and float(np.sum(d[m:] * d[:-m])) / denom >= WEEKDAY_AUTOCORRELATION


def weekday_members(y: np.ndarray, h: int, factors: tuple[np.ndarray, np.ndarray]) -> dict[str, np.ndarray]:
    """``level_wd`` and ``ses_wd``: level and SES of ``y`` with its batch's weekday profile out and back in.

    ``factors`` = (the pooled profile on each history day, on each horizon day; :mod:`weekday_profile`).
    Only on the horizon days where the profile moves the series' count median
    (:func:`weekday_profile.moves_count_median`); elsewhere they are the plain ``level`` and ``ses``.
    """
    past, future = factors
    x = np.asarray(y, dtype=float)
    moved = moves_count_median(float(np.mean(x[-level_window(DAILY):])), future[:h])
    plain = {"level_wd": level(x, h, DAILY), "ses_wd": ses(x, h, DAILY)}
    adjusted = {"level_wd": level(x / past, h, DAILY), "ses_wd": ses(x / past, h, DAILY)}
    return {k: np.where(moved, adjusted[k] * future[:h], plain[k]) for k in plain}


def local_members(y: np.ndarray, h: int, m: int, seasonal: bool, intermittent: bool,
                  weekday_factors: tuple[np.ndarray, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """The local members one series needs, non-negative.

    Plain ones always, adjusted ones in a seasonal batch, the year-long level (:mod:`yearly`) for weekly
    series elsewhere; for intermittent series ``tsb`` besides the recent median. The median of a
    mostly-zero window is 0 or a single unit: it is what minimises absolute error (the conditional
    median of the next weeks), and the ensemble's middle two (``global_l1`` and the rate ``tsb`` beside
    it) keep the forecast above 0. A mean rate in its place overstated slow movers: on sales exports with
    gaps (#18) the median of 13 weeks beat the ensemble on them (Complete Journey store x product pairs:
    0.649 against 0.689 mean MASE), and with the median as the member the ensemble is 0.655.
    A daily series bound to its weekdays (:func:`weekday_bound`) that gets no seasonally adjusted members
    gets ``weekday``, the median of its last 4 same weekdays, which then stands for every local member.
    A daily intermittent series gets no ``tsb``: its median (``level``) stands in its place. On daily
    grocery (Complete Journey, six 14-day windows) ``tsb`` alone scored 0.84 MASE on those series against the
    median's 0.73, and as a member it drew the ensemble toward a rate that absolute error does not reward.
    ``weekday_factors``: a daily batch's pooled weekday profile on this series' history and horizon days;
    a smooth daily series with neither its own weekday member nor seasonally adjusted ones then gets
    :func:`weekday_members`, which stand for its flat ones (pizzaplace: no pizza bound to its weekdays,
    all of them busier on Fridays). Count-aware: not on an intermittent series, and on a smooth one only on
    the days where the shift moves its count median. Under absolute error a count's best forecast is its
    median, an integer that a +-15-20% weekday shift rarely moves (Poisson 1 and 1.2 share the median 1);
    a shifted level that moves anyway pays on every day it moved in vain (the held-out daily panels lost
    when every series had it, docs/forecast.md).
    """
    x = np.asarray(y, dtype=float)
    out = {"level": level(x, h, m), "ses": ses(x, h, m), "naive": naive(x, h, m)}
    if (intermittent or not seasonal) and weekday_bound(x, m):
        out[WEEKDAY] = seasonal_median(x, h, m)
    if seasonal and not intermittent:
        out.update(adjusted_members(x, h, m))
    elif m == WEEKLY and not intermittent:
        out["level_year"] = year_level(x, h)
    if weekday_factors is not None and m == DAILY and WEEKDAY not in out and not (intermittent or seasonal):
        out.update(weekday_members(x, h, weekday_factors))
    if intermittent and m != DAILY:  # a daily slow mover's local members are medians only: tsb's rate was worse
        out["tsb"] = tsb(x, h, m)
    return {k: np.maximum(0.0, np.asarray(v, dtype=float)[:h]) for k, v in out.items()}
