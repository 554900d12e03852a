"""The bench's global LightGBM anchor is the analyst's model, not a straw man: on promotion-spiked weekly
panels it forecasts the regular level (L1: the conditional median MASE rewards), not the spike-inflated mean,
and it reads its lags (a level that moved is followed)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bench.forecast_anchors import AnchorConfig, global_lgbm_anchor
from shared.forecast.periods import RegularSeries


def _panel(levels: np.ndarray, weeks: int, seed: int) -> list[RegularSeries]:
    """Weekly Poisson sales at ``levels`` with a 3x promotion spike on a random quarter of the weeks."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2022-01-02", periods=weeks, freq="7D")
    out = []
    for i, level in enumerate(levels):
        spikes = np.where(rng.random(weeks) < 0.25, 3.0, 1.0)
        out.append(RegularSeries(f"s{i}", "W", dates, np.asarray(rng.poisson(level * spikes), dtype=float)))
    return out


def test_the_anchor_forecasts_the_regular_level_under_promotion_spikes() -> None:
    levels = np.random.default_rng(1).uniform(10, 60, 30)
    panel = _panel(levels, 104, seed=2)
    forecast = global_lgbm_anchor(panel, 13)
    ratio = np.median([np.median(f) / lv for f, lv in zip(forecast, levels, strict=True)])
    # the median of such weeks is ~1.1-1.2x the regular level, their mean 1.5x: an L2 model lands at 1.59,
    # the bench's anchor before the audit (recursive, L2, 80 trees) at 1.78
    assert 0.9 < ratio < 1.3
    assert all(len(f) == 13 and np.all(f >= 0) for f in forecast)


def test_the_anchor_follows_a_level_that_moved_and_direct_mode_agrees() -> None:
    rng = np.random.default_rng(3)
    dates = pd.date_range("2022-01-02", periods=104, freq="7D")
    panel = []
    for i in range(30):  # each series doubles or halves its level for the last 20 weeks
        shift = 2.0 if i % 2 else 0.5
        level = np.r_[np.full(84, 30.0), np.full(20, 30.0 * shift)]
        panel.append(RegularSeries(f"s{i}", "W", dates, np.asarray(rng.poisson(level), dtype=float)))
    for config in (AnchorConfig(), AnchorConfig(mode="direct")):
        forecast = global_lgbm_anchor(panel, 8, config)
        up = np.median([np.median(f) for f in forecast[1::2]])
        down = np.median([np.median(f) for f in forecast[::2]])
        assert up > 42 and down < 22  # the whole-history mean (about 36 and 27) would not be
