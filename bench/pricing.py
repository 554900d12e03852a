"""Pricing benchmark: 10k SKUs x 5 competitors x 90 days through the full analysis.

Prints seconds and rows/s for the vectorised analysis (position + alerts + promotions + elasticity +
recommendations) and for a naive per-SKU Python loop computing only the price index, run in the same
process on the same data, and their ratio. Usage: ``.venv/bin/python bench/pricing.py [--skus N]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from shared.pricing.analysis import PricingInputs, analyse
from shared.pricing.options import PricingOptions
from shared.pricing.position import price_position


def generate(n_skus: int, n_comp: int, n_days: int, seed: int = 1) -> PricingInputs:
    """Synthetic observations with drifts, promotions and elastic demand."""
    rng = np.random.default_rng(seed)
    skus = np.array([f"SKU-{i:06d}" for i in range(n_skus)])
    dates = pd.date_range("2026-01-01", periods=n_days, freq="D")
    base = rng.uniform(5, 500, n_skus)
    # competitor prices: base x competitor offset, a few-cent jitter, occasional step changes and promos
    comp = base[:, None, None] * rng.uniform(0.85, 1.15, (n_skus, n_comp, 1))
    jitter = rng.integers(-3, 4, (n_skus, n_comp, n_days)) / 100.0
    steps = np.cumprod(np.where(rng.random((n_skus, n_comp, n_days)) < 0.01, rng.uniform(0.9, 1.1,
                                (n_skus, n_comp, n_days)), 1.0), axis=2)
    promo = np.zeros((n_skus, n_comp, n_days), dtype=bool)
    starts = rng.integers(0, n_days, (n_skus, n_comp))
    has = rng.random((n_skus, n_comp)) < 0.3
    for length in range(7):
        idx = np.clip(starts + length, 0, n_days - 1)
        s, c = np.nonzero(has)
        promo[s, c, idx[s, c]] = True
    prices = np.round(comp * steps * np.where(promo, 0.8, 1.0) + jitter, 2)
    ours = np.round(base[:, None] * rng.choice([0.95, 1.0, 1.05], (n_skus, n_days)), 2)
    units = np.maximum(0, np.round(2000 * ours ** -1.0 * (ours / base[:, None]) ** -2.5
                                   * np.exp(rng.normal(0, 0.2, (n_skus, n_days)))))
    n = n_skus * n_comp * n_days
    obs = pd.DataFrame({
        "sku": np.repeat(skus, n_comp * n_days),
        "date": np.tile(dates.to_numpy(), n_skus * n_comp),
        "competitor": np.tile(np.repeat(np.array([f"comp{c}" for c in range(n_comp)]), n_days), n_skus),
        "competitor_price": prices.reshape(n),
        "our_price": np.repeat(ours[:, None, :], n_comp, axis=1).reshape(n),
    })
    sales = pd.DataFrame({"sku": np.repeat(skus, n_days), "date": np.tile(dates.to_numpy(), n_skus),
                          "units": units.reshape(-1), "price": ours.reshape(-1)})
    attrs = pd.DataFrame({"cost": base * 0.6, "map_price": np.where(rng.random(n_skus) < 0.2, base * 0.9, np.nan),
                          "msrp": np.nan, "category": rng.choice(["a", "b", "c", "d"], n_skus)},
                         index=pd.Index(skus, name="sku"))
    return PricingInputs(observations=obs, attributes=attrs, sales=sales)


def naive_price_index(obs: pd.DataFrame) -> dict[str, float]:
    """Baseline: a per-SKU Python loop computing only the latest price index."""
    out: dict[str, float] = {}
    for sku, g in obs.groupby("sku", sort=False):
        latest = g["date"].max()
        day = g[g["date"] == latest]
        out[str(sku)] = 100.0 * float(day["our_price"].iloc[0]) / float(day["competitor_price"].median())
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skus", type=int, default=10_000)
    parser.add_argument("--competitors", type=int, default=5)
    parser.add_argument("--days", type=int, default=90)
    args = parser.parse_args()
    t0 = time.perf_counter()
    inputs = generate(args.skus, args.competitors, args.days)
    rows = len(inputs.observations)
    print(f"generated {rows:,} observation rows ({args.skus:,} SKUs x {args.competitors} competitors x "
          f"{args.days} days) + {len(inputs.sales):,} sales rows in {time.perf_counter() - t0:.2f} s")

    t0, c0 = time.perf_counter(), time.process_time()
    analysis = analyse(inputs, PricingOptions())
    full, full_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    naive = naive_price_index(inputs.observations)
    base, base_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    position_only = price_position(inputs.observations)
    pos_s, pos_cpu = time.perf_counter() - t0, time.process_time() - c0

    vec = analysis.skus["price_index"]
    agree = np.allclose(vec.reindex(list(naive)).to_numpy(), np.array(list(naive.values())))
    print("wall seconds (CPU seconds of this process, steadier on a shared machine)")
    print(f"full analysis (position + alerts + promotions + elasticity + recommendations): {full:.2f} s "
          f"({full_cpu:.2f} CPU s), {rows / full:,.0f} rows/s")
    print(f"naive per-SKU loop (price index only):                                        {base:.2f} s "
          f"({base_cpu:.2f} CPU s), {rows / base:,.0f} rows/s")
    print(f"vectorised position only (same price index + all position columns):          {pos_s:.2f} s "
          f"({pos_cpu:.2f} CPU s), {rows / pos_s:,.0f} rows/s")
    print(f"ratio naive/vectorised position: {base / pos_s:.1f}x wall, {base_cpu / pos_cpu:.1f}x CPU; "
          f"naive/full analysis: {base / full:.2f}x wall, {base_cpu / full_cpu:.2f}x CPU "
          f"(the full analysis does far more work); price indexes agree: {agree}")
    assert np.allclose(position_only["price_index"].reindex(list(naive)).to_numpy(), np.array(list(naive.values())))
    print(f"output: {len(analysis.skus):,} SKUs, {len(analysis.moves):,} competitor-move alerts, "
          f"{len(analysis.promotions):,} promotions, {len(analysis.violations):,} MAP/MSRP issues, "
          f"{int(analysis.elasticity['usable'].sum()):,} elasticity fits, "
          f"{int((analysis.skus['method'] == 'elasticity').sum()):,} elasticity-based recommendations")


if __name__ == "__main__":
    main()
