"""Cross-price effects between substitutes: found where generated data has them, not elsewhere."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from shared.pricing.elasticity import cross_price_effects


def _market(seed: int, days: int = 120, cross: float = 1.0) -> tuple[pd.DataFrame, pd.Series]:
    """Category "tea": A and B substitutes (A's units rise with B's price); 8 more independent SKUs."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2026-01-01", periods=days)
    skus = ["A", "B"] + [f"N{i}" for i in range(8)]
    logp = {s: np.log(rng.uniform(5, 50)) + rng.choice(np.log([0.85, 0.92, 1.0, 1.08, 1.15]), days) for s in skus}
    frames = []
    for s in skus:
        mu = np.log(40) - 1.5 * (logp[s] - logp[s].mean())
        if s == "A":
            mu = mu + cross * (logp["B"] - logp["B"].mean())
        units = np.exp(mu + rng.normal(0, 0.2, days))
        frames.append(pd.DataFrame({"sku": s, "date": dates, "units": units, "price": np.exp(logp[s])}))
    return pd.concat(frames, ignore_index=True), pd.Series("tea", index=skus)


def test_a_real_substitute_is_found_with_its_interval() -> None:
    sales, cats = _market(1)
    out = cross_price_effects(sales, cats)
    pair = out[(out["sku"] == "A") & (out["other_sku"] == "B")]
    assert len(pair) == 1
    row = pair.iloc[0]
    assert row["ci_low"] <= 1.0 <= row["ci_high"] and row["cross_elasticity"] == pytest.approx(1.0, abs=0.3)
    assert row["own_elasticity"] == pytest.approx(-1.5, abs=0.3)


def test_independent_skus_are_not_reported() -> None:
    false = 0
    for seed in range(5):
        sales, cats = _market(10 + seed, cross=0.0)
        false += len(cross_price_effects(sales, cats))
    assert false <= 1  # 5 x 90 null pairs tested, false discoveries controlled


def test_too_few_days_or_no_category_gives_nothing() -> None:
    sales, cats = _market(2, days=12)
    assert cross_price_effects(sales, cats).empty
    sales, _ = _market(3)
    assert cross_price_effects(sales, pd.Series(dtype=object)).empty
