"""Sentiment agent at scale: answer time and peak memory on a 20,000-review, 1,200-product tenant.

A generated large tenant (``shared.sample.reviews.make_reviews`` over a 1,200-product catalogue whose review counts
follow a Zipf law: the top products have thousands of reviews, most a handful) beside the baseline, the default
sample merchant's reviews (300 products, 3,000 reviews), both ingested through the pipeline (spam scores as
processing writes them) and asked in the same process. For each tenant: a catalogue-wide question ("What do
customers complain about?") and a one-product question (its most reviewed product's ratings falling). The agent's
request is the one the question's plan gives (captured from one ``ask``); the timed call is the agent's ``run``
itself, so an answer slower than the query's 8 s budget is measured, not cut off. ``BENCH_ROUNDS`` timed runs per
question (default 5), alternating; then one more under ``tracemalloc`` for the peak memory of the answer. Prints
p50/p95 per question, the large / baseline ratio, the peak memory and the answer's notes (what a deadline left out).

Run: .venv/bin/python bench/sentiment_scale.py   (``BENCH_ROUNDS``; ``BENCH_SHAPE=heldout``: 30,000 reviews over 2,000
products, Zipf 0.9, a praise question, written after the fixes; ``BENCH_PROFILE=1`` prints a cProfile of one
large catalogue-wide answer).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for _key in ("TENANT", "KEY"):
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_PER_MINUTE", "1000000")
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_BURST", "1000000")
os.environ.setdefault("ECOMINTEL_HOME", tempfile.mkdtemp(prefix="bench-sentscale-"))
logging.disable(logging.CRITICAL)

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
#: The large tenant's shape (``BENCH_SHAPE=heldout``: the one written after the #18 fixes, measured once).
HELD_OUT = os.environ.get("BENCH_SHAPE") == "heldout"
LARGE_PRODUCTS = 2_000 if HELD_OUT else 1_200
LARGE_REVIEWS = 30_000 if HELD_OUT else 20_000
#: Zipf exponent of review counts by product rank: with 1,200 products the top one gets ~3,600 of 20,000 reviews,
#: the top five ~8,000, and the median product 2-3 (held out: flatter, over more products).
ZIPF = 0.9 if HELD_OUT else 1.1
SEED = 7 if HELD_OUT else 18
END = date(2026, 11, 30)
CATALOGUE_QUESTION = (
    "What do customers like most about our products?" if HELD_OUT else "What do customers complain about?"
)


def large_tenant(out_dir: Path) -> tuple[list[tuple[str, Path]], str]:
    """Write the large tenant's products and reviews CSVs; return them (kind, path) and its most reviewed SKU."""
    from shared.sample.catalogue import make_catalogue
    from shared.sample.reviews import make_reviews

    rng = np.random.default_rng(SEED)
    products = make_catalogue(rng, LARGE_PRODUCTS)
    rank = rng.permutation(LARGE_PRODUCTS) + 1  # popularity is not the catalogue's order
    units = np.rint(2_000_000 * rank.astype(float) ** -ZIPF).astype(int)
    start = END - timedelta(days=364)  # every review inside the default one-year look-back
    sales = pd.DataFrame({"sku": products["sku"], "units": units, "date": start})
    reviews, _truth = make_reviews(rng, products, sales, END, target=LARGE_REVIEWS)
    out_dir.mkdir(parents=True, exist_ok=True)
    products.to_csv(out_dir / "products.csv", index=False)
    reviews.to_csv(out_dir / "reviews.csv", index=False)
    top = str(reviews["sku"].value_counts().index[0])
    return [("products", out_dir / "products.csv"), ("reviews", out_dir / "reviews.csv")], top


def baseline_tenant(out_dir: Path) -> tuple[list[tuple[str, Path]], str]:
    """The default sample merchant's products and reviews (the baseline); its most reviewed SKU."""
    from shared.sample.merchant import generate_merchant, write_merchant

    merchant = generate_merchant()
    files = [
        (str(f.kind.value), f.path)
        for f in write_merchant(merchant, out_dir)
        if f.kind.value in ("products", "reviews")
    ]
    return files, str(merchant.reviews["sku"].value_counts().index[0])


