"""A logistic-regression head: a weight per feature and a bias, fitted offline, stored as JSON.

The accurate mode puts one over sentence embeddings (384 numbers), the fast mode one over n-gram and
lexicon features. Standardisation is folded into the stored weights, so applying a head is one
matrix-vector product. Fitting (L2-regularised, L-BFGS) lives here too so the training script and the
tests use the same code; it needs scipy, which only the training script imports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODELS_DIR = Path(__file__).resolve().parent / "models"


@dataclass(frozen=True)
class LogisticHead:
    """``p(positive) = sigmoid(x . weights + bias)``, with the provenance it was trained under."""

    weights: np.ndarray
    bias: float
    provenance: dict[str, Any] = field(default_factory=dict)

    def margin(self, x: np.ndarray) -> np.ndarray:
        """Log-odds of "positive" for each row of ``x``."""
        return np.asarray(x, dtype=np.float64) @ self.weights + self.bias

    def probability(self, x: np.ndarray) -> np.ndarray:
        """Probability of "positive" for each row of ``x``."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.margin(x), -50.0, 50.0)))

    def to_json(self) -> dict[str, Any]:
        """The JSON-ready form (weights rounded to 6 significant digits)."""
        return {
            "weights": [float(f"{w:.6g}") for w in self.weights],
            "bias": float(f"{self.bias:.6g}"),
            "provenance": self.provenance,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LogisticHead:
        """Rebuild a head from :meth:`to_json` output."""
        return cls(np.asarray(data["weights"], dtype=np.float64), float(data["bias"]), dict(data.get("provenance", {})))


@lru_cache(maxsize=4)
def load_head(name: str) -> LogisticHead:
    """Load a committed head from ``shared/sentiment/models/<name>.json`` (offline, no network)."""
    return LogisticHead.from_json(json.loads((MODELS_DIR / f"{name}.json").read_text(encoding="utf-8")))


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 1.0, provenance: dict[str, Any] | None = None
) -> LogisticHead:
    """Fit an L2-regularised logistic regression on standardised features; return it unstandardised.

    Args:
        x: ``(n, d)`` features.
        y: ``(n,)`` labels in {0, 1}.
        l2: penalty on the standardised weights (bias unpenalised), relative to the mean loss x n.
        provenance: stored with the head.
    """
    from scipy.optimize import minimize

    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-12] = 1.0
    z = (x - mean) / scale
    t = np.asarray(y, dtype=np.float64)
    n, d = z.shape

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:d], theta[d]
        m = z @ w + b
        p = 1.0 / (1.0 + np.exp(-np.clip(m, -50, 50)))
        nll = float(np.sum(np.logaddexp(0.0, m) - t * m)) + 0.5 * l2 * float(w @ w)
        g = p - t
        return nll, np.concatenate([z.T @ g + l2 * w, [g.sum()]])

    res = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    w, b = res.x[:d] / scale, float(res.x[d] - np.sum(res.x[:d] * mean / scale))
    return LogisticHead(w, b, dict(provenance or {}))
