"""Run an unpacked bundle the way the platform does: ``functions-framework`` from the bundle's own venv.

The bundle directory is the working directory and the source, and nothing of the repository is on
``sys.path`` (``PYTHONPATH`` is never passed through).
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bundling.probes import Probe
from local_emulator import engines
from shared.manifest import FunctionSpec

HOST = engines.HOST
# Passed through from the caller's environment; everything else comes from ``env``. PYTHONPATH never is.
_INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


@dataclass
class Served:
    """A running function process."""

    process: engines.Process
    url: str
    started_in_s: float
    log: Path

    def peak_rss_mb(self) -> float:
        """Largest peak resident set (VmHWM) over the server and its workers, in MiB (Linux)."""
        pids = [self.process.pid]
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        if children.exists():
            pids += [int(p) for p in children.read_text().split()]
        peak = 0
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
            except FileNotFoundError:
                continue
        return peak / 1024


def function_environ(spec: FunctionSpec, env: Mapping[str, str]) -> dict[str, str]:
    """The process environment: a few inherited basics, the manifest's env, the caller's, the target."""
    out = {k: os.environ[k] for k in _INHERITED if k in os.environ}
    out.update(spec.env)
    out.update(env)
    out.update({"K_SERVICE": spec.name, "FUNCTION_TARGET": spec.entry_point, "PYTHONUNBUFFERED": "1"})
    out.pop("PYTHONPATH", None)
    return out


def framework_args(spec: FunctionSpec, source: Path, port: int) -> list[str]:
    """The arguments of ``functions-framework`` (and of the emulator's function server) serving ``spec`` on ``port``."""
    return [
        "--target",
        spec.entry_point,
        "--source",
        str(source / "main.py"),
        "--signature-type",
        spec.signature_type,
        "--host",
        HOST,
        "--port",
        str(port),
    ]


@contextmanager
def serve(
    spec: FunctionSpec, source: Path, venv: Path, env: Mapping[str, str], *, log: Path, timeout_s: float = 120.0
) -> Iterator[Served]:
    """Start ``spec`` from the unpacked bundle ``source`` with ``venv``; stop it (its process group) on exit.

    Started as the emulator stack starts its processes (``local_emulator.engines``): on a port below the ephemeral
    range, ready only once this process holds the port and answers, and on a fresh port (at most 3 starts) when
    another process took the port between its choice and the bind (gunicorn says "Address already in use" and
    keeps retrying, while a plain connection reached the other server and counted it ready).
    """
    environ = function_environ(spec, env)

    def start(port: int) -> engines.Process:
        argv = [str(venv / "bin" / "functions-framework"), *framework_args(spec, source, port)]
        proc = engines.spawn(
            spec.name, argv, port=port, log_dir=log.parent, log_path=log, env=environ, cwd=source, inherit_environ=False
        )
        engines.wait_until(
            engines.listening_as(port, proc.pid, spec.name), process=proc, timeout=timeout_s, what=spec.name
        )
        return proc

    log.unlink(missing_ok=True)  # this run's output only (each attempt appends to it)
    started = time.perf_counter()
    proc = engines.on_a_free_port(start)
    try:
        yield Served(proc, f"http://{HOST}:{proc.port}", time.perf_counter() - started, log)
    finally:
        proc.stop()


@dataclass(frozen=True)
class Answer:
    """What a probe got back."""

    status: int
    body: bytes
    seconds: float


def send(base_url: str, probe: Probe, *, timeout_s: float = 120.0) -> Answer:
    """Send ``probe`` and return the answer (HTTP errors are answers too)."""
    req = urllib.request.Request(
        base_url + probe.path, data=probe.body or None, method=probe.method, headers=probe.headers
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:  # noqa: S310 - a local test server
            return Answer(resp.status, resp.read(), time.perf_counter() - started)
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, exc.read(), time.perf_counter() - started)
