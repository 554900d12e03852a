from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from local_emulator import engines
from tests.fakes.ports import held_port


def test_detect_names_what_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(engines, "_sdk_roots", lambda: [tmp_path])
    monkeypatch.setattr(engines, "BQ_VENV", tmp_path / "no-venv")
    reasons = engines.detect()
    assert "google-cloud-cli" in (reasons["pubsub"] or "")
    assert "google-cloud-cli" in (reasons["firestore"] or "")
    assert "make venv-bq" in (reasons["bigquery"] or "")


def test_detect_finds_an_sdk_layout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "platform/pubsub-emulator/bin").mkdir(parents=True)
    (tmp_path / "platform/pubsub-emulator/bin/cloud-pubsub-emulator").write_text("")
    monkeypatch.setattr(engines, "_sdk_roots", lambda: [tmp_path])
    monkeypatch.setattr(engines.shutil, "which", lambda name: "/usr/bin/java" if name == "java" else None)
    assert engines.detect()["pubsub"] is None
    monkeypatch.setattr(engines.shutil, "which", lambda name: None)
    assert "Java" in (engines.detect()["pubsub"] or "")


def test_spawned_group_is_stopped(tmp_path: Path) -> None:
    # The leader says its child's pid once the child exists: stopping before that (python starts slowly on a
    # loaded machine) would test a group of one, which stopping the leader alone also passes.
    said = tmp_path / "grandchild.pid"
    leader = (
        "import os, subprocess, sys, time; "
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
        f"open({str(said)!r} + '.tmp', 'w').write(str(child.pid)); os.replace({str(said)!r} + '.tmp', "
        f"{str(said)!r}); time.sleep(60)"
    )
    proc = engines.spawn("sleeper", [sys.executable, "-c", leader], port=0, log_dir=tmp_path)
    engines.wait_until(said.exists, process=proc, timeout=60, what="sleeper")
    grandchild = engines.Process("grandchild", [], int(said.read_text()), 0, "")
    assert proc.alive() and grandchild.alive() and proc.start_ticks > 0
    proc.stop(timeout=5)
    assert not proc.alive() and not grandchild.alive()
    assert not engines._group_alive(proc.pid)
    # Nothing of the session still runs. The grandchild, orphaned, is reaped by init whenever init gets the CPU,
    # so on a loaded machine ps may still list it as a zombie (state Z): dead, holding nothing, not ours to reap.
    out = subprocess.run(["ps", "-o", "pid=,stat=", "-g", str(proc.pid)], capture_output=True, text=True, check=False)
    members = [line.split() for line in out.stdout.splitlines()]
    assert [pid for pid, stat in members if not stat.startswith("Z")] == []
    assert str(proc.pid) not in [pid for pid, _ in members]  # the leader, our child, is reaped by stop()


