"""Agent questions' latency on a loaded 2-core machine: shared fits against the current path, in one process.

A merchant's first questions after new data arrives each ask their own horizon ("the next 3 months",
"next month", "the next 6 weeks" ...). The current path fits the top sellers' ensemble once per horizon and the
store's total on every question; the shared path fits once per horizon bucket and keeps the store total's fit
(``shared/forecast/fit_reuse.py``). Each round ingests the same generated merchant under two fresh tenants (cold
forecast caches) and asks every question of both, alternating, while ``BENCH_LOAD`` CPU-bound processes (default
2: the question bench running beside it) keep the cores busy. Prints p50/p95 per path, the ratio, and how many
answers the 8 s quick-mode budget cut off. Not a timed test: run by hand
(``.venv/bin/python bench/agent_latency.py``; ``BENCH_ROUNDS``, ``BENCH_LOAD``).

The ``warmed`` path is the deployed shape (``functions/forecast_warmup``): a third tenant whose upload was followed
by the warm-up (every band of ``FIT_HORIZON_DAYS``, timed apart, in no question's time), asked the same questions
with the in-process memo of store totals emptied before each one (the instance answering is not the one that
fitted, and has nothing in memory).

Then a sentiment overview ("How are our reviews?") over the default sample merchant's reviews (300 products, 3,000
reviews), ``BENCH_SENTIMENT_ROUNDS`` times on each path, alternating, under the same load: the ``unfrozen`` path
collects the prepared word tables in every full garbage collection (as before ``registry._settle_loaded``), the
``frozen`` path is the current one (what the agent's prepare loaded is frozen out of the collector's reach).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for _key in ("TENANT", "KEY"):
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_PER_MINUTE", "1000000")
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_BURST", "1000000")
os.environ.setdefault("ECOMINTEL_HOME", tempfile.mkdtemp(prefix="bench-latency-"))
os.environ.setdefault("ECOMINTEL_FORECAST_WARMUP_DAYS", "[]")  # the warmed path runs the warm-up itself, timed apart
logging.disable(logging.CRITICAL)

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SENTIMENT_ROUNDS = int(os.environ.get("BENCH_SENTIMENT_ROUNDS", "5"))
LOAD = int(os.environ.get("BENCH_LOAD", "2"))
QUESTIONS = (
    "Are we overpriced?",
    "Sales projection for the next 3 months",
    "How many units will we sell next month?",
    "Forecast demand for the next 2 weeks",
    "What's the demand outlook for the next 6 weeks?",
    "Forecast next quarter",
    "Which products will run out in the next two weeks?",
    "How many units will we sell in total next week?",
    "What's the sales forecast for the next 30 days?",
)


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def start_load(n: int) -> list[subprocess.Popen[bytes]]:
    """``n`` CPU-bound processes that end with this one (a killed bench leaves none behind)."""
    burn = "import os\np = os.getppid()\nwhile os.getppid() == p:\n    sum(range(100000))"
    return [subprocess.Popen([sys.executable, "-c", burn]) for _ in range(n)]


def stop_load(burners: list[subprocess.Popen[bytes]]) -> None:
    """Stop what :func:`start_load` started."""
    for b in burners:
        b.kill()
        b.wait()


def sentiment_overview(deps: Any) -> None:
    """Time the sentiment overview on both garbage-collector paths, alternating; print p50/max and the ratio."""
    import gc

    from shared.ingest.client import ingest_path
    from shared.orchestration.client import ask
    from shared.sample.merchant import generate_merchant, write_merchant

    for f in write_merchant(generate_merchant(), Path(os.environ["ECOMINTEL_HOME"]) / "sample-reviews"):
        if f.kind.value in ("products", "reviews"):
            ingest_path(deps, f.path, "lat-reviews", f.kind.value)
    ask(deps, "How are our reviews?", tenant="lat-reviews", use_cache=False)  # the agent prepared, tables read
    times: dict[str, list[float]] = {"unfrozen": [], "frozen": []}
    for rnd in range(SENTIMENT_ROUNDS):
        for path, t in times.items():
            if path == "unfrozen":
                gc.unfreeze()
            else:
                gc.collect()
                gc.freeze()
            started = time.perf_counter()
            ask(deps, "How are our reviews?", tenant="lat-reviews", use_cache=False)
            t.append(time.perf_counter() - started)
            print(f"round {rnd} {path:>8} {t[-1]:6.2f} s  How are our reviews?", flush=True)
    for path, t in times.items():
        print(f"sentiment overview {path:>8}: p50 {pct(t, 0.5):.2f} s  max {max(t):.2f} s")
    print(f"ratio frozen / unfrozen at p50: {pct(times['frozen'], 0.5) / pct(times['unfrozen'], 0.5):.2f}x")


def main() -> int:
    """Ingest, load the cores, ask on both paths; print the figures."""
    from shared.deps import get_deps
    from shared.forecast import fit_reuse
    from shared.ingest.client import ingest_path
    from shared.orchestration.client import ask
    from shared.orchestration.executor import QUICK_AGENT_OPTIONS
    from shared.orchestration.forecast_warmup import warm_forecasts
    from shared.sample.merchant import generate_merchant, write_merchant

    deps = get_deps()
    end = datetime.now(UTC).date() - timedelta(days=1)
    merchant = generate_merchant(seed=23, n_skus=40, end=end, days=400)
    files = write_merchant(merchant, Path(os.environ["ECOMINTEL_HOME"]) / "sample")
    ask(deps, "How many reviews do we have?", tenant="warm", use_cache=False)  # imports, not either path's time
    import shared.forecast.agent  # noqa: F401  (the agents too: the executor imports them before its clock)
    import shared.pricing.agent  # noqa: F401
    import shared.sentiment.agent  # noqa: F401

    buckets = fit_reuse.FIT_HORIZON_DAYS
    quick = QUICK_AGENT_OPTIONS["forecast"]
    current_quick = {k: v for k, v in quick.items() if k != "fit_wait_seconds"}  # the current path waits for all
    paths = {"current": (), "shared": buckets, "warmed": buckets}
    warmups: list[float] = []
    times: dict[str, list[float]] = {p: [] for p in paths}
    cut: dict[str, int] = dict.fromkeys(paths, 0)
    # answered before the per-product fits were ready (the store total or each SKU's own model stood in)
    fallback: dict[str, int] = dict.fromkeys(paths, 0)
    burners = start_load(LOAD)
    try:
        for rnd in range(ROUNDS):
            for path in paths:
                for f in files:
                    ingest_path(deps, f.path, f"lat-{path}-{rnd}", f.kind.value)
            started = time.perf_counter()
            warm = warm_forecasts(deps, f"lat-warmed-{rnd}", buckets)
            warmups.append(time.perf_counter() - started)
            print(f"round {rnd} warm-up {warmups[-1]:6.2f} s  ({warm.fitted} series fitted)", flush=True)
            fit_reuse.STORE_FITS.clear()  # new data in reality: nothing of the last round's fits applies
            for question in QUESTIONS:
                for path, path_buckets in paths.items():
                    fit_reuse.FIT_HORIZON_DAYS = path_buckets
                    QUICK_AGENT_OPTIONS["forecast"] = current_quick if path == "current" else quick
                    if path in ("current", "warmed"):
                        # the current path fits the store total on every question; the warmed path's instance has
                        # nothing in memory (it reads the warm-up's stored fits)
                        fit_reuse.STORE_FITS.clear()
                    started = time.perf_counter()
                    resp = ask(deps, question, tenant=f"lat-{path}-{rnd}", use_cache=False)
                    times[path].append(time.perf_counter() - started)
                    answer = resp.report.answer if resp.report is not None else ""
                    cut[path] += "time budget" in answer or answer.startswith("Could not")
                    said = resp.report.limitations if resp.report is not None else []  # "forecast: <warning>"
                    fallback[path] += any("not ready within" in w for w in said)
                    print(f"round {rnd} {path:>7} {times[path][-1]:6.2f} s  {question}", flush=True)
                    # a fit the budget cut off (a timed-out agent's thread runs on; the shared path's background
                    # breakdown) ends before the next question is timed: neither path's question pays for the other's
                    fit_reuse.wait_for_background()
                    while any(t.name.startswith("agent") and t.is_alive() for t in threading.enumerate()):
                        time.sleep(0.05)
        sentiment_overview(deps)
    finally:
        fit_reuse.FIT_HORIZON_DAYS = buckets
        QUICK_AGENT_OPTIONS["forecast"] = quick
        stop_load(burners)
    if not ROUNDS:  # BENCH_ROUNDS=0: the sentiment overview alone
        return 0
    print(f"\n{ROUNDS} rounds x {len(QUESTIONS)} questions, {LOAD} CPU-bound processes beside, cold caches per round")
    for path in paths:
        t = times[path]
        print(
            f"{path:>8} path: p50 {pct(t, 0.5):.2f} s  p95 {pct(t, 0.95):.2f} s  max {max(t):.2f} s  "
            f"cut off by the 8 s budget: {cut[path]}/{len(t)}  before the per-product fits: {fallback[path]}/{len(t)}"
        )
    for q in (0.5, 0.95):
        print(f"ratio shared / current at p{round(q * 100)}: {pct(times['shared'], q) / pct(times['current'], q):.2f}x")
        print(f"ratio warmed / shared at p{round(q * 100)}: {pct(times['warmed'], q) / pct(times['shared'], q):.2f}x")
    print(f"warm-up (every band, after each upload, in no question's time): {', '.join(f'{w:.1f}' for w in warmups)} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
