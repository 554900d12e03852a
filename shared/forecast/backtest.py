"""Rolling-origin backtest: refit every candidate at a few recent origins, score the next periods.

Each origin trains on ``y[:cut]`` and is scored on ``y[cut:cut + h]``; the scale of MASE is the
in-sample seasonal-naive error of that origin's training data, so scores are comparable across series.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from shared.forecast.metrics import coverage, mase_scale, smape

MIN_TRAIN = 4


@dataclass(frozen=True)
class OriginPlan:
    """Where the backtest cuts a series: training lengths and the scored horizon."""

    cuts: tuple[int, ...]
    horizon: int


def plan_origins(n: int, horizon: int, max_origins: int = 3) -> OriginPlan | None:
    """Up to ``max_origins`` most recent origins; ``None`` when the history is too short to backtest."""
    h = min(horizon, max(1, n // 3))
    step = max(1, math.ceil(h / 2))
    cuts = [n - h - k * step for k in range(max_origins)]
    cuts = [c for c in cuts if c >= MIN_TRAIN]
    if not cuts:
        return None
    return OriginPlan(tuple(sorted(cuts)), h)


def selection_scale(insample: np.ndarray, m: int) -> float:
    """The MASE scale, falling back to the mean level (or 1) for flat or very short histories."""
    scale = mase_scale(insample, m)
    if math.isnan(scale):
        level = float(np.mean(np.abs(insample))) if len(insample) else 0.0
        scale = level if level > 0 else 1.0
    return scale


@dataclass(frozen=True)
class ModelScore:
    """Backtest accuracy of one model (means over origins)."""

    mase: float
    smape: float
    origins: int

    def as_dict(self) -> dict[str, float | int]:
        """JSON-friendly form."""
        return {"mase": round(self.mase, 4), "smape": round(self.smape, 3), "origins": self.origins}


@dataclass
class Backtest:
    """Forecasts of every candidate at every origin, with the actuals they are scored against."""

    y: np.ndarray
    m: int
    plan: OriginPlan
    forecasts: dict[str, dict[int, np.ndarray]] = field(default_factory=dict)

    def actual(self, cut: int) -> np.ndarray:
        """What really happened after origin ``cut``."""
        return np.asarray(self.y[cut:cut + self.plan.horizon], dtype=float)

    def add(self, name: str, fit_predict: Callable[[int, int], np.ndarray],
            cuts: tuple[int, ...] | None = None) -> None:
        """Run ``fit_predict(cut, h)`` at each origin (all, or ``cuts``) and keep the forecasts."""
        for cut in cuts if cuts is not None else self.plan.cuts:
            f = np.asarray(fit_predict(cut, self.plan.horizon), dtype=float)
            self.forecasts.setdefault(name, {})[cut] = sanitise(f, self.y[:cut])

    def errors(self, name: str) -> np.ndarray:
        """Signed errors ``actual - forecast`` as an (origins, horizon) array."""
        rows = [self.actual(c) - f for c, f in sorted(self.forecasts[name].items())]
        return np.vstack(rows)

    def score(self, name: str, cuts: tuple[int, ...] | None = None) -> ModelScore:
        """Mean MASE and sMAPE of model ``name`` over its origins (or the given ones)."""
        use = [c for c in (cuts or tuple(self.forecasts[name])) if c in self.forecasts[name]]
        mases = [float(np.mean(np.abs(self.actual(c) - self.forecasts[name][c]))) / selection_scale(self.y[:c], self.m)
                 for c in use]
        smapes = [smape(self.actual(c), self.forecasts[name][c]) for c in use]
        return ModelScore(float(np.mean(mases)), float(np.mean(smapes)), len(use))

    def interval_coverage(self, name: str, lower_offsets: np.ndarray, upper_offsets: np.ndarray) -> float:
        """Coverage the given additive interval offsets would have had at the backtest origins."""
        hits = [coverage(self.actual(c), f + lower_offsets[: len(f)], f + upper_offsets[: len(f)])
                for c, f in self.forecasts[name].items()]
        return float(np.mean(hits))


def sanitise(forecast: np.ndarray, history: np.ndarray) -> np.ndarray:
    """Non-negative, finite forecasts (a non-finite value becomes the last observation)."""
    f = np.where(np.isfinite(forecast), forecast, float(history[-1]) if len(history) else 0.0)
    return np.maximum(f, 0.0)