def captured_request(deps: Any, question: str, tenant: str) -> Any:
    """The sentiment agent's request for ``question`` as the orchestrator builds it (one ``ask``, the run kept)."""
    from shared.orchestration.client import ask
    from shared.sentiment import agent

    seen: list[Any] = []
    real = agent.run

    def recording(d: Any, request: Any) -> Any:
        seen.append(request)
        return real(d, request)

    agent.run = recording  # type: ignore[assignment]
    try:
        ask(deps, question, tenant=tenant, use_cache=False)
    finally:
        agent.run = real
    if not seen:
        raise RuntimeError(f"{question!r} did not reach the sentiment agent")
    return seen[-1]


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def notes_of(result: Any) -> list[str]:
    """What the answer says it left out (themes' and steps' notes), for the printout."""
    themes = (result.data or {}).get("themes") or {}
    said = [n for n in themes.get("notes", []) if "deadline" in n or "most recent" in n]
    said += [n for n in (result.data or {}).get("notes", []) if isinstance(n, str)]
    return said


def main() -> int:
    """Ingest both tenants, capture the requests, time the agent's answers; print the figures."""
    from shared.deps import get_deps
    from shared.ingest.client import ingest_path
    from shared.sentiment import agent

    deps = get_deps()
    home = Path(os.environ["ECOMINTEL_HOME"])
    tenants: dict[str, tuple[list[tuple[str, Path]], str]] = {
        "baseline": baseline_tenant(home / "baseline"),
        "large": large_tenant(home / "large"),
    }
    for name, (files, _top) in tenants.items():
        started = time.perf_counter()
        for kind, path in files:
            ingest_path(deps, path, f"scale-{name}", kind)
        print(f"{name}: ingested in {time.perf_counter() - started:.1f} s", flush=True)
    agent.prepare()
    requests: dict[tuple[str, str], Any] = {}
    for name, (_files, top) in tenants.items():
        for label, question in (("catalogue", CATALOGUE_QUESTION), ("product", f"Why are ratings for {top} falling?")):
            requests[(name, label)] = captured_request(deps, question, f"scale-{name}")
            req = requests[(name, label)]
            print(f"{name} {label}: {question!r} -> skus {list(req.skus)[:3]} asks {req.options.get('asks')}")
    times: dict[tuple[str, str], list[float]] = {k: [] for k in requests}
    last: dict[tuple[str, str], Any] = {}
    for rnd in range(ROUNDS):
        for key, request in requests.items():
            started = time.perf_counter()
            last[key] = agent.run(deps, request)
            times[key].append(time.perf_counter() - started)
            print(f"round {rnd} {key[0]:>8} {key[1]:>9} {times[key][-1]:6.2f} s", flush=True)
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(agent.run, deps, requests[("large", "catalogue")])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    peaks: dict[tuple[str, str], float] = {}
    for key, request in requests.items():
        tracemalloc.start()
        agent.run(deps, request)
        peaks[key] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    print(f"\n{ROUNDS} rounds; large tenant {LARGE_REVIEWS:,} reviews over {LARGE_PRODUCTS:,} products (Zipf {ZIPF})")
    for key in requests:
        t = times[key]
        reviews = last[key].metrics.get("reviews")
        print(
            f"{key[0]:>8} {key[1]:>9}: p50 {pct(t, 0.5):6.2f} s  p95 {pct(t, 0.95):6.2f} s  "
            f"peak {peaks[key]:7.1f} MiB  reviews {reviews}  over 8 s: {sum(x > 8.0 for x in t)}/{len(t)}"
        )
        for note in notes_of(last[key]):
            print(f"{'':>20}note: {note}")
    for label in ("catalogue", "product"):
        for q in (0.5, 0.95):
            ratio = pct(times[("large", label)], q) / pct(times[("baseline", label)], q)
            print(f"ratio large / baseline, {label} p{round(q * 100)}: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
