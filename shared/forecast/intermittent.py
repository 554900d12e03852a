"""Intermittent demand: classification (ADI / CV^2) and Croston, SBA and TSB forecasters.

A series with many zero periods breaks level models (the level chases zeros and spikes); these methods
forecast demand size and occurrence separately and return a per-period demand rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

DemandClass = Literal["smooth", "erratic", "intermittent", "lumpy", "no_demand"]

ADI_CUTOFF = 1.32
CV2_CUTOFF = 0.49


@dataclass(frozen=True)
class DemandProfile:
    """How demand arrives: average inter-demand interval, squared CV of sizes, zero share, class."""

    adi: float
    cv2: float
    zero_share: float
    demand_class: DemandClass

    @property
    def intermittent(self) -> bool:
        """Whether Croston-type methods should be tried (Syntetos-Boylan classification)."""
        return self.demand_class in ("intermittent", "lumpy")


def classify(y: np.ndarray) -> DemandProfile:
    """Syntetos-Boylan-Croston classification of a demand series."""
    x = np.asarray(y, dtype=float)
    nonzero = x[x > 0]
    zero_share = float(np.mean(x <= 0)) if len(x) else 1.0
    if len(nonzero) == 0:
        return DemandProfile(float("inf"), 0.0, zero_share, "no_demand")
    adi = len(x) / len(nonzero)
    cv2 = float((np.std(nonzero) / np.mean(nonzero)) ** 2) if len(nonzero) > 1 else 0.0
    if adi < ADI_CUTOFF:
        cls: DemandClass = "smooth" if cv2 < CV2_CUTOFF else "erratic"
    else:
        cls = "intermittent" if cv2 < CV2_CUTOFF else "lumpy"
    return DemandProfile(adi, cv2, zero_share, cls)


def _croston_parts(x: np.ndarray, alpha: float) -> tuple[float, float] | None:
    """Smoothed demand size and inter-demand interval, or ``None`` when nothing was ever sold."""
    idx = np.flatnonzero(x > 0)
    if len(idx) == 0:
        return None
    size = float(x[idx[0]])
    interval = float(idx[0] + 1)
    for prev, cur in zip(idx[:-1], idx[1:], strict=False):
        size += alpha * (float(x[cur]) - size)
        interval += alpha * (float(cur - prev) - interval)
    return size, interval


def croston(y: np.ndarray, h: int, m: int = 1, alpha: float = 0.1) -> np.ndarray:
    """Croston's method: smoothed size / smoothed interval."""
    parts = _croston_parts(np.asarray(y, dtype=float), alpha)
    return np.full(h, 0.0 if parts is None else parts[0] / parts[1])


def sba(y: np.ndarray, h: int, m: int = 1, alpha: float = 0.1) -> np.ndarray:
    """Syntetos-Boylan approximation: Croston with its bias correction (1 - alpha/2)."""
    return croston(y, h, m, alpha) * (1 - alpha / 2)


def tsb(y: np.ndarray, h: int, m: int = 1, alpha: float = 0.1, beta: float = 0.1) -> np.ndarray:
    """Teunter-Syntetos-Babai: smooths the demand probability every period, so obsolescence shows."""
    x = np.asarray(y, dtype=float)
    idx = np.flatnonzero(x > 0)
    if len(idx) == 0:
        return np.zeros(h)
    prob = float(np.mean(x > 0))
    size = float(x[idx[0]])
    for v in x:
        if v > 0:
            prob += beta * (1 - prob)
            size += alpha * (float(v) - size)
        else:
            prob += beta * (0 - prob)
    return np.full(h, prob * size)


INTERMITTENT_MODELS = {"croston": croston, "sba": sba, "tsb": tsb}
