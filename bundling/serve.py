"""Run an unpacked bundle the way the platform does: ``functions-framework`` from the bundle's own venv.

The bundle directory is the working directory and the source, and nothing of the repository is on
``sys.path`` (``PYTHONPATH`` is never passed through).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bundling.probes import Probe
from shared.manifest import FunctionSpec

HOST = "127.0.0.1"
# Passed through from the caller's environment; everything else comes from ``env``. PYTHONPATH never is.
_INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


@dataclass
class Served:
    """A running function process."""

    process: subprocess.Popen[bytes]
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def function_environ(spec: FunctionSpec, env: Mapping[str, str]) -> dict[str, str]:
    """The process environment: a few inherited basics, the manifest's env, the caller's, the target."""
    out = {k: os.environ[k] for k in _INHERITED if k in os.environ}
    out.update(spec.env)
    out.update(env)
    out.update({"K_SERVICE": spec.name, "FUNCTION_TARGET": spec.entry_point, "PYTHONUNBUFFERED": "1"})
    out.pop("PYTHONPATH", None)
    return out


@contextmanager
def serve(spec: FunctionSpec, source: Path, venv: Path, env: Mapping[str, str], *, log: Path,
          timeout_s: float = 120.0) -> Iterator[Served]:
    """Start ``spec`` from the unpacked bundle ``source`` with ``venv``; stop it (its process group) on exit."""
    port = _free_port()
    argv = [str(venv / "bin" / "functions-framework"), "--target", spec.entry_point, "--source",
            str(source / "main.py"), "--signature-type", spec.signature_type, "--host", HOST, "--port", str(port)]
    started = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, cwd=source, env=function_environ(spec, env), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = started + timeout_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{spec.name} exited with {proc.returncode}:\n{log.read_text()[-4000:]}")
            try:
                socket.create_connection((HOST, port), timeout=0.5).close()
                break
            except OSError:
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"{spec.name} did not listen within {timeout_s}s") from None
                time.sleep(0.05)
        yield Served(proc, f"http://{HOST}:{port}", time.perf_counter() - started, log)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@dataclass(frozen=True)
class Answer:
    """What a probe got back."""

    status: int
    body: bytes
    seconds: float


def send(base_url: str, probe: Probe, *, timeout_s: float = 120.0) -> Answer:
    """Send ``probe`` and return the answer (HTTP errors are answers too)."""
    req = urllib.request.Request(base_url + probe.path, data=probe.body or None, method=probe.method,
                                 headers=probe.headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:  # noqa: S310 - a local test server
            return Answer(resp.status, resp.read(), time.perf_counter() - started)
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, exc.read(), time.perf_counter() - started)
