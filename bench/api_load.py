"""Loopback load test of ``ecomintel serve``'s app, with ratios to a bare functions-framework hello handler.

One server process (waitress, the threads ``ecomintel serve`` uses) serves the gateway over a fresh embedded
home with a signed-up merchant and a small sales file, and, under the same server, a bare functions-framework
``hello`` handler at ``/__hello``. This process drives it with keep-alive connections (one thread and one
``http.client`` connection each) for a fixed time per scenario, and prints req/s, p50/p99 and 5xx for each,
the ratio to the hello handler at the same concurrency, the server's RSS over the run, and the goals of
issue #19 with PASS/FAIL:

- simple authenticated reads (``GET /v1/me``, ``GET /v1/alerts``) >= 1,000 req/s with p99 <= 100 ms at 32
  connections;
- a cached question (``POST /v1/query``, the same question) >= 300 req/s;
- no 5xx, and no unbounded memory growth over the soak run (RSS sampled; the last third may not exceed the
  first third by more than 10%).

Usage: ``python bench/api_load.py [--seconds 10] [--soak 60] [--connections 32] [--threads 8]``. Rate limits
are raised for the run (the point is the server's cost, not the limiter's refusals).
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
HELLO_PATH = "/__hello"
SLICE_SECONDS = 2.0
QUESTION = "What were total sales last month?"
HELLO_SOURCE = '''import functions_framework


@functions_framework.http
def hello(request):
    return "hello"
'''


# ------------------------------------------------------------------------------------------- server side


def _serve(threads: int) -> None:
    """Server process: set up a home, then serve the gateway (and the hello handler) on a free port."""
    import functions_framework
    from waitress.server import create_server
    from werkzeug.test import Client

    from shared.deps import get_deps
    from shared.ingest.client import ingest_path
    from shared.observability.logs import configure_logging
    from shared.runtime.access_log import AccessLog
    from shared.runtime.gateway import create_gateway
    from shared.runtime.worker import BusPump

    configure_logging("WARNING")
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" under load is no fault
    gateway = create_gateway()
    deps = get_deps()
    client = Client(gateway)
    credentials = {"email": "load@example.com", "password": "load-test-password-1"}
    client.post("/v1/auth/signup", json={**credentials, "tenant_name": "Load"})
    token = client.post("/v1/auth/login", json=credentials).get_json()["access_token"]
    tenant = client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()["tenant_id"]
    sales = Path(tempfile.mkdtemp()) / "sales.csv"
    with sales.open("w") as out:
        out.write("date,sku,units,unit_price\n")
        for i in range(3000):
            out.write(f"2026-{i % 11 + 1:02d}-{i % 28 + 1:02d},SKU-{i % 40:03d},{i % 5 + 1},{9.5 + i % 7}\n")
    ingest_path(deps, sales, tenant, "sales")
    hello_dir = Path(tempfile.mkdtemp())
    (hello_dir / "main.py").write_text(HELLO_SOURCE)
    hello = functions_framework.create_app("hello", str(hello_dir / "main.py"), "http")

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO") == HELLO_PATH:
            return hello(environ, start_response)
        return gateway(environ, start_response)

    devnull = open(os.devnull, "w")  # noqa: SIM115  # the access log's cost is measured, its lines dropped
    server = create_server(AccessLog(app, devnull), host="127.0.0.1", port=0, threads=threads)
    pump = BusPump(deps).start()
    sys.stdout.write(json.dumps({"port": server.effective_port, "token": token}) + "\n")
    sys.stdout.flush()
    try:
        server.run()
    finally:
        pump.stop()


# ------------------------------------------------------------------------------------------- client side


@dataclass
class Result:
    """What one scenario measured."""

    name: str
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    def merge(self, other: Result) -> None:
        """Add another slice of the same scenario."""
        self.seconds += other.seconds
        self.latencies.extend(other.latencies)
        self.errors += other.errors
        for status, n in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + n

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


def _drive(port: int, method: str, path: str, headers: dict[str, str], body: bytes | None, connections: int,
           seconds: float, name: str) -> Result:
    stop_at = time.monotonic() + seconds
    per_thread: list[tuple[list[float], dict[int, int], int]] = []
    lock = threading.Lock()

    def worker() -> None:
        latencies: list[float] = []
        statuses: dict[int, int] = {}
        errors = 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            start = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            latencies.append(time.perf_counter() - start)
            statuses[resp.status] = statuses.get(resp.status, 0) + 1
        conn.close()
        with lock:
            per_thread.append((latencies, statuses, errors))

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = Result(name, time.monotonic() - started)
    for latencies, statuses, errors in per_thread:
        result.latencies.extend(latencies)
        result.errors += errors
        for status, n in statuses.items():
            result.statuses[status] = result.statuses.get(status, 0) + n
    return result


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _line(result: Result, hello: Result | None) -> str:
    ratio = f"{result.rps / hello.rps:6.2f}x hello" if hello and hello.rps else ""
    codes = ",".join(f"{s}:{n}" for s, n in sorted(result.statuses.items()))
    return (f"{result.name:<28} {result.rps:8.0f} req/s  p50 {result.pct(0.50):7.1f} ms  p99 {result.pct(0.99):7.1f} ms"
            f"  5xx {result.server_errors}  errors {result.errors}  [{codes}]  {ratio}")


def main(argv: list[str] | None = None) -> int:
    """Run the load test and print the figures and the goals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="Length of each scenario.")
    parser.add_argument("--soak", type=float, default=60.0, help="Length of the mixed run sampling RSS.")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=8, help="Server threads (as ecomintel serve).")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        _serve(args.threads)
        return 0

    home = Path(tempfile.mkdtemp(prefix="api-load-")) / "home"
    env = {**os.environ, "ECOMINTEL_HOME": str(home), "ECOMINTEL_BCRYPT_ROUNDS": "4",
           "PYTHONPATH": str(REPO), "ECOMINTEL_LOG_LEVEL": "WARNING"}
    for name in ("TENANT", "KEY", "PUBLIC"):
        env[f"ECOMINTEL_RATE_LIMIT_{name}_PER_MINUTE"] = "100000000"
        env[f"ECOMINTEL_RATE_LIMIT_{name}_BURST"] = "100000000"
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--threads", str(args.threads)], cwd=REPO,
                              env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        ready = json.loads(server.stdout.readline())
        port, token = int(ready["port"]), str(ready["token"])
        auth = {"Authorization": f"Bearer {token}"}
        query = json.dumps({"question": QUESTION}).encode()
        query_headers = {**auth, "Content-Type": "application/json"}
        warm = _drive(port, "POST", "/v1/query", query_headers, query, 1, 1.0, "warm-up")  # fills the cache
        if warm.statuses.get(200, 0) == 0:
            sys.stderr.write(f"the question was not answered: {warm.statuses}\n")
        c = args.connections
        print(f"api_load: {c} connections, {args.seconds:g} s a scenario, server threads {args.threads}, "
              f"cores {os.cpu_count()}; each scenario interleaved with the hello handler in {SLICE_SECONDS:g} s "
              "slices, so a ratio compares like with like on a shared machine")
        scenarios = [("GET /v1/me", "GET", "/v1/me", auth, None),
                     ("GET /v1/alerts", "GET", "/v1/alerts", auth, None),
                     ("POST /v1/query (cached)", "POST", "/v1/query", query_headers, query)]
        measured: dict[str, Result] = {}
        for name, method, path, headers, body in scenarios:
            hello = Result(f"  hello beside {name.split()[-1]}", 0.0)
            result = Result(name, 0.0)
            for _ in range(max(1, round(args.seconds / SLICE_SECONDS))):
                hello.merge(_drive(port, "GET", HELLO_PATH, {}, None, c, SLICE_SECONDS, hello.name))
                result.merge(_drive(port, method, path, headers, body, c, SLICE_SECONDS, name))
            print(_line(result, hello))
            print(_line(hello, None))
            measured[name] = result
        me, alerts, cached = (measured[name] for name, *_ in scenarios)

        samples: list[int] = []
        done = threading.Event()

        def sample() -> None:
            while not done.wait(1.0):
                samples.append(_rss_kib(server.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        soak = _drive(port, "GET", "/v1/alerts", auth, None, c, args.soak, f"soak GET /v1/alerts {args.soak:g}s")
        done.set()
        sampler.join()
        print(_line(soak, None))
        third = max(1, len(samples) // 3)
        first, last = sum(samples[:third]) / third, sum(samples[-third:]) / third
        print(f"server RSS over the soak: first third {first / 1024:.0f} MiB, last third {last / 1024:.0f} MiB, "
              f"max {max(samples) / 1024:.0f} MiB ({len(samples)} samples)")

        goals = [
            ("authenticated reads >= 1000 req/s", min(me.rps, alerts.rps) >= 1000),
            ("authenticated reads p99 <= 100 ms", max(me.pct(0.99), alerts.pct(0.99)) <= 100),
            ("cached question >= 300 req/s", cached.rps >= 300),
            ("no 5xx", all(r.server_errors == 0 and r.errors == 0 for r in (me, alerts, cached, soak))),
            ("no unbounded memory growth (last third <= first third + 10%)", last <= first * 1.10),
        ]
        for name, ok in goals:
            print(f"{'PASS' if ok else 'FAIL'}  {name}")
        return 0
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    raise SystemExit(main())
