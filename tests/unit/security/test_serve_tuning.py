"""``ecomintel serve`` prepares its interpreter for a short latency tail (#19 load goal).

Before: every function was imported on its first request and the collector's full collections walked every
long-lived object (80-500 ms pauses under ``bench/api_load.py``).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
import requests

from shared.cli import serve
from shared.runtime import local
from shared.runtime.gateway import create_gateway


@pytest.fixture
def restored_interpreter() -> Iterator[None]:
    yield
    gc.unfreeze()


def test_objects_alive_at_start_up_leave_the_collectors_sight(restored_interpreter: None) -> None:
    long_lived = [[i] for i in range(10_000)]  # tracked containers, like a loaded app's
    before = gc.get_freeze_count()
    serve.tune_interpreter()
    assert gc.get_freeze_count() - before >= len(long_lived)
    collectable = {id(x) for generation in range(3) for x in gc.get_objects(generation=generation)}
    assert not any(id(x) in collectable for x in long_lived)


def test_every_served_function_is_imported_before_the_first_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "_apps", {})
    gateway = create_gateway()
    served = {name for name in gateway.functions.values() if gateway.available(name)}
    assert served and serve.load_functions(gateway) == len(served)
    assert set(local._apps) == served


def _serve_in_background(app: object) -> tuple[object, str]:
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=2)
    threading.Thread(target=server.run, daemon=True).start()
    return server, f"http://127.0.0.1:{server.effective_port}"


def test_an_idle_server_stops_cleanly() -> None:
    server, base = _serve_in_background(lambda environ, start: (start("200 OK", []), [b"ok"])[1])
    assert requests.get(base, timeout=5).text == "ok"
    assert serve.stop_serving(server, None, grace_seconds=5)


def test_a_request_still_running_after_the_grace_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    """Without the check the process finalised under a thread inside an engine and aborted in C++."""
    entered, release = threading.Event(), threading.Event()

    def slow(environ: dict[str, object], start: object) -> list[bytes]:
        entered.set()
        release.wait(30)
        start("200 OK", [])  # type: ignore[operator]
        return [b"late"]

    server, base = _serve_in_background(slow)
    requester = threading.Thread(target=lambda: requests.get(base, timeout=60), daemon=True)
    requester.start()
    # the request is in the handler (not "probably, after half a second": on a loaded machine it was not yet)
    assert entered.wait(60)
    with caplog.at_level("WARNING"):
        try:
            assert not serve.stop_serving(server, None, grace_seconds=1)
            assert "serve stopped with work in flight" in caplog.text
        finally:
            # the late request ends on a closed server (in a real stop the process exits first): waitress logs
            # that here, inside the capture, not into the rest of the run's output
            release.set()
            requester.join(10)
            for worker in [t for t in threading.enumerate() if t.name.startswith("waitress-")]:
                worker.join(10)  # the server's thread ends after its client: its error is logged then
