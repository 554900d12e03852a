"""Loopback load test of ``ecomintel serve``'s app, with ratios to a bare functions-framework hello handler.

One server process (waitress, with the options and interpreter tuning ``ecomintel serve`` uses: every function
imported up front, start-up objects frozen out of the collector) serves the gateway
over a fresh embedded home with a signed-up merchant and a small sales file, and, under the same server, a bare
functions-framework ``hello`` handler at ``/__hello``. This process drives it with keep-alive connections for a
fixed time per scenario, at each connection count, interleaving each scenario with the hello handler in 2 s
slices, and prints req/s, p50/p99, 5xx, the ratio to the hello handler, and what explains a tail:

- the CPU the client and the server used (share of one core), and how long the server's threads were runnable
  but waiting for a CPU (``/proc/<pid>/task/*/schedstat``: the machine's other load), with the load average;
- the server's garbage-collection pauses by generation over the scenario.

The default client is one asyncio loop over raw sockets (a few % of a core at 2,000 req/s); ``--client threads``
is the earlier one (a thread and an ``http.client`` connection each, 2-3x the client CPU). Then a soak run
samples the server's RSS, and the goals of issue #19 print with PASS/FAIL (read at the largest connection
count):

- simple authenticated reads (``GET /v1/me``, ``GET /v1/alerts``) >= 1,000 req/s with p99 <= 100 ms at 32
  connections;
- a cached question (``POST /v1/query``, the same question) >= 300 req/s;
- no 5xx, and no unbounded memory growth over the soak run (RSS sampled; the last third may not exceed the
  first third by more than 10%).

Usage: ``python bench/api_load.py [--seconds 10] [--soak 60] [--connections 8,32] [--threads 8]
[--client asyncio|threads] [--untuned] [--only /v1/me,/v1/alerts]``. Rate limits are raised for the run (the
point is the server's cost, not the limiter's refusals).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
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
STATS_PATH = "/__stats"
SLICE_SECONDS = 2.0
QUESTION = "What were total sales last month?"
HELLO_SOURCE = '''import functions_framework


@functions_framework.http
def hello(request):
    return "hello"
'''


# ------------------------------------------------------------------------------------------- server side


class GcPauses:
    """The server's garbage-collection pauses by generation (gc.callbacks), read and reset at ``/__stats``."""

    def __init__(self) -> None:
        self.started = 0.0
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        gc.callbacks.append(self.callback)

    def callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self.started = time.perf_counter()
        else:
            self.pauses[info["generation"]].append(time.perf_counter() - self.started)

    def take(self) -> dict[str, Any]:
        out = {f"gen{g}": {"n": len(p), "total_ms": sum(p) * 1000, "max_ms": max(p, default=0) * 1000}
               for g, p in self.pauses.items()}
        self.pauses = {0: [], 1: [], 2: []}
        return {"gc": out, "frozen": gc.get_freeze_count(), "threshold": gc.get_threshold(),
                "switch_interval_ms": sys.getswitchinterval() * 1000}


def _serve(threads: int, tuned: bool) -> None:
    """Server process: set up a home, then serve the gateway (and the hello handler) on a free port."""
    import functions_framework
    from waitress.server import create_server
    from werkzeug.test import Client

    from shared.cli.serve import load_functions, serving_options, tune_interpreter
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

    pauses = GcPauses()

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO") == HELLO_PATH:
            return hello(environ, start_response)
        if environ.get("PATH_INFO") == STATS_PATH:
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(pauses.take()).encode()]
        return gateway(environ, start_response)

    devnull = open(os.devnull, "w")  # noqa: SIM115  # the access log's cost is measured, its lines dropped
    options = serving_options(threads) if tuned else {"threads": threads}
    server = create_server(AccessLog(app, devnull), host="127.0.0.1", port=0, **options)
    if tuned:  # as ecomintel serve does
        load_functions(gateway)
        tune_interpreter()
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
    client_cpu: float = 0.0
    server_cpu: float = 0.0
    server_waited: float = 0.0
    load: list[float] = field(default_factory=list)

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
        self.client_cpu += other.client_cpu
        self.server_cpu += other.server_cpu
        self.server_waited += other.server_waited
        self.load.extend(other.load)
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


