"""The sentiment agent's per-product parts on the held-out large shape: spam check, numbers, adjusted ratings.

30,000 generated reviews over ~1,950 products (``bench/sentiment_scale.py``'s held-out shape, seed 7, Zipf 0.9), read
once with the fast method; then ``ROUNDS`` timed runs (default 5) of ``adjusted.suspect_spam``, every product's
numbers (``sku_stats.sku_statistics`` with text mining cut at once) and every product's adjusted rating, with the
process's CPU time of the three, and the peak memory of the spam check and the numbers under ``tracemalloc``. Run it
from a checkout of the code before and of the code after, one after the other, to compare (docs/sentiment.md).

Run: .venv/bin/python bench/sentiment_product_parts.py
"""

from __future__ import annotations

import os
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shared.sample.catalogue import make_catalogue  # noqa: E402
from shared.sample.reviews import make_reviews  # noqa: E402
from shared.sentiment import adjusted  # noqa: E402
from shared.sentiment import analysis as A  # noqa: E402
from shared.sentiment.sku_stats import SkuStatsSet, sku_statistics  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "5"))


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def main() -> int:
    rng = np.random.default_rng(7)
    products = make_catalogue(rng, 2000)
    units = np.rint(2_000_000 * (rng.permutation(2000) + 1).astype(float) ** -0.9).astype(int)
    end = date(2026, 11, 30)
    sales = pd.DataFrame({"sku": products["sku"], "units": units, "date": end - timedelta(days=364)})
    reviews, _ = make_reviews(rng, products, sales, end, target=30_000)
    reviews["spam_score"] = np.where(np.arange(len(reviews)) % 17 == 0, 0.9, 0.1)
    reviews["spam_reasons"] = np.where(np.arange(len(reviews)) % 23 == 0, '["duplicate_text"]', "[]")
    data = A.analyse_frame(A.prepare_reviews(reviews, []), A.AnalysisOptions(as_of=end, method="fast"))
    rows_of = data.frame.groupby("sku").indices
    ratings = data.frame["rating"].to_numpy(dtype=float)

    def numbers() -> SkuStatsSet:
        return sku_statistics(data, top_n=5, mine_by=0.0)  # the mining deadline already past: numbers only

    times: dict[str, list[float]] = {"spam check": [], "numbers": [], "adjusted": [], "CPU of the three": []}
    for _ in range(ROUNDS):
        cpu = time.process_time()
        started = time.perf_counter()
        suspicion = adjusted.suspect_spam(data.frame)
        times["spam check"].append(time.perf_counter() - started)
        started = time.perf_counter()
        stats = numbers()
        times["numbers"].append(time.perf_counter() - started)
        started = time.perf_counter()
        if hasattr(adjusted, "adjusted_ratings_by"):  # the grouped pass; the code before had one call per product
            adjusted.adjusted_ratings_by(
                ratings, suspicion, {s.sku: np.asarray(rows_of[s.sku]) for s in stats.products}
            )
        else:
            [adjusted.adjusted_rating_at(ratings, suspicion, np.sort(rows_of[s.sku])) for s in stats.products]
        times["adjusted"].append(time.perf_counter() - started)
        times["CPU of the three"].append(time.process_time() - cpu)
    tracemalloc.start()
    adjusted.suspect_spam(data.frame)
    stats = numbers()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"{len(stats.products):,} products, {len(data.frame):,} reviews; load {os.getloadavg()[0]:.1f}")
    for name, values in times.items():
        print(f"{name:>17}: p50 {pct(values, 0.5):.3f} s  p95 {pct(values, 0.95):.3f} s")
    print(f"peak memory, spam check + numbers: {peak:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