def test_wait_until_reports_a_dead_process_with_its_log(tmp_path: Path) -> None:
    proc = engines.spawn(
        "dies", [sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"], port=0, log_dir=tmp_path
    )
    with pytest.raises(RuntimeError, match="boom"):
        engines.wait_until(lambda: False, process=proc, timeout=30, what="dies")


def test_emulator_env_shapes() -> None:
    p = engines.Process("x", ["x"], 1, 1234, "log")
    env = engines.emulator_env({"pubsub": p, "firestore": p, "storage": p, "bigquery": p})
    assert env == {
        "PUBSUB_EMULATOR_HOST": "127.0.0.1:1234",
        "FIRESTORE_EMULATOR_HOST": "127.0.0.1:1234",
        "STORAGE_EMULATOR_HOST": "http://127.0.0.1:1234",
        "BIGQUERY_EMULATOR_HOST": "http://127.0.0.1:1234",
    }


@pytest.mark.parametrize(
    ("status", "content_type", "ready"),
    [
        (200, "application/json; charset=UTF-8", True),
        (404, "application/json", True),  # the emulator answering about a project it does not know yet
        (400, "text/html", False),  # another test's server on the port the emulator was given (seen in CI)
        (200, "text/html", False),
    ],
)
def test_an_engine_is_ready_only_when_it_answers_in_json(status: int, content_type: str, ready: bool) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from local_emulator.engines import json_ok

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.end_headers()
            self.wfile.write(b"{}" if "json" in content_type else b"<!doctype html>")

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert json_ok(f"http://127.0.0.1:{server.server_address[1]}/bigquery/v2/projects/p/datasets")() is ready
    finally:
        server.shutdown()
        server.server_close()


# --- each emulator is ready only when its own API answers (another server on its port is told apart) ------

_Answer = tuple[int, str, bytes]
_NOT_FOUND: _Answer = (404, "application/json", b'{"error":{"code":404,"message":"Not found","status":"NOT_FOUND"}}')
#: What each server answers (by path; anything else its 404), as measured against the real ones.
_SERVERS: dict[str, tuple[dict[str, _Answer], _Answer]] = {
    "pubsub": ({"/topics": (200, "application/json", b"{\n}\n")}, _NOT_FOUND),
    "pubsub with topics": (
        {"/topics": (200, "application/json", b'{"topics": [{"name": "projects/p/topics/t"}]}')},
        _NOT_FOUND,
    ),
    "firestore": ({"/documents/probe": (200, "application/json", b"{\n}\n")}, _NOT_FOUND),
    "firestore with documents": (
        {"/documents/probe": (200, "application/json", b'{"documents": [{"name": "x"}], "nextPageToken": "n"}')},
        _NOT_FOUND,
    ),
    "storage": (
        {"/storage/v1/b": (200, "application/json", b'{"kind":"storage#buckets"}\n')},
        (404, "text/plain; charset=utf-8", b"404 page not found\n"),
    ),
    "bigquery": (
        {"/datasets": (200, "application/json", b'{"kind": "bigquery#datasetList", "datasets": []}')},
        (404, "application/json", b'{"detail": "Not Found"}'),
    ),
    "functions-framework": ({}, (400, "text/html; charset=utf-8", b"<!doctype html><title>400 Bad Request</title>")),
    "java emulator root": ({}, (200, "", b"Ok\n")),
    "any json": ({}, (200, "application/json", b"{}")),
    "any google error": ({}, _NOT_FOUND),
}
_OWN = {
    "pubsub": ("pubsub", "pubsub with topics"),
    "firestore": ("firestore", "firestore with documents"),
    "storage": ("storage",),
}
_READY = {"pubsub": engines.pubsub_ready, "firestore": engines.firestore_ready, "storage": engines.storage_ready}


@contextlib.contextmanager
def _server(routes: dict[str, _Answer], default: _Answer) -> Iterator[tuple[int, list[str]]]:
    """An HTTP server on a free port answering a GET by the route its path ends with; its port, paths asked."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            asked.append(self.path)
            status, content_type, body = next((a for part, a in routes.items() if self.path.endswith(part)), default)
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield server.server_address[1], asked
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("engine", sorted(_READY))
@pytest.mark.parametrize("server", sorted(_SERVERS))
def test_an_emulator_is_ready_only_when_its_own_api_answers(engine: str, server: str) -> None:
    with _server(*_SERVERS[server]) as (port, asked):
        check = _READY[engine](port)
        if server in _OWN[engine]:
            assert check() is True
        else:  # another server holds the port: said at once, not after the start timeout
            with pytest.raises(engines.PortTaken, match="another server holds the port"):
                check()
    assert asked and all(path.startswith("/v1/projects/" if engine != "storage" else "/storage/v1/b") for path in asked)


@pytest.mark.parametrize("engine", sorted(_READY))
def test_an_emulator_not_listening_yet_or_failing_is_not_ready_yet(engine: str) -> None:
    assert _READY[engine](engines.free_port())() is False
    with _server({}, (503, "application/json", b"{}")) as (port, _):
        assert _READY[engine](port)() is False


def test_a_taken_port_stops_the_engine_and_is_chosen_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``on_a_free_port`` starts again on a new port when the first meets another server; the first is stopped."""
    with _server(*_SERVERS["functions-framework"]) as (taken, _), _server(*_SERVERS["storage"]) as (free, _):
        ports = iter([taken, free])
        monkeypatch.setattr(engines, "free_port", lambda: next(ports))
        started: list[engines.Process] = []

        def start(port: int) -> engines.Process:
            proc = engines.spawn(
                "sleeper", [sys.executable, "-c", "import time; time.sleep(60)"], port=port, log_dir=tmp_path
            )
            started.append(proc)
            engines.wait_until(engines.storage_ready(port), process=proc, timeout=30, what="fake-gcs-server")
            return proc

        proc = engines.on_a_free_port(start, None)
        try:
            assert proc.port == free and [p.port for p in started] == [taken, free]
            assert not started[0].alive()  # the engine that met the other server is stopped, not left behind
        finally:
            proc.stop()
        ports = iter([free])
        proc = engines.on_a_free_port(start, taken)  # a port the caller chose is tried first, then another
        try:
            assert proc.port == free and not started[-2].alive()
        finally:
            proc.stop()
        ports = iter([taken, taken])
        with pytest.raises(engines.PortTaken):  # bounded: the last attempt's failure is raised
            engines.on_a_free_port(start, taken, attempts=2)
        assert not started[-1].alive()


# --- a port held by a plain socket (nothing answers on it) is left for a fresh one --------------------------

#: A stand-in engine: binds its port as an HTTP server answering ``buckets.list`` as fake-gcs-server does; on a
#: bind failure it prints the OSError and exits (fake-gcs-server, Firestore, a function server) or stays up
#: (the Pub/Sub emulator, which keeps running when its bind fails).
_STAND_IN = """
import sys, time
from http.server import BaseHTTPRequestHandler, HTTPServer

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"kind": "storage#buckets"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

try:
    server = HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
except OSError as exc:
    print(f"bind failed: {exc}", flush=True)
    if sys.argv[2] == "stays-up":
        time.sleep(120)
    sys.exit(1)
server.serve_forever()
"""


@pytest.mark.parametrize("on_failure", ["exits", "stays-up"])
def test_a_port_held_by_a_socket_is_left_for_a_fresh_one(on_failure: str, tmp_path: Path) -> None:
    """The first attempt must fail on the held port; the engine is started again on a fresh port, soon."""
    attempts: list[engines.Process] = []

    def start(port: int) -> engines.Process:
        proc = engines.spawn(
            "stand-in", [sys.executable, "-c", _STAND_IN, str(port), on_failure], port=port, log_dir=tmp_path
        )
        attempts.append(proc)
        # a bind failure is told from the log at once, not after this timeout (the held socket never answers)
        engines.wait_until(engines.storage_ready(port), process=proc, timeout=60, what="stand-in")
        return proc

    with held_port() as held:
        started = time.monotonic()
        proc = engines.on_a_free_port(start, held)
        try:
            assert [p.port for p in attempts][0] == held and proc.port != held and len(attempts) == 2
            assert engines.storage_ready(proc.port)() is True
            assert not attempts[0].alive()  # the attempt that failed (even one still running) is stopped
            assert time.monotonic() - started < 30
        finally:
            proc.stop()


def test_a_second_port_held_by_a_socket_is_chosen_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An engine with a second port (BigQuery's gRPC one, chosen inside ``start``) gets both anew."""
    with held_port() as held:
        chosen = engines.free_port
        seconds = iter([held])
        attempts: list[tuple[int, int]] = []

        def start(port: int) -> engines.Process:
            second = next(seconds, None) or chosen()
            attempts.append((port, second))
            proc = engines.spawn(
                "two-ports", [sys.executable, "-c", _STAND_IN, str(second), "exits"], port=port, log_dir=tmp_path
            )
            engines.wait_until(engines.storage_ready(second), process=proc, timeout=60, what="two-ports")
            return proc

        proc = engines.on_a_free_port(start, chosen())
        try:
            assert len(attempts) == 2 and attempts[0][1] == held and held not in attempts[1]
            assert attempts[1][0] != attempts[0][0]  # the first port is given up too: the attempt is made anew
        finally:
            proc.stop()


def test_a_failure_other_than_a_taken_port_is_not_retried(tmp_path: Path) -> None:
    attempts: list[int] = []

    def start(port: int) -> engines.Process:
        attempts.append(port)
        proc = engines.spawn(
            "broken", [sys.executable, "-c", "raise SystemExit('no such table')"], port=port, log_dir=tmp_path
        )
        engines.wait_until(lambda: False, process=proc, timeout=30, what="broken")
        return proc

    with pytest.raises(RuntimeError, match="no such table"):
        engines.on_a_free_port(start)
    assert len(attempts) == 1


def test_a_bind_failure_is_read_from_this_start_of_the_log_only(tmp_path: Path) -> None:
    first = engines.spawn(
        "engine",
        [sys.executable, "-c", "print('OSError: [Errno 98] Address already in use')"],
        port=0,
        log_dir=tmp_path,
    )
    _exited(first)
    assert engines.bind_failure(first) == "OSError: [Errno 98] Address already in use"
    second = engines.spawn("engine", [sys.executable, "-c", "print('listening')"], port=0, log_dir=tmp_path)
    assert second.log == first.log and second.log_offset > 0
    _exited(second)
    assert engines.bind_failure(second) is None


def _exited(proc: engines.Process, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while proc.alive():
        assert time.monotonic() < deadline, f"{proc.name} still running"
        time.sleep(0.05)
        engines._reap(proc.pid)


def test_free_ports_are_chosen_below_the_ephemeral_range() -> None:
    """Outgoing connections and every ``bind(0)`` take their ports in the ephemeral range: ours stay out of it."""
    ephemeral = engines.ephemeral_ports()
    if ephemeral.start - engines.LOWEST_PORT <= 1000:
        pytest.skip(f"the ephemeral range {ephemeral.start}-{ephemeral.stop - 1} leaves no room below it")
    ports = [engines.free_port() for _ in range(20)]
    assert len(set(ports)) == 20 and all(engines.LOWEST_PORT <= p < ephemeral.start for p in ports)


# --- a server with no endpoint of ours (a bundle's own functions-framework) -----------------------------------


def test_a_server_with_no_endpoint_of_ours_is_ready_only_when_its_own_process_listens(tmp_path: Path) -> None:
    """A connection alone reaches whoever took the port: the listener must be the started process's socket."""
    with held_port() as held:
        other = engines.spawn(
            "stand-in", [sys.executable, "-c", _STAND_IN, str(held), "stays-up"], port=held, log_dir=tmp_path
        )
        try:  # this test process holds the port: the stand-in's check says so at once, not after a timeout
            with pytest.raises(engines.PortTaken, match="another server holds the port"):
                engines.listening_as(held, other.pid, "stand-in")()
        finally:
            other.stop()
    port = engines.free_port()
    assert engines.listening_as(port, os.getpid(), "nobody")() is False  # nothing listens yet
    proc = engines.spawn("stand-in", [sys.executable, "-c", _STAND_IN, str(port), "exits"], port=port, log_dir=tmp_path)
    try:
        engines.wait_until(engines.listening_as(port, proc.pid, "stand-in"), process=proc, timeout=60, what="stand-in")
        with pytest.raises(engines.PortTaken):  # the same listener, asked for as another process's
            engines.listening_as(port, os.getpid(), "this process")()
    finally:
        proc.stop()


def test_a_process_spawned_without_our_environment_gets_only_its_own(tmp_path: Path) -> None:
    proc = engines.spawn(
        "env",
        [sys.executable, "-c", "import os; print(sorted(os.environ))"],
        port=0,
        log_dir=tmp_path,
        env={"ONLY": "1"},
        inherit_environ=False,
        log_path=tmp_path / "own.log",
    )
    _exited(proc)
    assert proc.log == str(tmp_path / "own.log")
    assert "'ONLY'" in Path(proc.log).read_text() and "PATH" not in Path(proc.log).read_text().replace("'ONLY'", "")
