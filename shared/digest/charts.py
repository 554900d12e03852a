"""Server-side chart images (matplotlib, Agg backend, PNG bytes): forecast with interval, price position."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def _png(fig: plt.Figure) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()


def forecast_chart(sku: str, history_dates: Sequence[date], history: Sequence[float], future_dates: Sequence[date],
                   forecast: Sequence[float], lower: Sequence[float], upper: Sequence[float], model: str = "") -> bytes:
    """Actual units, the forecast line and its prediction interval as a shaded band."""
    fig, ax = plt.subplots(figsize=(8, 3.6))
    hx: Any = list(history_dates)
    fx: Any = list(future_dates)
    ax.plot(hx, list(history), color="#444444", linewidth=1.2, label="actual units")
    ax.plot(fx, list(forecast), color="#1f77b4", linewidth=1.8, label=f"forecast {model}".strip())
    ax.fill_between(fx, list(lower), list(upper), color="#1f77b4", alpha=0.2,
                    label="prediction interval")
    ax.set_title(f"Demand forecast - {sku}")
    ax.set_ylabel("units")
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    return _png(fig)


def price_position_chart(skus: Sequence[str], ours: Sequence[float], comp_min: Sequence[float],
                         comp_median: Sequence[float], comp_max: Sequence[float]) -> bytes:
    """Per SKU: the competitor range (min-max bar, median tick) and our price as a dot."""
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(4, len(skus)) + 1))
    ys = list(range(len(skus)))
    ax.hlines(ys, list(comp_min), list(comp_max), color="#bbbbbb", linewidth=6, label="competitor range")
    ax.scatter(list(comp_median), ys, marker="|", s=250, color="#555555", label="competitor median", zorder=3)
    ax.scatter(list(ours), ys, color="#d62728", s=40, label="our price", zorder=4)
    ax.set_yticks(ys, list(skus))
    ax.invert_yaxis()
    ax.set_xlabel("price")
    ax.set_title("Price position vs competitors")
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)