def _request_bytes(port: int, method: str, path: str, headers: dict[str, str], body: bytes | None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", *(f"{k}: {v}" for k, v in headers.items())]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 response (Content-Length or chunked); return its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    lower = head.lower()
    at = lower.find(b"\r\ncontent-length:")
    if at >= 0:
        end = lower.index(b"\r\n", at + 2)
        await reader.readexactly(int(lower[at + 17:end]))
    elif b"\r\ntransfer-encoding: chunked" in lower:
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    return status


def _drive_async(port: int, method: str, path: str, headers: dict[str, str], body: bytes | None,
                 connections: int, seconds: float, name: str) -> Result:
    """Keep-alive connections on one asyncio loop (raw sockets): far less client CPU than a thread each."""
    request = _request_bytes(port, method, path, headers, body)
    result = Result(name, 0.0)

    async def connection(stop_at: float) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while time.monotonic() < stop_at:
            start = time.perf_counter()
            try:
                writer.write(request)
                status = await _read_response(reader)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                result.errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            result.latencies.append(time.perf_counter() - start)
            result.statuses[status] = result.statuses.get(status, 0) + 1
        writer.close()

    async def run() -> None:
        stop_at = time.monotonic() + seconds
        await asyncio.gather(*(connection(stop_at) for _ in range(connections)))

    started = time.monotonic()
    asyncio.run(run())
    result.seconds = time.monotonic() - started
    return result


def _cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _runqueue_seconds(pid: int) -> float:
    """Time the process's threads spent runnable but waiting for a CPU (``/proc/<pid>/task/*/schedstat``).

    A thread waiting for the GIL sleeps and is not counted: this is the machine's other load, not Python's.
    """
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[1])
        except (OSError, IndexError, ValueError):  # a thread that ended meanwhile
            continue
    return total / 1e9


def _measured(server_pid: int, drive: Any, *args: Any) -> Result:
    """Run one drive and note the CPU the client (this process) and the server used, the time the server waited
    for a CPU, and the load average."""
    load = os.getloadavg()[0]
    client0, server0, wait0 = time.process_time(), _cpu_seconds(server_pid), _runqueue_seconds(server_pid)
    result: Result = drive(*args)
    result.client_cpu = time.process_time() - client0
    result.server_cpu = _cpu_seconds(server_pid) - server0
    result.server_waited = _runqueue_seconds(server_pid) - wait0
    result.load = [load, os.getloadavg()[0]]
    return result


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _line(result: Result, hello: Result | None) -> str:
    ratio = f"{result.rps / hello.rps:6.2f}x hello" if hello and hello.rps else ""
    codes = ",".join(f"{s}:{n}" for s, n in sorted(result.statuses.items()))
    cpu = (f"cpu client {result.client_cpu / result.seconds:4.0%} server {result.server_cpu / result.seconds:4.0%}"
           f" (waited for a CPU {result.server_waited / result.seconds * 1000:3.0f} ms/s)" if result.seconds else "")
    load = f"load {min(result.load):.1f}-{max(result.load):.1f}" if result.load else ""
    return (f"{result.name:<28} {result.rps:6.0f} req/s  p50 {result.pct(0.50):6.1f} ms  p99 {result.pct(0.99):6.1f} ms"
            f"  5xx {result.server_errors}  errors {result.errors}  [{codes}]  {cpu}  {load}  {ratio}")


