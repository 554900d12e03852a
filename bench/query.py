"""Quick-mode query latency on a seeded merchant in the embedded backend (uncached and cached).

Runs the real ``query`` function through the embedded runtime (auth, planning, parallel agents, synthesis,
cache). Uses the real agents when ``shared.<agent>.agent`` is importable, else the test runners in
``tests/fakes/agent_runners.py`` (said so in the output). Baseline: the same agents called directly in
sequence, in this process. Goal: p95 < 1 s uncached, < 50 ms cached.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "Which of my products are overpriced compared to competitors, and what happens to demand if I cut SKU-123 "
    "by 10%?",
    "Which of my products are overpriced compared to competitors?",
    "What are customers saying in their reviews?",
    "Forecast demand for the next 2 weeks",
    "Which products risk a stockout next month?",
    "Give me an overview",
]
# the bench measures the query path, not the API's per-key rate limits or log volume
for _key in ("TENANT", "KEY"):
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_PER_MINUTE", "1000000")
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_BURST", "1000000")
logging.getLogger().setLevel(logging.WARNING)

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
SKUS = int(os.environ.get("BENCH_SKUS", "60"))
DAYS = int(os.environ.get("BENCH_DAYS", "365"))


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) in milliseconds."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] * 1000


def main() -> None:
    """Seed, then time uncached and cached quick-mode questions."""
    home = tempfile.mkdtemp(prefix="bench-query-")
    os.environ["ECOMINTEL_HOME"] = home
    from shared.agents import registry
    from shared.deps import get_deps
    from shared.orchestration.executor import QUICK_AGENT_OPTIONS, agent_requests
    from shared.orchestration.router import route
    from shared.runtime.local import LocalRuntime
    from shared.security.principal import Role
    from shared.security.tokens import mint_token
    from tests.fakes.agent_runners import DOTTED
    from tests.fakes.merchant import AS_OF, seed_merchant

    note = "real agents"
    try:
        for name in ("pricing", "sentiment", "forecast"):
            registry.get_runner(name)
    except (ImportError, AttributeError) as exc:
        note = f"TEST RUNNERS (tests/fakes/agent_runners.py) - real agents not importable: {exc}"
        registry.AGENT_RUNNERS.update(DOTTED)

    deps = get_deps()
    seeded = seed_merchant(deps.warehouse, "bench", n_skus=SKUS, days=DAYS)
    rt = LocalRuntime(deps)
    headers = {"Authorization": "Bearer " + mint_token(deps.settings, subject="bench", tenant_id="bench",
                                                       role=Role.ANALYST)}

    def ask(q: str, use_cache: bool, check: bool = True) -> float:
        t = time.perf_counter()
        res = rt.call_http("query", "POST", "/v1/query", headers=headers,
                           json_body={"question": q, "as_of": AS_OF.isoformat(), "use_cache": use_cache})
        elapsed = time.perf_counter() - t
        missing = res.json()["report"]["missing"] if res.status == 200 else []
        if check and (res.status != 200 or any(m["status"] in ("failed", "timed_out") for m in missing)):
            raise SystemExit(f"bench query failed: {res.status} {missing or res.body[:300]!r}")
        return elapsed

    for q in QUESTIONS:  # warm-up: imports, function apps, DuckDB statement cache, agents' own caches
        ask(q, False, check=False)
    uncached = [ask(q, False) for _ in range(ROUNDS) for q in QUESTIONS]
    for q in QUESTIONS:
        ask(q, True)
    cached = [ask(q, True) for _ in range(ROUNDS) for q in QUESTIONS]

    baseline = []
    for _ in range(ROUNDS):
        for q in QUESTIONS:
            plan = route(q)
            t = time.perf_counter()
            for agent, req in agent_requests("bench", plan, as_of=AS_OF,
                                                       agent_options=QUICK_AGENT_OPTIONS).items():
                registry.get_runner(agent)(deps, req)
            baseline.append(time.perf_counter() - t)

    print(f"query bench: {len(QUESTIONS)} questions x {ROUNDS} rounds; merchant {seeded['counts']}; agents: {note}")
    print(f"{'case':<38}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}")
    for name, vals in (("quick mode, uncached (end to end)", uncached), ("quick mode, cached (end to end)", cached),
                       ("baseline: agents called in sequence", baseline)):
        print(f"{name:<38}{pct(vals, .5):>10.1f}{pct(vals, .95):>10.1f}{statistics.mean(vals) * 1000:>10.1f}")
    print(f"ratio uncached p50 / baseline p50: {pct(uncached, .5) / pct(baseline, .5):.2f}x")
    print(f"ratio cached p50 / uncached p50:   {pct(cached, .5) / pct(uncached, .5):.3f}x")
    ok_uncached = pct(uncached, .95) < 1000
    ok_cached = pct(cached, .95) < 50
    print(f"goal p95 < 1000 ms uncached: {'met' if ok_uncached else 'MISSED'}; "
          f"p95 < 50 ms cached: {'met' if ok_cached else 'MISSED'}")


if __name__ == "__main__":
    main()
