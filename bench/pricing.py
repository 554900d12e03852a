"""Pricing benchmark: speed of the full analysis, accuracy of elasticity, share of competitor pages read right.

1. Speed: 10k SKUs x 5 competitors x 90 days; seconds and rows/s for the vectorised analysis (position +
   alerts + promotions + elasticity + recommendations) vs a naive per-SKU Python loop (price index only).
2. Elasticity: generated catalogues with known per-SKU elasticities (categories differ, SKUs within a
   category spread around its mean, 40% of SKUs with only 6 days of sales); the per-SKU OLS (previous
   method) vs the pooled empirical-Bayes estimate: RMSE against the truth and 90% interval coverage.
3. Competitor pages: share of the fixture pages (``tests/unit/connectors/pages/expected.json``) read
   right by the current extractor and by the previous one (``shared/connectors/extract.py`` at
   ``PREVIOUS_EXTRACT_COMMIT``, loaded from git in the same process).

Usage: ``.venv/bin/python bench/pricing.py [--skus N] [--skip-speed]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

from shared.connectors import extract
from shared.pricing.alerts import competitor_stockouts
from shared.pricing.analysis import PricingInputs, analyse
from shared.pricing.elasticity import cross_price_effects, estimate_elasticity, pooled_elasticity
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


ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "unit" / "connectors" / "pages"
PREVIOUS_EXTRACT_COMMIT = "03232ad"


def catalogue(seed: int, within_sd: float, per_cat: int = 50) -> tuple[pd.DataFrame, pd.Series, pd.Series, pd.Series]:
    """Sales of 4 categories x ``per_cat`` SKUs; true elasticity = category mean + N(0, within_sd)."""
    rng = np.random.default_rng(seed)
    frames, truth, cats, length = [], {}, {}, {}
    for c, mean in enumerate([-0.7, -1.3, -2.0, -2.7]):
        for j in range(per_cat):
            sku = f"C{c}-{j:03d}"
            b = mean + rng.normal(0, within_sd)
            n = 6 if rng.random() < 0.4 else 60
            base = rng.uniform(5, 200)
            price = base * rng.choice([0.9, 0.95, 1.0, 1.05, 1.1], n)
            units = np.exp(np.log(50) + b * np.log(price / base) + rng.normal(0, 0.25, n))
            frames.append(pd.DataFrame({"sku": sku, "units": units, "price": price}))
            truth[sku], cats[sku], length[sku] = b, f"cat{c}", n
    return pd.concat(frames, ignore_index=True), pd.Series(truth), pd.Series(cats), pd.Series(length)


def elasticity_quality(seeds: int = 10) -> None:
    """Per-SKU OLS vs pooled: RMSE to the truth (short and long series) and 90% interval coverage."""
    print("\nelasticity on generated catalogues (4 categories x 50 SKUs, 40% with 6 days of sales, "
          f"{seeds} seeds per row); RMSE to the true elasticity, 90% interval coverage")
    print(f"{'within-category sd':>18} | {'method':<28} | {'RMSE short':>10} | {'RMSE long':>9} | "
          f"{'coverage':>8} | {'cov. short':>10} | {'usable':>6}")
    for within_sd in (0.1, 0.3, 0.6):
        acc: dict[str, dict[str, list[Any]]] = {m: {"short": [], "long": [], "hit": [], "hit_short": [], "usable": []}
                                                for m in ("raw", "pooled")}
        for seed in range(seeds):
            sales, truth, cats, length = catalogue(1000 + seed, within_sd)
            raw = estimate_elasticity(sales, level=0.90).reindex(truth.index)
            pooled = pooled_elasticity(sales, cats, level=0.90).reindex(truth.index)
            short = (length < 10).to_numpy()
            for name, est in (("raw", raw), ("pooled", pooled)):
                err = (est["elasticity"] - truth).to_numpy(dtype="float64")
                acc[name]["short"].append(err[short])
                acc[name]["long"].append(err[~short])
                ok = est["ci_low"].notna().to_numpy()
                t = truth.to_numpy()[ok]
                hit = ((est["ci_low"].to_numpy(dtype="float64")[ok] <= t)
                       & (t <= est["ci_high"].to_numpy(dtype="float64")[ok]))
                acc[name]["hit"].append(hit)
                acc[name]["hit_short"].append(hit[short[ok]])
                usable = est["usable"] if name == "raw" else est["elasticity"].notna()
                acc[name]["usable"].append(usable.to_numpy(dtype=bool))
        for name, label in (("raw", "per-SKU OLS (previous)"), ("pooled", "pooled empirical Bayes")):
            a = acc[name]

            def rmse(parts: list[np.ndarray]) -> float:
                e = np.concatenate(parts)
                e = e[np.isfinite(e)]  # a 6-day series at one price has no slope at all
                return float(np.sqrt(np.mean(e ** 2)))

            print(f"{within_sd:>18} | {label:<28} | {rmse(a['short']):>10.3f} | {rmse(a['long']):>9.3f} | "
                  f"{np.concatenate(a['hit']).mean():>8.3f} | {np.concatenate(a['hit_short']).mean():>10.3f} | "
                  f"{np.concatenate(a['usable']).mean():>6.1%}")
    print("(RMSE over SKUs with a finite estimate; coverage over SKUs with an interval; usable: the previous "
          "method's own rule, >= 8 days and >= 2% price variation; the pooled method gives every SKU an estimate)")


def cross_price_quality(seeds: int = 10, days: int = 120) -> None:
    """Cross-price effects: share of true substitute pairs found and false pairs reported."""
    found = false = true_pairs = null_pairs = 0
    for seed in range(seeds):
        rng = np.random.default_rng(500 + seed)
        dates = pd.date_range("2026-01-01", periods=days)
        skus = [f"S{i}" for i in range(12)]
        logp = {k: np.log(rng.uniform(5, 50)) + rng.choice(np.log([0.85, 0.92, 1.0, 1.08, 1.15]), days) for k in skus}
        substitutes = {("S0", "S1"): 1.0, ("S2", "S3"): 0.5, ("S4", "S5"): 0.3}
        frames = []
        for k in skus:
            mu = np.log(40) - 1.5 * (logp[k] - logp[k].mean())
            for (a, b), c in substitutes.items():
                if k == a:
                    mu = mu + c * (logp[b] - logp[b].mean())
            frames.append(pd.DataFrame({"sku": k, "date": dates, "price": np.exp(logp[k]),
                                        "units": np.exp(mu + rng.normal(0, 0.2, days))}))
        out = cross_price_effects(pd.concat(frames, ignore_index=True), pd.Series("c", index=skus))
        got = set(zip(out["sku"], out["other_sku"], strict=True))
        found += len(got & set(substitutes))
        false += len(got - set(substitutes))
        true_pairs += len(substitutes)
        null_pairs += len(skus) * (len(skus) - 1) - len(substitutes)
    print(f"cross-price effects ({seeds} markets of 12 SKUs x {days} days, true cross-elasticities 1.0, 0.5, 0.3): "
          f"found {found}/{true_pairs} true substitute pairs, {false} false pairs out of {null_pairs} null pairs "
          "(previous method: none estimated)")


def _previous_extract() -> ModuleType | None:
    """``shared/connectors/extract.py`` as it was at ``PREVIOUS_EXTRACT_COMMIT``, or None outside git."""
    try:
        source = subprocess.run(["git", "show", f"{PREVIOUS_EXTRACT_COMMIT}:shared/connectors/extract.py"],
                                cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp()) / "previous_extract.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("previous_extract", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules["previous_extract"] = module
    spec.loader.exec_module(module)
    return module


def _read_right(result: Any, expected: dict[str, Any]) -> bool:
    got = {"status": result.status, "price": result.price, "currency": result.currency,
           "list_price": result.list_price, "high_price": getattr(result, "high_price", None),
           "in_stock": result.in_stock}
    for key, value in expected.items():
        if key in got:
            want = Decimal(value) if key.endswith("price") and value is not None else value
            if got[key] != want:
                return False
    return True


def pages_quality() -> None:
    """Share of fixture pages read right (status, price, currency, list/high price, stock as expected)."""
    expected = {k: v for k, v in json.loads((PAGES / "expected.json").read_text()).items() if not k.startswith("_")}
    previous = _previous_extract()
    rows = []
    for page, want in sorted(expected.items()):
        html = (PAGES / page).read_text()
        now = _read_right(extract.extract_price(html, selectors=want.get("selectors")), want)
        before = None if previous is None else _read_right(
            previous.extract_price(html, selectors=want.get("selectors")), want)
        rows.append((page, now, before))
    print(f"\ncompetitor pages: {len(rows)} fixture pages, share read right (expected status, price, currency, "
          "list/high price, stock)")
    for page, now, before in rows:
        if now is not True or before is not True:
            print(f"  {page:<34} current: {'right' if now else 'WRONG'}  previous: "
                  f"{'n/a' if before is None else 'right' if before else 'WRONG'}")
    share_now = sum(r[1] for r in rows) / len(rows)
    print(f"current extractor: {share_now:.0%} ({sum(r[1] for r in rows)}/{len(rows)})")
    if previous is not None:
        share_before = sum(bool(r[2]) for r in rows) / len(rows)
        print(f"previous extractor ({PREVIOUS_EXTRACT_COMMIT}): {share_before:.0%} "
              f"({sum(bool(r[2]) for r in rows)}/{len(rows)})")
    else:
        print("previous extractor: not available (needs the git history)")


def stockout_speed(obs: pd.DataFrame) -> None:
    """Competitor out-of-stock episodes over the speed data with a 3% daily out-of-stock flag."""
    rng = np.random.default_rng(2)
    flagged = obs.assign(in_stock=rng.random(len(obs)) >= 0.03)
    t0, c0 = time.perf_counter(), time.process_time()
    episodes = competitor_stockouts(flagged)
    print(f"competitor out-of-stock episodes (2 observations to confirm): {len(episodes):,} over {len(obs):,} rows "
          f"in {time.perf_counter() - t0:.2f} s ({time.process_time() - c0:.2f} CPU s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skus", type=int, default=10_000)
    parser.add_argument("--competitors", type=int, default=5)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--skip-speed", action="store_true", help="only the elasticity and page measures")
    args = parser.parse_args()
    if not args.skip_speed:
        speed(args)
    elasticity_quality()
    cross_price_quality()
    pages_quality()


def speed(args: argparse.Namespace) -> None:
    """The speed section (see the module docstring)."""
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
    stockout_speed(inputs.observations)


if __name__ == "__main__":
    main()