def _server_stats(port: int) -> dict[str, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", STATS_PATH)
        return dict(json.loads(conn.getresponse().read()))
    finally:
        conn.close()


def _gc_line(stats: dict[str, Any]) -> str:
    parts = [f"{g} {v['n']}x max {v['max_ms']:.1f} ms total {v['total_ms']:.0f} ms" for g, v in stats["gc"].items()]
    return "    server gc: " + "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Run the load test and print the figures and the goals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="Length of each scenario.")
    parser.add_argument("--soak", type=float, default=60.0, help="Length of the mixed run sampling RSS.")
    parser.add_argument("--connections", default="8,32", help="Connection counts, comma-separated (goals: the last).")
    parser.add_argument("--threads", type=int, default=8, help="Server threads (as ecomintel serve).")
    parser.add_argument("--client", choices=("asyncio", "threads"), default="asyncio",
                        help="asyncio: raw-socket keep-alive connections on one loop (light); threads: one "
                             "http.client connection per thread (the heavier client of earlier runs).")
    parser.add_argument("--untuned", action="store_true",
                        help="Serve without ecomintel serve's interpreter and waitress tuning, for comparison.")
    parser.add_argument("--only", default="", help="Only these paths (e.g. /v1/me,/v1/alerts); no soak, no goals.")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        _serve(args.threads, tuned=not args.untuned)
        return 0

    home = Path(tempfile.mkdtemp(prefix="api-load-")) / "home"
    env = {**os.environ, "ECOMINTEL_HOME": str(home), "ECOMINTEL_BCRYPT_ROUNDS": "4",
           "PYTHONPATH": str(REPO), "ECOMINTEL_LOG_LEVEL": "WARNING"}
    for name in ("TENANT", "KEY", "PUBLIC"):
        env[f"ECOMINTEL_RATE_LIMIT_{name}_PER_MINUTE"] = "100000000"
        env[f"ECOMINTEL_RATE_LIMIT_{name}_BURST"] = "100000000"
    serve_args = ["--serve", "--threads", str(args.threads)] + (["--untuned"] if args.untuned else [])
    server = subprocess.Popen([sys.executable, __file__, *serve_args], cwd=REPO, env=env, stdout=subprocess.PIPE,
                              text=True)
    drive = _drive_async if args.client == "asyncio" else _drive
    counts = [int(c) for c in str(args.connections).split(",")]
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
        _drive(port, "GET", "/v1/alerts", auth, None, 4, 1.0, "warm-up")
        stats = _server_stats(port)
        print(f"api_load: {args.seconds:g} s a scenario, connections {args.connections}, server threads "
              f"{args.threads}, {args.client} client, {'un' if args.untuned else ''}tuned server (gc frozen "
              f"{stats['frozen']}, threshold {stats['threshold']}, switch interval {stats['switch_interval_ms']:g} "
              f"ms), cores {os.cpu_count()}, load average {os.getloadavg()}; each scenario interleaved with the "
              f"hello handler in {SLICE_SECONDS:g} s slices, so a ratio compares like with like on a shared machine")
        scenarios = [("GET /v1/me", "GET", "/v1/me", auth, None),
                     ("GET /v1/alerts", "GET", "/v1/alerts", auth, None),
                     ("POST /v1/query (cached)", "POST", "/v1/query", query_headers, query)]
        measured: dict[str, Result] = {}
        for c in counts:
            for name, method, path, headers, body in scenarios:
                if args.only and path not in args.only.split(","):
                    continue
                label = f"{name} @{c}"
                hello = Result(f"  hello beside {name.split()[-1]} @{c}", 0.0)
                result = Result(label, 0.0)
                _server_stats(port)
                for _ in range(max(1, round(args.seconds / SLICE_SECONDS))):
                    hello.merge(_measured(server.pid, drive, port, "GET", HELLO_PATH, {}, None, c, SLICE_SECONDS,
                                          hello.name))
                    result.merge(_measured(server.pid, drive, port, method, path, headers, body, c,
                                           SLICE_SECONDS, label))
                print(_line(result, hello))
                print(_line(hello, None))
                print(_gc_line(_server_stats(port)))
                measured[name] = result  # the goals read the last (largest) connection count
        if args.only:
            return 0
        me, alerts, cached = (measured[name] for name, *_ in scenarios)

        samples: list[int] = []
        done = threading.Event()

        def sample() -> None:
            while not done.wait(1.0):
                samples.append(_rss_kib(server.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        soak = _measured(server.pid, drive, port, "GET", "/v1/alerts", auth, None, counts[-1], args.soak,
                         f"soak GET /v1/alerts {args.soak:g}s @{counts[-1]}")
        done.set()
        sampler.join()
        print(_line(soak, None))
        print(_gc_line(_server_stats(port)))
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
