"""A tenant's first pricing question after new data, on a loaded 2-core machine: cold against warmed, in one process.

"Are we overpriced?" asked first after an upload took 7.6-9.9 s in the busiest rounds of ``bench/agent_latency.py``.
Where the time goes (cProfile on an idle core, 40 SKUs over 400 days): 1.1 s for the first question and 0.87 s
for the same question asked again; the difference is the tenant's question vocabulary (products, SKUs, channels,
places, competitors, extents: a dozen warehouse reads, 0.30 s), built by the first question after every data
version, and the pricing agent's own analysis (0.6-0.9 s) is paid by every pricing question alike. The
``data_updated`` function now builds the vocabulary at the version it has just bumped, so the question reads it.

Each round ingests the same generated merchant under two fresh tenants (the embedded pipeline runs
``data_updated`` on each upload) and asks the pricing questions of both, alternating, while ``BENCH_LOAD``
CPU-bound processes (default 2) keep the cores busy. The ``cold`` tenant's vocabulary is dropped before its first
question (the path before the warm-up: the first question builds it); the ``warmed`` tenant keeps the one
``data_updated`` built. Then each question is asked again of both (``again``: the steady state). Prints p50/p95
per path and the ratios. Not a timed test: ``.venv/bin/python bench/pricing_latency.py`` (``BENCH_ROUNDS``,
``BENCH_LOAD``).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for _key in ("TENANT", "KEY"):
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_PER_MINUTE", "1000000")
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_BURST", "1000000")
os.environ.setdefault("ECOMINTEL_HOME", tempfile.mkdtemp(prefix="bench-pricing-latency-"))
os.environ.setdefault("ECOMINTEL_FORECAST_WARMUP_DAYS", "[]")  # the forecast warm-up is agent_latency.py's
logging.disable(logging.CRITICAL)
from bench.agent_latency import LOAD, ROUNDS, pct, start_load, stop_load  # noqa: E402

QUESTIONS = (
    "Are we overpriced?",
    "Which products are priced above the competition?",
    "How do our prices compare with competitors?",
)


def drop_vocabulary(deps: object, tenant: str) -> None:
    """The state before the warm-up: no vocabulary at the tenant's data version, in memory or stored."""
    from shared.store import vocabulary
    from shared.store.documents.caches import meta_collection

    with vocabulary._LOCK:
        for key in [k for k in vocabulary._MEMORY if k[1] == tenant]:
            del vocabulary._MEMORY[key]
    deps.documents.delete(meta_collection(tenant), "vocabulary")  # type: ignore[attr-defined]


def main() -> int:
    """Ingest, load the cores, ask on both paths; print the figures."""
    from shared.deps import get_deps
    from shared.ingest.client import ingest_path
    from shared.orchestration.client import ask
    from shared.sample.merchant import generate_merchant, write_merchant

    deps = get_deps()
    end = datetime.now(UTC).date() - timedelta(days=1)
    merchant = generate_merchant(seed=23, n_skus=40, end=end, days=400)
    files = write_merchant(merchant, Path(os.environ["ECOMINTEL_HOME"]) / "sample")
    for f in files:
        ingest_path(deps, f.path, "warm", f.kind.value)
    ask(deps, "Are we overpriced?", tenant="warm", use_cache=False)  # imports and one-time library set-up
    paths = ("cold", "warmed", "again")
    times: dict[str, list[float]] = {p: [] for p in paths}
    burners = start_load(LOAD)
    try:
        for rnd in range(ROUNDS):
            tenants = {p: f"pl-{p}-{rnd}" for p in ("cold", "warmed")}
            for tenant in tenants.values():
                for f in files:
                    ingest_path(deps, f.path, tenant, f.kind.value)
            drop_vocabulary(deps, tenants["cold"])
            for i, question in enumerate(QUESTIONS):
                for path, tenant in tenants.items():
                    if i == 0:  # the first question after the upload: cold or warmed
                        started = time.perf_counter()
                        ask(deps, question, tenant=tenant, use_cache=False)
                        times[path].append(time.perf_counter() - started)
                        print(f"round {rnd} {path:>7} {times[path][-1]:6.2f} s  {question}", flush=True)
                    started = time.perf_counter()
                    ask(deps, question, tenant=tenant, use_cache=False)
                    times["again"].append(time.perf_counter() - started)
                    print(f"round {rnd} {'again':>7} {times['again'][-1]:6.2f} s  {question} ({path})", flush=True)
    finally:
        stop_load(burners)
    print(f"\n{ROUNDS} rounds, {LOAD} CPU-bound processes beside; first question per fresh tenant, then every question")
    for path in paths:
        t = times[path]
        print(f"{path:>7}: p50 {pct(t, 0.5):.2f} s  p95 {pct(t, 0.95):.2f} s  max {max(t):.2f} s  (n={len(t)})")
    for q in (0.5, 0.95):
        print(
            f"ratio warmed / cold first question at p{round(q * 100)}: "
            f"{pct(times['warmed'], q) / pct(times['cold'], q):.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
