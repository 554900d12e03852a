"""A port another server took between ``free_port`` and the engine's bind is chosen again, on the real engines.

CI saw a functions-framework server answer an emulator's readiness check: ports are chosen free, then bound
later by processes starting in parallel. Each engine's readiness check knows its own API's answer, so the
first attempt meets the other server, is stopped, and the engine starts on another port. The Pub/Sub
emulator is the case that matters most: it keeps running when its bind fails, so only the check can tell.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from local_emulator import engines
from tests.fakes.ports import held_port as held

pytestmark = [pytest.mark.emulator, pytest.mark.xdist_group("emulators")]

START: dict[str, Callable[[Path], engines.Process]] = {
    "pubsub": lambda log_dir: engines.start_pubsub(log_dir),
    "firestore": lambda log_dir: engines.start_firestore(log_dir),
    "storage": lambda log_dir: engines.start_storage(log_dir),
}
READY = {"pubsub": engines.pubsub_ready, "firestore": engines.firestore_ready, "storage": engines.storage_ready}


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port held by an HTTP server answering as a functions-framework server does (HTML 400)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            self.send_response(400)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"<!doctype html><title>400 Bad Request</title>")

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("engine", sorted(START))
def test_an_engine_given_a_taken_port_starts_on_another(
    engine: str, taken_port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if reason := engines.detect()[engine]:
        pytest.skip(f"{engine} emulator unavailable: {reason}")
    chosen = engines.free_port
    ports = iter([taken_port])
    monkeypatch.setattr(engines, "free_port", lambda: next(ports, None) or chosen())
    proc = START[engine](tmp_path)
    try:
        assert proc.port != taken_port
        assert READY[engine](proc.port)() is True
        # the first attempt is stopped, not left running beside the server that holds its port
        running = subprocess.run(["ps", "-eo", "stat=,args="], capture_output=True, text=True, check=True).stdout
        assert [line for line in running.splitlines() if str(taken_port) in line and not line.startswith("Z")] == []
    finally:
        proc.stop()


@pytest.fixture
def held_port() -> Iterator[int]:
    """A port held by a listening socket that never accepts: nothing answers, the engine's bind fails."""
    with held() as port:
        yield port


def test_bigquery_whose_grpc_port_is_held_starts_on_fresh_ports(
    held_port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI: ``Failed to bind to address 127.0.0.1:45191`` (bqemulator's gRPC port), and the emulator exited."""
    if reason := engines.detect()["bigquery"]:
        pytest.skip(f"bigquery emulator unavailable: {reason}")
    chosen = engines.free_port
    ports = iter([held_port])  # the first attempt's gRPC port is taken
    monkeypatch.setattr(engines, "free_port", lambda: next(ports, None) or chosen())
    proc = engines.start_bigquery(tmp_path, project="grpc-held", port=chosen())  # as the stack gives its REST port
    try:
        assert proc.extra["grpc_port"] != held_port
        assert engines.json_ok(f"http://127.0.0.1:{proc.port}/bigquery/v2/projects/grpc-held/datasets")() is True
        assert "Failed to bind to address" in Path(proc.log).read_text()  # the first attempt did meet the held port
    finally:
        proc.stop()


def test_a_stack_whose_pubsub_port_is_held_tells_its_processes_the_port_it_got(
    held_port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ports are chosen before the processes start: an engine that moved is the one every process is told of."""
    from local_emulator import stack
    from tests.e2e.cloud.conftest import FIXTURES, skip_reason

    if reason := skip_reason():
        pytest.skip(f"emulator stack unavailable: {reason}")
    chosen = engines.free_port
    ports = iter([held_port])  # the stack's first port is the Pub/Sub emulator's
    monkeypatch.setattr(engines, "free_port", lambda: next(ports, None) or chosen())
    state_dir = tmp_path / "stack"
    state = stack.up(
        state_dir=state_dir,
        manifest_path=FIXTURES / "manifest.yaml",
        functions_dir=FIXTURES,
        project="held-pubsub",
        only=["fixture_echo"],
    )
    try:
        pubsub_host = state.env["PUBSUB_EMULATOR_HOST"]
        assert pubsub_host != f"127.0.0.1:{held_port}"
        assert engines.pubsub_ready(int(pubsub_host.rsplit(":", 1)[1]))() is True
        for name in ("storage", "function:fixture_echo"):  # notifications and the function's clients
            environ = Path(f"/proc/{state.processes[name]['pid']}/environ").read_bytes().split(b"\0")
            assert f"PUBSUB_EMULATOR_HOST={pubsub_host}".encode() in environ, name
    finally:
        stack.down(state_dir)
